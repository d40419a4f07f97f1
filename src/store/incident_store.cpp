#include "store/incident_store.hpp"

#include "core/abandoned_files.hpp"
#include "core/error.hpp"
#include "core/folders.hpp"
#include "core/input_kind.hpp"
#include "core/ascii.hpp"
#include "store/dates.hpp"
#include "store/merge.hpp"
#include "store/merge_lookup.hpp"

#include <fmt/format.h>

#include <cstring>
#include <cstdio>
#include <filesystem>

#include <fcntl.h>
#include <unistd.h>

namespace incimap::store {
namespace fs = std::filesystem;

namespace {

bool is_connection_string(std::string_view location) {
    return location.starts_with("PG:") || location.starts_with("postgresql://");
}

bool is_lock_error(std::string_view message) {
    return message.find("locked") != std::string_view::npos ||
           message.find("busy") != std::string_view::npos;
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

// A store keeps a figure range; a single figure is a range of one.
void complete_figures(Incident& incident) {
    if (incident.fatalities_low == 0 && incident.fatalities_high == 0) {
        incident.fatalities_low = incident.fatalities;
        incident.fatalities_high = incident.fatalities;
    }
    if (incident.sources == 0)
        incident.sources = 1;
}

} // namespace

IncidentStore::IncidentStore(std::string location, gdal::Dataset dataset, std::string pending_path)
    : location_(std::move(location)),
      dataset_(std::move(dataset)),
      pending_path_(std::move(pending_path)) {}

IncidentStore::IncidentStore(IncidentStore&& other) noexcept
    : location_(std::move(other.location_)),
      lock_(std::move(other.lock_)),
      dataset_(std::move(other.dataset_)),
      pending_path_(std::move(other.pending_path_)),
      options_(other.options_),
      incidents_(std::move(other.incidents_)),
      layout_(std::move(other.layout_)),
      scratch_(std::move(other.scratch_)),
      in_transaction_(other.in_transaction_),
      rolled_back_(other.rolled_back_),
      merge_indexes_ready_(other.merge_indexes_ready_),
      event_ids_loaded_(other.event_ids_loaded_),
      event_ids_(std::move(other.event_ids_)),
      now_(std::move(other.now_)) {
    other.dataset_.reset();
    other.pending_path_.clear();
    other.in_transaction_ = false;
    other.rolled_back_ = false;
}

IncidentStore::~IncidentStore() {
    try {
        if (dataset_ && in_transaction_) {
            dataset_->rollback_transaction();
            rolled_back_ = true;
        }
    } catch (const Error&) {
        // The connection is closing; SQLite rolls back what was not committed.
    }
    const bool gpkg = dataset_ && dataset_->driver_name() == "GPKG";
    scratch_.reset();
    dataset_.reset();
    if (!pending_path_.empty()) {
        std::error_code ignored;
        fs::remove(pending_path_, ignored);
    } else if (rolled_back_ && gpkg) {
        repair_feature_count();
    }
}

IncidentStore IncidentStore::open(const std::string& location, Access access,
                                  StoreOptions options) {
    const auto start = Clock::now();
    bool write = access == Access::write;
    ConnectionSettings settings(write, options.lock_timeout);
    std::string pending;
    std::optional<gdal::Dataset> dataset;
    if (!is_connection_string(location) && fs::exists(location)) {
        if (const auto why = why_not_regular_file(location); !why.empty())
            throw InputError(location, 0, why + ", not a store (a GeoPackage file)");
    }
    std::optional<OutputLock> lock;
    if (write && !is_connection_string(location)) {
        // Before looking whether the file exists: two writers of a new
        // store would otherwise both build one.
        create_folder_of(fs::path(location));
        lock.emplace(OutputLock::acquire(location, options.lock_timeout, "store", options.on_wait));
    }

    if (!is_connection_string(location) && !fs::exists(location)) {
        if (!write)
            throw InputError(location, 0,
                             "no incident store here; 'incimap import' creates one");
        fs::path path(location);
        for (const auto* sqlite_file : {"", "-journal", "-wal", "-shm"})
            remove_abandoned(path.parent_path(), fmt::format(".{}.new-", path.filename().string()),
                             sqlite_file);
        pending = (path.parent_path() /
                   fmt::format(".{}.new-{}", path.filename().string(), ::getpid()))
                      .string();
        dataset.emplace(gdal::Dataset::create("GPKG", pending));
    } else {
        try {
            try {
                dataset.emplace(gdal::Dataset::open(location, write));
            } catch (const LibraryError& e) {
                // A writer killed mid-transaction leaves a hot journal that
                // only a writable connection can roll back: the store is
                // fine, opening it for update restores it.
                if (write || std::string_view(e.what()).find("readonly database") ==
                                 std::string_view::npos)
                    throw;
                dataset.emplace(gdal::Dataset::open(location, true));
            }
        } catch (const LibraryError& e) {
            if (is_lock_error(e.what()))
                throw_locked(location, start);
            throw InputError(location, 0,
                             fmt::format("not a store incimap can open: {}", e.what()));
        }
    }
    IncidentStore store(location, std::move(*dataset), pending);
    if (lock)
        store.lock_.emplace(std::move(*lock));
    store.options_ = options;
    try {
        // A new file, or a database reached by connection string, gets its
        // tables on first write; an existing file must already be a store.
        store.ensure_schema(!pending.empty() || (write && is_connection_string(location)), write);
    } catch (const LibraryError& e) {
        if (is_lock_error(e.what()))
            throw_locked(location, start);
        throw;
    }
    if (write)
        store.scratch_.emplace(*store.incidents_);
    return store;
}

void IncidentStore::ensure_schema(bool may_create, bool write) {
    auto& dataset = *dataset_;
    if (auto layer = dataset.find_layer(incidents_layer)) {
        incidents_ = *layer;
        // A store made before some of ACLED's columns were kept gains them
        // (empty) when it is opened for writing; nothing else changes.
        if (write && !IncidentLayout(*incidents_).missing().empty())
            add_missing_columns(*incidents_);
        layout_.emplace(*incidents_);
        return;
    }
    if (!may_create)
        throw InputError(location_, 0, "no 'incidents' layer: not an incimap store");

    bool gpkg = dataset.driver_name() == "GPKG";
    std::vector<std::string> attribute_options = {fmt::format("FID={}", id_column)};
    auto sources = dataset.create_layer(sources_table, gdal::GeometryType::none, nullptr,
                                        attribute_options);
    sources.create_field("url", gdal::FieldType::string);
    sources.create_field("title", gdal::FieldType::string);
    sources.create_field("published", gdal::FieldType::string);
    sources.create_field("fetched", gdal::FieldType::string);
    sources.create_field("content_hash", gdal::FieldType::string);
    auto links = dataset.create_layer(links_table, gdal::GeometryType::none, nullptr,
                                      attribute_options);
    links.create_field("incident_id", gdal::FieldType::integer64);
    links.create_field("source_id", gdal::FieldType::integer64);
    links.create_field("evidence", gdal::FieldType::string);
    links.create_field("fatalities", gdal::FieldType::integer);
    links.create_field("added", gdal::FieldType::datetime);
    // Before the incidents layer exists: SQL statements make the GeoPackage
    // driver build pending spatial indexes, which a bulk load wants last.
    dataset.execute(fmt::format("CREATE INDEX {0}_content_hash ON {0} (content_hash)",
                                sources_table));
    dataset.execute(fmt::format("CREATE INDEX {0}_incident_id ON {0} (incident_id)", links_table));

    auto srs = gdal::SpatialReference::from_epsg(4326);
    std::vector<std::string> options = {fmt::format("FID={}", id_column)};
    if (gpkg) {
        options.push_back("GEOMETRY_NAME=geom");
        options.push_back("SPATIAL_INDEX=YES");
        options.push_back("DESCRIPTION=Conflict incidents (incimap), ACLED field names");
    }
    auto layer =
        dataset.create_layer(incidents_layer, gdal::GeometryType::point, &srs, options);
    for (const auto& spec : incident_columns())
        layer.create_field(spec.name, spec.type);
    incidents_ = layer;
    layout_.emplace(*incidents_);
}

gdal::Layer& IncidentStore::incidents() {
    if (!dataset_ || !incidents_)
        throw Error(fmt::format("store '{}' is closed", location_));
    return *incidents_;
}

IncidentStore::Transaction::Transaction(IncidentStore& store) : store_(&store) {
    const auto start = Clock::now();
    if (!store.scratch_)
        throw Error(fmt::format("store '{}' is open for reading only", store.location_));
    if (store.in_transaction_)
        throw Error(fmt::format("store '{}': a transaction is already open", store.location_));
    auto& dataset = *store.dataset_;
    try {
        dataset.start_transaction();
        store.in_transaction_ = true;
        if (store.pending_path_.empty()) {
            // Take the write lock now (a statement that writes nothing), so
            // a second writer waits here rather than failing half-way.
            dataset.execute(fmt::format("UPDATE {0} SET {1} = {1} WHERE 1 = 0",
                                        incidents_layer, "sources"));
        }
    } catch (const LibraryError& e) {
        if (store.in_transaction_) {
            store.in_transaction_ = false;
            try {
                dataset.rollback_transaction();
            } catch (const Error&) {
            }
        }
        if (is_lock_error(e.what()))
            throw_locked(store.location_, start);
        throw;
    }
    store.now_ = utc_timestamp_now();
}

IncidentStore::Transaction::~Transaction() {
    if (!store_ || !store_->in_transaction_)
        return;
    store_->in_transaction_ = false;
    store_->event_ids_loaded_ = false;
    store_->merge_indexes_ready_ = false;  // their creation was rolled back too
    store_->event_ids_.clear();
    try {
        store_->dataset_->rollback_transaction();
    } catch (const Error&) {
        // Nothing better to do in a destructor; SQLite discards the journal.
    }
    store_->rolled_back_ = true;
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
void IncidentStore::record_feature_count() {
    dataset_->execute(fmt::format("UPDATE gpkg_ogr_contents SET feature_count = (SELECT COUNT(*) "
                                  "FROM \"{0}\") WHERE lower(table_name) = lower('{0}')",
                                  incidents_layer));
}

void IncidentStore::repair_feature_count() noexcept {
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

void IncidentStore::Transaction::commit() {
    auto& store = *store_;
    if (!store.in_transaction_)
        throw Error(fmt::format("store '{}': no transaction to commit", store.location_));
    const auto start = Clock::now();
    try {
        if (store.dataset_->driver_name() == "GPKG")
            store.record_feature_count();
        store.dataset_->commit_transaction();
    } catch (const LibraryError& e) {
        if (is_lock_error(e.what()))
            throw_locked(store.location_, start);
        throw;
    }
    store.in_transaction_ = false;
}

IncidentStore::Transaction IncidentStore::begin() { return Transaction(*this); }

namespace {
constexpr const char* unit_savepoint = "incimap_unit";
} // namespace

IncidentStore::Unit::Unit(IncidentStore& store) : store_(&store) {
    if (!store.in_transaction_) {
        own_.emplace(store);
        return;
    }
    store.dataset_->execute(fmt::format("SAVEPOINT {}", unit_savepoint));
    open_ = true;
}

IncidentStore::Unit::~Unit() {
    if (!open_)
        return;  // own_ rolls back by itself
    auto& store = *store_;
    try {
        store.dataset_->execute(fmt::format("ROLLBACK TO SAVEPOINT {}", unit_savepoint));
        store.dataset_->execute(fmt::format("RELEASE SAVEPOINT {}", unit_savepoint));
    } catch (const Error&) {
        // SQLite ended the transaction itself (a full disk): nothing is left
        // to undo here, and the transaction's commit fails.
    }
    // What is kept in memory may hold rows that are gone.
    store.event_ids_loaded_ = false;
    store.event_ids_.clear();
    store.merge_indexes_ready_ = false;
    store.rolled_back_ = true;
}

void IncidentStore::Unit::commit() {
    if (own_) {
        own_->commit();
        own_.reset();
        return;
    }
    store_->dataset_->execute(fmt::format("RELEASE SAVEPOINT {}", unit_savepoint));
    open_ = false;
}

IncidentStore::Unit IncidentStore::begin_unit() { return Unit(*this); }

void IncidentStore::load_event_ids() {
    event_ids_.clear();
    auto& layer = incidents();
    int field = (*layout_)["event_id_cnty"];
    std::vector<std::string> ignored = {"OGR_GEOMETRY"};
    for (const auto& spec : incident_columns())
        if (spec.name != "event_id_cnty" && layout_->at(&spec - incident_columns().data()) >= 0)
            ignored.emplace_back(spec.name);
    layer.set_ignored_fields(ignored);
    layer.set_attribute_filter("");
    layer.clear_spatial_filter();
    layer.reset_reading();
    while (auto feature = layer.next()) {
        auto id = feature->get_string(field);
        if (!id.empty())
            event_ids_.insert(id, feature->fid());
    }
    layer.set_ignored_fields({});
    event_ids_loaded_ = true;
}

PutOutcome IncidentStore::put(Incident& incident) {
    if (!in_transaction_)
        throw Error(fmt::format("store '{}': put() outside a transaction", location_));
    auto& layer = incidents();
    auto& feature = *scratch_;
    complete_figures(incident);
    incident.updated = now_;

    std::int64_t existing = 0;
    std::optional<Incident> stored;
    if (!incident.event_id_cnty.empty()) {
        if (!event_ids_loaded_)
            load_event_ids();
        existing = event_ids_.find(incident.event_id_cnty, [&](std::int64_t id) {
            stored = find(id);
            return stored && stored->event_id_cnty == incident.event_id_cnty;
        });
    }
    if (existing != 0) {
        incident.id = existing;
        incident.created = !stored->created.empty() ? stored->created : now_;
        write_incident(incident, feature, *layout_);
        feature.set_fid(existing);
        layer.update(feature);
        return PutOutcome::updated;
    }
    incident.created = now_;
    write_incident(incident, feature, *layout_);
    feature.set_fid(-1);
    layer.create(feature);
    incident.id = feature.fid();
    if (!incident.event_id_cnty.empty())
        event_ids_.insert(incident.event_id_cnty, incident.id);
    return PutOutcome::inserted;
}

bool IncidentStore::has_source(const std::string& content_hash) {
    return find_source(content_hash).has_value();
}

std::optional<std::int64_t> IncidentStore::find_source(const std::string& content_hash) {
    auto sources = dataset_->layer(sources_table);
    sources.set_attribute_filter("content_hash = " + sql_literal(content_hash));
    sources.reset_reading();
    auto found = sources.next();
    sources.set_attribute_filter("");
    if (!found)
        return std::nullopt;
    return found->fid();
}

std::int64_t IncidentStore::find_or_insert_source(const SourceRecord& source) {
    if (auto id = find_source(source.content_hash))
        return *id;
    return insert_source(source);
}

std::int64_t IncidentStore::insert_source(const SourceRecord& source) {
    auto sources = dataset_->layer(sources_table);
    gdal::Feature row(sources);
    auto set = [&](std::string_view field, const std::string& value) {
        if (!value.empty())
            row.set_string(sources.field_index(field), value);
    };
    set("url", source.url);
    set("title", source.title);
    set("published", source.published);
    set("fetched", source.fetched);
    set("content_hash", source.content_hash);
    sources.create(row);
    return row.fid();
}

bool IncidentStore::linked(std::int64_t incident_id, std::int64_t source_id) {
    auto links = dataset_->layer(links_table);
    links.set_attribute_filter(
        fmt::format("incident_id = {} AND source_id = {}", incident_id, source_id));
    links.reset_reading();
    bool found = links.next().has_value();
    links.set_attribute_filter("");
    return found;
}

void IncidentStore::link(std::int64_t incident_id, std::int64_t source_id,
                         std::string_view evidence, int fatalities) {
    auto links = dataset_->layer(links_table);
    gdal::Feature row(links);
    row.set_integer(links.field_index("incident_id"), incident_id);
    row.set_integer(links.field_index("source_id"), source_id);
    if (!evidence.empty())
        row.set_string(links.field_index("evidence"), evidence);
    row.set_integer(links.field_index("fatalities"), fatalities);
    row.set_string(links.field_index("added"), now_);
    links.create(row);
}

void IncidentStore::ensure_merge_indexes() {
    if (merge_indexes_ready_ || !scratch_)
        return;
    // Created on the first report rather than with the store, so that a bulk
    // import into a new store does not maintain them row by row.
    for (const auto& statement : merge_index_statements())
        dataset_->execute(statement);
    merge_indexes_ready_ = true;
}

std::vector<Incident> IncidentStore::merge_candidates(const Incident& report) {
    ensure_merge_indexes();
    auto& layer = incidents();
    std::vector<Incident> found;
    auto collect = [&](const std::string& where) {
        layer.set_attribute_filter(where);
        layer.reset_reading();
        while (auto feature = layer.next()) {
            bool seen = false;
            for (const auto& incident : found)
                seen = seen || incident.id == feature->fid();
            if (!seen)
                found.push_back(read_incident(*feature, *layout_));
        }
    };
    layer.clear_spatial_filter();
    collect(merge_candidates_near(report));
    if (report.geonameid != 0)
        collect(merge_candidates_at_place(report));
    layer.set_attribute_filter("");
    return found;
}

AddResult IncidentStore::add(const Incident& report_in, const SourceRecord& source) {
    if (source.content_hash.empty())
        throw Error("IncidentStore::add: the source has no content hash");
    std::optional<Transaction> own;
    if (!in_transaction_)
        own.emplace(*this);

    auto known_source = find_source(source.content_hash);
    std::int64_t source_id = known_source ? *known_source : insert_source(source);
    Incident report = report_in;
    report.id = 0;
    report.sources = 0;
    complete_figures(report);

    const Incident* best = nullptr;
    double best_distance = 0;
    auto found = merge_candidates(report);
    for (const auto& candidate : found) {
        if (!same_incident(candidate, report).same)
            continue;
        double d = distance_km(candidate.latitude, candidate.longitude, report.latitude,
                               report.longitude);
        if (!best || d < best_distance || (d == best_distance && candidate.id < best->id)) {
            best = &candidate;
            best_distance = d;
        }
    }

    AddResult result;
    auto& layer = incidents();
    auto& feature = *scratch_;
    if (best) {
        result.incident_id = best->id;
        if (known_source && linked(best->id, source_id)) {
            result.outcome = AddOutcome::duplicate;
        } else {
            Incident merged = merge_reports(*best, report);
            merged.updated = now_;
            write_incident(merged, feature, *layout_);
            feature.set_fid(best->id);
            layer.update(feature);
            link(best->id, source_id, joined_notes(report), report.fatalities);
            result.outcome = AddOutcome::merged;
        }
    } else {
        report.sources = 1;
        report.created = report.updated = now_;
        write_incident(report, feature, *layout_);
        feature.set_fid(-1);
        layer.create(feature);
        result.incident_id = feature.fid();
        link(result.incident_id, source_id, joined_notes(report), report.fatalities);
        result.outcome = AddOutcome::added;
    }
    if (own)
        own->commit();
    return result;
}

void IncidentStore::insert_copy(const Incident& incident, const std::vector<SourceLink>& links) {
    if (!in_transaction_)
        throw Error(fmt::format("store '{}': insert_copy() outside a transaction", location_));
    auto& feature = *scratch_;
    write_incident(incident, feature, *layout_);
    feature.set_fid(incident.id);
    incidents().create(feature);
    for (const auto& report : links)
        if (!report.source.content_hash.empty())
            link(incident.id, find_or_insert_source(report.source), report.evidence,
             report.fatalities);
}

void IncidentStore::scan(const IncidentFilter& filter,
                         const std::function<void(const Incident&)>& visit) {
    auto& layer = select(filter);
    const bool text_terms = has_text_terms(filter);
    while (auto feature = layer.next()) {
        auto incident = read_incident(*feature, *layout_);
        if (!text_terms || matches_text_terms(filter, incident))
            visit(incident);
    }
    layer.set_attribute_filter("");
    layer.clear_spatial_filter();
}

std::int64_t IncidentStore::count(const IncidentFilter& filter) {
    if (has_text_terms(filter)) {
        std::int64_t n = 0;
        scan(filter, [&](const Incident&) { ++n; });
        return n;
    }
    auto& layer = select(filter);
    auto n = layer.count();
    layer.set_attribute_filter("");
    layer.clear_spatial_filter();
    return n;
}

gdal::Layer& IncidentStore::select(const IncidentFilter& filter) {
    auto& layer = incidents();
    layer.set_attribute_filter(validated_where_clause(filter));
    if (filter.bbox)
        layer.set_spatial_filter(
            {filter.bbox->min_lon, filter.bbox->min_lat, filter.bbox->max_lon, filter.bbox->max_lat});
    else
        layer.clear_spatial_filter();
    layer.reset_reading();
    return layer;
}

std::optional<Incident> IncidentStore::find(std::int64_t id) {
    auto feature = incidents().get(id);
    if (!feature)
        return std::nullopt;
    return read_incident(*feature, *layout_);
}

std::vector<SourceLink> IncidentStore::links_of(std::int64_t incident_id) {
    auto links = dataset_->layer(links_table);
    auto sources = dataset_->layer(sources_table);
    links.set_attribute_filter(fmt::format("incident_id = {}", incident_id));
    links.reset_reading();
    std::vector<SourceLink> result;
    while (auto row = links.next()) {
        SourceLink link;
        link.evidence = row->get_string(links.field_index("evidence"));
        link.fatalities = static_cast<int>(row->get_integer(links.field_index("fatalities")));
        auto source_id = row->get_integer(links.field_index("source_id"));
        if (auto source = sources.get(source_id)) {
            auto text = [&](std::string_view field) {
                return std::string(source->get_string(sources.field_index(field)));
            };
            link.source = {source_id,        text("url"),     text("title"),
                           text("published"), text("fetched"), text("content_hash")};
        }
        result.push_back(std::move(link));
    }
    links.set_attribute_filter("");
    return result;
}

void IncidentStore::close() {
    if (!dataset_)
        return;
    if (in_transaction_) {
        in_transaction_ = false;
        dataset_->rollback_transaction();
        rolled_back_ = true;
    }
    const bool gpkg = dataset_->driver_name() == "GPKG";
    scratch_.reset();
    incidents_.reset();
    auto dataset = std::move(*dataset_);
    dataset_.reset();
    dataset.close();
    if (!pending_path_.empty()) {
        std::string pending = std::move(pending_path_);
        pending_path_.clear();
        rename_no_replace(pending, location_);
    }
    if (rolled_back_ && gpkg) {
        repair_feature_count();
    }
    rolled_back_ = false;
    lock_.reset();  // the next writer may go on
}

} // namespace incimap::store
