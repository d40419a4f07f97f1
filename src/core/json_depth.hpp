// A bound on how deeply a JSON document may nest. Documents are parsed
// without recursion, but copying, comparing, printing and compiling them
// (style expressions) recurse once per level: a style nested 100,000
// levels deep would overflow the stack. Every JSON reader checks a
// document with check_json_depth() before parsing it.
#pragma once

#include <cstddef>
#include <string_view>

namespace incimap {

// Deeper than any style, TileJSON, GeoJSON or report batch needs; shallow
// enough for the recursive walks on any thread's stack.
constexpr std::size_t json_depth_limit = 256;

// Throws InputError naming ORIGIN, the byte offset and the limit when the
// arrays and objects of TEXT nest deeper than LIMIT (brackets inside strings
// do not count). Does not check that TEXT is JSON. Cost: one pass, O(size).
void check_json_depth(std::string_view text, std::string_view origin,
                      std::size_t limit = json_depth_limit);

} // namespace incimap
