#include "cli/command_run.hpp"

#include "cli/option_errors.hpp"

#include "core/error.hpp"
#include "core/folders.hpp"
#include "core/progress.hpp"
#include "core/stop_signal.hpp"
#include "cli/render_options.hpp"
#include "job/default_reports.hpp"
#include "job/map_package.hpp"
#include "job/report_ingest.hpp"
#include "job/run_summary.hpp"
#include "store/dates.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

namespace incimap::cli {
namespace fs = std::filesystem;
namespace {

constexpr const char* manual = R"(The main job, from reports to a finished map package. Reads the inputs as
`incimap ingest` does (files, folders, feeds, http(s) URLs, --batch) into the
store, then writes into --out:

  incidents.gpkg                  the store (or a copy of --store)
  incidents.geojson, .qml         the incidents and their QGIS style
  admin1.geojson, .qml            incidents and deaths per first-level region, QGIS style
  tiles/, tiles/tiles.json        XYZ PNG tiles of the density beneath the page
  incidents.mbtiles, .json        the incidents' tiles in one MBTiles file
  report.png, report.pdf          a map of the incidents with its legend
  index.html, config.js, assets/  the web page (view: incimap serve DIR)

With no input it reads the example reports embedded in the program
(examples/articles in the sources). Running it again adds nothing that is
stored already: a text read before is skipped, and a report of a stored
incident is merged into it.
The filters choose the incidents the outputs show; the store keeps all.
Every file is written under a temporary name and renamed when complete.

Progress goes to stderr on a terminal; the summary at the end names every
document that gave no incident and why (no incident found, duplicate
content, unreadable) and where each output is. -q: nothing but the inputs
that could not be read; -v: a line per document and per step.

Tiles of more than 100,000 (at most: every tile of the zooms over the
extent) are drawn only with --yes or, on a terminal, when the question is
answered yes. SIGINT or SIGTERM while the outputs are written removes the
unfinished tile folder or file and exits 128 + the signal; the store keeps
the reports read.

Exit codes: 0 done; 1 an input or a document could not be read (named on
stderr; everything else still went through) or an output could not be
written; 2 usage error, e.g. --out is a file or a large run of tiles not
confirmed.
)";

} // namespace

std::string_view RunCommand::synopsis() const {
    return "The main job: read reports into the store and write every map output into one folder";
}

std::string_view RunCommand::examples() const {
    return "incimap run --out output\n"
           "incimap run --out mali examples/articles https://example.org/sahel/feed.xml\n"
           "incimap run --out 2024 --store sahel.gpkg --since 2024-01-01 reports/\n"
           "incimap run -q --out site --batch reports.jsonl";
}

void RunCommand::setup(CLI::App& app) {
    app.footer(std::string(manual) + "\n" + app.get_footer());
    inputs_.add_to(app);
    app.add_option("--out", out_, "The folder for every output (created when missing)")
        ->type_name("DIR")
        ->default_val("output");
    store_.add_to(app, true);
    app.get_option("--store")->description(
        "The incident store: a GeoPackage file, or a GDAL connection string such as "
        "PG:dbname=incidents (default: DIR/incidents.gpkg)");
    filter_.add_to(app);
    app.add_flag("--yes", yes_,
                 "Draw more than 100,000 tiles without asking (on a terminal the estimate is "
                 "shown with a y/N question; elsewhere such a run stops before the tiles unless "
                 "--yes is given; the store keeps what was read)");
    output_.add_to(app);
}

int RunCommand::run(const GlobalOptions& global) {
    inputs_.check(false);
    const auto filter = filter_.parse();
    const fs::path out = out_;
    naming_option("--out", [&] { job::check_output_folder(out); });
    create_folders(out);  // before any report is read: a folder that cannot be made ends the run
    auto store_options = store_;
    if (store_options.location.empty())
        store_options.location = (out / "incidents.gpkg").string();

    auto guard = output_.guard();
    inputs_.add_inputs_to(guard);
    guard.add_input(store_options.location, "the store");
    job::PackageOptions package;
    package.folder = out;
    package.store = store_options.location;
    package.filter = filter;
    package.quiet = global.quiet;
    package.details = global.verbose > 0;
    package.guard = &guard;
    package.confirm_tiles = [this](const render::TileOptions& tiles) {
        confirm_large_run(tiles, yes_, "run",
                          "fewer incidents in the package (--bbox, --country, --since)");
    };
    job::check_map_package(package);  // before any report is read

    const auto actors = inputs_.actors();
    const auto gazetteer = inputs_.gazetteer(global, name());
    const extract::Extractor extractor(gazetteer, actors);
    package.gazetteer = &gazetteer;

    job::RunSummary summary;
    summary.inputs = inputs_.has_inputs() ? "the inputs" : job::default_reports_name;
    summary.store = store_options.location;
    {
        auto store = store_options.open(store::IncidentStore::Access::write);
        auto transaction = store.begin();
        job::ReportIngest ingestion(store, extractor, inputs_.min_confidence(),
                                    store::utc_timestamp_now());
        ProgressLine progress(!global.quiet);
        auto say = [&](const std::string& message) {
            progress.message(fmt::format("incimap run: {}", message));
        };
        auto complain = [&](const std::string& message) {
            progress.error(fmt::format("incimap run: {}", message));
        };
        auto warn = [&](const std::string& message) {
            if (global.verbose > 0)
                say(message);
        };
        // A store error ends the run: the transaction is rolled back whole.
        auto told = [&](job::DocumentReport&& report) {
            if (report.outcome == job::DocumentOutcome::unreadable)
                complain(fmt::format("{}: {}", report.id, report.why));
            else if (global.verbose > 0)
                say(fmt::format("{}: {}, {} added, {} merged", report.id,
                                job::outcome_name(report.outcome), report.added, report.merged));
            summary.documents.push_back(std::move(report));
            progress.count("reading reports:", summary.documents.size(), 0, "document");
        };
        inputs_.show_download_progress(!global.quiet);
        if (inputs_.has_inputs()) {
            job::ingest_reports(inputs_.report_set(), std::cin, ingestion, told, warn);
        } else {
            for (auto& doc : job::default_reports(warn)) {
                if (doc.published.empty())
                    doc.published = inputs_.published();
                told(ingestion.ingest(doc));
            }
        }
        transaction.commit();
        summary.counts = ingestion.counts();
        summary.stored = store.count();
        store.close();
    }

    {
        // SIGINT and SIGTERM stop the drawing; the unfinished tile folder
        // or file is removed on the way out (the store is committed).
        StopOnSignal stop_on_signal;
        summary.package = job::write_map_package(package);
    }

    if (!global.quiet)
        fmt::print(stderr, "{}", job::format_summary(summary));
    return summary.unreadable() > 0 ? exit_data_error : exit_ok;
}

} // namespace incimap::cli
