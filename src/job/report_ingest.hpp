// Reports into the store one document at a time, with what became of each:
// stored (incidents added or merged), no incident found, a duplicate of a
// text already stored, or unreadable. The loop of `incimap ingest` and of
// the ingest step of `incimap run`, inputs to store.
#pragma once

#include "extract/extractor.hpp"
#include "sources/document.hpp"
#include "sources/report_set.hpp"
#include "store/incident_store.hpp"
#include "store/ingest.hpp"

#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace incimap::job {

enum class DocumentOutcome {
    stored,       // at least one incident added or merged
    no_incident,  // read, but nothing above the confidence threshold in it
    duplicate,    // its text is in the store already
    unreadable,   // the reader failed on it
};

// "stored", "no incident found", "duplicate content", "unreadable".
std::string_view outcome_name(DocumentOutcome outcome);

struct DocumentReport {
    std::string id;  // the document's name (file, feed item, URL)
    DocumentOutcome outcome = DocumentOutcome::stored;
    std::size_t added = 0;
    std::size_t merged = 0;
    std::size_t below_confidence = 0;
    std::string why;  // for unreadable: the reader's message
};

class ReportIngest {
public:
    // STORE and EXTRACTOR must outlive this. FETCHED: the ISO 8601 time the
    // documents were read, recorded with each source.
    ReportIngest(store::IncidentStore& store, const extract::Extractor& extractor,
                 double min_confidence, std::string fetched);

    // Extracts the incidents of DOC and stores them under its source record,
    // inside the store's open transaction if any. A reader failure is
    // reported as unreadable; a store error is thrown (the caller's
    // transaction then rolls the run back).
    //
    // When the store ends the open transaction for meeting another writer
    // (store::WriteConflict), the transaction is begun again and the
    // documents ingested in it so far are stored again from what was
    // extracted of them, then DOC: another writer may have stored some of
    // them meanwhile, which are then already ingested. The reports of the
    // documents before DOC were told before and are not told again; the
    // counts are those of the last attempt.
    DocumentReport ingest(const sources::Document& doc);

    const store::IngestCounts& counts() const { return ingestion_.counts(); }

private:
    // A document of the open transaction as it is stored again.
    struct Stored {
        store::SourceRecord source;
        std::optional<std::vector<Incident>> incidents;  // none: not extracted
    };
    // restart() the store after CONFLICT and store again what was stored.
    void store_again(const store::WriteConflict& conflict);

    store::IncidentStore& store_;
    const extract::Extractor& extractor_;
    extract::RunContext run_;  // the countries of the reports ingested so far
    store::Ingestion ingestion_;
    std::string fetched_;
    std::vector<Stored> stored_;  // kept only when other writers may meet this one
};

// Reads every report of SET (STANDARD_INPUT for "-") into the store through
// INGESTION, one document at a time, and tells ON_DOCUMENT what became of
// each, an input that could not be read included (unreadable, with its
// input as id and why). Warnings go to WARN. A store error is thrown.
void ingest_reports(const sources::ReportSet& set, std::istream& standard_input, ReportIngest& ingestion,
                    const std::function<void(DocumentReport&&)>& on_document,
                    const sources::WarningHandler& warn);

} // namespace incimap::job
