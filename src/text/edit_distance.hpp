// Edit distances between name keys, for fuzzy matching of press spellings
// ("Tinbuktu" for Timbuktu). The distance is the optimal string alignment
// distance (OSA, the restricted Damerau–Levenshtein distance): inserting,
// deleting or substituting one byte, or swapping two adjacent bytes, costs
// one edit, and no substring is edited twice. Keys are compared byte by
// byte; they are ASCII for Latin-script names (see fold.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace incimap::text {

// Reference implementation by dynamic programming. Cost: O(|a|·|b|) time,
// O(|b|) memory.
std::size_t osa_distance(std::string_view a, std::string_view b);

// A pattern prepared for many bounded comparisons with Hyyrö's bit-parallel
// algorithm (2003): the distance to a text costs O(|text|) word operations
// when the pattern has at most 64 bytes; longer patterns fall back to
// osa_distance(). Immutable after construction, so one pattern may be shared
// by threads.
class OsaPattern {
  public:
    explicit OsaPattern(std::string_view pattern);

    // The OSA distance between the pattern and `text` when it is at most
    // `max`, otherwise some value greater than `max` (the computation stops
    // as soon as the bound cannot be met).
    std::size_t distance(std::string_view text, std::size_t max) const;

    std::string_view pattern() const { return pattern_; }

  private:
    std::string pattern_;
    std::array<std::uint64_t, 256> positions_{}; // bit i set: pattern_[i] == byte
};

} // namespace incimap::text
