#include "text/folded_text.hpp"

#include "text/fold.hpp"

#include <algorithm>
#include <numeric>

namespace incimap::text {
namespace {

// Decodes one UTF-8 character at text[i]; returns its length (0 when the
// bytes are not valid UTF-8) and stores the code point.
std::size_t decode(std::string_view text, std::size_t i, char32_t& cp) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char b0 = byte(i);
    std::size_t len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3
                    : (b0 >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > text.size())
        return 0;
    cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    return len;
}

// The folded replacement of a code point, or empty to copy it unchanged.
std::string_view folded_form(char32_t cp) {
    if (auto base = latin_base(cp); !base.empty())
        return base;
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x00B4: case 0x0060:
    case 0x2032: case 0x02BB:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:
        return "-";
    case 0x00A0: case 0x202F: case 0x2009: case 0x2007: case 0x200A:
        return " ";
    default:
        return {};
    }
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

} // namespace

std::size_t FoldedText::source_end(std::size_t folded_end) const {
    if (folded_end == 0)
        return origin[0];
    // The end of the source character that folded byte folded_end-1 came from.
    std::size_t last = origin[folded_end - 1];
    std::size_t k = folded_end;
    while (k < cased.size() && origin[k] == last)
        ++k;
    return origin[k];
}

FoldedText fold(std::string_view source) {
    FoldedText out;
    out.cased.reserve(source.size());
    out.origin.reserve(source.size() + 1);
    for (std::size_t i = 0; i < source.size();) {
        // ASCII, all but the backquote, folds to itself: most of a text,
        // copied a run at a time.
        std::size_t run = i;
        while (run < source.size() && static_cast<unsigned char>(source[run]) < 0x80 && source[run] != '`')
            ++run;
        if (run > i) {
            out.cased.append(source.substr(i, run - i));
            const std::size_t at = out.origin.size();
            out.origin.resize(at + (run - i));
            std::iota(out.origin.begin() + static_cast<std::ptrdiff_t>(at), out.origin.end(), i);
            i = run;
            continue;
        }
        char32_t cp = 0;
        std::size_t len = decode(source, i, cp);
        const std::string_view replacement = len == 0 ? std::string_view() : folded_form(cp);
        if (len == 0)
            len = 1;  // not UTF-8: copy the byte
        const std::string_view folded = replacement.empty() ? source.substr(i, len) : replacement;
        out.cased.append(folded);
        out.origin.insert(out.origin.end(), folded.size(), i);
        i += len;
    }
    out.origin.push_back(source.size());
    out.lower.resize(out.cased.size());
    std::transform(out.cased.begin(), out.cased.end(), out.lower.begin(), ascii_lower);
    return out;
}

std::string fold_lower(std::string_view text) { return fold(text).lower; }

} // namespace incimap::text
