#include "store/schema_version.hpp"

#include "core/error.hpp"
#include "store/merge_lookup.hpp"
#include "store/schema.hpp"

#include <fmt/format.h>
#include <vector>

namespace incimap::store {
namespace {

// The unique indexes of version 1, with the plain indexes of version 0
// they replace (a unique index serves the same lookups).
struct UniqueIndex {
    std::string_view table;
    std::string_view name;
    std::string_view columns;
    std::string_view where;
    std::string_view replaces;
};

constexpr UniqueIndex link_indexes[] = {
    {sources_table, "sources_content_hash_unique", "content_hash", "", "sources_content_hash"},
    {links_table, "incident_sources_pair", "incident_id, source_id", "",
     "incident_sources_incident_id"},
};
constexpr UniqueIndex event_id_index = {incidents_layer, "incidents_event_id_unique",
                                        "event_id_cnty", "event_id_cnty IS NOT NULL", ""};

std::string create_statement(const UniqueIndex& index) {
    return fmt::format("CREATE UNIQUE INDEX IF NOT EXISTS {} ON {} ({}){}", index.name, index.table,
                       index.columns,
                       index.where.empty() ? "" : fmt::format(" WHERE {}", index.where));
}

void create_unique_index(gdal::Dataset& store, const UniqueIndex& index,
                         const std::string& location) {
    try {
        store.execute(create_statement(index));
    } catch (const LibraryError& e) {
        const std::string_view why = e.what();
        if (why.find("UNIQUE constraint failed") == std::string_view::npos &&
            why.find("could not create unique index") == std::string_view::npos)
            throw;
        throw InputError(location, 0,
                         fmt::format("table '{}' holds two rows with the same {}, which the "
                                     "schema allows once: {}",
                                     index.table, index.columns, e.what()));
    }
    if (!index.replaces.empty())
        store.execute(fmt::format("DROP INDEX IF EXISTS {}", index.replaces));
}

void record_version(gdal::Dataset& store, int version) {
    auto table = store.find_layer(schema_version_table);
    if (!table) {
        table = store.create_layer(schema_version_table, gdal::GeometryType::none, nullptr,
                                   {fmt::format("FID={}", id_column)});
        table->create_field("version", gdal::FieldType::integer);
    }
    gdal::Feature row(*table);
    row.set_integer(table->field_index("version"), version);
    table->reset_reading();
    if (auto stored = table->next()) {
        row.set_fid(stored->fid());
        table->update(row);
    } else {
        table->create(row);
    }
}

} // namespace

int schema_version(gdal::Dataset& store, const std::string& location) {
    auto table = store.find_layer(schema_version_table);
    if (!table)
        return 0;
    table->reset_reading();
    auto row = table->next();
    if (!row)
        throw InputError(location, 0,
                         fmt::format("table '{}' holds no schema version", schema_version_table));
    return static_cast<int>(row->get_integer(table->field_index("version")));
}

void check_schema_version(gdal::Dataset& store, const std::string& location) {
    const int version = schema_version(store, location);
    if (version > current_schema_version)
        throw InputError(location, 0,
                         fmt::format("the store's schema is version {}, newer than this incimap "
                                     "knows ({}); use a newer incimap",
                                     version, current_schema_version));
}

void create_link_indexes(gdal::Dataset& store) {
    for (const auto& index : link_indexes)
        store.execute(create_statement(index));
}

void record_schema_version(gdal::Dataset& store) {
    record_version(store, current_schema_version);
}

// Whether STORE has every index create_merge_indexes() makes: a writer of
// a PostgreSQL store who does not own its tables may not even run a
// CREATE INDEX IF NOT EXISTS.
bool merge_indexes_exist(gdal::Dataset& store) {
    const auto names = fmt::format("'{}', '{}_day_position', '{}_place_day'", event_id_index.name,
                                   incidents_layer, incidents_layer);
    const auto found = store.query_integer(
        store.driver_name() == "PostgreSQL"
            ? fmt::format("SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() "
                          "AND indexname IN ({})",
                          names)
            : fmt::format("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                          "({})",
                          names));
    return found == 3;
}

void create_merge_indexes(gdal::Dataset& store, const std::string& location) {
    if (merge_indexes_exist(store))
        return;
    create_unique_index(store, event_id_index, location);
    for (const auto& statement : merge_index_statements())
        store.execute(statement);
}

int upgrade_schema(gdal::Dataset& store, const std::string& location) {
    const int version = schema_version(store, location);
    check_schema_version(store, location);
    if (version == current_schema_version)
        return version;
    for (const auto& index : link_indexes)
        create_unique_index(store, index, location);
    create_merge_indexes(store, location);
    record_version(store, current_schema_version);
    return version;
}

} // namespace incimap::store
