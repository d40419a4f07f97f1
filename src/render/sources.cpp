#include "render/sources.hpp"

#include "adapters/gdal.hpp"
#include "adapters/geos.hpp"
#include "core/counted.hpp"
#include "core/error.hpp"
#include "core/input_kind.hpp"
#include "core/json_depth.hpp"
#include "core/incident_fields.hpp"
#include "core/resources.hpp"
#include "render/extent.hpp"
#include "render/csv_points.hpp"
#include "render/geojson_points.hpp"
#include "render/hash.hpp"
#include "store/incident_store.hpp"
#include "store/acled_admin1.hpp"
#include "store/regions.hpp"
#include "store/schema.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <set>
#include <sstream>
#include <variant>

namespace incimap::render {

namespace fs = std::filesystem;
using json = nlohmann::json;

std::string IncidentSource::describe() const {
    return input.empty() ? "store " + store : input;
}

namespace {

using Field = std::variant<std::monostate, double, std::string>;

// An incident's value under its field name (core/incident_fields.hpp).
Field incident_field(const Incident& i, std::string_view name) {
    const auto* field = incimap::incident_field(name);
    if (!field)
        return {};
    const auto value = field->get(i);
    if (const auto* s = std::get_if<std::string>(&value))
        return *s;
    if (const auto* n = std::get_if<std::int64_t>(&value))
        return static_cast<double>(*n);
    if (const auto* d = std::get_if<double>(&value))
        return *d;
    // A number the incident does not have (geonameid 0) is drawn as 0, as before.
    return numeric_field(name) ? Field(0.0) : Field{};
}

} // namespace

bool numeric_incident_field(std::string_view name) { return numeric_field(name); }

namespace {

void set_field(AttributeTable& table, int column, std::size_t row, const Field& value) {
    if (const auto* d = std::get_if<double>(&value))
        table.set_number(column, row, *d);
    else if (const auto* s = std::get_if<std::string>(&value); s && !s->empty())
        table.set_text(column, row, *s);
}

PointFeatures from_store(const IncidentSource& source, const std::vector<std::string>& attributes) {
    PointFeatures out(source.temp_folder);
    std::vector<int> columns;
    for (const auto& a : attributes)
        columns.push_back(out.attributes.add_column(
            a, numeric_incident_field(a) ? AttributeTable::Kind::number : AttributeTable::Kind::text));
    auto incidents = store::IncidentStore::open(source.store, store::IncidentStore::Access::read);
    // Sized once: growing by doubling would hold two copies of each column
    // of a million incidents at the moment it grows.
    const auto expected = static_cast<std::size_t>(std::max<std::int64_t>(0, incidents.count(source.filter)));
    out.lon.reserve(expected);
    out.lat.reserve(expected);
    out.ids.reserve(expected);
    out.attributes.reserve(expected);
    incidents.scan(source.filter, [&](const Incident& incident) {
        const auto row = out.attributes.add_row();
        out.lon.push_back(incident.longitude);
        out.lat.push_back(incident.latitude);
        out.ids.push_back(std::to_string(incident.id));
        for (std::size_t c = 0; c < attributes.size(); ++c)
            set_field(out.attributes, columns[c], row, incident_field(incident, attributes[c]));
    });
    return out;
}

std::string quoted_identifier(std::string_view name) {
    std::string q = "\"";
    for (char c : name) {
        q += c;
        if (c == '"')
            q += '"';
    }
    return q + "\"";
}

std::string date_text(const gdal::Feature& f, int field, gdal::FieldType type) {
    if (type == gdal::FieldType::date) {
        if (auto d = f.get_date(field))
            return fmt::format("{:04}-{:02}-{:02}", d->year, d->month, d->day);
        return {};
    }
    if (auto t = f.get_datetime(field))
        return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", t->date.year, t->date.month,
                           t->date.day, t->hour, t->minute, t->second);
    return {};
}

// The free-text terms of a filter (--actor, --admin1, a country name) on the
// rows of a file: the fields they compare are read into an incident and
// matched as the store matches its own (store::matches_text_terms), so the
// text a user typed never goes into the file's SQL.
class TextTerms {
public:
    // Throws InputError when the file lacks a field a term compares.
    TextTerms(const gdal::Layer& layer, const IncidentSource& source) : filter_(source.filter) {
        for (const auto name : store::text_term_fields(filter_)) {
            const int field = layer.find_field(name);
            if (field < 0)
                throw InputError(fmt::format("{}: no field '{}', which the filters compare",
                                             source.input, name));
            fields_.emplace_back(name, field);
        }
    }

