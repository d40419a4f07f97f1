#include "extract/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <numeric>

namespace incimap::extract {
namespace {

// Base letters of U+00C0..U+017F ("" keeps the character unchanged).
constexpr std::array<const char*, 192> latin_base = {
    // U+00C0
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
    "D", "N", "O", "O", "O", "O", "O", "", "O", "U", "U", "U", "U", "Y", "TH", "ss",
    // U+00E0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    // U+0100
    "A", "a", "A", "a", "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d",
    "D", "d", "E", "e", "E", "e", "E", "e", "E", "e", "E", "e", "G", "g", "G", "g",
    // U+0120
    "G", "g", "G", "g", "H", "h", "H", "h", "I", "i", "I", "i", "I", "i", "I", "i",
    "I", "i", "IJ", "ij", "J", "j", "K", "k", "k", "L", "l", "L", "l", "L", "l", "L",
    // U+0140
    "l", "L", "l", "N", "n", "N", "n", "N", "n", "n", "N", "n", "O", "o", "O", "o",
    "O", "o", "OE", "oe", "R", "r", "R", "r", "R", "r", "S", "s", "S", "s", "S", "s",
    // U+0160
    "S", "s", "T", "t", "T", "t", "T", "t", "U", "u", "U", "u", "U", "u", "U", "u",
    "U", "u", "U", "u", "W", "w", "Y", "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s",
};

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

// The folded replacement of a code point, or nullptr to copy it unchanged.
const char* folded_form(char32_t cp) {
    if (cp >= 0xC0 && cp <= 0x17F) {
        const char* base = latin_base[cp - 0xC0];
        return *base ? base : nullptr;
    }
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
        return nullptr;
    }
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_word_byte(char c) {
    return is_ascii_alpha(c) || static_cast<unsigned char>(c) >= 0x80;
}

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
        if (len == 0)
            len = 1;  // not UTF-8: copy the byte
        const char* replacement = folded_form(cp);
        if (replacement) {
            for (const char* r = replacement; *r; ++r) {
                out.cased += *r;
                out.origin.push_back(i);
            }
        } else {
            for (std::size_t k = 0; k < len; ++k) {
                out.cased += source[i + k];
                out.origin.push_back(i);
            }
        }
        i += len;
    }
    out.origin.push_back(source.size());
    out.lower.resize(out.cased.size());
    std::transform(out.cased.begin(), out.cased.end(), out.lower.begin(), ascii_lower);
    return out;
}

std::string fold_lower(std::string_view text) { return fold(text).lower; }

std::vector<Token> tokenize(const FoldedText& folded) {
    std::vector<Token> tokens;
    const std::string& s = folded.lower;
    tokens.reserve(s.size() / 4);  // news text: a token every 5-6 bytes
    bool space = false;
    bool newline = false;
    for (std::size_t i = 0; i < s.size();) {
        char c = s[i];
        if (is_space(c)) {
            space = true;
            newline = newline || c == '\n';
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        TokenKind kind = TokenKind::punct;
        if (is_ascii_digit(c)) {
            kind = TokenKind::number;
            while (j < s.size() && (is_ascii_digit(s[j]) ||
                                    ((s[j] == ',' || s[j] == '.') && j + 1 < s.size() &&
                                     is_ascii_digit(s[j + 1]))))
                ++j;
        } else if (is_word_byte(c)) {
            kind = TokenKind::word;
            while (j < s.size() && is_word_byte(s[j]))
                ++j;
        }
        tokens.push_back(Token{std::string_view(s).substr(i, j - i), i, j, kind, space, newline});
        space = newline = false;
        i = j;
    }
    return tokens;
}

WordSet::WordSet(std::vector<std::string_view> words) {
    std::erase_if(words, [](std::string_view w) { return w.empty(); });
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    words_ = std::move(words);
    for (std::string_view w : words_) {
        const auto first = static_cast<unsigned char>(w.front());
        ++begin_[first + 1];
        lengths_[first] |= std::uint64_t{1} << std::min<std::size_t>(w.size(), 63);
    }
    for (std::size_t b = 1; b < begin_.size(); ++b)
        begin_[b] += begin_[b - 1];
}

WordPass read_words(std::string_view text) {
    WordPass pass;
    pass.folded = fold(text);
    pass.tokens = tokenize(pass.folded);
    return pass;
}

Words words_between(const Words& words, std::size_t begin, std::size_t end) {
    auto before = [&](std::size_t offset) {
        return [&words, offset](const Token& t) { return words.folded->source_begin(t.begin) - words.base < offset; };
    };
    const auto first = std::partition_point(words.tokens.begin(), words.tokens.end(), before(begin));
    const auto last = std::partition_point(first, words.tokens.end(), before(end));
    return words.slice(static_cast<std::size_t>(first - words.tokens.begin()),
                       static_cast<std::size_t>(last - words.tokens.begin()));
}

long token_integer(const Token& token) {
    if (token.kind != TokenKind::number || token.text.find('.') != std::string_view::npos)
        return -1;
    // "1,200" and "12,000" are thousands; "1,2" or "12,00" are not integers.
    long value = 0;
    std::size_t group = 0;
    bool grouped = false;
    for (char c : token.text) {
        if (c == ',') {
            if ((grouped && group != 3) || group > 3)
                return -1;
            grouped = true;
            group = 0;
            continue;
        }
        if (value > 100'000'000)
            return -1;
        value = value * 10 + (c - '0');
        ++group;
    }
    return grouped && group != 3 ? -1 : value;
}

} // namespace incimap::extract
