#include "store/aggregate.hpp"

#include "adapters/geos.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "store/cells.hpp"
#include "store/dates.hpp"
#include "store/export.hpp"
#include "store/output_file.hpp"
#include "store/regions.hpp"
#include "store/vector_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <iterator>
#include <set>
#include <unordered_map>

namespace incimap::store {
namespace {

using namespace std::chrono;

std::string point_geometry(double lon, double lat) {
    return fmt::format(R"({{"type":"Point","coordinates":[{:.6f},{:.6f}]}})", lon, lat);
}

std::string polygon_geometry(const Ring& ring) {
    std::string text = R"({"type":"Polygon","coordinates":[[)";
    for (std::size_t i = 0; i < ring.size(); ++i)
        fmt::format_to(std::back_inserter(text), "{}[{:.6f},{:.6f}]", i ? "," : "",
                       ring[i].first, ring[i].second);
    text += "]]}";
    return text;
}

std::string place_key(const Incident& incident) {
    if (incident.geonameid != 0)
        return fmt::format("g{}", incident.geonameid);
    return fmt::format("p{:.4f},{:.4f},{}", incident.latitude, incident.longitude,
                       incident.location);
}

void label_place(Group& group, const Incident& incident) {
    group.labels["location"] = incident.location;
    group.labels["geonameid"] =
        incident.geonameid ? nlohmann::ordered_json(incident.geonameid) : nullptr;
    group.labels["admin1"] = incident.admin1;
    group.labels["country"] = incident.country;
    group.geometry = point_geometry(incident.longitude, incident.latitude);
}

struct Period {
    std::string name, start, end;
};

Period period_of(const std::string& date, GroupBy by) {
    auto day = parse_event_date(date);
    if (!day)
        return {"unknown", "", ""};
    if (by == GroupBy::month) {
        year_month_day first{day->year(), day->month(), std::chrono::day{1}};
        year_month_day_last last{day->year(), month_day_last{day->month()}};
        return {iso_date(first).substr(0, 7), iso_date(first), iso_date(year_month_day(last))};
    }
    // ISO 8601 weeks: Monday to Sunday, numbered in the year of their Thursday.
    sys_days today(*day);
    auto monday = today - (weekday(today) - Monday);
    year_month_day thursday(monday + days(3));
    auto week = (sys_days(thursday) - sys_days(thursday.year() / January / 1)).count() / 7 + 1;
    return {fmt::format("{}-W{:02}", static_cast<int>(thursday.year()), week),
            iso_date(year_month_day(monday)), iso_date(year_month_day(monday + days(6)))};
}

double parse_size(std::string_view text, std::string_view whole) {
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() ||
        !std::isfinite(value))
        throw UsageError(fmt::format("'{}': the size is not a number", whole));
    return value;
}

} // namespace

Grouping parse_grouping(std::string_view text) {
    if (text == "place")
        return {GroupBy::place, 0};
    if (text == "admin1")
        return {GroupBy::admin1, 0};
    if (text == "week")
        return {GroupBy::week, 0};
    if (text == "month")
        return {GroupBy::month, 0};
    if (text.starts_with("grid:")) {
        double size = parse_size(text.substr(5), text);
        if (size < 0.01 || size > 90)
            throw UsageError(fmt::format("'{}': grid cells must be 0.01 to 90 degrees", text));
        return {GroupBy::grid, size};
    }
    if (text.starts_with("hex:")) {
        double size = parse_size(text.substr(4), text);
        if (size < 0.1 || size > 5000)
            throw UsageError(fmt::format("'{}': hexagons must be 0.1 to 5000 km across", text));
        return {GroupBy::hex, size};
    }
    throw UsageError(fmt::format(
        "'{}': expected place, admin1, grid:DEGREES, hex:KM, week or month", text));
}

std::string Group::top_event_type() const {
    std::string top;
    long most = 0;
    for (const auto& [type, n] : event_types)  // alphabetical: first wins ties
        if (n > most) {
            top = type;
            most = n;
        }
    return top;
}

namespace {

// The groups of one aggregation, found or made as incidents arrive.
class Groups {
  public:
    explicit Groups(Grouping grouping)
        : grouping_(grouping), grid_(grouping.by == GroupBy::grid ? grouping.size : 1.0),
          hex_(grouping.by == GroupBy::hex ? grouping.size : 1.0) {
        if (grouping.by == GroupBy::admin1) {
            context_.emplace();
            regions_.emplace(RegionIndex::admin1(*context_));
        }
    }

    // The group INCIDENT belongs to, made and labelled the first time.
    Group& of(const Incident& incident) {
        switch (grouping_.by) {
        case GroupBy::place: return of_place(incident);
        case GroupBy::week:
        case GroupBy::month: return of_period(incident);
        case GroupBy::admin1: return of_region(incident);
        case GroupBy::grid:
        case GroupBy::hex: break;
        }
        return of_cell(incident);
    }

