#include "cli/command_store.hpp"

#include "cli/nested_commands.hpp"
#include "core/error.hpp"
#include "store/schema_version.hpp"
#include "store/store_setup.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace incimap::cli {

std::string_view StoreCommand::synopsis() const {
    return "Make a store's tables and indexes (GeoPackage or PostGIS), or upgrade an older one";
}

std::string_view StoreCommand::examples() const {
    return "incimap store init incidents.gpkg\n"
           "incimap store init 'PG:dbname=incidents host=/var/run/postgresql'\n"
           "incimap store init PG:service=incidents\n"
           "incimap store upgrade output/incidents.gpkg";
}

void StoreCommand::setup(CLI::App& app) {
    app.require_subcommand(1, 1);
    const char* store_help =
        "The store: a GeoPackage file, or a connection string such as PG:dbname=incidents, "
        "PG:service=incidents or postgresql://host/incidents (default: $INCIMAP_STORE, else "
        "output/incidents.gpkg)";
    init_ = add_nested(app, "incimap store", "init",
                       "Make the store's tables, indexes and unique constraints, and record "
                       "its schema version",
                       "Examples:\n  incimap store init incidents.gpkg\n"
                       "  incimap store init 'PG:dbname=incidents host=/var/run/postgresql'\n"
                       "  incimap store init postgresql://db.example.org/incidents\n\n"
                       "A store that already has the current schema is left as it is. A "
                       "database needs the PostGIS\nextension (CREATE EXTENSION postgis). "
                       "Passwords come from ~/.pgpass, PGPASSFILE or a\nservice file, never "
                       "from the command line.\n");
    init_->add_option("store", store_.location, store_help);
    store_.lock_timeout.add_to(*init_, "to the store");
    upgrade_ = add_nested(app, "incimap store", "upgrade",
                          "Bring a store made by an earlier incimap up to the current schema",
                          "Examples:\n  incimap store upgrade output/incidents.gpkg\n"
                          "  incimap store upgrade PG:service=incidents\n\n"
                          "Commands never upgrade a store by themselves; a store newer than "
                          "this incimap is refused.\n");
    upgrade_->add_option("store", store_.location, store_help);
    store_.lock_timeout.add_to(*upgrade_, "to the store");
}

int StoreCommand::run(const GlobalOptions& global) {
    const auto location = store_.resolved_location();
    store::StoreOptions options;
    options.lock_timeout = store_.lock_timeout.duration();
    options.on_wait = store_.lock_timeout.on_wait("the store", location);
    if (init_->parsed()) {
        const auto outcome = store::init_store(location, options);
        if (!global.quiet && outcome == store::InitOutcome::created)
            fmt::print(stderr, "made the store '{}' (schema version {})\n", location,
                       store::current_schema_version);
        else if (!global.quiet)
            fmt::print(stderr, "the store '{}' already has schema version {}; nothing changed\n",
                       location, store::current_schema_version);
        return exit_ok;
    }
    const int was = store::upgrade_store(location, options);
    if (!global.quiet) {
        if (was == store::current_schema_version)
            fmt::print(stderr, "the store '{}' already has schema version {}; nothing changed\n",
                       location, was);
        else
            fmt::print(stderr, "upgraded the store '{}' from schema version {} to {}\n", location,
                       was, store::current_schema_version);
    }
    return exit_ok;
}

} // namespace incimap::cli
