// The matching form of a document's text. The readers in extract/ look for
// words regardless of accents, typographic apostrophes, quotes and dashes,
// yet must report where they found them in the original bytes. A
// FoldedText is the folded copy plus, for every folded byte, the offset of
// the source byte it came from.
//
// Folding: the Latin letters of U+00C0–U+017F lose their diacritics as
// latin_base() spells them, case kept (é -> e, Œ -> OE, ŋ -> ng);
// ’ ‘ ʼ ´ ` -> ', “ ” « » „ -> ", every dash and minus -> -, no-break and
// thin spaces -> space. Other characters, and bytes that are not valid
// UTF-8, are copied unchanged. Cost: linear in the text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::text {

struct FoldedText {
    std::string cased;  // folded, case kept (acronyms are matched here)
    std::string lower;  // the same with ASCII letters lowercased
    // origin[i]: offset in the source of the character that folded byte i
    // belongs to; origin[size()] is the source size.
    std::vector<std::size_t> origin;

    std::size_t size() const { return cased.size(); }
    // Source span [source_begin(b), source_end(e)) of folded span [b, e).
    std::size_t source_begin(std::size_t folded) const { return origin[folded]; }
    std::size_t source_end(std::size_t folded_end) const;
};

FoldedText fold(std::string_view source);

// The folded lowercase form of a short string (an alias, a keyword).
std::string fold_lower(std::string_view text);

} // namespace incimap::text
