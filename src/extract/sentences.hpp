// Sentence splitting for English and French news text. The readers classify
// events, count fatalities and resolve dates sentence by sentence, and the
// evidence of an incident is a list of sentences, so a sentence is kept as
// byte offsets into the document text.
//
// A sentence ends at . ! ? or an ellipsis followed by whitespace and a
// capital, a digit or an opening quote (closing quotes and brackets, and the
// space French puts before ? ! », stay with the sentence). No end after
// titles and abbreviations ("Gen.", "Lt.", "Mr.", "M.", "Sept."), initials
// and dotted acronyms ("J. Traore", "U.N."), or inside numbers ("2.5"). A
// blank line always ends a sentence; a single line break ends one only when
// the line before is a heading: short, and short by choice, since the next
// line's first word would have fitted on it. A hard-wrapped paragraph, at
// whatever width, stays whole, and so does a name wrapped across two lines.
//
// A sentence is at most sentence_byte_limit bytes (4 KiB, some 600
// words): a longer run of text without a sentence end (a list, a table
// flattened into one line, a binary file) is cut at the last space before
// the limit into pieces marked `cut`, so that reading a text costs time in
// proportion to its length whatever its punctuation.
//
// A dateline opening the text or a paragraph ("BAMAKO, 3 June (Reuters) -",
// "NIAMEY (AFP) -", "Ouagadougou, le 3 juin (AFP) -") says where and when
// the report was written, not where anything happened: it is no sentence,
// and the first sentence begins after its dash.
#pragma once

#include "extract/text.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace incimap::extract {

inline constexpr std::size_t sentence_byte_limit = std::size_t(4) << 10;

struct Sentence {
    std::size_t begin = 0;  // byte offsets into the text, whitespace trimmed
    std::size_t end = 0;
    bool cut = false;  // ended at sentence_byte_limit, not at a sentence end

    std::string_view in(std::string_view text) const { return text.substr(begin, end - begin); }
};

// Splits text into sentences, in order, none empty. Linear in the text.
std::vector<Sentence> split_sentences(std::string_view text);
// The same on a text already folded (folded = fold(text)): offsets are the
// text's.
std::vector<Sentence> split_sentences(const FoldedText& folded);

// The offset (in folded.cased) after a dateline that starts at `at`, or `at`
// when none does. A dateline is a line opening of at most 80 bytes, with no
// sentence end, that starts with a capital and ends in a dash between spaces,
// and either names an agency in brackets or starts with a word in capitals.
std::size_t dateline_end(const FoldedText& folded, std::size_t at);

} // namespace incimap::extract
