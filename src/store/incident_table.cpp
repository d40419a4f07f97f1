#include "store/incident_table.hpp"

#include "core/error.hpp"
#include "store/merge_lookup.hpp"
#include "store/schema_version.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>
#include <span>

namespace incimap::store {

namespace {

struct TableField {
    std::string_view name;
    gdal::FieldType type;
};

constexpr TableField source_fields[] = {
    {"url", gdal::FieldType::string},       {"title", gdal::FieldType::string},
    {"published", gdal::FieldType::string}, {"fetched", gdal::FieldType::string},
    {"content_hash", gdal::FieldType::string},
};

constexpr TableField link_fields[] = {
    {"incident_id", gdal::FieldType::integer64}, {"source_id", gdal::FieldType::integer64},
    {"evidence", gdal::FieldType::string},       {"fatalities", gdal::FieldType::integer},
    {"added", gdal::FieldType::datetime},
};

// A table without geometry, its FID column `id`.
void create_table(gdal::Dataset& dataset, std::string_view name, std::span<const TableField> fields) {
    auto table = dataset.create_layer(name, gdal::GeometryType::none, nullptr,
                                      {fmt::format("FID={}", id_column)});
    for (const auto& field : fields)
        table.create_field(field.name, field.type);
}

gdal::Layer create_tables(gdal::Dataset& dataset) {
    const bool gpkg = dataset.driver_name() == "GPKG";
    create_table(dataset, sources_table, source_fields);
    create_table(dataset, links_table, link_fields);
    // Before the incidents layer exists: SQL statements make the GeoPackage
    // driver build pending spatial indexes, which a bulk load wants last.
    create_link_indexes(dataset);

    auto srs = gdal::SpatialReference::from_epsg(4326);
    std::vector<std::string> options = {fmt::format("FID={}", id_column), "GEOMETRY_NAME=geom"};
    if (gpkg) {
        options.push_back("SPATIAL_INDEX=YES");
        options.push_back("DESCRIPTION=Conflict incidents (incimap), ACLED field names");
    } else {
        options.push_back("FID64=TRUE");  // PostgreSQL: a bigserial id, for stores past 2^31 rows
    }
    auto layer = dataset.create_layer(incidents_layer, gdal::GeometryType::point, &srs, options);
    for (const auto& spec : incident_columns())
        layer.create_field(spec.name, spec.type);
    record_schema_version(dataset);
    return layer;
}

} // namespace

IncidentTable::IncidentTable(gdal::Layer layer, bool writable)
    : layer_(std::move(layer)), layout_(layer_) {
    if (writable) {
        scratch_.emplace(layer_);
        arrays_.emplace(layout_);
    }
}

IncidentTable IncidentTable::open(gdal::Dataset& store, const std::string& location,
                                  bool may_create, bool writable) {
    if (auto layer = store.find_layer(incidents_layer)) {
        // A store made before some of ACLED's columns were kept gains them
        // (empty) when it is opened for writing; nothing else changes.
        if (writable && !IncidentLayout(*layer).missing().empty())
            add_missing_columns(*layer);
        return IncidentTable(*layer, writable);
    }
    if (!may_create)
        throw InputError(location, 0, "no 'incidents' layer: not an incimap store");
    return IncidentTable(create_tables(store), writable);
}

std::int64_t IncidentTable::insert(const Incident& incident, std::int64_t fid) {
    auto& feature = *scratch_;
    write_incident(incident, feature, layout_);
    feature.set_fid(fid);
    layer_.create(feature);
    return feature.fid();
}

std::vector<std::int64_t> IncidentTable::insert_all(gdal::Dataset& store,
                                                    std::span<const Incident* const> incidents) {
    std::vector<std::int64_t> ids;
    if (incidents.empty())
        return ids;
    if (store.driver_name() != "PostgreSQL") {
        for (const auto* incident : incidents)
            ids.push_back(insert(*incident));
        return ids;
    }
    // Taken from the sequence as a row-by-row insert would take them;
    // other writers may take ids in between, so they need not be
    // consecutive, and are sorted to follow the rows' order.
    auto taken = store.query(fmt::format(
        "SELECT nextval(pg_get_serial_sequence('{}', '{}')) FROM generate_series(1, {})",
        incidents_layer, id_column, incidents.size()));
    if (auto* rows = taken.layer()) {
        rows->reset_reading();
        while (auto row = rows->next())
            ids.push_back(row->get_integer(0));
    }
    if (ids.size() != incidents.size())
        throw LibraryError(fmt::format("{}: the id sequence of '{}' gave {} ids for {} rows",
                                       store.name(), incidents_layer, ids.size(),
                                       incidents.size()));
    std::sort(ids.begin(), ids.end());
    // The statement is some hundreds of bytes a row: put together in
    // buffers kept from one call to the next, each byte written once.
    auto& arrays = *arrays_;
    arrays.clear();
    for (const auto* incident : incidents)
        arrays.add(*incident);
    std::string names = fmt::format("\"{}\"", id_column);
    for (const auto& column : arrays.columns())
        fmt::format_to(std::back_inserter(names), ", \"{}\"", column.name);
    auto& sql = statement_;
    sql.clear();
    fmt::format_to(std::back_inserter(sql),
                   "INSERT INTO \"{0}\" ({1}, \"{2}\") SELECT {1}, "
                   "ST_SetSRID(ST_MakePoint(x, y), 4326) FROM unnest('{{",
                   incidents_layer, names, layer_.geometry_column());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i > 0)
            sql += ',';
        const fmt::format_int id(ids[i]);
        sql.append(id.data(), id.size());
    }
    sql += "}'::bigint[]";
    for (const auto& column : arrays.columns()) {
        sql += ", E'";
        sql += column.values;
        sql += "}'::";
        sql += column.array_type;
    }
    for (const auto* coordinates : {&arrays.longitudes(), &arrays.latitudes()}) {
        sql += ", '";
        sql += *coordinates;
        sql += "}'::float8[]";
    }
    fmt::format_to(std::back_inserter(sql), ") AS row({}, x, y)", names);
    store.execute(sql);
    return ids;
}

