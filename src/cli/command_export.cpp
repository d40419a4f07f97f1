#include "cli/command_export.hpp"

#include "core/atomic_file.hpp"
#include "core/counted.hpp"
#include "core/error.hpp"
#include "core/ascii.hpp"
#include "store/export.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>

namespace incimap::cli {

std::string_view ExportCommand::synopsis() const {
    return "Write stored incidents to GeoJSON (with a QGIS style), ACLED-style CSV or GeoPackage";
}

std::string_view ExportCommand::examples() const {
    return "incimap export --out output/incidents.geojson\n"
           "incimap export --format csv --out mali_2024.csv --country ML --since 2024-01-01\n"
           "incimap export --out battles.gpkg --type Battles\n"
           "incimap export --format acled --out acled_again.csv";
}

void ExportCommand::setup(CLI::App& app) {
    app.add_option("--out", out_, "The file to write (- for standard output)")->required();
    app.add_option("--format", format_,
                   "geojson, csv, acled (ACLED's columns alone) or gpkg (default: from the --out extension, else geojson)");
    app.add_flag("--no-style", no_style_, "Do not write the QGIS style FILE.qml beside a GeoJSON");
    store_.add_to(app, false);
    filter_.add_to(app);
    output_.add_to(app);
}

int ExportCommand::run(const GlobalOptions& global) {
    std::string format_name = format_;
    if (format_name.empty()) {
        auto extension = lowered(std::filesystem::path(out_).extension().string());
        format_name = extension == ".csv" ? "csv" : extension == ".gpkg" ? "gpkg" : "geojson";
    }
    auto format = store::parse_export_format(format_name, false);
    if (format == store::ExportFormat::gpkg && out_ == "-")
        throw UsageError("--out -: a GeoPackage cannot be written to standard output");
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