    bool pass(const gdal::Feature& feature) const {
        if (fields_.empty())
            return true;
        Incident incident;
        for (const auto& [name, field] : fields_) {
            if (const auto* known = incimap::incident_field(name); known && known->set)
                known->set(incident, std::string(feature.get_string(field)));
        }
        return store::matches_text_terms(filter_, incident);
    }

private:
    const store::IncidentFilter& filter_;
    std::vector<std::pair<std::string_view, int>> fields_;
};

void read_layer(gdal::Layer& layer, const std::vector<std::string>& attributes, const TextTerms& terms,
                PointFeatures& out) {
    std::vector<int> columns, fields;
    std::vector<gdal::FieldType> types;
    for (const auto& a : attributes) {
        const int field = layer.find_field(a);
        const auto type = field >= 0 ? layer.field_type(field) : gdal::FieldType::string;
        const bool number = type == gdal::FieldType::integer || type == gdal::FieldType::integer64 ||
                            type == gdal::FieldType::real;
        columns.push_back(out.attributes.add_column(
            a, number || (field < 0 && numeric_incident_field(a)) ? AttributeTable::Kind::number
                                                         : AttributeTable::Kind::text));
        fields.push_back(field);
        types.push_back(type);
    }
    const int event_id = layer.find_field("event_id_cnty");
    const int id_field = layer.find_field("id");
    while (auto feature = layer.next()) {
        const auto point = feature->point();
        if (!point || !terms.pass(*feature))
            continue;
        const auto row = out.attributes.add_row();
        out.lon.push_back(point->x);
        out.lat.push_back(point->y);
        std::string id;
        if (event_id >= 0 && feature->is_set(event_id))
            id = std::string(feature->get_string(event_id));
        if (id.empty() && id_field >= 0 && feature->is_set(id_field))
            id = std::string(feature->get_string(id_field));
        out.ids.push_back(id.empty() ? std::to_string(feature->fid()) : id);
        for (std::size_t c = 0; c < attributes.size(); ++c) {
            const int field = fields[c];
            if (field < 0 || !feature->is_set(field))
                continue;
            switch (types[c]) {
            case gdal::FieldType::integer:
            case gdal::FieldType::integer64:
            case gdal::FieldType::real:
                out.attributes.set_number(columns[c], row, feature->get_real(field));
                break;
            case gdal::FieldType::date:
            case gdal::FieldType::datetime:
                out.attributes.set_text(columns[c], row, date_text(*feature, field, types[c]));
                break;
            default:
                out.attributes.set_text(columns[c], row, feature->get_string(field));
            }
        }
    }
}

void report_skipped(const IncidentSource& source, const CsvPoints& csv) {
    if (csv.skipped == 0)
        return;
    auto message = csv.first_skipped;
    if (csv.skipped > 1)
        message += fmt::format(" (and {} more {} without a usable point)", csv.skipped - 1,
                               noun_for(csv.skipped - 1, "row"));
    message += "; skipped";
    if (source.warn)
        source.warn(message);
    else
        fmt::print(stderr, "incimap: warning: {}\n", message);
}

PointFeatures from_file(const IncidentSource& source, const std::vector<std::string>& attributes) {
    const bool csv = is_csv_path(source.input);
    const auto where = store::validated_where_clause(source.filter);
    // The project's CSV and GeoJSON readers take the bounding box only;
    // other terms, and files they leave aside, are read through OGR.
    const bool bbox_only = where.empty() && !store::has_text_terms(source.filter);
    if (csv && bbox_only) {
        if (auto points = read_csv_points(source.input, attributes, source.filter.bbox,
                                          source.temp_folder)) {
            report_skipped(source, *points);
            return std::move(points->points);
        }
    }
    PointFeatures out(source.temp_folder);
    std::vector<std::string> options;
    if (csv)
        options = {fmt::format("X_POSSIBLE_NAMES={}", fmt::join(longitude_column_names, ",")),
                   fmt::format("Y_POSSIBLE_NAMES={}", fmt::join(latitude_column_names, ",")), "KEEP_GEOM_COLUMNS=YES",
                   "AUTODETECT_TYPE=YES"};
    // GDAL seeks: a FIFO or a device would hang it or read as nothing.
    if (const auto why = why_not_regular_file(source.input);
        !why.empty() && !std::filesystem::is_directory(source.input))
        throw InputError(source.input, 0, why + ", not a file of incidents (GeoJSON, GeoPackage, CSV…)");
    if (bbox_only && is_geojson_path(source.input) && std::filesystem::is_regular_file(source.input)) {
        if (auto points = read_geojson_points(source.input, attributes, source.filter.bbox, source.temp_folder))
            return std::move(*points);
    }
    auto dataset = [&] {
        try {
            return gdal::Dataset::open(source.input, false, options);
        } catch (const LibraryError&) {
            if (std::filesystem::is_directory(source.input))
                throw InputError(source.input, 0, "is a directory holding no vector data GDAL reads; "
                                                  "give a file of incidents (GeoJSON, GeoPackage, CSV…)");
            throw;
        }
    }();
    if (dataset.layer_count() < 1)
        throw InputError(source.input + ": no layer of incidents in this file");
    auto layer = dataset.find_layer("incidents").value_or(dataset.layer(0));
    // Only validated values (ISO days, a canonical type, an ISO code, a whole
    // number) are in WHERE, written for SQLite; GDAL's SQLite dialect runs it
    // over any vector format.
    try {
        std::optional<gdal::ResultSet> result;
        gdal::Layer* selected = &layer;
        if (!where.empty()) {
            result.emplace(dataset.query(
                fmt::format("SELECT * FROM {} WHERE {}", quoted_identifier(layer.name()), where),
                "SQLITE"));
            selected = result->layer();
            if (selected == nullptr)
                throw InputError(source.input + ": the filter selected nothing readable");
        }
        const TextTerms terms(*selected, source);
        if (const auto& box = source.filter.bbox)
            selected->set_spatial_filter({box->min_lon, box->min_lat, box->max_lon, box->max_lat});
        read_layer(*selected, attributes, terms, out);
    } catch (const LibraryError& e) {
        if (where.empty())
            throw;
        // A filter on a column the file lacks: say which, and what it has.
        const std::string_view message = e.what();
        constexpr std::string_view missing = "no such column: ";
        if (const auto at = message.find(missing); at != std::string_view::npos) {
            auto column = message.substr(at + missing.size());
            column = column.substr(0, column.find_first_of(" \n)"));
            throw InputError(fmt::format("{}: no column '{}' to filter on (its columns: {})", source.input, column,
                                         fmt::join(layer.field_names(), ", ")));
        }
        throw InputError(fmt::format("{}: cannot apply the filters to this file ({})", source.input,
                                     e.what()));
    }
    return out;
}

std::string read_text_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(fmt::format("{}: cannot open the polygon source", path.string()));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<LonLat> read_ring(const json& ring, const std::string& where) {
    std::vector<LonLat> out;
    if (!ring.is_array())
        throw InputError(where + ": a ring is not a list of positions");
    for (const auto& p : ring) {
        if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number())
            throw InputError(where + ": a position is not [longitude, latitude]");
        out.push_back({p[0].get<double>(), p[1].get<double>()});
    }
    return out;
}