void IncidentTable::update(const Incident& incident, std::int64_t fid) {
    auto& feature = *scratch_;
    write_incident(incident, feature, layout_);
    feature.set_fid(fid);
    layer_.update(feature);
}

std::optional<Incident> IncidentTable::find(std::int64_t id) {
    auto feature = layer_.get(id);
    if (!feature)
        return std::nullopt;
    return read_incident(*feature, layout_);
}

void IncidentTable::load_event_ids() {
    event_ids_.clear();
    int field = layout_["event_id_cnty"];
    std::vector<std::string> ignored = {"OGR_GEOMETRY"};
    for (const auto& spec : incident_columns())
        if (spec.name != "event_id_cnty" && layout_.at(&spec - incident_columns().data()) >= 0)
            ignored.emplace_back(spec.name);
    layer_.set_ignored_fields(ignored);
    layer_.set_attribute_filter("");
    layer_.clear_spatial_filter();
    layer_.reset_reading();
    while (auto feature = layer_.next()) {
        auto id = feature->get_string(field);
        if (!id.empty())
            event_ids_.insert(id, feature->fid());
    }
    layer_.set_ignored_fields({});
    event_ids_loaded_ = true;
}

std::optional<Incident> IncidentTable::find_by_event_id(const std::string& event_id) {
    if (!event_ids_loaded_)
        load_event_ids();
    std::optional<Incident> stored;
    const auto id = event_ids_.find(event_id, [&](std::int64_t candidate) {
        stored = find(candidate);
        return stored && stored->event_id_cnty == event_id;
    });
    if (id == 0)
        return std::nullopt;
    return stored;
}

