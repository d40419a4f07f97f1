// UTF-8 checks and measures used by the gazetteer readers and the
// geocode output. No ICU: these are on the hot path of reading dumps.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace incimap::text {

// The byte offset of the first ill-formed UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF are ill-formed), or nullopt.
// Cost: linear, with a fast path over ASCII.
std::optional<std::size_t> find_invalid_utf8(std::string_view bytes);

inline bool is_valid_utf8(std::string_view bytes) {
    return !find_invalid_utf8(bytes).has_value();
}

inline bool is_ascii(std::string_view bytes) {
    for (unsigned char c : bytes)
        if (c >= 0x80)
            return false;
    return true;
}

// Appends the UTF-8 encoding of `c` (precondition: c ≤ U+10FFFF, not a
// surrogate).
void append_utf8(std::string& out, char32_t c);

// Columns a well-formed UTF-8 string takes in a terminal, counting one per
// code point except combining marks (U+0300–U+036F) and continuation bytes.
// Good enough to align Latin names with diacritics in a table.
std::size_t display_width(std::string_view utf8);

} // namespace incimap::text
