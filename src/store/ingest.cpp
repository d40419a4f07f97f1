#include "store/ingest.hpp"

#include "store/content_hash.hpp"

namespace incimap::store {

SourceRecord source_record(const ReportOrigin& origin) {
    SourceRecord source;
    source.url = origin.url;
    source.title = origin.title;
    source.published = origin.published;
    source.fetched = origin.fetched;
    source.content_hash = content_hash(origin.text);
    return source;
}

bool Ingestion::already_ingested(const SourceRecord& source) {
    ++counts_.documents;
    if (!store_.has_source(source.content_hash))
        return false;
    ++counts_.already_ingested;
    return true;
}

void Ingestion::add(const std::vector<Incident>& incidents, const SourceRecord& source) {
    const auto before = counts_;
    auto unit = store_.begin_unit();
    try {
        add_all(incidents, source);
        unit.commit();
    } catch (...) {
        counts_ = before;
        throw;
    }
}

void Ingestion::add_all(const std::vector<Incident>& incidents, const SourceRecord& source) {
    for (const auto& incident : incidents) {
        if (incident.confidence < min_confidence_) {
            ++counts_.below_confidence;
            continue;
        }
        switch (store_.add(incident, source).outcome) {
        case AddOutcome::added: ++counts_.added; break;
        case AddOutcome::merged: ++counts_.merged; break;
        case AddOutcome::duplicate: ++counts_.duplicates; break;
        }
    }
}

} // namespace incimap::store
