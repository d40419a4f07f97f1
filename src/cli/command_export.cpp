#include "cli/command_export.hpp"

#include "cli/option_errors.hpp"

#include "core/atomic_file.hpp"
#include "core/counted.hpp"
#include "core/error.hpp"
#include "store/export.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>

namespace incimap::cli {

std::string_view ExportCommand::synopsis() const {
    return "Write stored incidents to GeoJSON (with a QGIS style), ACLED-style CSV, GeoPackage, "
           "Shapefile, KML or FlatGeobuf";
}

std::string_view ExportCommand::examples() const {
    return "incimap export --out output/incidents.geojson\n"
           "incimap export --format csv --out mali_2024.csv --country ML --since 2024-01-01\n"
           "incimap export --out battles.gpkg --type Battles\n"
           "incimap export --out mali.shp --country ML    # also mali.fields.txt: the shortened names\n"
           "incimap export --format acled --out acled_again.csv";
}

void ExportCommand::setup(CLI::App& app) {
    app.add_option("--out", out_,
                   "The file to write, its format named by its extension: .geojson or .json, .csv, "
                   ".gpkg, .shp, .kml, .fgb, .parquet (where GDAL has the driver); - for standard "
                   "output (GeoJSON)")
        ->required();
    app.add_option("--format", format_,
                   "geojson, csv, acled (ACLED's columns alone, a .csv), gpkg, shp, kml, fgb or "
                   "parquet (default: from the --out extension); it must agree with the extension");
    app.add_flag("--no-style", no_style_, "Do not write the QGIS style FILE.qml beside a GeoJSON");
    store_.add_to(app, false);
    filter_.add_to(app);
    output_.add_to(app);
}

int ExportCommand::run(const GlobalOptions& global) {
    auto format = format_.empty() ? store::ExportFormat::geojson
                                  : naming_option("--format", [&] { return store::parse_export_format(format_, false); });
    if (out_ == "-") {
        if (format != store::ExportFormat::geojson && format != store::ExportFormat::csv &&
            format != store::ExportFormat::acled)
            throw UsageError(fmt::format("--out -: a {} cannot be written to standard output; "
                                         "GeoJSON and CSV can",
                                         store::vector_format_info(*store::file_format_of(format)).name));
    } else {
        auto named = store::vector_format_named_by(out_);
        try {
            if (format_.empty())
                format = store::export_format_for(out_);
            else if (named && named != store::file_format_of(format))
                throw UsageError(fmt::format(
                    "--format {} writes {}, but the extension of --out '{}' names {}", format_,
                    store::vector_format_info(*store::file_format_of(format)).name, out_,
                    store::vector_format_info(*named).name));
            else
                store::require_driver(*store::file_format_of(format), out_);
        } catch (const UsageError&) {
            throw;
        } catch (const Error& e) {
            throw e.with_context("--out");
        }
    }
    auto filter = filter_.parse();
    // No style beside standard output, a device or a FIFO.
    bool styled = format == store::ExportFormat::geojson && out_ != "-" && !no_style_ &&
                  !is_stream_file(out_);
    auto guard = output_.guard();
    guard.add_input(store_.resolved_location(), "the store");
    guard.check(out_);
    if (styled)
        guard.check(store::style_path_for(out_));
    auto store = store_.open(store::IncidentStore::Access::read);
    auto count = store::export_incidents(store, filter, format, out_);
    if (styled)
        store::write_layer_style(store::style_path_for(out_));
    if (!global.quiet)
        fmt::print(stderr, "wrote {} to {}{}\n", counted(static_cast<std::uint64_t>(count), "incident"), out_,
                   styled ? fmt::format(" (QGIS style {})", store::style_path_for(out_).string())
                          : std::string());
    return exit_ok;
}

} // namespace incimap::cli
