#include "extract/text_pieces.hpp"

#include <algorithm>

namespace incimap::extract {
namespace {

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Where to end a piece that starts at BEGIN and may not pass LIMIT bytes:
// after the last paragraph break, else the last sentence end, else the last
// space of its second half; else at the limit, outside any UTF-8 sequence.
std::size_t piece_end(std::string_view text, std::size_t begin, std::size_t limit) {
    const std::size_t hard = begin + limit;
    const std::size_t half = begin + limit / 2;
    const std::string_view window = text.substr(half, hard - half);
    if (const auto p = window.rfind("\n\n"); p != std::string_view::npos)
        return half + p + 2;
    if (const auto p = window.rfind('\n'); p != std::string_view::npos)
        return half + p + 1;
    for (std::size_t k = window.size(); k-- > 1;)
        if ((window[k - 1] == '.' || window[k - 1] == '!' || window[k - 1] == '?') && window[k] == ' ')
            return half + k + 1;
    if (const auto p = window.rfind(' '); p != std::string_view::npos)
        return half + p + 1;
    std::size_t end = hard;
    while (end > begin + 1 && continuation_byte(text[end]))
        --end;
    return end;
}

} // namespace

std::vector<TextPiece> split_into_pieces(std::string_view text, std::size_t limit) {
    limit = std::max<std::size_t>(limit, 8);
    std::vector<TextPiece> pieces;
    std::size_t begin = 0;
    while (text.size() - begin > limit) {
        const std::size_t end = piece_end(text, begin, limit);
        pieces.push_back({begin, end});
        begin = end;
    }
    pieces.push_back({begin, text.size()});
    return pieces;
}

} // namespace incimap::extract
