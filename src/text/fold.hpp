// Matching keys of place names. The press, GeoNames and analysts spell the
// same place "Ti-n-Zaouâtene", "Tin Zaouaten", "Tinzaouaten" and
// "TINZAOUATEN"; all of them have one key, "tinzaouaten". The gazetteer
// indexes every name under its key and folds queries the same way.
//
// Folding, in order:
//   1. compatibility decomposition (NFKD) and removal of combining marks:
//      â → a, é → e, ﬁ → fi;
//   2. case folding;
//   3. letters without a decomposition spelled in ASCII as latin_base()
//      spells them: ß → ss, æ → ae, œ → oe, ø → o, ł → l, đ ð ɗ → d,
//      ɓ → b, ƙ ĸ → k, ƴ → y, ɛ → e, ɔ → o, ɲ → ny, ŋ → ng (the Bambara,
//      Fula and Hausa letters of the Sahel);
//   4. everything that is not a letter or digit — spaces, hyphens,
//      apostrophes of every kind (' ’ ʼ ʻ `), dots, commas — ends a word and
//      is dropped, which also unifies the Tamasheq prefixes "Ti-n-", "Tin "
//      and "Tin", "I-n-" and "In";
//   5. a word of three or more letters loses a final "e" after a consonant:
//      French transcriptions add a silent final e that English ones leave
//      out (Zaouâtene / Zaouaten, Délimane / Deliman, Mangaïzé / Mangaize).
// Letters of other scripts are kept, case-folded, as UTF-8: a key with no
// Latin letter (see has_latin_letter) matches nothing typed in Latin script.
#pragma once

#include <string>
#include <string_view>

namespace incimap::text {

// The one table of Latin letters spelt in ASCII, shared by name keys (for
// the letters that remain after decomposition, rule 3 below) and the
// reader's folded text (text/folded_text.hpp): the letters of
// U+00C0–U+017F and the letters of Sahel languages beyond them (ɓ ɗ ɖ ƙ ƴ
// ɛ ə ǝ ɔ ɲ ƒ ʃ and their capitals) without their diacritics, case kept:
// 'É' → "E", 'Œ' → "OE", 'ß' → "ss", 'Þ' → "TH", 'ŋ' → "ng", 'Ɗ' → "D".
// Empty for every other character (× and ÷ among them).
std::string_view latin_base(char32_t c);

// The matching key of a name. Precondition: none (ill-formed UTF-8 bytes are
// dropped like punctuation). Cost: a byte loop for ASCII input; ICU
// decomposition otherwise.
std::string name_key(std::string_view name);

// As name_key(), appending to `key` (no allocation once it has capacity).
void append_name_key(std::string_view name, std::string& key);

// True when the key holds an ASCII letter a–z.
bool has_latin_letter(std::string_view key);

} // namespace incimap::text
