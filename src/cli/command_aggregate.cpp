#include "cli/command_aggregate.hpp"

#include "cli/option_errors.hpp"

#include "core/atomic_file.hpp"
#include "core/counted.hpp"
#include "core/error.hpp"
#include "store/aggregate.hpp"
#include "store/export.hpp"
#include "store/vector_output.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace incimap::cli {

std::string_view AggregateCommand::synopsis() const {
    return "Count incidents and deaths per place, admin-1 region, grid/hex cell, week or month";
}

std::string_view AggregateCommand::examples() const {
    return "incimap aggregate --by admin1 --out output/admin1.geojson   # and its QGIS style admin1.qml\n"
           "incimap aggregate --by hex:25 --country BF --since 2023-01-01 --out bf_hex.geojson\n"
           "incimap aggregate --by grid:0.5 --type Battles --out battles_grid.geojson\n"
           "incimap aggregate --by month --actor 'Wagner' --out wagner_months.geojson\n"
           "incimap aggregate --by admin1 --out regions.shp    # also regions.fields.txt";
}

void AggregateCommand::setup(CLI::App& app) {
    app.add_option("--by", by_,
                   "place, admin1 (first-level regions as ACLED codes them), grid:DEGREES, hex:KM (equal-area "
                   "hexagons KM across), week or month (points per place and period)")
        ->required();
    app.add_option("--out", out_,
                   "The file to write, its format named by its extension: .geojson or .json, "
                   ".gpkg, .csv (geometry as WKT), .shp, .kml, .fgb, .parquet (where GDAL has the "
                   "driver); - for GeoJSON on standard output")
        ->required();
    app.add_flag("--no-style", no_style_,
                 "With --by admin1: do not write the QGIS style FILE.qml beside a GeoJSON");
    store_.add_to(app, false);
    filter_.add_to(app);
    output_.add_to(app);
    app.footer(app.get_footer() + "\nBoundaries: Made with Natural Earth (public domain).");
}

int AggregateCommand::run(const GlobalOptions& global) {
    auto grouping = naming_option("--by", [&] { return store::parse_grouping(by_); });
    if (out_ != "-") {
        try {
            store::vector_format_for(out_);
        } catch (const Error& e) {
            throw e.with_context("--out");
        }
    }
    auto filter = filter_.parse();
    // Regions in GeoJSON get their QGIS style beside them, as exported
    // incidents do; not beside standard output, a device or a FIFO.
    const bool styled = grouping.by == store::GroupBy::admin1 && out_ != "-" && !no_style_ &&
                        store::vector_format_for(out_) == store::VectorFormat::geojson &&
                        !is_stream_file(out_);
    auto guard = output_.guard();
    guard.add_input(store_.resolved_location(), "the store");
    guard.check(out_);
    if (styled)
        guard.check(store::style_path_for(out_));
    auto store = store_.open(store::IncidentStore::Access::read);
    auto result = store::aggregate(store, filter, grouping);
    store::write_aggregation(result, out_);
    if (styled)
        store::write_layer_style(store::style_path_for(out_), store::LayerStyle::regions);
    if (!global.quiet)
        fmt::print(stderr, "{}, {} in {} -> {}{}\n", counted(result.incidents, "incident"),
                   counted(result.fatalities, "death"), counted(result.groups.size(), "group"), out_,
                   styled ? fmt::format(" (QGIS style {})", store::style_path_for(out_).string())
                          : std::string());
    return exit_ok;
}

} // namespace incimap::cli
