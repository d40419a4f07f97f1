#include "cli/command_import.hpp"

#include "cli/option_errors.hpp"

#include "core/counted.hpp"
#include "core/error.hpp"
#include "core/countries.hpp"
#include "store/importer.hpp"
#include "store/place_lookup.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>

namespace incimap::cli {

std::string_view ImportCommand::synopsis() const {
    return "Load ACLED exports, CSV tables or GeoJSON into the incident store";
}

std::string_view ImportCommand::examples() const {
    return "incimap import acled_sahel_2024.csv\n"
           "incimap import --store sahel.gpkg --rejects rejected.csv exports/*.csv\n"
           "incimap import --format geojson field_reports.geojson\n"
           "incimap import --country BF --format csv village_reports.csv\n"
           "incimap import --map event_date=SQLDATE,latitude=ActionGeo_Lat,longitude=ActionGeo_Long "
           "--map-file gdelt.map gdelt_events.csv";
}

void ImportCommand::setup(CLI::App& app) {
    app.add_option("files", files_, "Event tables to load (- reads CSV from standard input)")
        ->required();
    app.add_option("--format", format_,
                   "acled, csv or geojson (default: geojson for .geojson/.json files, else csv; "
                   "acled also insists on ACLED's event_id_cnty column)");
    app.add_option("--rejects", rejects_,
                   "Write rejected rows to this CSV file: line, reason, then the row's fields");
    app.add_option("--country", country_,
                   "Country (ISO code or name) of rows that name none; their places are looked "
                   "up in it only");
    app.add_option("--map", maps_,
                   "Columns of a table with other names: FIELD=COLUMN,... (event_date=SQLDATE), "
                   "or what a coded column's values mean: FIELD[CODE]=VALUE (event_type[19]=Battles); "
                   "repeatable")
        ->allow_extra_args(false);
    app.add_option("--map-file", map_file_,
                   "A file of --map entries, one a line (# comments); see docs/store.md");
    store_.add_to(app, true);
    gazetteer_.add_to(app);
    output_.add_to(app);
    app.footer(app.get_footer() + "\n" +
        "Rows that name a place but give no coordinates are placed with the gazetteer "
        "(GeoNames, CC BY 4.0) as the reader places a name in a report: the row's admin3, "
        "admin2 and admin1 are hints, its country a hard constraint, and a spelling a few "
        "letters off is taken only with at most 0.15 edits per letter. A location the "
        "gazetteer lacks is placed at its admin3, else admin2 (geo_precision 2), else admin1 "
        "(geo_precision 3); a row still unplaced is rejected with every reason "
        "(docs/geocoding.md). "
        "Rows with an event_id_cnty already in the store update that incident; rows without "
        "one get an id derived from their date, type, place and actors, so importing a file "
        "again changes nothing. Rows are rejected, with a reason, for malformed CSV, bad "
        "UTF-8, impossible coordinates, unknown dates or event types.");
}

int ImportCommand::run(const GlobalOptions& global) {
    store::ImportOptions options;
    if (format_ != "auto")
        options.format = naming_option("--format", [&] { return store::parse_import_format(format_); });
    if (!country_.empty()) {
        const Country* country = country_.size() == 2 ? country_by_iso2(country_)
                                                             : country_by_name(country_);
        if (!country)
            throw UsageError(fmt::format("--country '{}': not a country code or name", country_));
        options.context.default_iso = country->iso2;
    }
    if (!map_file_.empty())
        options.context.mapping = store::ColumnMapping::load(map_file_);
    for (const auto& entry : maps_)
        options.context.mapping.add(entry, "--map");
    options.rejects = rejects_;
    if (global.verbose >= 2)
        options.progress = [](const std::string& file, const store::ImportCounts& counts) {
            fmt::print(stderr, "{}: {} read\n", file, counted(counts.rows, "row"));
        };
    std::vector<std::filesystem::path> files(files_.begin(), files_.end());
    store::check_inputs(files);
    if (!rejects_.empty()) {
        auto guard = output_.guard();
        for (const auto& file : files)
            guard.add_input(file);
        guard.add_input(map_file_, "the --map-file");
        guard.add_input(store_.resolved_location(), "the store");
        guard.check(rejects_);
    }

    // Rows with a place name and no coordinates are placed with the
    // gazetteer, loaded when the first such row comes.
    std::optional<gazetteer::Gazetteer> loaded;
    auto resolver = store::gazetteer_resolver([&]() -> const gazetteer::Gazetteer& {
        if (!loaded)
            loaded.emplace(gazetteer_.load(global, name()));
        return *loaded;
    });
    options.context.resolver = &resolver;

    auto store = store_.open(store::IncidentStore::Access::write);
    auto report = store::import_files(store, files, options);
    store.close();

    if (!global.quiet) {
        for (const auto& line : report.rejections)
            fmt::print(stderr, "rejected {}\n", line);
        if (report.rejections_not_shown > 0)
            fmt::print(stderr, "… and {} more rejected {}{}\n", report.rejections_not_shown,
                       noun_for(report.rejections_not_shown, "row"),
                       rejects_.empty() ? " (--rejects FILE lists them all)" : "");
        if (global.verbose >= 1)
            for (const auto& [file, counts] : report.files)
                fmt::print(stderr, "{}: {}: {} imported, {} updated, {} rejected\n", file,
                           counted(counts.rows, "row"), counts.imported, counts.updated, counts.rejected);
    }
    const auto& total = report.total;
    fmt::print("{}: {} imported, {} updated, {} rejected (store {})\n", counted(total.rows, "row"),
               total.imported, total.updated, total.rejected, store_.resolved_location());
    if (!rejects_.empty() && !global.quiet)
        fmt::print(stderr, "rejected rows written to {}\n", rejects_);
    return exit_ok;
}

} // namespace incimap::cli
