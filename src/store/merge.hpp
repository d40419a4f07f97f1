// When two reports describe the same incident, and what the merged incident
// says. Pure functions: the store (IncidentStore::add) looks up candidates
// and calls them; docs/merging.md states the same rules.
//
// Same incident when all of these hold:
//   1. same day: equal event_date;
//   2. same place: equal non-zero geonameid, or at most 10 km apart;
//   3. same event_type;
//   4. compatible sub-event types: equal or one empty, or two ways of
//      telling one protest, riot or fight (sub_events_compatible);
//   5. compatible actors: each side's actor equal (ignoring case and
//      spacing), unknown on one side (empty or "Unidentified …"), or among
//      the other's associated actors — taken in order or swapped, since
//      reports disagree on who attacked whom;
//   6. compatible particulars: the groups and kinds of places the notes name
//      (store/particulars.hpp) overlap, or one names none;
//   7. compatible named places: one names none, or each names the place
//      the other names first (store::places_compatible);
//   8. compatible death tolls: not one at least five times the other and
//      ten or more apart (early and later counts differ, not by that much).
#pragma once

#include "core/incident.hpp"
#include "gazetteer/place.hpp"

#include <string>
#include <string_view>

namespace incimap::store {

inline constexpr double same_place_km = 10.0;

// Great-circle distance in km: the gazetteer's.
using gazetteer::distance_km;

// Rule 4. Sub-event types that tell the harm done or the means (an attack
// or an abduction; an air strike or a roadside bomb) must be equal; those
// that tell the course of a protest, a riot or a fight (peaceful or met by
// the police; a clash or territory taken) may differ between reports of
// one event. ASCII case is ignored.
bool sub_events_compatible(std::string_view event_type, std::string_view a, std::string_view b);

// Rule 8 on two death tolls, 0 meaning "no figure".
bool fatalities_compatible(int a, int b);

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
//     the report, an unidentified actor gives way to a named one,
//     associated actors are united, confidence is the higher;
//   - sources counts one more; id, event_id_cnty, notes, doc_id, source and
//     created stay those of the stored incident.
// Precondition: same_incident(stored, report).same.
Incident merge_reports(const Incident& stored, const Incident& report);

} // namespace incimap::store
