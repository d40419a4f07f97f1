#include "extract/numbers.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace incimap::extract {
namespace {

using Word = std::pair<std::string_view, long>;

constexpr std::array<Word, 19> english_units = {{
    {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7},
    {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"thirteen", 13},
    {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18},
    {"nineteen", 19},
}};
constexpr std::array<Word, 8> english_tens = {{
    {"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70},
    {"eighty", 80}, {"ninety", 90},
}};
constexpr std::array<Word, 17> french_units = {{
    {"un", 1}, {"une", 1}, {"deux", 2}, {"trois", 3}, {"quatre", 4}, {"cinq", 5}, {"six", 6},
    {"sept", 7}, {"huit", 8}, {"neuf", 9}, {"dix", 10}, {"onze", 11}, {"douze", 12},
    {"treize", 13}, {"quatorze", 14}, {"quinze", 15}, {"seize", 16},
}};
constexpr std::array<Word, 5> french_tens = {{
    {"vingt", 20}, {"trente", 30}, {"quarante", 40}, {"cinquante", 50}, {"soixante", 60},
}};
// "une dizaine de", "une centaine de": about that many.
constexpr std::array<Word, 9> french_about = {{
    {"dizaine", 10}, {"douzaine", 12}, {"quinzaine", 15}, {"vingtaine", 20}, {"trentaine", 30},
    {"quarantaine", 40}, {"cinquantaine", 50}, {"soixantaine", 60}, {"centaine", 100},
}};
// Plurals with no number, after ACLED's conventions (see numbers.hpp).
constexpr std::array<Word, 11> vague_words = {{
    {"dozens", 12}, {"tens", 10}, {"hundreds", 100}, {"scores", 20}, {"thousands", 1000},
    {"several", 10}, {"many", 10}, {"numerous", 10}, {"plusieurs", 10}, {"quelques", 3},
    {"nombreux", 10},
}};
constexpr long vague_plural = 10;

template <std::size_t N>
std::optional<long> lookup(const std::array<Word, N>& words, std::string_view w) {
    for (const auto& [name, value] : words)
        if (same_word(name, w))
            return value;
    return std::nullopt;
}

// The words a number may begin with: a token that is none of them is
// rejected at once (read_quantity runs at every token of the date and
// fatality scanners).
} // namespace

const WordSet& quantity_openers() {
    static const WordSet openers = [] {
        std::vector<std::string_view> words = {"a", "an", "cent", "de", "des", "half", "la", "mille"};
        auto add = [&](const auto& table) {
            for (const auto& entry : table)
                words.push_back(entry.first);
        };
        add(english_units);
        add(english_tens);
        add(french_units);
        add(french_tens);
        add(vague_words);
        return WordSet(std::move(words));
    }();
    return openers;
}

namespace {

class NumberReader {
public:
    explicit NumberReader(std::span<const Token> tokens) : t_(tokens) {}

    std::optional<Quantity> read(std::size_t i) const {
        if (auto q = vague(i))
            return q;
        if (auto q = dozen(i))
            return q;
        std::size_t end = i;
        long value = thousands(i, end);
        if (end == i)
            return std::nullopt;
        return Quantity{value, false, end};
    }

private:
    std::span<const Token> t_;

    std::string_view w(std::size_t i) const { return i < t_.size() ? t_[i].text : std::string_view{}; }
    bool is(std::size_t i, std::string_view word) const { return same_word(w(i), word); }
    // Index of the token after i, stepping over a hyphen glued to it.
    std::size_t after(std::size_t i) const {
        if (is(i + 1, "-") && i + 2 < t_.size() && !t_[i + 1].space_before && !t_[i + 2].space_before)
            return i + 2;
        return i + 1;
    }

    std::optional<Quantity> vague(std::size_t i) const {
        if ((is(i, "a") || is(i, "an")) && is(i + 1, "few"))
            return Quantity{3, true, i + 2};
        if ((is(i, "a") || is(i, "an")) && is(i + 1, "couple"))
            return Quantity{2, true, is(i + 2, "of") ? i + 3 : i + 2};
        if ((is(i, "des") || is(i, "de")) && i + 1 < t_.size()) {
            if (is(i + 1, "dizaines"))
                return Quantity{10, true, i + 2};
            if (is(i + 1, "centaines"))
                return Quantity{100, true, i + 2};
            if (is(i + 1, "nombreux") || is(i + 1, "nombreuses"))
                return Quantity{vague_plural, true, i + 2};
        }
        if (auto v = lookup(vague_words, w(i)))
            return Quantity{*v, true, is(i + 1, "of") ? i + 2 : i + 1};
        return std::nullopt;
    }