// The middle vertex of the line with the most vertices (a name on a river).
LonLat middle_of_longest(const std::vector<std::vector<LonLat>>& lines) {
    const std::vector<LonLat>* longest = nullptr;
    for (const auto& line : lines)
        if (!line.empty() && (longest == nullptr || line.size() > longest->size()))
            longest = &line;
    return longest ? (*longest)[longest->size() / 2] : LonLat{};
}

Polygon read_polygon_geometry(const json& g, const std::string& where) {
    Polygon poly;
    const auto type = g.value("type", std::string());
    const auto& coordinates = g.value("coordinates", json::array());
    if (type == "Polygon") {
        for (const auto& ring : coordinates)
            poly.rings.push_back(read_ring(ring, where));
    } else if (type == "MultiPolygon") {
        for (const auto& part : coordinates)
            for (const auto& ring : part)
                poly.rings.push_back(read_ring(ring, where));
    } else if (type == "LineString" || type == "MultiLineString") {
        poly.lines = true;
        if (type == "LineString")
            poly.rings.push_back(read_ring(coordinates, where));
        else
            for (const auto& part : coordinates)
                poly.rings.push_back(read_ring(part, where));
    } else if (type == "Point") {
        poly.points = read_ring(json::array({coordinates}), where);
    } else if (type == "MultiPoint") {
        poly.points = read_ring(coordinates, where);
    } else {
        throw InputError(fmt::format("{}: a {} geometry, where a point, line or polygon is expected", where,
                                     type.empty() ? "missing" : type));
    }
    poly.bbox = {std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
                 std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
    const auto extend = [&](const std::vector<LonLat>& positions) {
        for (const auto& [lon, lat] : positions)
            poly.bbox = {std::min(poly.bbox.min_lon, lon), std::min(poly.bbox.min_lat, lat),
                         std::max(poly.bbox.max_lon, lon), std::max(poly.bbox.max_lat, lat)};
    };
    for (const auto& r : poly.rings)
        extend(r);
    extend(poly.points);
    if (!poly.points.empty())
        poly.label_point = poly.points.front();
    else if (poly.lines)
        poly.label_point = middle_of_longest(poly.rings);
    else if (!poly.rings.empty())
        poly.label_point = label_point(poly.rings);
    return poly;
}

// Polygons in file order, skipping features without geometry as
// store::RegionIndex does, so the two number them alike.
PolygonFeatures parse_polygons(std::string_view text, const std::string& name, const std::string& where) {
    check_json_depth(text, where);
    const auto doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("features") || !doc["features"].is_array())
        throw InputError(where + ": not a GeoJSON FeatureCollection");
    PolygonFeatures out;
    out.name = name;
    std::size_t number = 0;
    for (const auto& feature : doc["features"]) {
        ++number;
        if (!feature.is_object() || !feature.contains("geometry") || feature["geometry"].is_null())
            continue;
        const auto at = fmt::format("{}: feature {}", where, number);
        out.polygons.push_back(read_polygon_geometry(feature["geometry"], at));
        const auto& read = out.polygons.back();
        if (read.rings.empty() && read.points.empty())
            throw InputError(at + ": a geometry without coordinates");
        const auto row = out.attributes.add_row();
        const auto properties = feature.value("properties", json::object());
        for (const auto& [key, value] : properties.items()) {
            if (value.is_number()) {
                const int c = out.attributes.add_column(key, AttributeTable::Kind::number);
                out.attributes.set_number(c, row, value.get<double>());
            } else if (value.is_string()) {
                const int c = out.attributes.add_column(key, AttributeTable::Kind::text);
                out.attributes.set_text(c, row, value.get<std::string>());
            } else if (value.is_boolean()) {
                const int c = out.attributes.add_column(key, AttributeTable::Kind::number);
                out.attributes.set_number(c, row, value.get<bool>() ? 1 : 0);
            }
        }
    }
    if (out.polygons.empty())
        throw InputError(where + ": no feature with a geometry: nothing to draw");
    return out;
}

