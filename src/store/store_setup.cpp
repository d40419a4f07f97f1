#include "store/store_setup.hpp"

#include "core/error.hpp"
#include "store/incident_table.hpp"
#include "store/layer_styles.hpp"
#include "store/schema.hpp"
#include "store/schema_version.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace incimap::store {

InitOutcome init_store(const std::string& location, StoreOptions options) {
    auto connection = StoreConnection::open(location, true, options);
    try {
        auto& dataset = connection.dataset();
        if (dataset.find_layer(incidents_layer)) {
            const int version = schema_version(dataset, location);
            check_schema_version(dataset, location);
            if (version < current_schema_version)
                throw InputError(location, 0,
                                 fmt::format("the store's schema is version {}, older than this "
                                             "incimap's ({}); 'incimap store upgrade' brings it "
                                             "up to date",
                                             version, current_schema_version));
            connection.close();
            return InitOutcome::current;
        }
        connection.begin_transaction();
        IncidentTable::open(dataset, location, true, true);
        create_merge_indexes(dataset, location);
        if (dataset.driver_name() == "PostgreSQL")
            store_default_style(dataset);
        connection.commit_transaction();
        connection.close();
        return InitOutcome::created;
    } catch (const LibraryError& e) {
        connection.rethrow(e);
    }
}

int upgrade_store(const std::string& location, StoreOptions options) {
    if (!StoreConnection::is_connection_string(location) && !std::filesystem::exists(location))
        throw InputError(location, 0, "no incident store here; 'incimap store init' makes one");
    auto connection = StoreConnection::open(location, true, options);
    try {
        auto& dataset = connection.dataset();
        if (!dataset.find_layer(incidents_layer))
            throw InputError(location, 0,
                             "no 'incidents' layer: not an incimap store; 'incimap store init' "
                             "makes one");
        connection.begin_transaction();
        const int version = upgrade_schema(dataset, location);
        if (version < current_schema_version && dataset.driver_name() == "PostgreSQL")
            store_default_style(dataset);
        connection.commit_transaction();
        connection.close();
        return version;
    } catch (const LibraryError& e) {
        connection.rethrow(e);
    }
}

} // namespace incimap::store
