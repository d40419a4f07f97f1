// Making a store's schema on purpose, and bringing an older one up to date:
// what `incimap store init` and `incimap store upgrade` do, for a GeoPackage
// file and for a PostgreSQL database alike (store/schema_version.hpp says
// what each version holds).
#pragma once

#include "store/store_connection.hpp"

#include <string>

namespace incimap::store {

enum class InitOutcome {
    created, // the tables, indexes and version were made
    current, // the store was already at the current version: nothing changed
};

// Makes the store's tables, unique indexes, merge indexes and the spatial
// index (GiST in PostgreSQL, an R-tree in a GeoPackage) in one transaction,
// and records the current version; in PostgreSQL, also the incidents'
// default QGIS style (store/layer_styles.hpp). Throws InputError naming LOCATION when
// the store's schema is older (upgrade_store() is for that) or newer than
// this program knows, and when a database lacks the PostGIS extension.
InitOutcome init_store(const std::string& location, StoreOptions options);

// Brings the store at LOCATION up to the current version in one
// transaction; returns the version it had (the current one: nothing
// changed). Throws InputError naming LOCATION when there is no store there,
// its schema is newer than this program knows, or it holds rows the unique
// indexes forbid.
int upgrade_store(const std::string& location, StoreOptions options);

} // namespace incimap::store