// A vector file OGR reads (a GeoPackage, a shapefile) as the GeoJSON text
// of its first layer: the features with their fields and geometries.
std::string vector_file_as_geojson(const fs::path& path) {
    try {
        if (const auto why = why_not_regular_file(path.string()); !why.empty())
            throw InputError(path.string(), 0, why);
        auto dataset = gdal::Dataset::open(path.string(), false, {});
        if (dataset.layer_count() < 1)
            throw InputError(path.string() + ": no layer of features");
        auto layer = dataset.layer(0);
        const auto names = layer.field_names();
        auto features = json::array();
        while (auto feature = layer.next()) {
            auto properties = json::object();
            for (int i = 0; i < static_cast<int>(names.size()); ++i) {
                if (!feature->is_set(i))
                    continue;
                const auto type = layer.field_type(i);
                if (type == gdal::FieldType::integer || type == gdal::FieldType::integer64 ||
                    type == gdal::FieldType::real)
                    properties[names[static_cast<std::size_t>(i)]] = feature->get_real(i);
                else
                    properties[names[static_cast<std::size_t>(i)]] = std::string(feature->get_string(i));
            }
            const auto geometry = feature->geometry_geojson();
            features.push_back({{"type", "Feature"},
                                {"properties", properties},
                                {"geometry", geometry.empty() ? json() : json::parse(geometry)}});
        }
        return json{{"type", "FeatureCollection"}, {"features", features}}.dump();
    } catch (const LibraryError& e) {
        throw InputError(fmt::format("{}: cannot read it as a source of features: {}", path.string(), e.what()));
    }
}

