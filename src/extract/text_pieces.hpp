// A long report read in pieces. The reader weighs a report as a whole (one
// name keeps one sense, a group named once is "the militants" later), and
// what it holds per report grows with the report; a text of tens of
// megabytes (a book, a dump pasted as one document) is therefore read as
// consecutive pieces of at most piece_byte_limit bytes, each cut at a
// paragraph break, else after a sentence end, else at a space, so that
// memory stays bounded and time grows in proportion to the text.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace incimap::extract {

// 1 MiB: some 150,000 words, longer than any news report or field note.
inline constexpr std::size_t piece_byte_limit = std::size_t(1) << 20;

struct TextPiece {
    std::size_t begin = 0;  // byte span in the text
    std::size_t end = 0;
};

// The pieces of TEXT, in order and covering it; one piece when the text is
// no longer than LIMIT. A piece is never cut inside a UTF-8 sequence.
std::vector<TextPiece> split_into_pieces(std::string_view text, std::size_t limit = piece_byte_limit);

} // namespace incimap::extract
