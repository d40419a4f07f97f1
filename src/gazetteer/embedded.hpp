// The embedded default gazetteer: the index of the West-Africa dumps under
// gazetteer/ at the top of the source tree, built when incimap is built
// (embed.cmake) and linked into the program's read-only data. Using it costs
// no parsing: pages are touched as lookups need them.
#pragma once

#include "gazetteer/index.hpp"

#include <string_view>

namespace incimap::gazetteer {

// The resource name of the embedded index (core/resources.hpp).
inline constexpr std::string_view embedded_index_resource = "gazetteer/west-africa.index";

// Throws Error when this program was built without it.
Index embedded_index();

} // namespace incimap::gazetteer
