#include "cli/command_list.hpp"

#include "cli/option_errors.hpp"

#include "core/counted.hpp"
#include "core/error.hpp"
#include "store/export.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace incimap::cli {

std::string_view ListCommand::synopsis() const {
    return "Show the stored incidents that pass the filters (table, CSV or GeoJSON)";
}

std::string_view ListCommand::examples() const {
    return "incimap list --country ML --since 2024-01-01\n"
           "incimap list --type 'Air/drone strike' --min-fatalities 10\n"
           "incimap list --actor JNIM --bbox -5,10,5,20 --format csv > jnim.csv\n"
           "incimap list --admin1 Kidal --format geojson";
}

void ListCommand::setup(CLI::App& app) {
    app.add_option("--format", format_, "table, csv, acled or geojson")->default_val("table");
    store_.add_to(app, false);
    filter_.add_to(app);
}

int ListCommand::run(const GlobalOptions& global) {
    auto format = naming_option("--format", [&] { return store::parse_export_format(format_, true); });
    auto filter = filter_.parse();
    auto store = store_.open(store::IncidentStore::Access::read);
    auto count = store::export_incidents(store, filter, format, "-");
    if (!global.quiet && format == store::ExportFormat::table)
        fmt::print(stderr, "{}\n", counted(static_cast<std::uint64_t>(count), "incident"));
    return exit_ok;
}

} // namespace incimap::cli
