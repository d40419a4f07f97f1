#include "extract/sentences.hpp"

#include "extract/text.hpp"

#include <algorithm>
#include <array>

namespace incimap::extract {
namespace {

// Words after which a full stop does not end a sentence (lowercase, folded).
constexpr auto abbreviations = std::to_array<std::string_view>({
    "gen", "lt", "col", "capt", "cpt", "maj", "sgt", "cpl", "pvt", "brig", "adm", "cmdr",
    "cdt", "cne", "lieut", "mr", "mrs", "ms", "mme", "mmes", "mlle", "messrs", "dr", "prof",
    "st", "ste", "jr", "sr", "gov", "sen", "rep", "pres", "hon", "rev", "fr", "no", "nos",
    "vs", "approx", "dept", "est", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "av", "bd", "mgr", "min", "gal", "lt-col"});

constexpr std::size_t short_line = 60;  // bytes: a heading or a dateline
constexpr std::size_t dateline_reach = 80;  // bytes: the longest dateline read

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_terminal(char c) { return c == '.' || c == '!' || c == '?'; }
bool is_closing(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

// The word (letters and inner hyphens) that ends just before position end.
std::string_view word_before(const std::string& s, std::size_t end) {
    std::size_t b = end;
    while (b > 0 && (is_ascii_alpha(s[b - 1]) || (s[b - 1] == '-' && b > 1 && is_ascii_alpha(s[b - 2]))))
        --b;
    return std::string_view(s).substr(b, end - b);
}

bool full_stop_ends_sentence(const FoldedText& f, std::size_t dot) {
    std::string_view word = word_before(f.lower, dot);
    if (word.empty())
        return true;  // after a number, a quote or a bracket
    if (std::find(abbreviations.begin(), abbreviations.end(), word) != abbreviations.end())
        return false;
    // An initial ("J. Traore") or the last letter of "U.N.".
    return !(word.size() == 1 && is_ascii_upper(f.cased[dot - 1]));
}

// Whether the single line break at nl ends a sentence: the line before is
// short, and short for a reason other than wrapping, since the first word of
// the next line would have fitted on it ("Attack in Gao" over a paragraph).
// A line that goes on in lowercase never ends one.
bool line_break_ends_sentence(const std::string& s, std::size_t line_start, std::size_t nl, std::size_t next) {
    const std::size_t before = nl - line_start;
    if (before >= short_line || next >= s.size() || (s[next] >= 'a' && s[next] <= 'z'))
        return false;
    std::size_t word_end = next;
    while (word_end < s.size() && !is_space(s[word_end]))
        ++word_end;
    std::size_t line_end = next;
    while (line_end < s.size() && s[line_end] != '\n')
        ++line_end;
    const std::size_t width = std::max(before, line_end - next);
    return before + 1 + (word_end - next) <= width;
}

} // namespace

std::size_t dateline_end(const FoldedText& f, std::size_t at) {
    const std::string& s = f.cased;
    if (at >= s.size() || !is_ascii_upper(s[at]))
        return at;
    std::size_t word_end = at;
    while (word_end < s.size() && is_ascii_alpha(s[word_end]))
        ++word_end;
    bool capitals = word_end - at >= 3;
    for (std::size_t k = at; k < word_end; ++k)
        capitals = capitals && is_ascii_upper(s[k]);
    bool agency = false;
    bool place = true;  // still in the place name, where every word is capitalised
    for (std::size_t k = at; k < s.size() && k < at + dateline_reach; ++k) {
        const char c = s[k];
        if (c == '\n' || is_terminal(c) || c == '"')
            return at;
        if (c == ')')
            agency = true;
        if (c == ',' || c == '(')
            place = false;
        if (place && c == ' ' && k + 1 < s.size() && s[k + 1] != '-' && s[k + 1] != '(' && !is_ascii_upper(s[k + 1]))
            return at;  // "MINUSMA peacekeepers were ...": a sentence, not a place
        // "BAMAKO, 3 June (Reuters) -", "NIAMEY (AFP) -": a dash between spaces.
        if (c == '-' && k > at && s[k - 1] == ' ' && (k + 1 == s.size() || is_space(s[k + 1]) || s[k + 1] == '-')) {
            if (!agency && !capitals)
                return at;
            std::size_t end = k + 1;
            while (end < s.size() && (s[end] == '-' || is_space(s[end])))
                ++end;
            return end;
        }
    }
    return at;
}

std::vector<Sentence> split_sentences(std::string_view text) { return split_sentences(fold(text)); }

std::vector<Sentence> split_sentences(const FoldedText& f) {
    const std::string& s = f.cased;
    const std::size_t n = s.size();
    std::vector<Sentence> sentences;

    auto emit = [&](std::size_t b, std::size_t e) {
        if (e <= b)
            return;  // a dateline that ran past the end of its line: nothing before it
        while (b < e && is_space(s[b]))
            ++b;
        while (e > b && is_space(s[e - 1]))
            --e;
        // A run of text longer than a sentence can be is cut at the last
        // space before the limit (inside a word only when it has none), so
        // that the readers of a sentence work on bounded pieces.
        while (e - b > sentence_byte_limit) {
            std::size_t cut = b + sentence_byte_limit;
            while (cut > b && !is_space(s[cut]))
                --cut;
            if (cut == b) {
                cut = b + sentence_byte_limit;
                while (cut > b && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
                    --cut;
            }
            std::size_t piece_end = cut;
            while (piece_end > b && is_space(s[piece_end - 1]))
                --piece_end;
            sentences.push_back(Sentence{f.source_begin(b), f.source_end(piece_end), true});
            b = cut;
            while (b < e && is_space(s[b]))
                ++b;
        }
        if (b < e)
            sentences.push_back(Sentence{f.source_begin(b), f.source_end(e)});
    };

    std::size_t start = dateline_end(f, 0);
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < n;) {
        char c = s[i];
        if (c == '\n') {
            std::size_t j = i;
            int newlines = 0;
            while (j < n && is_space(s[j]))
                newlines += s[j++] == '\n';
            if (newlines >= 2 || line_break_ends_sentence(s, line_start, i, j)) {
                emit(start, i);
                start = dateline_end(f, j);
            }
            line_start = i + 1;
            i = j;
            continue;
        }
        if (!is_terminal(c)) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < n && is_terminal(s[j]))
            ++j;
        std::size_t k = j;
        while (k < n && is_closing(s[k]))
            ++k;
        // French closing guillemet after a space: « ... . »
        std::size_t m = k;
        while (m < n && s[m] == ' ')
            ++m;
        if (m < n && s[m] == '"' && (m + 1 == n || is_space(s[m + 1])))
            k = m + 1;
        if (k < n && !is_space(s[k])) {
            i = j;  // "2.5", "U.N.", "example.com"
            continue;
        }
        std::size_t next = k;
        while (next < n && is_space(s[next]))
            ++next;
        bool lowercase_next = next < n && s[next] >= 'a' && s[next] <= 'z';
        bool single_dot = c == '.' && j == i + 1;
        if (next < n && (lowercase_next || (single_dot && !full_stop_ends_sentence(f, i)))) {
            i = j;
            continue;
        }
        emit(start, k);
        start = k;
        i = k;
    }
    emit(start, n);
    return sentences;
}

} // namespace incimap::extract
