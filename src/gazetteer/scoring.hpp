// The disambiguation score of a candidate: which "Kidal" — the regional
// capital, the region or the wadi — a bare "Kidal" means. Higher is better.
//
//   score = feature weight                    (what kind of place it is)
//         + population weight × log10(1 + population)
//         + 0.3  when the main or ASCII name matched (not an alternate)
//         ± 2.0  when a country hint is given: it matches / it does not
//         + 3.0  when an admin1 hint matches, − 2.0 when it does not
//         − 1.5  per edit of a fuzzy match
//
// Feature weights: a country (PCL*) 4.0; capital (PPLC) 3.0; seat of an
// admin1 (PPLA) 2.5, of an admin2 (PPLA2) 2.2, lower seats and seats of
// government 2.0; other populated places 1.5; abandoned, historical or
// destroyed places 0.5. Admin areas: ADM1 2.3, ADM2 1.8, lower levels 1.6,
// historical 0.5, others 1.2. Regions and areas (L RGN, AREA) 1.2, other
// L 0.8; spots (camps, mines, airports) 0.8; water, relief, roads,
// vegetation 0.2–0.3; unknown 0.5. Population counts 0.3 per decade for
// populated places and 0.15 for the rest (an area's population is the sum
// of its towns'). So a regional capital outranks the region of its name,
// and a town outranks a wadi or well of its name.
#pragma once

#include <cstdint>
#include <string_view>

namespace incimap::gazetteer {

enum class HintMatch { not_given, matches, differs };

struct ScoreInputs {
    char feature_class = 0;
    std::string_view feature_code;
    std::int64_t population = 0;
    bool main_name = false; // matched the main or ASCII name
    int edits = 0;
    HintMatch country = HintMatch::not_given;
    HintMatch admin1 = HintMatch::not_given;
};

double feature_weight(char feature_class, std::string_view feature_code);
double score(const ScoreInputs& inputs);

} // namespace incimap::gazetteer
