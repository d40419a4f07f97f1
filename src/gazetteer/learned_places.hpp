// Places learned from coded events: the villages and communes an event
// table (an ACLED export imported into a store) has already placed, which
// GeoNames lacks. A team's store soon holds the hamlets its region's reports
// keep naming; written as a GeoNames dump (`incimap gazetteer learn`), they
// become a gazetteer layer the reader resolves names with like any other.
//
// What is learned, from events placed at their own location (ACLED
// geo_precision 1):
//   - each location name, at the point most of its events share (a name
//     coded at points more than 10 km apart is one place per cluster);
//   - each third-level unit (admin3: a commune, a department) as the median
//     point of its events, where the gazetteer has no place of that name
//     near it: the point a village of that unit falls back to.
// Nothing is learned of a name the gazetteer already places within 10 km
// (25 km for a unit), so a learned layer only adds what was missing.
#pragma once

#include "gazetteer/gazetteer.hpp"

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <vector>

namespace incimap::gazetteer {

// One coded event's place, as an event table gives it.
struct CodedPlace {
    std::string location;  // the place name coded
    std::string country;   // ISO alpha-2, alpha-3 or name
    std::string admin1;    // names of the units, as coded ("Sahel", "Soum", "Arbinda")
    std::string admin2;
    std::string admin3;
    double latitude = 0;
    double longitude = 0;
    int geo_precision = 1;  // ACLED's: 1 the place itself, 2 near it, 3 its region
};

struct LearnedPlace {
    std::int64_t geonameid = 0;  // in the learned range (is_learned_id)
    std::string name;
    double latitude = 0;
    double longitude = 0;
    char feature_class = 'P';          // P: a place; A: a unit
    std::string feature_code = "PPL";  // PPL, or ADM3 for a unit
    std::string country;               // ISO alpha-2
    std::string admin1_code;           // GeoNames' code of its admin1, "" when unknown
    std::size_t events = 0;            // coded events it was learned from
};

struct LearnedPlaces {
    std::vector<LearnedPlace> places;  // sorted by country, name, then geonameid
    std::size_t events_read = 0;       // coded places given
    std::size_t events_used = 0;       // of them, placed at their own location in a known country
    std::size_t names_known = 0;       // clusters the gazetteer already placed
};

// Learns the places `coded` names that `known` lacks. Deterministic: the
// same events give the same places and ids, whatever their order.
// Cost: one gazetteer lookup per distinct name and unit.
LearnedPlaces learn_places(std::span<const CodedPlace> coded, const Gazetteer& known);

// Whether an id is one learn_places gives (never a GeoNames id).
bool is_learned_id(std::int64_t geonameid);

// Writes the places as rows of the geoname table (19 tab-separated
// columns), the form `gazetteer add` installs and --gazetteer reads.
void write_geonames_rows(std::span<const LearnedPlace> places, std::ostream& out);

} // namespace incimap::gazetteer
