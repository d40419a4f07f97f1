// Document-level place resolution: which of the gazetteer's "Koro"s a
// report means. A report is read as a whole — one name keeps one sense
// throughout it — and every mention is weighed against what the rest of the
// report says:
//
//  * hints in brackets or in the same sentence: "Boni (Douentza, Mopti)",
//    "Koro (Mopti region)", "Moura, a village in the Mopti region". A
//    candidate in the hinted admin1 region gains 3, one within 30 km of a
//    hinted place 3 (within 80 km 1.5); one that matches none of the hints
//    is dropped when another one matches them, and loses 1.5 otherwise;
//  * countries the report names or implies ("Mali", "Malian troops",
//    "Burkinabe army"): a candidate in the most named country gains 1.5, in
//    another named one 0.75, in none of them loses 1;
//  * places already resolved with confidence (anchors): a candidate in an
//    anchor's region gains 0.5, one within 100 km of an anchor 0.75.
//
// on top of the gazetteer's own score (gazetteer/scoring.hpp). A mention is
// rejected when it is no place: a country name (it only votes for the
// country), a fuzzy match without a cue ("in", "near", "the village of"), a
// name at a sentence start or without any cue that is not a town of some
// size or an admin seat and has no hint behind it.
//
// Precision (ACLED geo_precision): "X region" and a bare admin1 name → 3 at
// the region's point (the ADM1 feature, else its seat); "near X", "20 km
// from X", "X district", an admin2/admin3 unit, an area → 2; a town → 1.
// A country's name resolves to its capital at precision 3, marked `country`:
// the place of a national event ("the government of Burkina Faso closed the
// borders"), as ACLED codes it, used only when nothing nearer is named.
#pragma once

#include "core/incident.hpp"
#include "extract/place_mentions.hpp"
#include "gazetteer/gazetteer.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace incimap::extract {

struct ResolvedPlace {
    gazetteer::Place place;  // the point coded; for a region, its ADM1 feature or seat
    GeoPrecision precision = GeoPrecision::town;
    double quality = 0;      // 0..1: how sure the choice is (cue, hints, margin, fuzziness)
    double score = 0;        // the winning score (gazetteer score plus context)
    bool region = false;     // a region named alone
    bool country = false;    // a country named: its capital, precision 3, for
                             // incidents the report places nowhere nearer
    int edits = 0;           // of the matched spelling (fuzzy match)
};

// What a document says about where it is, besides its place names.
struct PlaceContext {
    // ISO alpha-2 -> how often the report implies the country (demonyms,
    // actor names). Country names among the mentions are counted by resolve().
    std::map<std::string, int> countries;
    // ISO alpha-2 of the one country every place must lie in (an event
    // table's row names it), or "" for none.
    std::string required_country;
};

class PlaceResolver {
public:
    // The gazetteer must outlive the resolver.
    explicit PlaceResolver(const gazetteer::Gazetteer& gazetteer) : gazetteer_(gazetteer) {}

    // Resolves the mentions of one document together; result[i] is
    // mentions[i]'s place (a country's capital for a country), or nothing
    // when it is no place.
    // Mentions must carry their sentence index. Cost: one gazetteer lookup
    // per distinct name and hint (exact; fuzzy only for cued names the
    // exact lookup misses), so tens of microseconds for a news article.
    std::vector<std::optional<ResolvedPlace>> resolve(const std::vector<PlaceMention>& mentions,
                                                      const PlaceContext& context) const;

private:
    const gazetteer::Gazetteer& gazetteer_;
};

// Great-circle distance in kilometres (spherical Earth, R = 6371 km).
double distance_km(double lat1, double lon1, double lat2, double lon2);

} // namespace incimap::extract
