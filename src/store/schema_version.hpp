// The version of a store's schema, and what each version holds beyond the
// tables themselves. A store records its version in the one-row table
// `incimap_schema` (field `version`); a store made before versions were kept
// has no such table and is version 0.
//
//   version 0  the tables of store/schema.hpp
//   version 1  + `incimap_schema`; unique sources.content_hash, unique
//              incident_sources (incident_id, source_id), unique non-null
//              incidents.event_id_cnty, and the merge indexes
//              (store/merge_lookup.hpp)
//
// The unique indexes make a doubled report, link or ACLED row impossible,
// whatever number of writers a database has. A program refuses a store
// whose version is newer than it knows; an older store is brought up to
// date only by upgrade_schema(), never as a side effect of writing.
#pragma once

#include "adapters/gdal.hpp"

#include <string>

namespace incimap::store {

inline constexpr int current_schema_version = 1;
inline constexpr std::string_view schema_version_table = "incimap_schema";

// STORE's version: 0 when it has no version table. Throws InputError naming
// LOCATION when the table holds no version.
int schema_version(gdal::Dataset& store, const std::string& location);

// Throws InputError naming LOCATION when STORE's version is newer than
// current_schema_version.
void check_schema_version(gdal::Dataset& store, const std::string& location);

// The parts of current_schema_version a new store gets as its tables are
// made: the unique indexes of sources and links (before the incidents
// layer, which a GeoPackage bulk load wants to index last), and the
// version, recorded once the tables exist.
void create_link_indexes(gdal::Dataset& store);
void record_schema_version(gdal::Dataset& store);

// The unique index of event ids and the merge indexes, made by `store init`,
// `store upgrade` and a store's first report (a bulk import into a new store
// leaves them to later rather than maintain them row by row). Idempotent. Throws InputError naming
// LOCATION when two incidents have the same event id.
void create_merge_indexes(gdal::Dataset& store, const std::string& location);

// Brings STORE from its version up to current_schema_version and returns
// the version it had. Throws InputError naming LOCATION and the table when
// the store holds rows a unique index forbids (a doubled report). Cost: one
// pass over each table an index is built on.
int upgrade_schema(gdal::Dataset& store, const std::string& location);

} // namespace incimap::store
