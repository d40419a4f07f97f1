#include "store/incident_store.hpp"

#include "core/error.hpp"
#include "store/dates.hpp"
#include "store/merge.hpp"
#include "store/schema_version.hpp"
#include "store/write_locks.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <random>
#include <thread>
#include <unordered_set>

namespace incimap::store {

namespace {

// A store keeps a figure range; a single figure is a range of one.
void complete_figures(Incident& incident) {
    if (incident.fatalities_low == 0 && incident.fatalities_high == 0) {
        incident.fatalities_low = incident.fatalities;
        incident.fatalities_high = incident.fatalities;
    }
    if (incident.sources == 0)
        incident.sources = 1;
}

// The candidate REPORT is the same incident as, nearest to it (the lower
// id on a tie); null when none is.
const Incident* nearest_same_incident(const std::vector<Incident>& candidates,
                                      const Incident& report) {
    const Incident* best = nullptr;
    double best_distance = 0;
    for (const auto& candidate : candidates) {
        if (!same_incident(candidate, report).same)
            continue;
        double d = distance_km(candidate.latitude, candidate.longitude, report.latitude,
                               report.longitude);
        if (!best || d < best_distance || (d == best_distance && candidate.id < best->id)) {
            best = &candidate;
            best_distance = d;
        }
    }
    return best;
}

} // namespace

IncidentStore::IncidentStore(StoreConnection connection, IncidentTable incidents)
    : connection_(std::move(connection)), incidents_(std::move(incidents)) {}

IncidentStore::IncidentStore(IncidentStore&&) noexcept = default;

// The connection rolls back an open transaction as it is destroyed.
IncidentStore::~IncidentStore() = default;

IncidentStore IncidentStore::open(const std::string& location, Access access,
                                  StoreOptions options) {
    const bool write = access == Access::write;
    auto connection = StoreConnection::open(location, write, options);
    try {
        // A new file, or a database reached by connection string, gets its
        // tables on first write; an existing file must already be a store.
        const bool may_create =
            connection.is_new() || (write && StoreConnection::is_connection_string(location));
        // A database gets its tables in one transaction, as `store init`
        // makes them: a writer killed half-way leaves none, not some.
        const bool create_in_database = may_create && !connection.is_new() &&
                                        !connection.dataset().find_layer(incidents_layer);
        if (create_in_database)
            connection.begin_transaction();
        auto incidents = IncidentTable::open(connection.dataset(), location, may_create, write);
        if (create_in_database)
            connection.commit_transaction();
        check_schema_version(connection.dataset(), location);
        return IncidentStore(std::move(connection), std::move(incidents));
    } catch (const LibraryError& e) {
        connection.rethrow(e);
    }
}

IncidentTable& IncidentStore::incidents() {
    if (!incidents_)
        throw Error(fmt::format("store '{}' is closed", location()));
    return *incidents_;
}

IncidentStore::Transaction::Transaction(IncidentStore& store, bool alone) : store_(&store) {
    if (!store.connection_.writable())
        throw Error(fmt::format("store '{}' is open for reading only", store.location()));
    store.connection_.begin_transaction(alone);
    store.now_ = utc_timestamp_now();
    store.conflicts_ = 0;
}

IncidentStore::Transaction::~Transaction() {
    if (!store_ || !store_->connection_.in_transaction())
        return;
    if (store_->incidents_)
        store_->incidents_->forget_cached();
    store_->connection_.rollback_transaction();
}

void IncidentStore::Transaction::commit() { store_->connection_.commit_transaction(); }

IncidentStore::Transaction IncidentStore::begin(bool alone) { return Transaction(*this, alone); }

void IncidentStore::restart(const WriteConflict& conflict) {
    ++conflicts_;
    if (incidents_)
        incidents_->forget_cached();
    connection_.rollback_transaction();
    if (conflicts_ >= max_write_attempts)
        throw Error(fmt::format("store '{}': gave up writing after {} attempts, each ended by "
                                "the database for meeting another writer ({})",
                                location(), conflicts_, conflict.what()));
    const bool alone = conflict.alone() || conflicts_ == max_write_attempts - 1;
    if (!alone) {
        // The writers that met wait unequal moments, so that they do not
        // meet again at once: up to 20 ms, 40 ms, 80 ms.
        std::minstd_rand random(std::random_device{}());
        std::uniform_int_distribution<int> ms(0, 20 << (conflicts_ - 1));
        std::this_thread::sleep_for(std::chrono::milliseconds(ms(random)));
    }
    connection_.begin_transaction(alone);
    now_ = utc_timestamp_now();
}

IncidentStore::Unit::Unit(IncidentStore& store) : store_(&store) {
    if (!store.connection_.in_transaction()) {
        own_.emplace(store);
        return;
    }
    store.connection_.savepoint();
    open_ = true;
}

IncidentStore::Unit::~Unit() {
    if (!open_)
        return;  // own_ rolls back by itself
    store_->connection_.rollback_to_savepoint();
    // What is kept in memory may hold rows that are gone.
    if (store_->incidents_)
        store_->incidents_->forget_cached();
}

void IncidentStore::Unit::commit() {
    if (own_) {
        own_->commit();
        own_.reset();
        return;
    }
    store_->connection_.release_savepoint();
    open_ = false;
}

IncidentStore::Unit IncidentStore::begin_unit() { return Unit(*this); }

PutOutcome IncidentStore::put(Incident& incident) {
    return put_all(std::span(&incident, 1)).front();
}

void IncidentStore::lock_rows(std::span<const Incident> rows) {
    if (!connection_.shares_writes() || rows.empty())
        return;
    auto& table = incidents();
    std::vector<std::string> names;
    std::vector<std::string> event_ids;
    for (const auto& row : rows) {
        auto own = incident_lock_names(row);
        names.insert(names.end(), own.begin(), own.end());
        if (!row.event_id_cnty.empty()) {
            names.push_back(event_id_lock_name(row.event_id_cnty));
            event_ids.push_back(row.event_id_cnty);
        }
    }
    connection_.lock(names);
    table.learn_event_ids(connection_.dataset(), event_ids);
    // A row replaced moves the incident from where a writer merging a
    // report into it has it locked.
    names.clear();
    for (const auto& id : event_ids)
        if (const auto stored = table.find_by_event_id(id)) {
            auto theirs = incident_lock_names(*stored);
            names.insert(names.end(), theirs.begin(), theirs.end());
        }
    connection_.lock(names);
}

std::vector<PutOutcome> IncidentStore::put_all(std::span<Incident> rows) {
    if (!connection_.in_transaction())
        throw Error(fmt::format("store '{}': put() outside a transaction", location()));
    try {
        lock_rows(rows);
    } catch (const LibraryError& e) {
        connection_.rethrow(e);
    }
    auto& table = incidents();
    std::vector<PutOutcome> outcomes;
    outcomes.reserve(rows.size());
    std::vector<Incident*> added;
    std::unordered_set<std::string_view> added_event_ids;
    auto write_added = [&] {
        const std::vector<const Incident*> written(added.begin(), added.end());
        const auto ids = table.insert_all(connection_.dataset(), written);
        for (std::size_t i = 0; i < added.size(); ++i) {
            added[i]->id = ids[i];
            if (!added[i]->event_id_cnty.empty())
                table.remember_event_id(added[i]->event_id_cnty, ids[i]);
        }
        added.clear();
        added_event_ids.clear();
    };
    for (auto& incident : rows) {
        complete_figures(incident);
        incident.updated = now_;
        std::optional<Incident> stored;
        if (!incident.event_id_cnty.empty()) {
            // A row repeating an event id of the rows not yet written
            // updates that row, which must be written first.
            if (added_event_ids.contains(incident.event_id_cnty))
                write_added();
            stored = table.find_by_event_id(incident.event_id_cnty);
        }
        if (stored) {
            incident.id = stored->id;
            incident.created = !stored->created.empty() ? stored->created : now_;
            table.update(incident, stored->id);
            outcomes.push_back(PutOutcome::updated);
            continue;
        }
        incident.created = now_;
        added.push_back(&incident);
        if (!incident.event_id_cnty.empty())
            added_event_ids.insert(incident.event_id_cnty);
        outcomes.push_back(PutOutcome::inserted);
    }
    write_added();
    return outcomes;
}

bool IncidentStore::has_source(const std::string& content_hash) {
    try {
        if (connection_.in_transaction())
            connection_.lock(std::array{source_lock_name(content_hash)});
        return find_source(connection_.dataset(), content_hash).has_value();
    } catch (const LibraryError& e) {
        connection_.rethrow(e);
    }
}

std::vector<Incident> IncidentStore::merge_candidates(const Incident& report) {
    auto& table = incidents();
    return table.merge_candidates(connection_.dataset(), report);
}

AddResult IncidentStore::add(const Incident& report_in, const SourceRecord& source) {
    if (source.content_hash.empty())
        throw Error("IncidentStore::add: the source has no content hash");
    std::optional<Transaction> own;
    if (!connection_.in_transaction())
        own.emplace(*this);
    AddResult result;
    try {
        result = add_locked(report_in, source);
    } catch (const LibraryError& e) {
        connection_.rethrow(e);
    }
    if (own)
        own->commit();
    return result;
}

AddResult IncidentStore::add_locked(const Incident& report_in, const SourceRecord& source) {
    Incident report = report_in;
    report.id = 0;
    report.sources = 0;
    complete_figures(report);
    // Before anything is read: the report's hash, and where the incidents
    // it may merge with are (store/write_locks.hpp).
    auto locked = merge_lock_names(report);
    locked.push_back(source_lock_name(source.content_hash));
    connection_.lock(locked);

    auto& dataset = connection_.dataset();
    const auto known_source = find_source(dataset, source.content_hash);
    const std::int64_t source_id = known_source ? *known_source : insert_source(dataset, source);

    std::vector<Incident> candidates;
    const Incident* best = nullptr;
    // Found at its place, the best may lie in a cell not locked yet, where
    // another writer may be changing it: lock it and read again.
    do {
        candidates = merge_candidates(report);
        best = nearest_same_incident(candidates, report);
    } while (best && connection_.lock(incident_lock_names(*best)));

    AddResult result;
    auto& table = incidents();
    if (best) {
        result.incident_id = best->id;
        if (known_source && linked(dataset, best->id, source_id)) {
            result.outcome = AddOutcome::duplicate;
        } else {
            Incident merged = merge_reports(*best, report);
            merged.updated = now_;
            table.update(merged, best->id);
            link(dataset, best->id, source_id, joined_notes(report), report.fatalities, now_);
            result.outcome = AddOutcome::merged;
        }
    } else {
        report.sources = 1;
        report.created = report.updated = now_;
        result.incident_id = table.insert(report);
        link(dataset, result.incident_id, source_id, joined_notes(report), report.fatalities, now_);
        result.outcome = AddOutcome::added;
    }
    return result;
}

void IncidentStore::insert_copy(const Incident& incident, const std::vector<SourceLink>& links) {
    if (!connection_.in_transaction())
        throw Error(fmt::format("store '{}': insert_copy() outside a transaction", location()));
    incidents().insert(incident, incident.id);
    auto& dataset = connection_.dataset();
    for (const auto& report : links)
        if (!report.source.content_hash.empty())
            link(dataset, incident.id, find_or_insert_source(dataset, report.source),
                 report.evidence, report.fatalities, now_);
}

void IncidentStore::scan(const IncidentFilter& filter,
                         const std::function<void(const Incident&)>& visit) {
    incidents().scan(connection_.dataset(), filter, visit);
}

void IncidentStore::summarise(const IncidentFilter& filter, bool by_day,
                              const std::function<void(const PlaceSummary&)>& visit) {
    incidents().summarise(connection_.dataset(), filter, by_day, visit);
}

bool IncidentStore::answers() {
    try {
        return connection_.dataset().query_integer("SELECT 1").value_or(0) == 1;
    } catch (const LibraryError&) {
        return false;
    }
}

std::int64_t IncidentStore::count(const IncidentFilter& filter) {
    return incidents().count(connection_.dataset(), filter);
}

std::optional<Incident> IncidentStore::find(std::int64_t id) { return incidents().find(id); }

std::vector<SourceLink> IncidentStore::links_of(std::int64_t incident_id) {
    return store::links_of(connection_.dataset(), incident_id);
}

void IncidentStore::close() {
    incidents_.reset();
    connection_.close();
}

} // namespace incimap::store
