#include "extract/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
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

namespace {

// A word's bytes in one number: the whole word when it has 8 bytes or
// fewer (two such words of one length with one head are the same), else
// its first 8 bytes, mixed with its length.
std::uint64_t word_head(std::string_view word) {
    const char* p = word.data();
    const std::size_t n = word.size();
    auto load = [](const char* at, std::size_t bytes) {
        std::uint64_t v = 0;
        std::memcpy(&v, at, bytes);
        return v;
    };
    if (n >= 8)
        return load(p, 8) ^ (std::uint64_t{n} * 0x9E3779B97F4A7C15u);
    // Bytes 0..n-1 in the low n bytes, n in the top one.
    std::uint64_t v = n >= 4 ? load(p, 4) | load(p + n - 4, 4) << (8 * (n - 4))
                      : n >= 2 ? load(p, 2) | load(p + n - 2, 2) << (8 * (n - 2))
                               : load(p, 1);
    return v | std::uint64_t{n} << 56;
}

std::size_t slot_of(std::uint64_t head, unsigned shift) {
    return static_cast<std::size_t>((head * 0x9E3779B97F4A7C15u) >> shift);
}

} // namespace

WordSet::WordSet(std::vector<std::string_view> words) {
    std::erase_if(words, [](std::string_view w) { return w.empty(); });
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    auto order = [](std::string_view w) {
        return std::tuple(static_cast<unsigned char>(w.front()), length_class(w), w);
    };
    std::sort(words.begin(), words.end(), [&](std::string_view a, std::string_view b) { return order(a) < order(b); });
    words_ = std::move(words);
    std::size_t size = 4;
    shift_ = 62;
    while (size < 2 * words_.size()) {
        size *= 2;
        --shift_;
    }
    slots_.assign(size, 0);
    heads_.reserve(words_.size());
    for (std::size_t k = 0; k < words_.size(); ++k) {
        heads_.push_back(word_head(words_[k]));
        lengths_[static_cast<unsigned char>(words_[k].front())] |= std::uint64_t{1} << length_class(words_[k]);
        std::size_t slot = slot_of(heads_[k], shift_);
        while (slots_[slot] != 0)
            slot = (slot + 1) & (size - 1);
        slots_[slot] = static_cast<std::uint32_t>(k + 1);
    }
}

std::size_t WordSet::find_by_head(std::string_view word) const {
    const std::uint64_t head = word_head(word);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = slot_of(head, shift_);; slot = (slot + 1) & mask) {
        const std::uint32_t k = slots_[slot];
        if (k == 0)
            return npos;
        if (heads_[k - 1] == head && words_[k - 1].size() == word.size() &&
            (word.size() <= 8 || words_[k - 1] == word))
            return k - 1;
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
