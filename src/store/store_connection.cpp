#include "store/store_connection.hpp"

#include "core/abandoned_files.hpp"
#include "core/folders.hpp"
#include "core/input_kind.hpp"
#include "store/filter.hpp"
#include "store/schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <unistd.h>

namespace incimap::store {
namespace fs = std::filesystem;

namespace {

bool is_lock_error(std::string_view message) {
    return message.find("locked") != std::string_view::npos ||
           message.find("busy") != std::string_view::npos ||
           message.find("lock timeout") != std::string_view::npos;
}

using Clock = std::chrono::steady_clock;

// SQLite gave up waiting for another connection (a reader, or a writer of
// a database reached by connection string) after waiting since START.
[[noreturn]] void throw_locked(const std::string& location, Clock::time_point start) {
    throw OutputBusy(busy_message(
        "store", location, 0,
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start)));
}

// Settings for the SQLite connection under a GeoPackage, read by GDAL when
// the file is opened. synchronous=FULL keeps a commit durable and the file
// sound through a power cut; as a write command is one transaction, it costs
// a handful of fsyncs, not one per row. A writer's page cache is 16 MB:
// bulk loads append pages and gain nothing from more. Readers keep SQLite's
// default, as a scan reads each page once.
struct ConnectionSettings {
    ConnectionSettings(bool write, std::chrono::milliseconds lock_timeout)
        : pragma("OGR_SQLITE_PRAGMA", fmt::format("busy_timeout={}", lock_timeout.count())),
          synchronous("OGR_SQLITE_SYNCHRONOUS", "FULL") {
        if (write)
            cache.emplace("OGR_SQLITE_CACHE", "16");
    }
    gdal::ScopedConfigOption pragma;
    gdal::ScopedConfigOption synchronous;
    std::optional<gdal::ScopedConfigOption> cache;
};

// Moves FROM to TO unless TO exists.
void rename_no_replace(const std::string& from, const std::string& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) != 0) {
        int error = errno;
        std::error_code ignored;
        fs::remove(from, ignored);
        if (error == EEXIST)
            throw Error(fmt::format("store '{}' was created by another process meanwhile; "
                                    "run the command again",
                                    to));
        throw Error(fmt::format("cannot move the new store to '{}': {}", to, std::strerror(error)));
    }
}

// A new store file is built beside its name, under a name of this process.
std::string create_pending_file(const std::string& location) {
    fs::path path(location);
    create_folder_of(path);
    for (const auto* sqlite_file : {"", "-journal", "-wal", "-shm"})
        remove_abandoned(path.parent_path(), fmt::format(".{}.new-", path.filename().string()),
                         sqlite_file);
    return (path.parent_path() / fmt::format(".{}.new-{}", path.filename().string(), ::getpid()))
        .string();
}

// The one sentence that says why libpq could not connect, from its
// message: "PQconnectdb failed.\nconnection to server on socket \"…\"
// failed: FATAL:  password authentication failed for user \"ana\"\n…".
std::string connection_failure(std::string_view message) {
    auto reason = message;
    if (auto at = reason.find("failed: "); at != std::string_view::npos &&
                                           reason.find("connection to server") < at)
        reason.remove_prefix(at + 8);
    else if (auto line = reason.find('\n'); line != std::string_view::npos)
        reason.remove_prefix(line + 1);
    if (reason.starts_with("FATAL:"))
        reason.remove_prefix(6);
    while (!reason.empty() && reason.front() == ' ')
        reason.remove_prefix(1);
    reason = reason.substr(0, reason.find('\n'));
    auto has = [&](std::string_view what) { return reason.find(what) != std::string_view::npos; };
    if (has("password authentication failed"))
        return fmt::format("the database server refused the password ({}); passwords come from "
                           "~/.pgpass, PGPASSFILE or a service file",
                           reason);
    if (has("no password supplied"))
        return "the database server asks for a password and none was found in ~/.pgpass, "
               "PGPASSFILE or a service file";
    if (has("No such file or directory") || has("Connection refused") ||
        has("could not translate host name") || has("timeout expired") ||
        has("No route to host"))
        return fmt::format("cannot reach the database server: {}", reason);
    return fmt::format("cannot connect to the database: {}", reason);
}

// A store in PostgreSQL keeps its points as PostGIS geometries; without the
// extension GDAL would make them plain bytes that neither QGIS nor a bbox
// query can read.
void require_postgis(gdal::Dataset& dataset, const std::string& location) {
    if (dataset.query_integer("SELECT COUNT(*) FROM pg_extension WHERE extname = 'postgis'")
            .value_or(0) == 0)
        throw InputError(location, 0,
                         "the database has no PostGIS extension; its owner or a superuser adds "
                         "it with CREATE EXTENSION postgis");
}

