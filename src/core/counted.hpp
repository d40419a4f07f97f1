// A count with its noun in the right number, for progress lines, summaries
// and messages: "1 tile", "0 tiles", "12 documents". Header-only, so that the
// build-time tools that share sources with the core library need nothing more.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace incimap {

// NOUN (the singular) as COUNT calls for: itself for one, else PLURAL, or
// NOUN with an "s" when PLURAL is empty ("entry", "entries").
inline std::string noun_for(std::uint64_t count, std::string_view noun, std::string_view plural = {}) {
    if (count == 1)
        return std::string(noun);
    if (!plural.empty())
        return std::string(plural);
    return std::string(noun) + 's';
}

// "COUNT NOUN": "1 document", "3 documents".
inline std::string counted(std::uint64_t count, std::string_view noun, std::string_view plural = {}) {
    return std::to_string(count) + ' ' + noun_for(count, noun, plural);
}

} // namespace incimap
