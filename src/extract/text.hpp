// The words of a document's text as the readers in extract/ see them: the
// text folded to its matching form (text/folded_text.hpp: accents,
// typographic apostrophes, quotes and dashes folded, every folded byte
// mapped back to its source offset), split into tokens (words, numbers,
// punctuation), and the word sets and passes the readers share.
#pragma once

#include "text/folded_text.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::extract {

using text::FoldedText;
using text::fold;
using text::fold_lower;

enum class TokenKind { word, number, punct };

// A token of FoldedText::lower. Words are runs of letters (and of non-ASCII
// bytes); numbers are runs of digits that may hold "," or "." between
// digits ("1,200", "2.5"); every other non-space byte is a punct token.
// Apostrophes and hyphens are punct tokens: "l'armee" is l ' armee.
struct Token {
    std::string_view text;  // view into FoldedText::lower
    std::size_t begin = 0;  // folded offsets
    std::size_t end = 0;
    TokenKind kind = TokenKind::word;
    bool space_before = false;  // whitespace between this token and the previous
    bool newline_before = false;

    bool is(std::string_view word) const;
};

// Whether two words are the same. The readers compare tokens with word
// lists at every token; comparing the length and the first byte inline
// spares most calls to memcmp.
inline bool same_word(std::string_view a, std::string_view b) {
    return a.size() == b.size() && (a.empty() || (a.front() == b.front() && a == b));
}
inline bool Token::is(std::string_view word) const { return same_word(text, word); }
// Whether word begins with prefix, compared the same way.
inline bool word_starts_with(std::string_view word, std::string_view prefix) {
    return word.size() >= prefix.size() && same_word(word.substr(0, prefix.size()), prefix);
}
// Whether word is one of words.
inline bool among(std::span<const std::string_view> words, std::string_view word) {
    for (std::string_view w : words)
        if (same_word(w, word))
            return true;
    return false;
}

std::vector<Token> tokenize(const FoldedText& folded);

// A fixed set of words that the readers test at every token ("can a date
// start here?"). Most tokens are rejected inline by their first byte and
// length (one load and a bit test); the rest are looked up in a small hash
// table by their head, a number that holds a word of up to 8 bytes whole,
// so that a lookup compares one or two words, without a call to memcmp for
// the short ones. The viewed strings must outlive the set (the readers
// build theirs from static word tables).
class WordSet {
public:
    WordSet() = default;
    explicit WordSet(std::vector<std::string_view> words);

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    bool contains(std::string_view word) const { return find(word) != npos; }
    // The position of word in words(), or npos.
    std::size_t find(std::string_view word) const {
        if (word.empty() || !(lengths_[static_cast<unsigned char>(word.front())] >> length_class(word) & 1u))
            return npos;
        return find_by_head(word);
    }
    // The words without repeats, by first byte, then length, then bytes.
    std::span<const std::string_view> words() const { return words_; }

private:
    static std::size_t length_class(std::string_view word) { return std::min<std::size_t>(word.size(), 63); }
    std::size_t find_by_head(std::string_view word) const;

    std::vector<std::string_view> words_;       // by first byte, then length, then bytes
    std::vector<std::uint64_t> heads_;          // heads_[k]: the head of words_[k]
    std::array<std::uint64_t, 256> lengths_{};  // bit length_class(w) set for each word w of first byte b
    // Open addressing, a power of two at least twice the words: k + 1 for
    // words_[k], 0 for an empty slot.
    std::vector<std::uint32_t> slots_;
    unsigned shift_ = 64;
};

// The words of a stretch of a folded text (a sentence, or the whole text),
// read once and shared by the readers of dates, triggers, fatalities and
// context cues, so that none of them folds or splits the text again.
// Offsets a reader reports for a Words are source offsets minus `base`:
// relative to the stretch when base is where it starts in the source, the
// source's own when base is 0. Views: folded and the tokens must outlive it.
struct Words {
    const FoldedText* folded = nullptr;
    std::span<const Token> tokens;
    std::size_t base = 0;

    std::size_t size() const { return tokens.size(); }
    const Token& operator[](std::size_t k) const { return tokens[k]; }
    // Offsets (minus base) of token k's first byte and of the end of its last.
    std::size_t source_begin(std::size_t k) const { return folded->source_begin(tokens[k].begin) - base; }
    std::size_t source_end(std::size_t k) const { return folded->source_end(tokens[k].end) - base; }
    // The tokens [first, last) as a Words of their own, offsets unchanged.
    Words slice(std::size_t first, std::size_t last) const {
        return Words{folded, tokens.subspan(first, last - first), base};
    }
};

// A short text folded and split on its own, for the readers' string
// entry points. Not to be moved once words() has been taken.
struct WordPass {
    FoldedText folded;
    std::vector<Token> tokens;

    Words words() const { return Words{&folded, tokens, 0}; }
};
WordPass read_words(std::string_view text);

// The tokens of words whose first byte lies in [begin, end) (offsets as
// words reports them): a sentence's share of a whole text's words.
Words words_between(const Words& words, std::size_t begin, std::size_t end);

// ASCII helpers shared by the readers (inline: they run at every byte).
inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline char ascii_lower(char c) { return is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// Integer value of a token of digits ("1,200" -> 1200); -1 when the token is
// not a whole number or does not fit.
long token_integer(const Token& token);

} // namespace incimap::extract