std::pair<std::string, std::string> polygon_text(const std::string& source, const std::string& folder) {
    if (source == "admin1")
        return {std::string(store::acled_admin1_geojson()),
                "embedded Natural Earth admin1 boundaries (regions as ACLED codes them)"};
    if (is_natural_earth_source(source))
        return {std::string(as_text(resource("boundaries/" + source + ".geojson"))),
                "embedded Natural Earth " + source + (source.starts_with("admin") ? " boundaries" : "")};
    fs::path path = source;
    if (path.is_relative() && !folder.empty())
        path = fs::path(folder) / path;
    const auto ext = path.extension().string();
    if (ext == ".gpkg" || ext == ".GPKG" || ext == ".shp" || ext == ".fgb")
        return {vector_file_as_geojson(path), path.string()};
    return {read_text_file(path), path.string()};
}

// Adds `incident_count` and `incident_fatalities` to POLYGONS (read from
// TEXT): the incidents each holds, located as `incimap aggregate --by
// admin1` does (store::RegionIndex).
void add_incident_counts(PolygonFeatures& polygons, geos::Context& context, std::string_view text,
                         const std::string& where, const PointFeatures& incidents) {
    const store::RegionIndex index(context, text, where);
    std::vector<double> counts(polygons.polygons.size(), 0), sums(counts.size(), 0);
    const int fatalities = incidents.attributes.find("fatalities");
    for (std::size_t i = 0; i < incidents.size(); ++i) {
        const auto region = index.locate(incidents.lon[i], incidents.lat[i]);
        if (!region || *region >= counts.size())
            continue;
        counts[*region] += 1;
        double f = 0;
        if (fatalities >= 0 && to_number(incidents.attributes.value(fatalities, i), f))
            sums[*region] += f;
    }
    auto& table = polygons.attributes;
    const int count_column = table.add_column("incident_count", AttributeTable::Kind::number);
    const int sum_column = table.add_column("incident_fatalities", AttributeTable::Kind::number);
    for (std::size_t p = 0; p < counts.size(); ++p) {
        table.set_number(count_column, p, counts[p]);
        table.set_number(sum_column, p, sums[p]);
    }
}

} // namespace

bool reads_incident_counts(const Style& style, const std::string& source) {
    for (const auto& layer : style.layers) {
        if (layer.source != source)
            continue;
        for (const int k : layer.keys_read()) {
            const auto& name = style.keys.names()[static_cast<std::size_t>(k)];
            if (name == "incident_count" || name == "incident_fatalities")
                return true;
        }
    }
    return false;
}

PolygonFeatures load_polygons_with_counts(const std::string& source, const std::string& folder,
                                          const PointFeatures& incidents) {
    const auto [text, where] = polygon_text(source, folder);
    auto polygons = parse_polygons(text, source, where);
    polygons.content_hash = fnv1a::hash(text);
    geos::Context context;
    add_incident_counts(polygons, context, text, where, incidents);
    return polygons;
}

