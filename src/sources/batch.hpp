// Batches of reports as JSON Lines: one JSON object per line,
//   {"id": "...", "text": "...", "published": "YYYY-MM-DD", "title": "...", "url": "..."}
// Only "text" is required. A line that is not such an object (bad JSON, no
// text, a published date that is not YYYY-MM-DD) is reported through the
// warning handler as "origin:line: what" and skipped; the other lines go
// through. Blank lines are ignored.
#pragma once

#include "sources/document.hpp"

#include <functional>
#include <istream>
#include <string_view>
#include <vector>

namespace incimap::sources {

// Bad lines in a row after which a batch is taken for something else.
inline constexpr std::size_t bad_lines_in_a_row_limit = 10;

// Reads in one pass, calling emit for each good line: memory stays that of
// one line. Documents without an id get "origin:line". Returns how many
// lines were skipped. Throws InputError when the stream fails while reading
// and when a line is longer than batch_line_limit (64 MiB), naming the line:
// an input that never ends a line is not read without bound. Throws it too,
// and reads no further, at a line with a NUL byte (binary data, which JSON
// never holds) and at the bad_lines_in_a_row_limit-th skipped line in a
// row (a file of something else): the documents emitted before stand.
// A line that is no document goes to SKIPPED as the failure of
// "origin:line" when SKIPPED is given, else to WARN.
std::size_t read_json_lines(std::istream& in, std::string_view origin,
                            const std::function<void(Document&&)>& emit, const WarningHandler& warn,
                            const FailureHandler& skipped = {});

// The same, collected.
std::vector<Document> documents_from_json_lines(std::istream& in, std::string_view origin,
                                                const WarningHandler& warn);

} // namespace incimap::sources
