// When two reports describe the same incident, and what the merged incident
// says. Pure functions: the store (IncidentStore::add) looks up candidates
// and calls them; docs/store.md ("Merge rules") states the same rules.
//
// Same incident when all four hold:
//   1. same day: equal event_date;
//   2. same place: equal non-zero geonameid, or at most 10 km apart;
//   3. same event_type;
//   4. compatible actors: actor1 and actor2 each equal (ignoring case and
//      spacing) or empty on one side — taken in order or swapped, since
//      reports disagree on who attacked whom.
#pragma once

#include "core/incident.hpp"

#include <string>

namespace incimap::store {

inline constexpr double same_place_km = 10.0;

// Great-circle distance in km (haversine on a sphere of radius 6371 km).
double distance_km(double lat1, double lon1, double lat2, double lon2);

struct MergeDecision {
    bool same = false;
    std::string reason;  // the first rule that failed; empty when same
};

MergeDecision same_incident(const Incident& stored, const Incident& report);

// STORED with REPORT folded in:
//   - fatalities: the lowest positive figure of the two (a report without a
//     figure, 0, does not lower a positive one); fatalities_low/high: the
//     lowest positive low and the highest high of the two ranges;
//   - time_precision and geo_precision: the better (lower) one; when the
//     report places the incident more precisely, its location, coordinates,
//     geonameid, admin1 and country replace the stored ones;
//   - empty fields (sub_event_type, actors, country, admin1) are filled from
//     the report, associated actors are united, confidence is the higher;
//   - sources counts one more; id, event_id_cnty, notes, doc_id, source and
//     created stay those of the stored incident.
// Precondition: same_incident(stored, report).same.
Incident merge_reports(const Incident& stored, const Incident& report);

} // namespace incimap::store
