// The incident store: incidents, the reports they come from, and the link
// between them, kept in a GeoPackage (or, through the same OGR interface, any
// data source GDAL can write, such as a PostgreSQL connection string
// "PG:dbname=…"). Nothing else in incimap knows where incidents live; the
// store is reached only through this class.
//
// Writes happen inside a Transaction: a write command that fails or is
// killed half-way leaves the store as it was. A store file that does not
// exist yet is built under a temporary name and appears under its own name
// only when the first transaction is committed and the store closed.
//
// Its parts, one file each: the connection, its lock and its transactions
// (store_connection), the incidents layer (incident_table), the reports and
// their links (source_links); this class adds and merges reports and keeps
// the parts in step.
//
// Not thread-safe: one IncidentStore per thread.
#pragma once

#include "core/incident.hpp"
#include "store/filter.hpp"
#include "store/incident_table.hpp"
#include "store/source_links.hpp"
#include "store/store_connection.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace incimap::store {

enum class AddOutcome {
    added,      // a new incident
    merged,     // folded into an incident already stored
    duplicate,  // this report of this incident was stored before: nothing changed
};

struct AddResult {
    AddOutcome outcome = AddOutcome::added;
    std::int64_t incident_id = 0;
};

enum class PutOutcome { inserted, updated };

class IncidentStore {
public:
    enum class Access { read, write };

    // LOCATION is a file path (a GeoPackage; created on first write, with its
    // folder) or a GDAL connection string such as "PG:dbname=incidents".
    // Throws InputError when reading a store that does not exist or a file
    // that is not a store, Error when the store is locked past the timeout.
    static IncidentStore open(const std::string& location, Access access,
                              StoreOptions options = {});

    IncidentStore(IncidentStore&&) noexcept;
    IncidentStore& operator=(IncidentStore&&) = delete;
    ~IncidentStore();  // rolls back an open transaction

    const std::string& location() const noexcept { return connection_.location(); }

    // One all-or-nothing unit of writes. Destroying it without commit()
    // rolls back.
    class Transaction {
    public:
        // ALONE: see StoreConnection::begin_transaction.
        explicit Transaction(IncidentStore& store, bool alone = false);
        ~Transaction();
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        void commit();

    private:
        IncidentStore* store_;
    };
    // Waits for other writers up to the lock timeout, then takes the write
    // lock for this process.
    Transaction begin(bool alone = false);

    // Many writers of a database write at once; each locks what it reads
    // (store/write_locks.hpp), and when two of them wait for each other
    // the database ends one's transaction (WriteConflict, thrown by the
    // writing functions below). The caller then calls restart() in its
    // handler and does all the work of the transaction again: what it
    // read in it may have changed.
    //
    // restart(): rolls back, forgets what was read, waits a moment that
    // grows with each conflict, and begins a new transaction, which the
    // open Transaction commits. The last of max_write_attempts is begun
    // alone (StoreConnection::begin_transaction), so the work ends. Throws
    // Error naming the store and quoting CONFLICT when that one met another
    // writer too.
    static constexpr int max_write_attempts = 5;
    void restart(const WriteConflict& conflict);
    // Whether other writers may write while this one does: only then can
    // the writing functions throw WriteConflict.
    bool shares_writes() const { return connection_.shares_writes(); }
    bool in_transaction() const { return connection_.in_transaction(); }
    // Whether the store still answers (a trivial query): false once a
    // database server has gone away or ended the session, true for a
    // store that refused one write and may take the next.
    bool answers();

    // A part of the writes that stands or falls alone (a document's
    // incidents, sources and evidence): destroying it without commit()
    // undoes what was written since it began and the open transaction goes
    // on; commit() keeps it for the transaction to commit. With no
    // transaction open it is one. Not nested.
    class Unit {
    public:
        explicit Unit(IncidentStore& store);
        ~Unit();
        Unit(const Unit&) = delete;
        Unit& operator=(const Unit&) = delete;
        void commit();

