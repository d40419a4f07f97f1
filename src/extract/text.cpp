#include "extract/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <numeric>
#include <tuple>

namespace incimap::extract {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_word_byte(char c) {
    return is_ascii_alpha(c) || static_cast<unsigned char>(c) >= 0x80;
}

} // namespace

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
    auto order = [](std::string_view w) {
        return std::tuple(static_cast<unsigned char>(w.front()), length_class(w), w);
    };
    std::sort(words.begin(), words.end(), [&](std::string_view a, std::string_view b) { return order(a) < order(b); });
    words_ = std::move(words);
    runs_.reserve(words_.size() + 256);
    std::size_t k = 0;
    for (std::size_t first = 0; first < 256; ++first) {
        runs_begin_[first] = static_cast<std::uint32_t>(runs_.size());
        for (; k < words_.size() && static_cast<unsigned char>(words_[k].front()) == first; ++k) {
            const std::uint64_t bit = std::uint64_t{1} << length_class(words_[k]);
            if (!(lengths_[first] & bit))
                runs_.push_back(static_cast<std::uint32_t>(k));  // the first word of a length class
            lengths_[first] |= bit;
        }
        runs_.push_back(static_cast<std::uint32_t>(k));  // where the last run ends
    }
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
