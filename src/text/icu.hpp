// Thin adapter over ICU4C, the only file pair that includes ICU headers.
// It exposes just the Unicode services name folding needs: compatibility
// decomposition and a few character properties. Everything here is
// thread-safe (ICU's normalizer instances are immutable singletons).
#pragma once

#include <string>
#include <string_view>

namespace incimap::text::unicode {

// The NFKD form of `utf8` as code points: "â" becomes 'a' + U+0302,
// "ﬁ" becomes "fi". Ill-formed UTF-8 sequences become U+FFFD.
// Throws LibraryError quoting ICU's error name if ICU fails.
// Cost: linear in the input, one allocation per buffer.
std::u32string decompose(std::string_view utf8);

// General category M* (nonspacing, spacing and enclosing marks).
bool is_mark(char32_t c);
// General category L* or N*.
bool is_letter_or_digit(char32_t c);
// Simple (one-to-one) Unicode case folding: 'Â' → 'â', 'Σ' → 'σ'.
char32_t fold_case(char32_t c);

} // namespace incimap::text::unicode
