// Lines read with a limit: a reader of lines must not grow without bound on
// an input that never ends a line (a device that reads no end, a binary file,
// a report of one endless line).
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

namespace incimap {

// The longest line of a JSON Lines batch: a document's limit (64 MiB).
inline constexpr std::size_t batch_line_limit = std::size_t(64) << 20;

// "64 MiB", "1 KiB", "123 bytes": a limit in words.
std::string byte_size_words(std::size_t bytes);

// Reads the next line of IN into LINE, without its '\n'. Returns false at
// the end of the input when nothing is left. Throws InputError
// "NAME:LINE_NO: line longer than LIMIT (the limit of a line)" once the line
// holds more than max_bytes, having read at most max_bytes + 1 of its bytes;
// the stream then stands inside that line. Cost: linear in the line's length.
bool read_line_bounded(std::istream& in, std::string& line, std::size_t max_bytes, std::string_view name,
                       long line_no);

} // namespace incimap
