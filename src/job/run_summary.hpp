// What `incimap run` says at the end: the documents read and what became of
// each that gave nothing (no incident found, duplicate content,
// unreadable), the incidents added and merged, and where each output is.
#pragma once

#include "job/map_package.hpp"
#include "job/report_ingest.hpp"
#include "store/ingest.hpp"

#include <string>
#include <vector>

namespace incimap::job {

struct RunSummary {
    std::string inputs;                     // what was read, for the first line
    std::vector<DocumentReport> documents;  // every document, and every input that failed whole
    store::IngestCounts counts;
    std::string store;                      // the store's location
    std::int64_t stored = 0;                // incidents in the store afterwards
    MapPackage package;

    // Documents and inputs that could not be read.
    std::size_t unreadable() const;
};

// The summary as lines for stderr, each ended by "\n".
std::string format_summary(const RunSummary& summary);

} // namespace incimap::job
