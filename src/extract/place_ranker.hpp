// The place ranker: how likely each of the gazetteer's places of one name
// is the one a report means, as a linear score over what is known of the
// candidate (its kind, size, spelling) and of the report (hints beside the
// name, countries it implies, places it already named). The weights are
// not set by hand: bench/fit_place_ranker.py fits them as a conditional
// logit on the coded notes of the tuning split, so a score difference is a
// difference in log-odds, and writes them to extract/place_ranker.tsv,
// which is embedded into the program.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

namespace incimap::extract {

// What the ranker knows of a candidate. The indicators are 0 or 1; each
// group of them (kind, hints, countries, anchors, words around the name) is
// documented in place_resolver.cpp where it is computed.
enum class PlaceFeature : std::size_t {
    // Kind of place (GeoNames class and code), one of:
    capital,          // PPLC
    admin1_seat,      // PPLA
    admin2_seat,      // PPLA2
    lower_seat,       // PPLA3, PPLA4, PPLG
    village,          // other populated places
    lost_place,       // abandoned, historical, destroyed (PPLQ, PPLH, PPLW, PPLCH)
    admin1_unit,      // ADM1
    admin2_unit,      // ADM2
    lower_unit,       // ADM3 and below, other administrative features
    historical_unit,  // ADM1H, ADM2H…
    area,             // L: regions, areas
    spot,             // S: camps, mines, airports, posts
    terrain,          // H, T, R, V, U: water, relief, roads, vegetation
    // Size and spelling.
    log_population_town,   // log10(1 + population) of a populated place
    log_population_other,  // of anything else (an area sums its towns)
    main_name,             // the main or ASCII name matched, not an alternate
    edits,                 // of a near spelling
    // Hints beside the name ("Boni (Douentza, Mopti)").
    hint_missed,       // hints given, and the candidate fits none of them
    hint_region,       // in the admin1 the hints name
    hint_unit_region,  // in the admin1 of a smaller unit the hints name
    hint_beside_town,  // within 30 km of a town the hints name
    hint_near_unit,    // within 30 km of a unit the hints name
    hint_within_80,    // within 80 km of what the hints name
    // Countries the report names or implies.
    country_top,       // in the most implied country
    country_other,     // in another implied country
    country_unnamed,   // the report implies countries, none of them this one's
    country_share,     // share of the report's country votes for its country
    focus_country,     // Mali, Burkina Faso or Niger
    // Places of the report already resolved with confidence (anchors).
    anchor_region,     // in an anchor's admin1
    anchor_within_100, // within 100 km of an anchor
    anchor_within_25,  // within 25 km of an anchor
    // The words around the name.
    settlement_not_town,  // "the village of X", and X is no populated place
    region_named_bare,    // an ADM1 named without "region"
    unit_named_as_unit,   // another unit, and the text says "district", "province"…
    unit_named_bare,      // another unit named without such a word
    count
};

constexpr std::size_t place_feature_count = static_cast<std::size_t>(PlaceFeature::count);
using PlaceFeatures = std::array<double, place_feature_count>;

// The names of the features, in enum order, as the weights file writes them.
std::span<const std::string_view> place_feature_names();

class PlaceRanker {
public:
    // The weights embedded in the program (extract/place_ranker.tsv).
    // Throws Error when the embedded file is missing a feature or malformed.
    static const PlaceRanker& builtin();

    // Weights from a file's text: "name<TAB>weight" lines, '#' comments.
    // Every feature must be given once. Throws InputError naming ORIGIN and
    // the line of a bad row.
    static PlaceRanker parse(std::string_view tsv, std::string_view origin);

    // The candidate's score: the weighted sum of its features (log-odds up
    // to a constant shared by the candidates of one name).
    double score(const PlaceFeatures& features) const;

private:
    PlaceFeatures weights_{};
};

} // namespace incimap::extract