gdal::Dataset open_existing(const std::string& location, bool write, Clock::time_point start) {
    if (StoreConnection::is_connection_string(location)) {
        try {
            auto dataset = gdal::Dataset::open(location, write, {}, {"PostgreSQL"});
            require_postgis(dataset, location);
            return dataset;
        } catch (const LibraryError& e) {
            throw InputError(location, 0, connection_failure(e.what()));
        }
    }
    try {
        try {
            return gdal::Dataset::open(location, write);
        } catch (const LibraryError& e) {
            // A writer killed mid-transaction leaves a hot journal that
            // only a writable connection can roll back: the store is
            // fine, opening it for update restores it.
            if (write ||
                std::string_view(e.what()).find("readonly database") == std::string_view::npos)
                throw;
            return gdal::Dataset::open(location, true);
        }
    } catch (const LibraryError& e) {
        if (is_lock_error(e.what()))
            throw_locked(location, start);
        throw InputError(location, 0, fmt::format("not a store incimap can open: {}", e.what()));
    }
}

constexpr const char* unit_savepoint = "incimap_unit";

// "PG:… password=…" or "postgresql://user:secret@host/db".
bool holds_password(std::string_view location) {
    if (location.find("password") != std::string_view::npos)
        return true;
    if (!location.starts_with("postgresql://"))
        return false;
    auto authority = location.substr(13);
    authority = authority.substr(0, authority.find('/'));
    const auto at = authority.find('@');
    return at != std::string_view::npos &&
           authority.substr(0, at).find(':') != std::string_view::npos;
}

// A PostgreSQL store's write lock, transaction-scoped: PostgreSQL releases
// it at commit or rollback and when a killed writer's connection goes.
// Writers share it, and keep apart only where they meet: each locks the
// merge cells, reports and ACLED rows it reads before reading them
// (StoreConnection::lock, store/write_locks.hpp), under READ COMMITTED, so
// each statement after a wait sees what the writer waited for committed.
// A writer that lost to the others too often takes it ALONE, waiting for
// the writers of the moment and keeping new ones waiting. Readers take no
// lock and never wait. The waits are bounded by LOCK_TIMEOUT.
void take_database_write_lock(gdal::Dataset& dataset, std::chrono::milliseconds lock_timeout,
                              const std::string& location, bool alone) {
    if (dataset.find_layer(incidents_layer)) {
        const auto allowed = dataset.query_integer(fmt::format(
            "SELECT CASE WHEN has_table_privilege('{0}', 'INSERT, UPDATE') AND "
            "has_table_privilege('{1}', 'INSERT') AND has_table_privilege('{2}', 'INSERT') "
            "THEN 1 ELSE 0 END",
            incidents_layer, sources_table, links_table));
        if (allowed.value_or(0) == 0)
            throw InputError(location, 0,
                             "the database role may read the store but not write it (it needs "
                             "INSERT and UPDATE on incidents, INSERT on sources and "
                             "incident_sources)");
    }
    // 0 is "wait for ever" to PostgreSQL, "do not wait" to the option.
    dataset.execute(fmt::format("SET LOCAL lock_timeout = {}",
                                std::max<long long>(1, lock_timeout.count())));
    // Read, not only sent: GDAL runs a SELECT through a cursor.
    dataset.query_integer(fmt::format(
        "SELECT 1 FROM (SELECT pg_advisory_xact_lock{}(hashtext('incimap store writer'))) AS locked",
        alone ? "" : "_shared"));
}

// PostgreSQL's messages for SQLSTATE 40P01 and 40001.
bool is_write_conflict(std::string_view message) {
    return message.find("deadlock detected") != std::string_view::npos ||
           message.find("could not serialize access") != std::string_view::npos;
}

} // namespace

bool StoreConnection::is_connection_string(std::string_view location) {
    return location.starts_with("PG:") || location.starts_with("postgresql://");
}

StoreConnection::StoreConnection(std::string location, gdal::Dataset dataset,
                                 std::string pending_path, bool write, StoreOptions options)
    : location_(std::move(location)),
      dataset_(std::move(dataset)),
      pending_path_(std::move(pending_path)),
      write_(write),
      options_(options) {}

StoreConnection::StoreConnection(StoreConnection&& other) noexcept
    : location_(std::move(other.location_)),
      lock_(std::move(other.lock_)),
      dataset_(std::move(other.dataset_)),
      pending_path_(std::move(other.pending_path_)),
      write_(other.write_),
      options_(other.options_),
      in_transaction_(other.in_transaction_),
      alone_(other.alone_),
      held_(std::move(other.held_)),
      rolled_back_(other.rolled_back_),
      wait_start_(other.wait_start_) {
    other.dataset_.reset();
    other.pending_path_.clear();
    other.in_transaction_ = false;
    other.rolled_back_ = false;
}