    // "a dozen", "two dozen", "half a dozen", "une dizaine", "une centaine"
    std::optional<Quantity> dozen(std::size_t i) const {
        if (is(i, "half") && is(i + 1, "a") && is(i + 2, "dozen"))
            return Quantity{6, false, i + 3};
        if ((is(i, "a") || is(i, "one")) && is(i + 1, "dozen"))
            return Quantity{12, false, i + 2};
        if ((is(i, "une") || is(i, "la")) && lookup(french_about, w(i + 1)))
            return Quantity{*lookup(french_about, w(i + 1)), false, i + 2};
        std::size_t end = i;
        long n = below_hundred(i, end);
        if (end != i && is(end, "dozen"))
            return Quantity{n * 12, false, end + 1};
        return std::nullopt;
    }

    // 1..999,999 in digits or words; sets end past it (end == i: none).
    long thousands(std::size_t i, std::size_t& end) const {
        if (i < t_.size() && t_[i].kind == TokenKind::number) {
            long v = token_integer(t_[i]);
            if (v < 0)
                return 0;
            end = i + 1;
            if (is(end, "thousand") || is(end, "mille")) {
                ++end;
                return v * 1000;
            }
            return v;
        }
        std::size_t k = i;
        long high = hundreds(i, k);
        std::size_t t = k;
        if (k == i) {
            if (is(i, "a") && is(i + 1, "thousand"))
                t = i + 1, high = 1;
            else if (is(i, "mille"))
                high = 1;
            else
                return 0;
        }
        if (is(t, "thousand") || is(t, "mille")) {
            std::size_t rest_start = is(t + 1, "and") ? t + 2 : t + 1;
            std::size_t j = rest_start;
            long rest = hundreds(rest_start, j);
            end = j != rest_start ? j : t + 1;
            return high * 1000 + rest;
        }
        end = k;
        return high;
    }

    // 1..999 in words ("a hundred and ten", "deux cents", "cent vingt").
    long hundreds(std::size_t i, std::size_t& end) const {
        std::size_t k = i;
        long units = below_hundred(i, k);
        std::size_t h = k;
        bool article = false;
        if (k == i && is(i, "a") && is(i + 1, "hundred")) {
            h = i + 1;
            article = true;
        }
        if (is(h, "hundred") || is(h, "cent") || is(h, "cents")) {
            if (k == i && !article && !is(h, "cent"))
                return 0;  // "hundred" alone is not a number
            long v = (k == i ? 1 : units) * 100;
            std::size_t rest_start = is(h + 1, "and") ? h + 2 : h + 1;
            std::size_t j = rest_start;
            long rest = below_hundred(rest_start, j);
            end = j != rest_start ? j : h + 1;
            return v + rest;
        }
        end = k;
        return units;
    }

    // 1..99 in English or French words; sets end (end == i: none).
    long below_hundred(std::size_t i, std::size_t& end) const {
        if (auto u = lookup(english_units, w(i))) {
            end = i + 1;
            return *u;
        }
        if (auto t = lookup(english_tens, w(i))) {
            std::size_t k = after(i);
            if (auto u = lookup(english_units, w(k)); u && *u < 10) {
                end = k + 1;
                return *t + *u;
            }
            end = i + 1;
            return *t;
        }
        return french_below_hundred(i, end);
    }

    long french_below_hundred(std::size_t i, std::size_t& end) const {
        long base = 0;
        std::size_t k = i;
        if (is(i, "quatre") && (is(after(i), "vingt") || is(after(i), "vingts"))) {
            base = 80;
            k = after(i);
        } else if (auto t = lookup(french_tens, w(i))) {
            base = *t;
        } else if (is(i, "dix") && lookup(french_units, w(after(i))).value_or(0) >= 7 &&
                   lookup(french_units, w(after(i))).value_or(0) <= 9) {
            end = after(i) + 1;
            return 10 + *lookup(french_units, w(after(i)));
        } else if (auto u = lookup(french_units, w(i))) {
            end = i + 1;
            return *u;
        } else {
            end = i;
            return 0;
        }
        // The rest: "-cinq", " et un", "-dix-sept" after soixante/quatre-vingt.
        std::size_t r = is(k + 1, "et") ? k + 2 : after(k);
        end = k + 1;
        if (r == k + 1)
            return base;
        long limit = (base == 60 || base == 80) ? 19 : 9;
        std::size_t j = r;
        long rest = french_below_twenty(r, j);
        if (j != r && rest >= 1 && rest <= limit) {
            end = j;
            return base + rest;
        }
        return base;
    }

    long french_below_twenty(std::size_t i, std::size_t& end) const {
        if (is(i, "dix")) {
            auto u = lookup(french_units, w(after(i)));
            if (u && *u >= 7 && *u <= 9) {
                end = after(i) + 1;
                return 10 + *u;
            }
        }
        if (auto u = lookup(french_units, w(i))) {
            end = i + 1;
            return *u;
        }
        end = i;
        return 0;
    }
};

} // namespace

bool opens_quantity(const Token& token) {
    return token.kind == TokenKind::number || quantity_openers().contains(token.text);
}

std::optional<Quantity> read_quantity(std::span<const Token> tokens, std::size_t i) {
    if (i >= tokens.size() || !opens_quantity(tokens[i]))
        return std::nullopt;
    return NumberReader(tokens).read(i);
}

} // namespace incimap::extract