    // Admin1: every region of a country that had an incident, with 0 where
    // nothing happened.
    void add_empty_regions() {
        if (regions_)
            for (std::size_t i = 0; i < regions_->size(); ++i)
                if (countries_seen_.contains((*regions_)[i].iso))
                    region_group(i);
    }

    std::vector<Group> sorted() && {
        std::vector<Group> out;
        out.reserve(groups_.size());
        for (auto& [key, group] : groups_)
            out.push_back(std::move(group));
        std::sort(out.begin(), out.end(), [](const Group& a, const Group& b) { return a.key < b.key; });
        return out;
    }

  private:
    // The group under KEY, and whether it is new (its key is set, its
    // labels are still to be written).
    std::pair<Group&, bool> find(const std::string& key) {
        auto& group = groups_[key];
        const bool is_new = group.key.empty();
        if (is_new)
            group.key = key;
        return {group, is_new};
    }

    Group& of_place(const Incident& incident) {
        auto [group, is_new] = find(place_key(incident));
        if (is_new)
            label_place(group, incident);
        return group;
    }

    Group& of_period(const Incident& incident) {
        const auto period = period_of(incident.event_date, grouping_.by);
        auto [group, is_new] = find(period.name + "|" + place_key(incident));
        if (is_new) {
            group.labels["period"] = period.name;
            group.labels["period_start"] = period.start;
            group.labels["period_end"] = period.end;
            label_place(group, incident);
        }
        return group;
    }

    Group& of_region(const Incident& incident) {
        if (auto found = regions_->locate(incident.longitude, incident.latitude)) {
            countries_seen_.insert((*regions_)[*found].iso);
            return region_group(*found);
        }
        auto [group, is_new] = find("~unassigned");
        if (is_new) {
            group.labels["admin1"] = nullptr;
            group.labels["iso"] = nullptr;
            group.labels["country"] = nullptr;
            group.labels["note"] = nullptr;
            group.geometry = "null";
        }
        return group;
    }

    Group& region_group(std::size_t i) {
        const Region& region = (*regions_)[i];
        auto [group, is_new] = find(fmt::format("{}|{}", region.iso, region.name));
        if (is_new) {
            group.labels["admin1"] = region.name;
            group.labels["iso"] = region.iso;
            group.labels["country"] = region.country;
            group.labels["note"] = region.note.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(region.note);
            group.geometry = region.geometry;
        }
        return group;
    }