    private:
        IncidentStore* store_;
        std::optional<Transaction> own_;
        bool open_ = false;
    };
    Unit begin_unit();

    // Inserts INCIDENT, or replaces the stored incident with the same
    // non-empty event_id_cnty (keeping its id and created time). Sets
    // incident.id, created and updated. Amortised O(1) after a first call
    // that reads all event ids. Precondition: a Transaction is open.
    PutOutcome put(Incident& incident);
    // put() of each of ROWS in order, with the same rows, ids and
    // outcomes; the new ones are written together (IncidentTable::
    // insert_all), in as many statements as the event ids that recur
    // among them need. Precondition: a Transaction is open.
    std::vector<PutOutcome> put_all(std::span<Incident> rows);

    // Adds one report of an incident: merged into the stored incident it
    // describes (store/merge.hpp), or stored as a new one; the report is
    // recorded in `sources` (once per content hash) and linked with its
    // evidence in `incident_sources`. Adding a report already linked to the
    // matching incident changes nothing. Opens its own transaction when
    // none is open. Precondition: source.content_hash is not empty.
    AddResult add(const Incident& report, const SourceRecord& source);

    // Stores INCIDENT exactly as given (id, timestamps, counts) with its
    // reports: for copying between stores. Preconditions: a Transaction is
    // open; no stored incident has this id.
    void insert_copy(const Incident& incident, const std::vector<SourceLink>& links);

    // The stored incidents REPORT may be merged with: those of its day and
    // event type within store::same_place_box() of it or, when it has one,
    // at its geonameid (store/merge_lookup.hpp); same_incident() decides
    // among them. Reads only the incidents of that day near the report, by
    // index: its cost does not grow with the incidents of other days or
    // places. The first call in a writable store creates the indexes.
    std::vector<Incident> merge_candidates(const Incident& report);

    // Whether a report with this content hash was ever added. In a
    // transaction of a database, first locks the hash: no other writer
    // adds it until this one is done.
    bool has_source(const std::string& content_hash);

    // Reading. VISIT is called for each incident passing FILTER, in id order.
    // Only FILTER's validated terms go into SQL; its free-text terms are
    // compared with each incident read (store/filter.hpp), so a count with
    // one reads the incidents the other terms select.
    void scan(const IncidentFilter& filter, const std::function<void(const Incident&)>& visit);
    std::int64_t count(const IncidentFilter& filter = {});
    // What the incidents passing FILTER add up to at each place, for each
    // event type (and day, when BY_DAY), summed by the database in one
    // GROUP BY rather than read one by one: a store of millions of
    // incidents at a few thousand places answers with a few thousand rows.
    // VISIT sees the sums in the order of their lowest incident id, so the
    // first sum of a place is that of its first incident, as scan() would
    // show it. Precondition: FILTER has no text terms (has_text_terms()).
    void summarise(const IncidentFilter& filter, bool by_day,
                   const std::function<void(const PlaceSummary&)>& visit);
    std::optional<Incident> find(std::int64_t id);
    std::vector<SourceLink> links_of(std::int64_t incident_id);

    // Commits nothing; flushes, closes, and for a new store file moves it to
    // its name. Throws when closing fails. Further use is an error.
    void close();

private:
    IncidentStore(StoreConnection connection, IncidentTable incidents);
    // Throws Error when the store is closed.
    IncidentTable& incidents();
    // add() in the open transaction.
    AddResult add_locked(const Incident& report, const SourceRecord& source);
    // In a database, locks the event ids of ROWS and where they and the
    // stored incidents they replace are, and learns the event ids other
    // writers stored before the locks were taken.
    void lock_rows(std::span<const Incident> rows);

    StoreConnection connection_;
    std::optional<IncidentTable> incidents_;  // none once closed
    std::string now_;  // timestamp of the current transaction
    int conflicts_ = 0;  // of the current transaction's work, by restart()
};

} // namespace incimap::store
