// Document-level place resolution: which of the gazetteer's "Koro"s a
// report means. A report is read as a whole — one name keeps one sense
// throughout it — and every mention is weighed against what the rest of the
// report says:
//
//  * hints in brackets or in the same sentence: "Boni (Douentza, Mopti)",
//    "Koro (Mopti region)", "X, a village in the Mopti region". Hints are a
//    constraint: when some candidate fits them (in the hinted region, near
//    the hinted town or unit), those that do not are dropped;
//  * countries the report names or implies ("Mali", "Malian troops",
//    "Burkinabe army");
//  * places already resolved with confidence (anchors): the same region,
//    within 100 km or 25 km of one;
//  * what the candidate is (its GeoNames kind, population, whether the
//    main name matched, how many letters a near spelling is off) and what
//    the words around the name say it is ("the village of", "district").
//
// Candidates are ranked by the place ranker (place_ranker.hpp), whose
// weights over these features are fitted on coded notes, not set by hand.
// A mention is
// rejected when it is no place: a country name (it only votes for the
// country), a fuzzy match without a cue ("in", "near", "the village of"), a
// name at a sentence start or without any cue that is not a town of some
// size or an admin seat and has no hint behind it.
//
// Precision (ACLED geo_precision): "X region" and a bare admin1 name → 3 at
// the region's point (the ADM1 feature, else its seat); "near X", "20 km
// from X", "X district", an admin2/admin3 unit, an area → 2; a town → 1.
// A country's name resolves to its capital at precision 3, marked `country`:
// the place of a national event (a government that closes its
// borders), as ACLED codes it, used only when nothing nearer is named.
#pragma once

#include "core/incident.hpp"
#include "extract/place_mentions.hpp"
#include "extract/place_ranker.hpp"
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

// How the ranker saw the candidates of one name (bench/eval_extract writes
// them out to fit the ranker's weights).
struct RankedCandidate {
    double latitude = 0, longitude = 0;
    int edits = 0;
    PlaceFeatures features{};
};
struct RankedGroup {
    std::string name;
    bool hint = false;  // a name in brackets that locates another
    std::vector<RankedCandidate> candidates;  // best first
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
    // When RANKING is given, every name weighed among two or more
    // candidates is appended to it.
    std::vector<std::optional<ResolvedPlace>> resolve(const std::vector<PlaceMention>& mentions,
                                                      const PlaceContext& context,
                                                      std::vector<RankedGroup>* ranking = nullptr) const;

private:
    const gazetteer::Gazetteer& gazetteer_;
};

// The capital of a country (ISO alpha-2) as the place of an event the
// report places in the country and nowhere nearer: precision 3, marked
// `country`, a low quality. Nothing when the gazetteer lacks it.
std::optional<ResolvedPlace> capital_place(const gazetteer::Gazetteer& gazetteer, const std::string& iso2);

// Great-circle distance in kilometres: the gazetteer's.
using gazetteer::distance_km;

} // namespace incimap::extract
