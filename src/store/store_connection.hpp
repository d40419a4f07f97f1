// The connection to a store's data source and its life: opening it (a new
// store file is built under a temporary name), the write lock and how long
// a writer waits for it, transactions and savepoints, the locks of a
// writer of a database (store/write_locks.hpp), and closing (a new file
// moves to its name; GeoPackage's cached feature count is put right after
// a rollback). What the tables hold is not its business.
//
// Not thread-safe: one connection per thread.
#pragma once

#include "adapters/gdal.hpp"
#include "core/error.hpp"
#include "core/output_lock.hpp"

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>

namespace incimap::store {

// The database ended a writer's transaction because it met another
// writer's (a deadlock, a serialization failure): the work of the
// transaction may be done again in a new one (IncidentStore::restart).
// ALONE: the transaction would hold more locks than a writer may
// (StoreConnection::lock_budget); done again alone, it needs none.
class WriteConflict : public Error {
public:
    explicit WriteConflict(const std::string& message, bool alone = false)
        : Error(message), alone_(alone) {}
    bool alone() const noexcept { return alone_; }

private:
    bool alone_;
};

struct StoreOptions {
    // How long a writer waits for another process to finish writing before
    // giving up with an error saying so (core/output_lock.hpp: one writer
    // of a store file at a time, for the whole command).
    std::chrono::milliseconds lock_timeout{30000};
    OutputLock::OnWait on_wait;  // told when the wait starts
};

class StoreConnection {
public:
    // Opens LOCATION, a file path (created with its folder, under a
    // temporary name, when WRITE and missing) or a GDAL connection string.
    // A writer of a store file holds its output lock until close(), taken
    // before it looks whether the file exists (two writers of a new store
    // would otherwise both build one). Throws InputError when reading a
    // store file that does not exist, a path that is no file, or a data
    // source GDAL cannot open; OutputBusy when it is locked past the
    // timeout, saying how long it waited.
    static StoreConnection open(const std::string& location, bool write, StoreOptions options);

    StoreConnection(StoreConnection&&) noexcept;
    StoreConnection& operator=(StoreConnection&&) = delete;
    // Rolls back an open transaction; removes a new file never closed.
    ~StoreConnection();

    const std::string& location() const noexcept { return location_; }
    bool writable() const noexcept { return write_; }
    // A new store file, not yet under its name.
    bool is_new() const noexcept { return !pending_path_.empty(); }
    // Whether LOCATION names a database rather than a file.
    static bool is_connection_string(std::string_view location);

    // Throws Error when the connection is closed.
    gdal::Dataset& dataset();

    // Waits for other writers up to the lock timeout, then starts a
    // transaction holding the write lock. Throws Error when one is open.
    // A writer of a database shares its write lock with the other writers
    // (they keep apart with lock()), unless ALONE: then it waits until the
    // writers of the moment are done and keeps new ones waiting until it
    // is, so it cannot meet them.
    void begin_transaction(bool alone = false);
    // Throws Error when none is open, or when the store is locked.
    void commit_transaction();
    // Rolls back the open transaction, if any; never throws.
    void rollback_transaction() noexcept;
    bool in_transaction() const noexcept { return in_transaction_; }

    // A savepoint inside the open transaction. rollback_to_savepoint() never
    // throws (SQLite may have ended the transaction itself: a full disk).
    void savepoint();
    void release_savepoint();
    void rollback_to_savepoint() noexcept;

    // Whether other writers may write the store while this one does (a
    // database): then each takes the locks of what it reads with lock().
    bool shares_writes() const;
    // In a database, takes the transaction-scoped advisory locks NAMES
    // (store/write_locks.hpp), waiting for the writers that hold them, in
    // the order of their keys; one round trip. Does nothing in a store
    // file, which has one writer at a time, or in a transaction begun
    // alone. Precondition: a transaction is open. Throws WriteConflict on
    // a deadlock, OutputBusy past the lock timeout, and WriteConflict
    // (alone) when the transaction would hold more than lock_budget locks:
    // PostgreSQL keeps the locks of all its sessions in one table of
    // max_locks_per_transaction (64) times max_connections slots, so a
    // bulk import or a long ingest runs alone instead.
    static constexpr std::size_t lock_budget = 256;
    // Returns whether it took a lock the transaction did not hold yet.
    bool lock(std::span<const std::string> names);

    // Called in a handler of E: throws OutputBusy saying the store is locked
    // and how long the last wait took when E says so, WriteConflict when
    // the database ended the transaction for meeting another writer's,
    // else throws E again.
    [[noreturn]] void rethrow(const LibraryError& e) const;

    // Rolls back an open transaction, closes, and for a new store file moves
    // it to its name. Throws when closing fails. Further use is an error.
    void close();

private:
    StoreConnection(std::string location, gdal::Dataset dataset, std::string pending_path,
                    bool write, StoreOptions options);
    void record_feature_count();
    void repair_feature_count() noexcept;

    std::string location_;
    std::optional<OutputLock> lock_;  // a store file's writer's, held until closed
    std::optional<gdal::Dataset> dataset_;
    std::string pending_path_;  // a new store file not yet under its name
    bool write_ = false;
    StoreOptions options_;
    bool in_transaction_ = false;
    bool alone_ = false;  // the open transaction was begun alone
    std::unordered_set<std::string> held_;  // the names it has locked
    bool rolled_back_ = false;  // the GeoPackage's cached feature count needs repair on close
    std::chrono::steady_clock::time_point wait_start_;  // of the last step that may wait
};

} // namespace incimap::store