void IncidentTable::remember_event_id(const std::string& event_id, std::int64_t id) {
    event_ids_.insert(event_id, id);
}

void IncidentTable::learn_event_ids(gdal::Dataset& store, std::span<const std::string> event_ids) {
    if (!event_ids_loaded_ || event_ids.empty())
        return;  // read whole on first use
    std::string list;
    for (const auto& id : event_ids)
        fmt::format_to(std::back_inserter(list), "{}{}", list.empty() ? "" : ",", sql_literal(id));
    auto found = store.query(fmt::format("SELECT \"{}\", event_id_cnty FROM \"{}\" WHERE "
                                         "event_id_cnty IN ({})",
                                         id_column, incidents_layer, list));
    auto* rows = found.layer();
    if (!rows)
        return;
    rows->reset_reading();
    while (auto row = rows->next()) {
        const auto id = row->get_integer(0);
        const std::string event_id(row->get_string(1));
        if (event_ids_.find(event_id, [&](std::int64_t known) { return known == id; }) == 0)
            event_ids_.insert(event_id, id);
    }
}

void IncidentTable::forget_cached() {
    event_ids_loaded_ = false;
    event_ids_.clear();
    merge_indexes_ready_ = false;  // their creation was rolled back too
}

void IncidentTable::ensure_merge_indexes(gdal::Dataset& store) {
    if (merge_indexes_ready_ || !writable())
        return;
    // Created on the first report rather than with the store, so that a bulk
    // import into a new store does not maintain them row by row.
    create_merge_indexes(store, store.name());
    merge_indexes_ready_ = true;
}

std::vector<Incident> IncidentTable::merge_candidates(gdal::Dataset& store, const Incident& report) {
    ensure_merge_indexes(store);
    std::vector<Incident> found;
    auto collect = [&](const std::string& where) {
        layer_.set_attribute_filter(where);
        layer_.reset_reading();
        while (auto feature = layer_.next()) {
            bool seen = false;
            for (const auto& incident : found)
                seen = seen || incident.id == feature->fid();
            if (!seen)
                found.push_back(read_incident(*feature, layout_));
        }
    };
    layer_.clear_spatial_filter();
    collect(merge_candidates_near(report));
    if (report.geonameid != 0)
        collect(merge_candidates_at_place(report));
    layer_.set_attribute_filter("");
    return found;
}

gdal::Layer& IncidentTable::select(const IncidentFilter& filter) {
    layer_.set_attribute_filter(validated_where_clause(filter));
    if (filter.bbox)
        layer_.set_spatial_filter(
            {filter.bbox->min_lon, filter.bbox->min_lat, filter.bbox->max_lon, filter.bbox->max_lat});
    else
        layer_.clear_spatial_filter();
    layer_.reset_reading();
    return layer_;
}

