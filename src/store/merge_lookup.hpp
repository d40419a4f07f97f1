// How the store finds the incidents a report may be merged with — rules 1
// and 2 of store/merge.hpp, same day and same place — without reading all of
// a day or all of a place. A report looks up two things by index:
//   - near: the same day and event type, in a box that surely holds every
//     point within same_place_km (an index on event_date, latitude,
//     longitude: the day's incidents in one band of latitude, of which only
//     those inside the box are read);
//   - at its place: the same day, event type and non-zero geonameid (an
//     index on geonameid, event_date of the incidents that have one).
// Each lookup reads the few incidents of that day near the report, however
// many the store holds on that day or at that place over the years. The
// spatial index is not used: it finds a town's incidents of every day, and
// a store holds more of them with every year it covers.
//
// The WHERE clauses are plain SQL, read alike by SQLite (GeoPackage) and
// PostgreSQL, so an OGR attribute filter carries them to either.
#pragma once

#include "core/incident.hpp"

#include <string>
#include <vector>

namespace incimap::store {

// Degrees of latitude and of longitude that surely hold a circle of
// same_place_km around a point at LATITUDE.
struct SearchBox {
    double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
};
SearchBox same_place_box(double latitude, double longitude);

// The statements that create the indexes above when missing (and drop the
// day-only index of earlier stores, which the day-and-position one serves).
// Idempotent.
std::vector<std::string> merge_index_statements();

// WHERE clause for the incidents of the report's day and event type (ASCII
// case ignored) inside same_place_box() around it.
std::string merge_candidates_near(const Incident& report);

// WHERE clause for the incidents of the report's day and event type at its
// GeoNames place. Precondition: report.geonameid != 0.
std::string merge_candidates_at_place(const Incident& report);

} // namespace incimap::store