StoreConnection::~StoreConnection() {
    rollback_transaction();
    const bool gpkg = dataset_ && dataset_->driver_name() == "GPKG";
    dataset_.reset();
    if (!pending_path_.empty()) {
        std::error_code ignored;
        fs::remove(pending_path_, ignored);
    } else if (rolled_back_ && gpkg) {
        repair_feature_count();
    }
}

StoreConnection StoreConnection::open(const std::string& location, bool write,
                                      StoreOptions options) {
    const auto start = Clock::now();
    ConnectionSettings settings(write, options.lock_timeout);
    const bool file = !is_connection_string(location);
    if (!file && holds_password(location))
        throw Error("the store's connection string holds a password, which process lists and "
                    "logs would show; put it in ~/.pgpass, PGPASSFILE or a service file");
    if (file && fs::exists(location)) {
        if (const auto why = why_not_regular_file(location); !why.empty())
            throw InputError(location, 0, why + ", not a store (a GeoPackage file)");
    }
    std::optional<OutputLock> lock;
    if (write && file) {
        // Before looking whether the file exists: two writers of a new
        // store would otherwise both build one.
        create_folder_of(fs::path(location));
        lock.emplace(OutputLock::acquire(location, options.lock_timeout, "store", options.on_wait));
    }
    auto connection = [&] {
        if (file && !fs::exists(location)) {
            if (!write)
                throw InputError(location, 0, "no incident store here; 'incimap import' creates one");
            auto pending = create_pending_file(location);
            auto dataset = gdal::Dataset::create("GPKG", pending);
            return StoreConnection(location, std::move(dataset), std::move(pending), write, options);
        }
        return StoreConnection(location, open_existing(location, write, start), "", write, options);
    }();
    if (lock)
        connection.lock_.emplace(std::move(*lock));
    connection.wait_start_ = start;
    return connection;
}

gdal::Dataset& StoreConnection::dataset() {
    if (!dataset_)
        throw Error(fmt::format("store '{}' is closed", location_));
    return *dataset_;
}

void StoreConnection::rethrow(const LibraryError& e) const {
    if (is_write_conflict(e.what()))
        throw WriteConflict(fmt::format("store '{}': {}", location_, e.what()));
    // The database's lock table is full (SQLSTATE 53200): done again
    // alone, the transaction takes none of it.
    if (shares_writes() && std::string_view(e.what()).find("out of shared memory") !=
                               std::string_view::npos)
        throw WriteConflict(fmt::format("store '{}': {}", location_, e.what()), true);
    if (is_lock_error(e.what()))
        throw_locked(location_, wait_start_);
    throw;
}

void StoreConnection::begin_transaction(bool alone) {
    if (in_transaction_)
        throw Error(fmt::format("store '{}': a transaction is already open", location_));
    wait_start_ = Clock::now();
    auto& dataset = this->dataset();
    held_.clear();
    alone_ = alone;
    try {
        dataset.start_transaction();
        in_transaction_ = true;
        if (dataset.driver_name() == "PostgreSQL") {
            take_database_write_lock(dataset, options_.lock_timeout, location_, alone);
        } else if (pending_path_.empty() && dataset.find_layer(incidents_layer)) {
            // Take the write lock now (a statement that writes nothing), so
            // a second writer waits here rather than failing half-way.
            dataset.execute(fmt::format("UPDATE {0} SET {1} = {1} WHERE 1 = 0", incidents_layer,
                                        "sources"));
        }
    } catch (const LibraryError& e) {
        if (in_transaction_) {
            in_transaction_ = false;
            try {
                dataset.rollback_transaction();
            } catch (const Error&) {
            }
        }
        rethrow(e);
    }
}

void StoreConnection::commit_transaction() {
    if (!in_transaction_)
        throw Error(fmt::format("store '{}': no transaction to commit", location_));
    wait_start_ = Clock::now();
    try {
        if (dataset_->driver_name() == "GPKG")
            record_feature_count();
        dataset_->commit_transaction();
    } catch (const LibraryError& e) {
        rethrow(e);
    }
    in_transaction_ = false;
}

void StoreConnection::rollback_transaction() noexcept {
    if (!dataset_ || !in_transaction_)
        return;
    in_transaction_ = false;
    try {
        dataset_->rollback_transaction();
    } catch (const Error&) {
        // The connection may be closing; SQLite rolls back what was not
        // committed and discards the journal.
    }
    rolled_back_ = true;
}

