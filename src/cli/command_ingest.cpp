#include "cli/command_ingest.hpp"

#include "core/counted.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"
#include "extract/extractor.hpp"
#include "job/report_ingest.hpp"
#include "store/dates.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

namespace incimap::cli {
namespace {

constexpr const char* manual = R"(Reads reports as `incimap extract` does (the same inputs, options and
defaults) and adds the incidents found in them to the incident store, all in
one transaction: a run that fails or is killed leaves the store as it was.

Each document is recorded as a source (URL, title, publication date, time
read, SHA-256 of its text). A document whose text is already in the store is
skipped, so ingesting the same reports again adds nothing. An incident that
another report already put in the store (same day, same event type, places
at most 10 km apart, compatible actors) is merged into it: it counts one
more source, keeps the lowest death figure as fatalities and the range of
figures as fatalities_low/fatalities_high. Incidents under --min-confidence
are counted and left out.

Summary on stderr (unless -q): documents read, skipped as already ingested
and failed (each failure named with its reason), incidents added, merged and
below the confidence threshold, and the store.

Exit codes: 0 the inputs were read (even if no incident was found); 1 an
input or a document could not be read (named on stderr; the others are
still stored); 2 usage error.
)";

} // namespace

std::string_view IngestCommand::synopsis() const {
    return "Read reports and add their incidents to the store, merging reports of one event";
}

std::string_view IngestCommand::examples() const {
    return "incimap ingest examples/articles\n"
           "incimap ingest --store sahel.gpkg report.txt feed.xml\n"
           "incimap ingest --batch reports.jsonl --min-confidence 0.6\n"
           "incimap ingest --published 2024-09-18 - < report.txt";
}

void IngestCommand::setup(CLI::App& app) {
    app.footer(std::string(manual) + "\n" + app.get_footer());
    inputs_.add_to(app);
    store_.add_to(app, true);
}

int IngestCommand::run(const GlobalOptions& global) {
    inputs_.check();
    const auto actors = inputs_.actors();
    const auto gazetteer = inputs_.gazetteer(global, name());
    const extract::Extractor extractor(gazetteer, actors);

    auto store = store_.open(store::IncidentStore::Access::write);
    auto transaction = store.begin();
    job::ReportIngest ingestion(store, extractor, inputs_.min_confidence(),
                                store::utc_timestamp_now());

    std::size_t failures = 0;
    ProgressLine progress(!global.quiet);
    std::size_t documents = 0;
    auto fail = [&](const std::string& message) {
        progress.error(fmt::format("incimap ingest: {}", message));
    };
    auto warn = [&](const std::string& message) {
        if (!global.quiet)
            fail(message);
    };
    // A store error ends the run: the transaction is rolled back whole.
    auto told = [&](job::DocumentReport&& report) {
        if (report.outcome == job::DocumentOutcome::unreadable) {
            ++failures;
            fail(fmt::format("{}: {}", report.id, report.why));
        }
        progress.count("reading reports:", ++documents, 0, "document");
    };
    inputs_.show_download_progress(!global.quiet);
    job::ingest_reports(inputs_.report_set(), std::cin, ingestion, told, warn);
    transaction.commit();
    store.close();
    progress.clear();

    if (!global.quiet) {
        const auto& n = ingestion.counts();
        fmt::print(stderr,
                   "incimap ingest: {} read, {} skipped as already ingested, {} failed; "
                   "incidents: {} added, {} merged, {} below confidence (store {})\n",
                   counted(n.documents, "document"), n.already_ingested, failures, n.added,
                   n.merged, n.below_confidence, store_.resolved_location());
    }
    return failures ? exit_data_error : exit_ok;
}

} // namespace incimap::cli
