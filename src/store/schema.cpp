#include "store/schema.hpp"

#include "store/dates.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace incimap::store {
namespace {

using gdal::FieldType;

// The columns every store has had from the start; the others were added since.
constexpr std::string_view first_columns[] = {
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "actor2", "assoc_actor_1", "location", "latitude", "longitude", "geonameid", "country",
    "iso", "admin1", "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "notes",
    "doc_id", "source", "confidence", "sources", "created", "updated"};

FieldType ogr_type(incimap::FieldType type) {
    switch (type) {
    case incimap::FieldType::text: return FieldType::string;
    case incimap::FieldType::integer: return FieldType::integer64;
    case incimap::FieldType::real: return FieldType::real;
    case incimap::FieldType::date: return FieldType::date;
    case incimap::FieldType::datetime: return FieldType::datetime;
    }
    return FieldType::string;
}

std::vector<ColumnSpec> make_columns() {
    std::vector<ColumnSpec> out;
    for (const auto& field : incident_fields()) {
        if (!(field.uses & in_store))
            continue;
        const bool added = std::find(std::begin(first_columns), std::end(first_columns),
                                     field.name) == std::end(first_columns);
        // The first columns keep the types stores were made with.
        auto type = ogr_type(field.type);
        if (!added && field.type == incimap::FieldType::integer && field.name != "geonameid")
            type = FieldType::integer;
        out.push_back({field.name, type, &field, added});
    }
    return out;
}

std::optional<gdal::DateTime> parse_timestamp(std::string_view text) {
    // "2024-09-17T08:30:00Z"
    auto day = parse_event_date(text.substr(0, 10));
    if (!day)
        return std::nullopt;
    gdal::DateTime t;
    t.date = {static_cast<int>(day->year()), static_cast<int>(unsigned(day->month())),
              static_cast<int>(unsigned(day->day()))};
    if (text.size() >= 19) {
        auto two = [&](std::size_t at) { return (text[at] - '0') * 10 + (text[at + 1] - '0'); };
        t.hour = two(11);
        t.minute = two(14);
        t.second = two(17);
    }
    return t;
}

std::string format_timestamp(const gdal::DateTime& t) {
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", t.date.year, t.date.month,
                       t.date.day, t.hour, t.minute, t.second);
}

// Text as an element of a PostgreSQL array literal inside an escape string
// constant: quoted, its quotes and backslashes escaped for the array, then
// its apostrophes and backslashes for the string (a"b\c'd: "a\\"b\\\\c''d").
// The text is copied a run at a time between the characters escaped. GDAL
// passes text as a C string, which ends at a NUL byte; so does this
// (PostgreSQL's text holds none).
void append_array_text(std::string_view text, std::string& out) {
    text = text.substr(0, text.find('\0'));
    out += '"';
    std::size_t run = 0;  // where the characters not yet copied start
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '"' && c != '\\' && c != '\'')
            continue;
        out.append(text.data() + run, i - run);
        out += c == '"' ? R"(\\")" : c == '\\' ? R"(\\\\)" : "''";
        run = i + 1;
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
}

// A double as PostgreSQL's float8 input reads it: with 15 significant
// digits (SIGNIFICANT) or the fewest that read back as the same bits.
void append_real(double value, std::string& out, bool significant = false) {
    if (std::isnan(value)) {
        out += "NaN";
    } else if (std::isinf(value)) {
        out += value > 0 ? "Infinity" : "-Infinity";
    } else {
        char digits[32];
        const auto end = significant ? fmt::format_to(digits, FMT_COMPILE("{:.15g}"), value)
                                     : fmt::format_to(digits, FMT_COMPILE("{}"), value);
        out.append(digits, end);
    }
}

// The SQL type of an array of a column's values.
std::string_view sql_array_type(gdal::FieldType type) {
    switch (type) {
    case FieldType::integer:
    case FieldType::integer64: return "bigint[]";
    case FieldType::real: return "float8[]";
    case FieldType::date: return "date[]";
    case FieldType::datetime: return "timestamptz[]";
    default: return "text[]";
    }
}

} // namespace

std::span<const ColumnSpec> incident_columns() {
    static const std::vector<ColumnSpec> columns = make_columns();
    return columns;
}

IncidentLayout::IncidentLayout(const gdal::Layer& layer) {
    for (const auto& spec : incident_columns())
        index_.push_back(spec.added ? layer.find_field(spec.name) : layer.field_index(spec.name));
}

IncidentLayout IncidentLayout::of_selected(const gdal::Layer& rows) {
    IncidentLayout layout;
    for (const auto& spec : incident_columns())
        layout.index_.push_back(rows.find_field(spec.name));
    return layout;
}

int IncidentLayout::operator[](std::string_view name) const {
    const auto columns = incident_columns();
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == name)
            return index_[i];
    return -1;
}

std::vector<std::string_view> IncidentLayout::missing() const {
    std::vector<std::string_view> out;
    const auto columns = incident_columns();
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (index_[i] < 0)
            out.push_back(columns[i].name);
    return out;
}