bool StoreConnection::shares_writes() const {
    return dataset_ && dataset_->driver_name() == "PostgreSQL";
}

bool StoreConnection::lock(std::span<const std::string> names) {
    if (!in_transaction_)
        throw Error(fmt::format("store '{}': locks taken outside a transaction", location_));
    if (alone_ || !shares_writes())
        return false;
    std::string array;
    for (const auto& name : names)
        if (held_.insert(name).second)
            fmt::format_to(std::back_inserter(array), "{}{}", array.empty() ? "" : ",",
                           sql_literal(name));
    if (array.empty())
        return false;
    if (held_.size() > lock_budget)
        throw WriteConflict(fmt::format("store '{}': the transaction would hold more than {} "
                                        "locks of places, reports and event ids",
                                        location_, lock_budget),
                            true);
    wait_start_ = Clock::now();
    try {
        // The keys sorted, so that two writers wanting some of the same
        // ones take them in one order and cannot each hold what the other
        // waits for; the subquery's order is the order of the calls.
        dataset_->query_integer(fmt::format(
            "SELECT COUNT(pg_advisory_xact_lock(key)) FROM (SELECT DISTINCT "
            "hashtextextended(name, 0) AS key FROM unnest(ARRAY[{}]::text[]) AS name "
            "ORDER BY key) AS keys",
            array));
    } catch (const LibraryError& e) {
        rethrow(e);
    }
    return true;
}

void StoreConnection::savepoint() {
    dataset().execute(fmt::format("SAVEPOINT {}", unit_savepoint));
}

void StoreConnection::release_savepoint() {
    dataset().execute(fmt::format("RELEASE SAVEPOINT {}", unit_savepoint));
}

void StoreConnection::rollback_to_savepoint() noexcept {
    // PostgreSQL frees the advisory locks taken since the savepoint; which
    // those were is not kept, so all are taken again when next wanted
    // (taking a held one again does not wait).
    held_.clear();
    try {
        dataset_->execute(fmt::format("ROLLBACK TO SAVEPOINT {}", unit_savepoint));
        dataset_->execute(fmt::format("RELEASE SAVEPOINT {}", unit_savepoint));
    } catch (const Error&) {
        // SQLite ended the transaction itself (a full disk): nothing is left
        // to undo here, and the transaction's commit fails.
    }
    rolled_back_ = true;
}

// GDAL's GeoPackage driver counts the features a transaction adds in memory
// and, when the connection closes, writes that count to gpkg_ogr_contents.
// When SQLite has already ended the transaction itself (a full disk), the
// rollback leaves that count wrong: the rows it counts are gone, but QGIS
// and ogrinfo show it (tests/faults/full_disk.sh). Once the connection is closed, a new one
// sets the true count; if that fails too (a full disk), the count is cleared,
// which readers take as "count the rows".
// GDAL writes its count when the connection closes, after the commit: a
// process killed in between would leave the rows committed and the count
// stale. Writing it inside the transaction commits both or neither.
void StoreConnection::record_feature_count() {
    dataset_->execute(fmt::format("UPDATE gpkg_ogr_contents SET feature_count = (SELECT COUNT(*) "
                                  "FROM \"{0}\") WHERE lower(table_name) = lower('{0}')",
                                  incidents_layer));
}

void StoreConnection::repair_feature_count() noexcept {
    const auto count = fmt::format("(SELECT COUNT(*) FROM \"{}\")", incidents_layer);
    for (const std::string_view value : {std::string_view(count), std::string_view("NULL")}) {
        try {
            auto dataset = gdal::Dataset::open(location_, true);
            dataset.execute(fmt::format("UPDATE gpkg_ogr_contents SET feature_count = {} "
                                        "WHERE lower(table_name) = lower('{}')",
                                        value, incidents_layer));
            return;
        } catch (const std::exception&) {
        }
    }
}

void StoreConnection::close() {
    if (!dataset_)
        return;
    if (in_transaction_) {
        in_transaction_ = false;
        dataset_->rollback_transaction();
        rolled_back_ = true;
    }
    const bool gpkg = dataset_->driver_name() == "GPKG";
    auto dataset = std::move(*dataset_);
    dataset_.reset();
    dataset.close();
    if (!pending_path_.empty()) {
        std::string pending = std::move(pending_path_);
        pending_path_.clear();
        rename_no_replace(pending, location_);
    }
    if (rolled_back_ && gpkg)
        repair_feature_count();
    rolled_back_ = false;
    lock_.reset();  // the next writer may go on
}

} // namespace incimap::store