// An OGR layer cannot ask for an order, and neither database keeps one by
// itself: PostgreSQL moves an updated row, SQLite follows the index it
// picks for a filter (the merge index orders by day). The incidents are
// read by a query sorted by id, with the bbox on the spatial index (GiST;
// the GeoPackage's R-tree, whose boxes are rounded outwards, so the
// coordinates are compared too). Its rows carry the id as a field or, in a
// GeoPackage, as their fid.
namespace {

// The WHERE clause (with its keyword, or empty) of FILTER's validated terms
// and bounding box: the GiST index in PostgreSQL, the R-tree in a
// GeoPackage.
std::string where_clause(gdal::Dataset& store, const gdal::Layer& layer,
                         const IncidentFilter& filter) {
    std::vector<std::string> terms;
    if (auto where = validated_where_clause(filter); !where.empty())
        terms.push_back(fmt::format("({})", where));
    if (const auto& box = filter.bbox; box && store.driver_name() == "PostgreSQL") {
        terms.push_back(fmt::format("{} && ST_MakeEnvelope({}, {}, {}, {}, 4326)",
                                    layer.geometry_column(), box->min_lon, box->min_lat,
                                    box->max_lon, box->max_lat));
    } else if (box) {
        terms.push_back(fmt::format(
            "{0} IN (SELECT id FROM \"rtree_{1}_{2}\" WHERE maxx >= {3} AND minx <= {5} AND "
            "maxy >= {4} AND miny <= {6}) AND longitude >= {3} AND longitude <= {5} AND "
            "latitude >= {4} AND latitude <= {6}",
            id_column, incidents_layer, layer.geometry_column(), box->min_lon, box->min_lat,
            box->max_lon, box->max_lat));
    }
    if (terms.empty())
        return "";
    return fmt::format("WHERE {}", fmt::join(terms, " AND "));
}

// An ISO day from a column of the summary: a date field reads "2024/09/17"
// through OGR, a text one "2024-09-17"; empty when null.
std::string iso_day(const gdal::Feature& row, int field) {
    if (field < 0 || !row.is_set(field))
        return "";
    std::string text(row.get_string(field).substr(0, 10));
    std::replace(text.begin(), text.end(), '/', '-');
    return text;
}

} // namespace

void IncidentTable::scan(gdal::Dataset& store, const IncidentFilter& filter,
                         const std::function<void(const Incident&)>& visit) {
    auto result = store.query(fmt::format("SELECT * FROM {} {} ORDER BY {}", incidents_layer,
                                          where_clause(store, layer_, filter), id_column));
    auto* rows = result.layer();
    if (!rows)
        return;
    const IncidentLayout layout(*rows);
    const int id = rows->find_field(id_column);
    const bool text_terms = has_text_terms(filter);
    rows->reset_reading();
    while (auto feature = rows->next()) {
        auto incident = read_incident(*feature, layout);
        if (id >= 0)
            incident.id = feature->get_integer(id);
        if (!text_terms || matches_text_terms(filter, incident))
            visit(incident);
    }
}

void IncidentTable::summarise(gdal::Dataset& store, const IncidentFilter& filter, bool by_day,
                              const std::function<void(const PlaceSummary&)>& visit) {
    const std::string shared = fmt::format(
        "geonameid, location, admin1, country, latitude, longitude, event_type{}",
        by_day ? ", event_date" : "");
    auto result = store.query(fmt::format(
        "SELECT {0}, MIN({1}) AS first_id, COUNT(*) AS incidents, "
        "CAST(SUM(fatalities) AS BIGINT) AS fatalities_sum, MIN(event_date) AS first_date, "
        "MAX(event_date) AS last_date FROM {2} {3} GROUP BY {0} ORDER BY first_id",
        shared, id_column, incidents_layer, where_clause(store, layer_, filter)));
    auto* rows = result.layer();
    if (!rows)
        return;
    const auto layout = IncidentLayout::of_selected(*rows);
    const int count = rows->find_field("incidents");
    const int fatalities = rows->find_field("fatalities_sum");
    const int first = rows->find_field("first_date");
    const int last = rows->find_field("last_date");
    rows->reset_reading();
    PlaceSummary sum;
    while (auto row = rows->next()) {
        sum.incident = read_incident(*row, layout);  // event_date too, when by day
        sum.count = row->get_integer(count);
        sum.fatalities = row->get_integer(fatalities);
        sum.first_date = iso_day(*row, first);
        sum.last_date = iso_day(*row, last);
        visit(sum);
    }
}

std::int64_t IncidentTable::count(gdal::Dataset& store, const IncidentFilter& filter) {
    if (has_text_terms(filter)) {
        std::int64_t n = 0;
        scan(store, filter, [&](const Incident&) { ++n; });
        return n;
    }
    auto& layer = select(filter);
    auto n = layer.count();
    layer.set_attribute_filter("");
    layer.clear_spatial_filter();
    return n;
}

} // namespace incimap::store
