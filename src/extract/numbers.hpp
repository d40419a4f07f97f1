// Cardinal numbers as news text writes them, in English and French: digits
// ("12", "1,200"), number words ("twenty-five", "a hundred and ten",
// "vingt-cinq", "soixante-dix", "quatre-vingts"), dozens ("a dozen", "two
// dozen", "une dizaine", "une centaine") and vague quantities.
//
// Vague quantities take the values ACLED codes for them (codebook,
// "Reported fatalities"): "tens"/"des dizaines" 10, "dozens" 12,
// "hundreds"/"des centaines" 100, "scores" 20, "thousands" 1000; "several",
// "many", "numerous"/"plusieurs", "de nombreux" 10 — ACLED's standard figure
// for a plural with no number. "A few"/"quelques" is 3 and "a couple" 2:
// the lowest plural those words allow. A vague quantity is flagged so a
// caller can prefer any exact figure over it.
#pragma once

#include "extract/text.hpp"

#include <cstddef>
#include <optional>
#include <span>

namespace incimap::extract {

struct Quantity {
    long value = 0;
    bool vague = false;    // "dozens", "several": a convention, not a count
    std::size_t end = 0;  // token index after the number
};

// The number that starts at tokens[i], if any. Number words are read in
// the folded lowercase form tokenize() gives. Numbers above 10^9 are not
// read. Cost: a few comparisons per token.
std::optional<Quantity> read_quantity(std::span<const Token> tokens, std::size_t i);

// The words a number may begin with ("two", "a", "dozens", "vingt").
const WordSet& quantity_openers();

// Whether a number may start at token: digits or one of quantity_openers().
// A cheap test for the readers' pre-filters; read_quantity decides.
bool opens_quantity(const Token& token);

} // namespace incimap::extract
