// The reports `incimap run` reads when given no input: the files of
// examples/articles (short reports on real, dated Sahel incidents and a
// feed), embedded into the program so that the main job runs from any
// folder (job/embed.cmake).
#pragma once

#include "sources/document.hpp"

#include <vector>

namespace incimap::job {

// Where the embedded reports came from, for messages.
inline constexpr const char* default_reports_name = "examples/articles (embedded)";

// The documents of every embedded example file, in name order; each named
// examples/articles/FILE (a feed item: by its link). Warnings go to WARN.
std::vector<sources::Document> default_reports(const sources::WarningHandler& warn);

} // namespace incimap::job