    Group& of_cell(const Incident& incident) {
        const bool is_grid = grouping_.by == GroupBy::grid;
        const CellId cell = is_grid ? grid_.cell_of(incident.longitude, incident.latitude)
                                    : hex_.cell_of(incident.longitude, incident.latitude);
        // Offsets keep keys non-negative so they sort as numbers.
        auto [group, is_new] = find(fmt::format("{:014d},{:014d}", cell.b + 10'000'000'000LL,
                                                cell.a + 10'000'000'000LL));
        if (is_new) {
            group.labels["cell"] = fmt::format("{},{}", cell.a, cell.b);
            if (is_grid) {
                group.labels["cell_degrees"] = grouping_.size;
                group.geometry = polygon_geometry(grid_.ring(cell));
            } else {
                group.labels["cell_km"] = grouping_.size;
                group.labels["area_km2"] = std::round(hex_.cell_area_km2() * 1000) / 1000;
                group.geometry = polygon_geometry(hex_.ring(cell));
            }
        }
        return group;
    }

    Grouping grouping_;
    std::unordered_map<std::string, Group> groups_;
    std::optional<geos::Context> context_;
    std::optional<RegionIndex> regions_;
    std::set<std::string> countries_seen_;
    SquareGrid grid_;
    HexGrid hex_;
};

// Adds COUNT incidents of TYPE, their FATALITIES and dates, to GROUP and
// to RESULT.
void count_into(Group& group, const std::string& type, std::int64_t count, std::int64_t fatalities,
                const std::string& first_date, const std::string& last_date, Aggregation& result) {
    group.count += count;
    group.fatalities += fatalities;
    if (!first_date.empty() && (group.first_date.empty() || first_date < group.first_date))
        group.first_date = first_date;
    if (last_date > group.last_date)
        group.last_date = last_date;
    group.event_types[type] += count;
    result.incidents += count;
    result.fatalities += fatalities;
}

} // namespace

// The store sums the incidents of each place and type (and day, for weeks
// and months) and the groups are made from those sums: the same groups as
// from the incidents one by one, read in a fraction of the rows. Text terms
// (--actor, --admin1) are decided on each incident, so with them the
// incidents are read one by one.
Aggregation aggregate(IncidentStore& store, const IncidentFilter& filter, Grouping grouping) {
    Groups groups(grouping);
    Aggregation result;
    if (has_text_terms(filter)) {
        store.scan(filter, [&](const Incident& incident) {
            count_into(groups.of(incident), incident.event_type, 1, incident.fatalities,
                       incident.event_date, incident.event_date, result);
        });
    } else {
        const bool by_day = grouping.by == GroupBy::week || grouping.by == GroupBy::month;
        store.summarise(filter, by_day, [&](const PlaceSummary& sum) {
            count_into(groups.of(sum.incident), sum.incident.event_type, sum.count, sum.fatalities,
                       sum.first_date, sum.last_date, result);
        });
    }
    groups.add_empty_regions();
    result.groups = std::move(groups).sorted();
    return result;
}

namespace {

// The fields of an aggregation's features: the groups' labels in the order
// they first appear, then the counts.
VectorLayer aggregation_layer(const Aggregation& aggregation) {
    VectorLayer layer;
    layer.name = "groups";
    bool points = false, others = false, multi = false;
    for (const auto& group : aggregation.groups) {
        if (group.labels.is_object())
            for (const auto& [name, value] : group.labels.items()) {
                // Clang before 16 cannot capture a structured binding itself.
                auto known = std::find_if(layer.fields.begin(), layer.fields.end(),
                                          [&, &key = name](const VectorField& f) { return f.name == key; });
                const auto type = value.is_number_integer() ? FieldType::integer
                                  : value.is_number()       ? FieldType::real
                                                            : FieldType::text;
                if (known == layer.fields.end())
                    layer.fields.push_back({name, type});
                else if (known->type == FieldType::integer && type == FieldType::real)
                    known->type = FieldType::real;
            }
        if (group.geometry.empty() || group.geometry == "null")
            layer.some_without_geometry = true;
        else if (group.geometry.find("Point") != std::string::npos)
            points = true;
        else
            others = true;
        multi = multi || group.geometry.find("MultiPolygon") != std::string::npos;
    }
    // One geometry type per layer, as Shapefile and FlatGeobuf want: the
    // polygons of regions made of several parts make every region a
    // MultiPolygon.
    layer.geometry = points && others ? gdal::GeometryType::any
                     : points         ? gdal::GeometryType::point
                     : multi          ? gdal::GeometryType::multipolygon
                                      : gdal::GeometryType::polygon;
    for (const auto* name : {"count", "fatalities"})
        layer.fields.push_back({name, FieldType::integer});
    for (const auto* name : {"first_date", "last_date"})
        layer.fields.push_back({name, FieldType::date});
    layer.fields.push_back({"top_event_type", FieldType::text});
    if (std::any_of(layer.fields.begin(), layer.fields.end(),
                    [](const VectorField& f) { return f.name == "location"; }))
        layer.title_field = "location";
    return layer;
}

FieldValue field_value(const nlohmann::ordered_json& value) {
    if (value.is_number_integer())
        return value.get<std::int64_t>();
    if (value.is_number())
        return value.get<double>();
    if (value.is_string())
        return value.get<std::string>();
    return std::monostate{};
}

void write_aggregation_through_ogr(const Aggregation& aggregation, VectorFormat format,
                                   const std::filesystem::path& out) {
    auto layer = aggregation_layer(aggregation);
    const auto labels = layer.fields.size() - 5;
    std::vector<std::string> names;
    for (const auto& field : layer.fields)
        names.push_back(field.name);
    VectorOutput output(out, format, std::move(layer));
    std::vector<FieldValue> values(names.size());
    for (const auto& group : aggregation.groups) {
        for (std::size_t i = 0; i < labels; ++i)
            values[i] = group.labels.is_object() && group.labels.contains(names[i])
                            ? field_value(group.labels[names[i]])
                            : FieldValue{};
        values[labels] = std::int64_t{group.count};
        values[labels + 1] = std::int64_t{group.fatalities};
        values[labels + 2] = group.first_date.empty() ? FieldValue{} : FieldValue{group.first_date};
        values[labels + 3] = group.last_date.empty() ? FieldValue{} : FieldValue{group.last_date};
        const auto top = group.top_event_type();
        values[labels + 4] = top.empty() ? FieldValue{} : FieldValue{top};
        output.add_geojson(values, group.geometry);
    }
    output.commit();
}

} // namespace

void write_aggregation(const Aggregation& aggregation, const std::filesystem::path& out) {
    if (out != "-") {
        if (const auto format = vector_format_for(out); format != VectorFormat::geojson)
            return write_aggregation_through_ogr(aggregation, format, out);
    }
    OutputFile file(out);
    std::string text = "{\"type\":\"FeatureCollection\",\"features\":[\n";
    std::size_t id = 0;
    for (const auto& group : aggregation.groups) {
        if (id > 0)
            text += ",\n";
        nlohmann::ordered_json properties = group.labels.is_object() ? group.labels
                                                                     : nlohmann::ordered_json::object();
        properties["count"] = group.count;
        properties["fatalities"] = group.fatalities;
        properties["first_date"] =
            group.first_date.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(group.first_date);
        properties["last_date"] =
            group.last_date.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(group.last_date);
        auto top = group.top_event_type();
        properties["top_event_type"] = top.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(top);
        fmt::format_to(std::back_inserter(text),
                       "{{\"type\":\"Feature\",\"id\":{},\"geometry\":{},\"properties\":{}}}",
                       ++id, group.geometry.empty() ? "null" : group.geometry,
                       properties.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    text += "\n]}\n";
    file.write(text);
    file.commit();
}

} // namespace incimap::store
