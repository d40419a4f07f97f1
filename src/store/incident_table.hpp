// The store's `incidents` layer: reading and writing incidents as features
// (store/schema.hpp), finding one by event_id_cnty, the merge candidates of
// a report, and filtered scans. Knows nothing of transactions or reports;
// IncidentStore decides when it is written.
//
// Not thread-safe: one per IncidentStore.
#pragma once

#include "adapters/gdal.hpp"
#include "core/incident.hpp"
#include "store/event_id_index.hpp"
#include "store/filter.hpp"
#include "store/schema.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace incimap::store {

// The incidents of one place and event type (and day), summed: `incident`
// holds what they share (location, geonameid, admin1, country, latitude,
// longitude, event_type; event_date when summed by day, else empty).
struct PlaceSummary {
    Incident incident;
    std::int64_t count = 0;
    std::int64_t fatalities = 0;
    std::string first_date, last_date;  // ISO; empty when none is known
};

class IncidentTable {
public:
    // The incidents layer of STORE. When STORE has none: creates the
    // store's tables when MAY_CREATE, else throws InputError naming
    // LOCATION. An older store opened for writing gains the columns added
    // since (schema.hpp).
    static IncidentTable open(gdal::Dataset& store, const std::string& location, bool may_create,
                              bool writable);

    bool writable() const noexcept { return scratch_.has_value(); }

    // Writes INCIDENT as a new feature with id FID (-1: the next free one);
    // returns its id. Precondition: writable.
    std::int64_t insert(const Incident& incident, std::int64_t fid = -1);
    // Writes INCIDENTS as new features, in order, each with the next free
    // id; returns their ids, ascending. In PostgreSQL the ids come from the
    // table's sequence in one query and the rows go in by one INSERT from
    // array literals (IncidentArrays), two round trips in all rather than
    // one a row. STORE is the data source
    // of the layer. Precondition: writable.
    std::vector<std::int64_t> insert_all(gdal::Dataset& store,
                                         std::span<const Incident* const> incidents);
    // Writes INCIDENT over the feature FID. Precondition: writable.
    void update(const Incident& incident, std::int64_t fid);

    std::optional<Incident> find(std::int64_t id);
    // The stored incident with EVENT_ID (not empty). Reads every event id
    // on the first call, then amortised O(1).
    std::optional<Incident> find_by_event_id(const std::string& event_id);
    // Records that the incident ID, just inserted, has EVENT_ID.
    void remember_event_id(const std::string& event_id, std::int64_t id);
    // Learns which of EVENT_IDS the table holds now, when the event ids
    // were read before (other writers of a database may have stored some
    // since); one query. STORE is the data source of the layer.
    void learn_event_ids(gdal::Dataset& store, std::span<const std::string> event_ids);

    // See IncidentStore::merge_candidates; STORE is where the indexes are
    // created, on the first call when writable.
    std::vector<Incident> merge_candidates(gdal::Dataset& store, const Incident& report);

    // The incidents passing FILTER in id order; STORE is the data source of
    // the layer.
    void scan(gdal::Dataset& store, const IncidentFilter& filter,
              const std::function<void(const Incident&)>& visit);
    std::int64_t count(gdal::Dataset& store, const IncidentFilter& filter);
    // The incidents passing FILTER's validated terms and bounding box (the
    // caller leaves text terms to scan()), summed by the database per place
    // and event type, and per day when BY_DAY; see IncidentStore::summarise.
    void summarise(gdal::Dataset& store, const IncidentFilter& filter, bool by_day,
                   const std::function<void(const PlaceSummary&)>& visit);

    // Forgets what is kept in memory of the rows (event ids, whether the
    // merge indexes exist), after a rollback that may have removed them.
    void forget_cached();

private:
    IncidentTable(gdal::Layer layer, bool writable);
    void load_event_ids();
    void ensure_merge_indexes(gdal::Dataset& store);
    // The layer filtered by FILTER's bounding box and validated terms (the
    // text terms are left to the caller), reading from the start.
    gdal::Layer& select(const IncidentFilter& filter);

    gdal::Layer layer_;
    IncidentLayout layout_;
    std::optional<gdal::Feature> scratch_;  // reused for writes
    std::optional<IncidentArrays> arrays_;  // reused for the rows insert_all() writes
    std::string statement_;                 // likewise, its INSERT
    EventIdIndex event_ids_;
    bool event_ids_loaded_ = false;
    bool merge_indexes_ready_ = false;  // the indexes merge_candidates() searches by
};

} // namespace incimap::store