void add_missing_columns(gdal::Layer& layer) {
    for (const auto& spec : incident_columns())
        if (layer.find_field(spec.name) < 0)
            layer.create_field(spec.name, spec.type);
}

void visit_stored_values(const Incident& incident, const IncidentLayout& layout,
                         const std::function<void(int, const StoredValue&)>& visit) {
    const auto columns = incident_columns();
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const int field = layout.at(c);
        if (field < 0)
            continue;
        const auto value = columns[c].field->get(incident);
        StoredValue stored;
        switch (columns[c].field->type) {
        case incimap::FieldType::date:
            if (auto day = parse_event_date(std::get<std::string>(value)))
                stored = gdal::Date{static_cast<int>(day->year()),
                                    static_cast<int>(unsigned(day->month())),
                                    static_cast<int>(unsigned(day->day()))};
            break;
        case incimap::FieldType::datetime:
            if (auto t = parse_timestamp(std::get<std::string>(value)))
                stored = *t;
            break;
        default:
            if (const auto* s = std::get_if<std::string>(&value)) {
                if (!s->empty())
                    stored = std::string_view(*s);
            } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
                stored = *i;
            } else if (const auto* d = std::get_if<double>(&value)) {
                stored = *d;
            }
        }
        visit(field, stored);
    }
}

void write_incident(const Incident& incident, gdal::Feature& feature,
                    const IncidentLayout& layout) {
    visit_stored_values(incident, layout, [&](int field, const StoredValue& value) {
        if (const auto* s = std::get_if<std::string_view>(&value))
            feature.set_string(field, *s);
        else if (const auto* i = std::get_if<std::int64_t>(&value))
            feature.set_integer(field, *i);
        else if (const auto* d = std::get_if<double>(&value))
            feature.set_real(field, *d);
        else if (const auto* day = std::get_if<gdal::Date>(&value))
            feature.set_date(field, *day);
        else if (const auto* t = std::get_if<gdal::DateTime>(&value))
            feature.set_datetime(field, *t);
        else
            feature.set_null(field);
    });
    feature.set_point({incident.longitude, incident.latitude});
}

IncidentArrays::IncidentArrays(const IncidentLayout& layout) : layout_(layout) {
    const auto columns = incident_columns();
    for (std::size_t c = 0; c < columns.size(); ++c)
        if (layout.at(c) >= 0)
            columns_.push_back({columns[c].name, sql_array_type(columns[c].type), "{"});
}

void IncidentArrays::add(const Incident& incident) {
    std::size_t column = 0;
    visit_stored_values(incident, layout_, [&](int, const StoredValue& value) {
        auto& out = columns_[column++].values;
        if (out.size() > 1)
            out += ',';
        char text[64];
        if (const auto* s = std::get_if<std::string_view>(&value)) {
            append_array_text(*s, out);
        } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
            const fmt::format_int digits(*i);
            out.append(digits.data(), digits.size());
        } else if (const auto* d = std::get_if<double>(&value)) {
            append_real(*d, out, true);  // the digits GDAL writes to PostgreSQL
        } else if (const auto* day = std::get_if<gdal::Date>(&value)) {
            out.append(text, fmt::format_to(text, FMT_COMPILE("{:04}-{:02}-{:02}"), day->year,
                                            day->month, day->day));
        } else if (const auto* t = std::get_if<gdal::DateTime>(&value)) {
            out += format_timestamp(*t);
        } else {
            out += "NULL";
        }
    });
    for (auto* out : {&longitudes_, &latitudes_})
        if (out->size() > 1)
            *out += ',';
    append_real(incident.longitude, longitudes_);
    append_real(incident.latitude, latitudes_);
}

void IncidentArrays::clear() {
    for (auto& column : columns_)
        column.values.resize(1);  // the opening brace
    longitudes_.resize(1);
    latitudes_.resize(1);
}

Incident read_incident(const gdal::Feature& feature, const IncidentLayout& layout) {
    Incident incident;
    incident.id = feature.fid();
    const auto columns = incident_columns();
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const int field = layout.at(c);
        const auto& spec = *columns[c].field;
        if (field < 0 || !spec.set)
            continue;
        switch (spec.type) {
        case incimap::FieldType::date:
            if (auto day = feature.get_date(field))
                spec.set(incident, fmt::format("{:04}-{:02}-{:02}", day->year, day->month, day->day));
            break;
        case incimap::FieldType::datetime:
            if (auto t = feature.get_datetime(field))
                spec.set(incident, format_timestamp(*t));
            break;
        case incimap::FieldType::integer:
            spec.set(incident, std::int64_t{feature.get_integer(field)});
            break;
        case incimap::FieldType::real:
            spec.set(incident, feature.get_real(field));
            break;
        case incimap::FieldType::text:
            spec.set(incident, std::string(feature.get_string(field)));
            break;
        }
    }
    return incident;
}

} // namespace incimap::store
