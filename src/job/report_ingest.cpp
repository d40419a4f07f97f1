#include "job/report_ingest.hpp"

#include "core/store_error.hpp"

#include <fmt/format.h>

namespace incimap::job {

std::string_view outcome_name(DocumentOutcome outcome) {
    switch (outcome) {
    case DocumentOutcome::stored: return "stored";
    case DocumentOutcome::no_incident: return "no incident found";
    case DocumentOutcome::duplicate: return "duplicate content";
    case DocumentOutcome::unreadable: return "unreadable";
    }
    return "?";
}

ReportIngest::ReportIngest(store::IncidentStore& store, const extract::Extractor& extractor,
                           double min_confidence, std::string fetched)
    : store_(store),
      extractor_(extractor),
      ingestion_(store, min_confidence),
      fetched_(std::move(fetched)) {}

void ReportIngest::store_again(const store::WriteConflict& conflict) {
    std::optional<store::WriteConflict> last = conflict;
    while (last) {
        store_.restart(*last);  // throws when the attempts are spent
        last.reset();
        try {
            ingestion_.restart();
            for (const auto& doc : stored_)
                if (!ingestion_.already_ingested(doc.source) && doc.incidents)
                    ingestion_.add(*doc.incidents, doc.source);
        } catch (const store::WriteConflict& again) {
            last = again;
        }
    }
}

DocumentReport ReportIngest::ingest(const sources::Document& doc) {
    DocumentReport report;
    report.id = doc.id;
    const auto source =
        store::source_record({doc.text, doc.url, doc.title, doc.published, fetched_});
    std::optional<std::vector<Incident>> incidents;
    for (;;) {
        try {
            const auto before = ingestion_.counts();
            if (ingestion_.already_ingested(source)) {
                report.outcome = DocumentOutcome::duplicate;
            } else {
                if (!incidents && report.why.empty()) {
                    try {
                        incidents = extractor_.extract(doc, nullptr, &run_);
                    } catch (const std::exception& e) {
                        report.why = e.what();
                    }
                }
                if (!incidents) {
                    report.outcome = DocumentOutcome::unreadable;
                } else {
                    ingestion_.add(*incidents, source);
                    const auto& after = ingestion_.counts();
                    report.added = after.added - before.added;
                    report.merged =
                        after.merged + after.duplicates - before.merged - before.duplicates;
                    report.below_confidence = after.below_confidence - before.below_confidence;
                    report.outcome = report.added + report.merged > 0
                                         ? DocumentOutcome::stored
                                         : DocumentOutcome::no_incident;
                }
            }
            break;
        } catch (const store::WriteConflict& conflict) {
            if (!store_.in_transaction())
                throw;
            store_again(conflict);
        } catch (const LibraryError& e) {
            // A write the store refused fails this report alone (its
            // incidents were rolled back); a store that no longer answers
            // fails every report after it, so the run stops here.
            if (store_.answers())
                throw;
            throw StoreError(fmt::format("{}: the store failed, so the run stops here: {}", doc.id, e.what()));
        }
    }
    if (store_.shares_writes())
        stored_.push_back({source, std::move(incidents)});
    return report;
}

void ingest_reports(const sources::ReportSet& set, std::istream& standard_input, ReportIngest& ingestion,
                    const std::function<void(DocumentReport&&)>& on_document,
                    const sources::WarningHandler& warn) {
    auto failed = [&](const sources::InputFailure& failure) {
        DocumentReport report;
        report.id = failure.input;
        report.outcome = DocumentOutcome::unreadable;
        report.why = failure.why;
        on_document(std::move(report));
    };
    sources::read_reports(
        set, standard_input, [&](sources::Document&& doc) { on_document(ingestion.ingest(doc)); }, failed,
        warn);
}

} // namespace incimap::job