bool is_natural_earth_source(std::string_view source) {
    return source == "admin0" || source == "admin1" || source == "rivers" || source == "lakes";
}

PointFeatures load_incidents(const IncidentSource& source, const std::vector<std::string>& attributes) {
    return source.input.empty() ? from_store(source, attributes) : from_file(source, attributes);
}

PolygonFeatures load_polygons(const std::string& source, const std::string& folder) {
    const auto [text, where] = polygon_text(source, folder);
    auto polygons = parse_polygons(text, source, where);
    polygons.content_hash = fnv1a::hash(text);
    return polygons;
}

std::map<std::string, PolygonFeatures> load_style_polygons(const Style& style, bool with_base,
                                                           const PointFeatures& incidents) {
    std::map<std::string, PolygonFeatures> out;
    std::unique_ptr<geos::Context> context;
    for (const auto& layer : style.layers) {
        if (layer.uses_incidents() || (layer.base && !with_base) || out.contains(layer.source) ||
            layer.source == towns_source)
            continue;
        const auto [text, where] = polygon_text(layer.source, style.folder);
        auto polygons = parse_polygons(text, layer.source, where);
        polygons.content_hash = fnv1a::hash(text);
        if (!reads_incident_counts(style, layer.source)) {
            out.emplace(layer.source, std::move(polygons));
            continue;
        }
        if (!context)
            context = std::make_unique<geos::Context>();
        add_incident_counts(polygons, *context, text, where, incidents);
        out.emplace(layer.source, std::move(polygons));
    }
    return out;
}

PolygonFeatures town_features(std::span<const Town> towns) {
    PolygonFeatures out;
    out.name = towns_source;
    auto& table = out.attributes;
    const int name = table.add_column("name", AttributeTable::Kind::text);
    const int population = table.add_column("population", AttributeTable::Kind::number);
    const int capital = table.add_column("capital", AttributeTable::Kind::number);
    const int seat = table.add_column("seat", AttributeTable::Kind::number);
    const int country = table.add_column("iso_a2", AttributeTable::Kind::text);
    for (const auto& town : towns) {
        Polygon point;
        point.points = {{town.lon, town.lat}};
        point.label_point = point.points.front();
        point.bbox = {town.lon, town.lat, town.lon, town.lat};
        out.polygons.push_back(std::move(point));
        const auto row = table.add_row();
        table.set_text(name, row, town.name);
        table.set_number(population, row, static_cast<double>(town.population));
        table.set_number(capital, row, town.capital ? 1 : 0);
        table.set_number(seat, row, town.seat ? 1 : 0);
        table.set_text(country, row, town.country);
    }
    return out;
}

std::vector<std::string> incident_attributes_of(const Style& style) {
    std::set<std::string> names{"fatalities"};
    for (const auto& layer : style.layers) {
        if (!layer.uses_incidents())
            continue;
        for (const int k : layer.keys_read())
            names.insert(style.keys.names()[static_cast<std::size_t>(k)]);
        names.insert(layer.cluster_sum.begin(), layer.cluster_sum.end());
    }
    for (const auto* computed : {"point_count", "point_count_abbreviated"})
        names.erase(computed);
    return {names.begin(), names.end()};
}

Drawing load_drawing(Style style, const IncidentSource& source, bool with_base,
                     const std::vector<std::string>& extra, StylePolygons polygons) {
    Drawing d;
    d.style = std::move(style);
    auto attributes = incident_attributes_of(d.style);
    // Every drawing carries its credit line.
    auto wanted = extra;
    wanted.insert(wanted.end(), attribution_attributes().begin(), attribution_attributes().end());
    for (const auto& a : wanted)
        if (std::find(attributes.begin(), attributes.end(), a) == attributes.end())
            attributes.push_back(a);
    d.source = source.describe();
    d.incidents = load_incidents(source, attributes);
    if (polygons == StylePolygons::load)
        d.polygons = load_style_polygons(d.style, with_base, d.incidents);
    return d;
}

} // namespace incimap::render
