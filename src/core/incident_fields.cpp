#include "core/incident_fields.hpp"

#include "core/acled_codebook.hpp"
#include "core/ascii.hpp"
#include "core/calendar.hpp"
#include "core/countries.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>

namespace incimap {
namespace {

constexpr unsigned everywhere = in_store | in_geojson | in_extract | in_csv;
constexpr unsigned acled_row = in_store | in_geojson | in_csv;  // ACLED's own ids and times
constexpr unsigned store_own = in_store | in_geojson | in_csv;

FieldValue text(const std::string& value) { return value; }
FieldValue whole(std::int64_t value) { return value; }
// 0 stands for "none" in these fields.
FieldValue optional_whole(std::int64_t value) {
    return value == 0 ? FieldValue{} : FieldValue{value};
}

std::string as_text(const FieldValue& value) {
    if (const auto* s = std::get_if<std::string>(&value))
        return *s;
    return field_text(value);
}
std::int64_t as_whole(const FieldValue& value) {
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return *i;
    if (const auto* d = std::get_if<double>(&value))
        return static_cast<std::int64_t>(*d);
    return 0;
}
double as_real(const FieldValue& value) {
    if (const auto* d = std::get_if<double>(&value))
        return *d;
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return static_cast<double>(*i);
    return 0;
}

#define TEXT(member) \
    [](const Incident& i) { return text(i.member); }, \
    [](Incident& i, const FieldValue& v) { i.member = as_text(v); }
#define WHOLE(member) \
    [](const Incident& i) { return whole(i.member); }, \
    [](Incident& i, const FieldValue& v) { i.member = static_cast<decltype(i.member)>(as_whole(v)); }
#define OPTIONAL_WHOLE(member) \
    [](const Incident& i) { return optional_whole(i.member); }, \
    [](Incident& i, const FieldValue& v) { i.member = static_cast<decltype(i.member)>(as_whole(v)); }
#define REAL(member) \
    [](const Incident& i) { return FieldValue{i.member}; }, \
    [](Incident& i, const FieldValue& v) { i.member = as_real(v); }
#define ACTORS(member) \
    [](const Incident& i) { return FieldValue{join_actors(i.member)}; }, \
    [](Incident& i, const FieldValue& v) { i.member = split_actors(as_text(v)); }

const std::array<IncidentField, 45> fields = {{
    {"data_id", FieldType::integer, "data_id", acled_row, OPTIONAL_WHOLE(data_id), nullptr},
    {"iso", FieldType::text, "iso", everywhere, TEXT(iso),
     [](const Incident& i) {
         const Country* country = country_by_iso2(i.iso);
         return country ? FieldValue{std::int64_t{country->numeric}} : FieldValue{};
     }},
    {"event_id_cnty", FieldType::text, "event_id_cnty", acled_row, TEXT(event_id_cnty), nullptr},
    {"event_id_no_cnty", FieldType::integer, "event_id_no_cnty", acled_row,
     OPTIONAL_WHOLE(event_id_no_cnty), nullptr},
    {"event_date", FieldType::date, "event_date", everywhere, TEXT(event_date), nullptr},
    {"year", FieldType::integer, "year", in_csv,
     [](const Incident& i) {
         auto day = parse_iso_date(i.event_date);
         return day ? FieldValue{std::int64_t{static_cast<int>(day->year())}} : FieldValue{};
     },
     nullptr, nullptr},
    {"time_precision", FieldType::integer, "time_precision", everywhere,
     [](const Incident& i) { return whole(static_cast<int>(i.time_precision)); },
     [](Incident& i, const FieldValue& v) { i.time_precision = static_cast<TimePrecision>(as_whole(v)); },
     nullptr},
    {"disorder_type", FieldType::text, "disorder_type", everywhere, TEXT(disorder_type), nullptr},
    {"event_type", FieldType::text, "event_type", everywhere, TEXT(event_type), nullptr},
    {"sub_event_type", FieldType::text, "sub_event_type", everywhere, TEXT(sub_event_type), nullptr},
    {"actor1", FieldType::text, "actor1", everywhere, TEXT(actor1), nullptr},
    {"assoc_actor_1", FieldType::text, "assoc_actor_1", everywhere, ACTORS(assoc_actors), nullptr},
    {"inter1", FieldType::integer, "inter1", everywhere, WHOLE(inter1), nullptr},
    {"actor2", FieldType::text, "actor2", everywhere, TEXT(actor2), nullptr},
    {"assoc_actor_2", FieldType::text, "assoc_actor_2", everywhere, ACTORS(assoc_actors_2), nullptr},
    {"inter2", FieldType::integer, "inter2", everywhere, WHOLE(inter2), nullptr},
    {"interaction", FieldType::integer, "interaction", everywhere, WHOLE(interaction), nullptr},
    {"civilian_targeting", FieldType::text, "civilian_targeting", everywhere,
     TEXT(civilian_targeting), nullptr},
    {"region", FieldType::text, "region", everywhere, TEXT(region), nullptr},
    {"country", FieldType::text, "country", everywhere, TEXT(country), nullptr},
    {"admin1", FieldType::text, "admin1", everywhere, TEXT(admin1), nullptr},
    {"admin2", FieldType::text, "admin2", everywhere, TEXT(admin2), nullptr},
    {"admin3", FieldType::text, "admin3", everywhere, TEXT(admin3), nullptr},
    {"location", FieldType::text, "location", everywhere, TEXT(location), nullptr},
    {"latitude", FieldType::real, "latitude", everywhere, REAL(latitude), nullptr},
    {"longitude", FieldType::real, "longitude", everywhere, REAL(longitude), nullptr},
    {"geo_precision", FieldType::integer, "geo_precision", everywhere,
     [](const Incident& i) { return whole(static_cast<int>(i.geo_precision)); },
     [](Incident& i, const FieldValue& v) { i.geo_precision = static_cast<GeoPrecision>(as_whole(v)); },
     nullptr},
    {"source", FieldType::text, "source", everywhere, TEXT(source), nullptr},
    {"source_scale", FieldType::text, "source_scale", everywhere, TEXT(source_scale), nullptr},
    {"notes", FieldType::text, "notes", everywhere,
     [](const Incident& i) { return FieldValue{joined_notes(i)}; },
     [](Incident& i, const FieldValue& v) {
         i.notes.clear();
         if (auto t = as_text(v); !t.empty())
             i.notes.push_back(Evidence{std::move(t), 0, 0});
     },
     nullptr},
    {"fatalities", FieldType::integer, "fatalities", everywhere, WHOLE(fatalities), nullptr},
    {"tags", FieldType::text, "tags", everywhere, TEXT(tags), nullptr},
    {"timestamp", FieldType::integer, "timestamp", acled_row, OPTIONAL_WHOLE(timestamp),
     // A row that ACLED did not date: when the store last changed it.
     [](const Incident& i) {
         const auto t = i.timestamp != 0 ? i.timestamp : unix_time(i.updated);
         return optional_whole(t);
     }},
    {"iso3", FieldType::text, "iso3", everywhere, TEXT(iso3), nullptr},
    // The store's own.
    {"id", FieldType::integer, "", in_geojson | in_csv, WHOLE(id), nullptr},
    {"geonameid", FieldType::integer, "", everywhere, OPTIONAL_WHOLE(geonameid), nullptr},
    {"iso2", FieldType::text, "", in_csv, TEXT(iso), nullptr},
    {"fatalities_low", FieldType::integer, "", everywhere, WHOLE(fatalities_low), nullptr},
    {"fatalities_high", FieldType::integer, "", everywhere, WHOLE(fatalities_high), nullptr},
    {"doc_id", FieldType::text, "", everywhere, TEXT(doc_id), nullptr},
    {"confidence", FieldType::real, "", everywhere, REAL(confidence), nullptr},
    {"sources", FieldType::integer, "", store_own, WHOLE(sources), nullptr},
    {"created", FieldType::datetime, "", store_own, TEXT(created), nullptr},
    {"updated", FieldType::datetime, "", store_own, TEXT(updated), nullptr},
}};

#undef TEXT
#undef WHOLE
#undef OPTIONAL_WHOLE
#undef REAL
#undef ACTORS

} // namespace

std::span<const IncidentField> incident_fields() { return fields; }

namespace {

struct HeaderNames {
    std::string_view field;
    std::span<const std::string_view> names;
};

constexpr std::string_view date_names[] = {"event_date", "date"};
constexpr std::string_view type_names[] = {"event_type", "type"};
constexpr std::string_view sub_type_names[] = {"sub_event_type", "subtype"};
constexpr std::string_view actor1_names[] = {"actor1", "actor"};
constexpr std::string_view assoc_actor_1_names[] = {"assoc_actor_1", "ally_actor_1"};
constexpr std::string_view assoc_actor_2_names[] = {"assoc_actor_2", "ally_actor_2"};
constexpr std::string_view location_names[] = {"location", "place", "place_name", "town", "locality"};
constexpr std::string_view iso_names[] = {"iso", "iso2", "country_code"};
constexpr std::string_view fatalities_names[] = {"fatalities", "deaths", "killed"};
constexpr std::string_view notes_names[] = {"notes", "description", "summary"};

// The fields other tables name otherwise; every other field answers to its
// name alone.
constexpr HeaderNames other_header_names[] = {
    {"event_date", date_names},
    {"event_type", type_names},
    {"sub_event_type", sub_type_names},
    {"actor1", actor1_names},
    {"assoc_actor_1", assoc_actor_1_names},
    {"assoc_actor_2", assoc_actor_2_names},
    {"location", location_names},
    {"latitude", latitude_column_names},
    {"longitude", longitude_column_names},
    {"iso", iso_names},
    {"fatalities", fatalities_names},
    {"notes", notes_names},
};

} // namespace

std::span<const std::string_view> header_names(std::string_view field) {
    for (const auto& entry : other_header_names)
        if (entry.field == field)
            return entry.names;
    for (const auto& known : fields)
        if (known.name == field)
            return {&known.name, 1};
    return {};
}

int find_column(std::span<const std::string_view> header, std::span<const std::string_view> names) {
    for (const auto name : names)
        for (std::size_t i = 0; i < header.size(); ++i)
            if (equal_ignoring_case(trim(header[i]), name))
                return static_cast<int>(i);
    return -1;
}

const IncidentField* incident_field(std::string_view name) {
    for (const auto& field : fields)
        if (field.name == name)
            return &field;
    for (const auto& field : fields)
        if (!field.acled.empty() && field.acled == name)
            return &field;
    return nullptr;
}

bool numeric_field(std::string_view name) {
    const auto* field = incident_field(name);
    return field && (field->type == FieldType::integer || field->type == FieldType::real);
}

std::string field_text(const FieldValue& value) {
    if (const auto* s = std::get_if<std::string>(&value))
        return *s;
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&value))
        return fmt::format("{}", *d);
    return {};
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
        auto part = trim(joined.substr(0, end));
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

void complete_acled_codes(Incident& incident) {
    if (incident.interaction == 0)
        incident.interaction = acled::interaction(incident.inter1, incident.inter2);
    if (incident.disorder_type.empty())
        incident.disorder_type = acled::disorder_type(incident.event_type, incident.sub_event_type);
    if (incident.civilian_targeting.empty() && acled::is_political_violence(incident.event_type) &&
        incident.inter2 == acled::inter_code(acled::ActorCategory::civilians))
        incident.civilian_targeting = "Civilian targeting";
}

std::int64_t unix_time(std::string_view timestamp) {
    auto day = parse_iso_date(timestamp.substr(0, std::min<std::size_t>(10, timestamp.size())));
    if (!day)
        return 0;
    std::int64_t seconds = std::chrono::sys_days(*day).time_since_epoch().count() * 86400LL;
    if (timestamp.size() >= 19) {
        auto two = [&](std::size_t at) { return (timestamp[at] - '0') * 10 + (timestamp[at + 1] - '0'); };
        seconds += two(11) * 3600 + two(14) * 60 + two(17);
    }
    return seconds;
}

} // namespace incimap
