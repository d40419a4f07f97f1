// Reports into the store: the incidents the reader found in one document,
// added under one source record, with the counts `incimap ingest` reports.
// A document whose text was ingested before (same content hash) is skipped
// whole; an incident already stored from another report is merged
// (IncidentStore::add and store/merge.hpp).
#pragma once

#include "core/incident.hpp"
#include "store/incident_store.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::store {

struct IngestCounts {
    std::size_t documents = 0;         // documents read
    std::size_t already_ingested = 0;  // of them, skipped: their text is in the store
    std::size_t added = 0;             // new incidents
    std::size_t merged = 0;            // reports folded into stored incidents
    std::size_t duplicates = 0;        // reports of an incident already linked to them
    std::size_t below_confidence = 0;  // incidents left out under the threshold
};

// A document as the store records it. TEXT is hashed (content_hash);
// FETCHED is the ISO 8601 time it was read.
struct ReportOrigin {
    std::string_view text;
    std::string url;
    std::string title;
    std::string published;
    std::string fetched;
};

SourceRecord source_record(const ReportOrigin& origin);

class Ingestion {
public:
    // STORE must outlive the ingestion; incidents less sure than
    // MIN_CONFIDENCE are counted, not stored.
    Ingestion(IncidentStore& store, double min_confidence)
        : store_(store), min_confidence_(min_confidence) {}

    // Whether a document with this text went in before (or earlier in this
    // run); counts it as read and, if so, as already ingested. Call once per
    // document, before add().
    bool already_ingested(const SourceRecord& source);

    // Adds the incidents of one document under SOURCE, all or none: its
    // incidents, source and evidence are one IncidentStore::Unit of the
    // store's open transaction (or a transaction of their own). Throws what
    // IncidentStore::add throws; the document then left nothing in the
    // store, and the counts are as before it.
    void add(const std::vector<Incident>& incidents, const SourceRecord& source);

    const IngestCounts& counts() const { return counts_; }
    // Counts from zero again, as the store's transaction is begun again
    // (IncidentStore::restart) and its documents are added again.
    void restart() { counts_ = {}; }

private:
    void add_all(const std::vector<Incident>& incidents, const SourceRecord& source);

    IncidentStore& store_;
    double min_confidence_;
    IngestCounts counts_;
};

} // namespace incimap::store
