#include "store/schema.hpp"

#include "store/dates.hpp"

#include <fmt/format.h>

namespace incimap::store {
namespace {

using gdal::FieldType;

constexpr std::array<ColumnSpec, column_count> columns = {{
    {Column::event_id_cnty, "event_id_cnty", FieldType::string},
    {Column::event_date, "event_date", FieldType::date},
    {Column::time_precision, "time_precision", FieldType::integer},
    {Column::event_type, "event_type", FieldType::string},
    {Column::sub_event_type, "sub_event_type", FieldType::string},
    {Column::actor1, "actor1", FieldType::string},
    {Column::actor2, "actor2", FieldType::string},
    {Column::assoc_actor_1, "assoc_actor_1", FieldType::string},
    {Column::location, "location", FieldType::string},
    {Column::latitude, "latitude", FieldType::real},
    {Column::longitude, "longitude", FieldType::real},
    {Column::geonameid, "geonameid", FieldType::integer64},
    {Column::country, "country", FieldType::string},
    {Column::iso, "iso", FieldType::string},
    {Column::admin1, "admin1", FieldType::string},
    {Column::geo_precision, "geo_precision", FieldType::integer},
    {Column::fatalities, "fatalities", FieldType::integer},
    {Column::fatalities_low, "fatalities_low", FieldType::integer},
    {Column::fatalities_high, "fatalities_high", FieldType::integer},
    {Column::notes, "notes", FieldType::string},
    {Column::doc_id, "doc_id", FieldType::string},
    {Column::source, "source", FieldType::string},
    {Column::confidence, "confidence", FieldType::real},
    {Column::sources, "sources", FieldType::integer},
    {Column::created, "created", FieldType::datetime},
    {Column::updated, "updated", FieldType::datetime},
}};

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

void set_text(gdal::Feature& feature, int field, std::string_view value) {
    if (value.empty())
        feature.set_null(field);
    else
        feature.set_string(field, value);
}

} // namespace

const std::array<ColumnSpec, column_count>& incident_columns() { return columns; }

std::string_view column_name(Column column) {
    return columns[static_cast<std::size_t>(column)].name;
}

IncidentLayout::IncidentLayout(const gdal::Layer& layer) {
    for (const auto& spec : columns)
        index_[static_cast<std::size_t>(spec.column)] = layer.field_index(spec.name);
}

std::string join_actors(const std::vector<std::string>& actors) {
    std::string joined;
    for (const auto& actor : actors) {
        if (actor.empty())
            continue;
        if (!joined.empty())
            joined += "; ";
        joined += actor;
    }
    return joined;
}

std::vector<std::string> split_actors(std::string_view joined) {
    std::vector<std::string> actors;
    while (!joined.empty()) {
        auto end = joined.find(';');
        auto part = joined.substr(0, end);
        while (!part.empty() && part.front() == ' ')
            part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ')
            part.remove_suffix(1);
        if (!part.empty())
            actors.emplace_back(part);
        joined = end == std::string_view::npos ? std::string_view{} : joined.substr(end + 1);
    }
    return actors;
}

std::string joined_notes(const Incident& incident) {
    std::string text;
    for (const auto& evidence : incident.notes) {
        if (evidence.text.empty())
            continue;
        if (!text.empty())
            text += ' ';
        text += evidence.text;
    }
    return text;
}

void write_incident(const Incident& incident, gdal::Feature& feature,
                    const IncidentLayout& layout) {
    set_text(feature, layout[Column::event_id_cnty], incident.event_id_cnty);
    if (auto day = parse_event_date(incident.event_date))
        feature.set_date(layout[Column::event_date],
                         {static_cast<int>(day->year()), static_cast<int>(unsigned(day->month())),
                          static_cast<int>(unsigned(day->day()))});
    else
        feature.set_null(layout[Column::event_date]);
    feature.set_integer(layout[Column::time_precision], static_cast<int>(incident.time_precision));
    set_text(feature, layout[Column::event_type], incident.event_type);
    set_text(feature, layout[Column::sub_event_type], incident.sub_event_type);
    set_text(feature, layout[Column::actor1], incident.actor1);
    set_text(feature, layout[Column::actor2], incident.actor2);
    set_text(feature, layout[Column::assoc_actor_1], join_actors(incident.assoc_actors));
    set_text(feature, layout[Column::location], incident.location);
    feature.set_real(layout[Column::latitude], incident.latitude);
    feature.set_real(layout[Column::longitude], incident.longitude);
    if (incident.geonameid != 0)
        feature.set_integer(layout[Column::geonameid], incident.geonameid);
    else
        feature.set_null(layout[Column::geonameid]);
    set_text(feature, layout[Column::country], incident.country);
    set_text(feature, layout[Column::iso], incident.iso);
    set_text(feature, layout[Column::admin1], incident.admin1);
    feature.set_integer(layout[Column::geo_precision], static_cast<int>(incident.geo_precision));
    feature.set_integer(layout[Column::fatalities], incident.fatalities);
    feature.set_integer(layout[Column::fatalities_low], incident.fatalities_low);
    feature.set_integer(layout[Column::fatalities_high], incident.fatalities_high);
    set_text(feature, layout[Column::notes], joined_notes(incident));
    set_text(feature, layout[Column::doc_id], incident.doc_id);
    set_text(feature, layout[Column::source], incident.source);
    feature.set_real(layout[Column::confidence], incident.confidence);
    feature.set_integer(layout[Column::sources], incident.sources);
    for (auto [column, value] : {std::pair{Column::created, &incident.created},
                                 std::pair{Column::updated, &incident.updated}}) {
        if (auto t = parse_timestamp(*value))
            feature.set_datetime(layout[column], *t);
        else
            feature.set_null(layout[column]);
    }
    feature.set_point({incident.longitude, incident.latitude});
}

Incident read_incident(const gdal::Feature& feature, const IncidentLayout& layout) {
    Incident incident;
    incident.id = feature.fid();
    auto text = [&](Column column) { return std::string(feature.get_string(layout[column])); };
    incident.event_id_cnty = text(Column::event_id_cnty);
    if (auto day = feature.get_date(layout[Column::event_date]))
        incident.event_date = fmt::format("{:04}-{:02}-{:02}", day->year, day->month, day->day);
    incident.time_precision =
        static_cast<TimePrecision>(feature.get_integer(layout[Column::time_precision]));
    incident.event_type = text(Column::event_type);
    incident.sub_event_type = text(Column::sub_event_type);
    incident.actor1 = text(Column::actor1);
    incident.actor2 = text(Column::actor2);
    incident.assoc_actors = split_actors(feature.get_string(layout[Column::assoc_actor_1]));
    incident.location = text(Column::location);
    incident.latitude = feature.get_real(layout[Column::latitude]);
    incident.longitude = feature.get_real(layout[Column::longitude]);
    incident.geonameid = feature.get_integer(layout[Column::geonameid]);
    incident.country = text(Column::country);
    incident.iso = text(Column::iso);
    incident.admin1 = text(Column::admin1);
    incident.geo_precision =
        static_cast<GeoPrecision>(feature.get_integer(layout[Column::geo_precision]));
    incident.fatalities = static_cast<int>(feature.get_integer(layout[Column::fatalities]));
    incident.fatalities_low = static_cast<int>(feature.get_integer(layout[Column::fatalities_low]));
    incident.fatalities_high =
        static_cast<int>(feature.get_integer(layout[Column::fatalities_high]));
    if (auto notes = feature.get_string(layout[Column::notes]); !notes.empty())
        incident.notes.push_back(Evidence{std::string(notes), 0, 0});
    incident.doc_id = text(Column::doc_id);
    incident.source = text(Column::source);
    incident.confidence = feature.get_real(layout[Column::confidence]);
    incident.sources = static_cast<int>(feature.get_integer(layout[Column::sources]));
    if (auto t = feature.get_datetime(layout[Column::created]))
        incident.created = format_timestamp(*t);
    if (auto t = feature.get_datetime(layout[Column::updated]))
        incident.updated = format_timestamp(*t);
    return incident;
}

} // namespace incimap::store
