#include "job/report_ingest.hpp"

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
    : extractor_(extractor), ingestion_(store, min_confidence), fetched_(std::move(fetched)) {}

DocumentReport ReportIngest::ingest(const sources::Document& doc) {
    DocumentReport report;
    report.id = doc.id;
    const auto source =
        store::source_record({doc.text, doc.url, doc.title, doc.published, fetched_});
    if (ingestion_.already_ingested(source)) {
        report.outcome = DocumentOutcome::duplicate;
        return report;
    }
    std::vector<Incident> incidents;
    try {
        incidents = extractor_.extract(doc, nullptr, &run_);
    } catch (const std::exception& e) {
        report.outcome = DocumentOutcome::unreadable;
        report.why = e.what();
        return report;
    }
    const auto before = ingestion_.counts();
    ingestion_.add(incidents, source);
    const auto& after = ingestion_.counts();
    report.added = after.added - before.added;
    report.merged = after.merged + after.duplicates - before.merged - before.duplicates;
    report.below_confidence = after.below_confidence - before.below_confidence;
    report.outcome = report.added + report.merged > 0 ? DocumentOutcome::stored
                                                      : DocumentOutcome::no_incident;
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
