// What a writer of a store in PostgreSQL locks before it reads, so that
// many writers at once leave the store as one after the other would, while
// writers in different places go on side by side. Each lock is named by a
// short text; StoreConnection::lock() takes the transaction-scoped advisory
// lock keyed on the database's hash of it (hashtextextended(NAME, 0)), all
// of one call in the order of their keys.
//
//   "incimap cell|DAY|TYPE|A|B"      a merge cell: the reports of DAY and
//                                    event TYPE (lower case) whose point is
//                                    in the 0.25° cell (column A, row B) of
//                                    a SquareGrid (store/cells.hpp)
//   "incimap place|DAY|TYPE|ID"      the same at GeoNames place ID
//   "incimap source|HASH"            the report with this content hash
//   "incimap event|ID"               the ACLED row with this event_id_cnty
//
// A report may merge only with an incident of its day and type inside
// same_place_box() around it or at its geonameid (store/merge_lookup.hpp).
// Its writer locks every cell that box touches and its place: any other
// writer that adds or changes an incident it could merge with holds that
// incident's own cell or place, and waits, or is waited for. Two reports of
// one event meet there and are merged; reports of other places or days
// share no lock.
#pragma once

#include "core/incident.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace incimap::store {

// The side of a merge cell, in degrees: a same_place_box() (0.18° tall,
// wider away from the equator) touches 2 to 6 of them.
inline constexpr double merge_cell_degrees = 0.25;

// The locks to hold before reading the merge candidates of REPORT: the
// cells its same_place_box() touches, and its place when it has one.
std::vector<std::string> merge_lock_names(const Incident& report);

// The locks of a stored INCIDENT, to hold before changing it: its own cell
// and its place when it has one.
std::vector<std::string> incident_lock_names(const Incident& incident);

std::string source_lock_name(std::string_view content_hash);
std::string event_id_lock_name(std::string_view event_id_cnty);

} // namespace incimap::store
