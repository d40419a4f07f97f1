#include "store/event_rows.hpp"

#include "core/bounded_line.hpp"
#include "core/acled_codebook.hpp"
#include "core/calendar.hpp"
#include "core/decimals.hpp"
#include "core/error.hpp"
#include "core/ascii.hpp"
#include "store/content_hash.hpp"
#include "core/countries.hpp"
#include "store/dates.hpp"
#include "store/schema.hpp"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <cmath>
#include <vector>

namespace incimap::store {
namespace {

// The fields the importer checks, by their names in core/incident_fields
// (which also holds the header names each answers to).
struct CheckedField {
    Field field;
    std::string_view name;
};

const CheckedField checked_fields[] = {
    {Field::event_id_cnty, "event_id_cnty"},
    {Field::event_date, "event_date"},
    {Field::time_precision, "time_precision"},
    {Field::event_type, "event_type"},
    {Field::sub_event_type, "sub_event_type"},
    {Field::actor1, "actor1"},
    {Field::actor2, "actor2"},
    {Field::assoc_actor_1, "assoc_actor_1"},
    {Field::assoc_actor_2, "assoc_actor_2"},
    {Field::inter1, "inter1"},
    {Field::inter2, "inter2"},
    {Field::location, "location"},
    {Field::latitude, "latitude"},
    {Field::longitude, "longitude"},
    {Field::geonameid, "geonameid"},
    {Field::country, "country"},
    {Field::iso, "iso"},
    {Field::admin1, "admin1"},
    {Field::admin2, "admin2"},
    {Field::admin3, "admin3"},
    {Field::geo_precision, "geo_precision"},
    {Field::fatalities, "fatalities"},
    {Field::notes, "notes"},
    {Field::source, "source"},
};

std::optional<std::int64_t> parse_integer(std::string_view text) {
    text = trim(text);
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
        // "3.0" from tools that write every number as a real.
        auto real = parse_decimal(text);
        if (!real || *real != std::floor(*real) || std::fabs(*real) > 1e15)
            return std::nullopt;
        return static_cast<std::int64_t>(*real);
    }
    return value;
}

class Row {
public:
    Row(const ColumnMap& columns, std::span<const std::string_view> fields)
        : columns_(columns), fields_(fields) {}

    std::string_view operator[](Field field) const {
        int index = columns_[field];
        if (index < 0 || static_cast<std::size_t>(index) >= fields_.size())
            return {};
        return columns_.value_of(field, trim(fields_[static_cast<std::size_t>(index)]));
    }

    // An integer in [low, high]; FALLBACK when the cell is empty.
    int integer(Field field, std::string_view name, int low, int high, int fallback) const {
        auto text = (*this)[field];
        if (text.empty())
            return fallback;
        auto value = parse_integer(text);
        if (!value || *value < low || *value > high)
            throw InputError(fmt::format("{} '{}' is not a whole number from {} to {}", name,
                                         text, low, high));
        return static_cast<int>(*value);
    }

private:
    const ColumnMap& columns_;
    std::span<const std::string_view> fields_;
};

double coordinate(std::string_view name, std::string_view text, double limit) {
    auto value = parse_decimal(text);
    if (!value || !std::isfinite(*value))
        throw InputError(fmt::format("{} '{}' is not a number", name, text));
    if (std::fabs(*value) > limit)
        throw InputError(fmt::format("{} '{}' out of range (-{} to {})", name, text, limit, limit));
    return *value;
}

void set_country(Incident& incident, const Row& row, const RowContext& context) {
    auto country = row[Field::country];
    auto iso = row[Field::iso];
    const Country* known = nullptr;
    if (!iso.empty()) {
        if (auto numeric = parse_integer(iso))
            known = country_by_numeric(static_cast<int>(*numeric));
        else if (iso.size() == 2)
            known = country_by_iso2(iso);
        if (!known)
            throw InputError(fmt::format("iso '{}' is not an ISO 3166 country code", iso));
    }
    bool country_is_code = false;
    if (!known && country.size() == 2) {
        known = country_by_iso2(country);
        country_is_code = known != nullptr;
    }
    if (!known && !country.empty())
        known = country_by_name(country);
    if (!known && country.empty() && !context.default_iso.empty())
        known = country_by_iso2(context.default_iso);
    incident.country = !country.empty() && !country_is_code ? std::string(country)
                       : known ? std::string(known->name)
                               : std::string();
    incident.iso = known ? std::string(known->iso2) : std::string();
}

void set_place(Incident& incident, const Row& row, const ColumnMap& columns,
               const RowContext& context, std::optional<std::pair<double, double>> point) {
    incident.location = row[Field::location];
    auto lat_text = row[Field::latitude];
    auto lon_text = row[Field::longitude];
    if (point) {
        incident.longitude = coordinate("longitude", fmt::format("{}", point->first), 180);
        incident.latitude = coordinate("latitude", fmt::format("{}", point->second), 90);
    } else if (columns.has_coordinates() && (!lat_text.empty() || !lon_text.empty())) {
        incident.latitude = coordinate("latitude", lat_text, 90);
        incident.longitude = coordinate("longitude", lon_text, 180);
    } else {
        const bool units = !row[Field::admin1].empty() || !row[Field::admin2].empty() ||
                           !row[Field::admin3].empty();
        if (incident.location.empty() && !units)
            throw InputError("no coordinates and no place name");
        if (!context.resolver || !*context.resolver)
            throw InputError(fmt::format("no coordinates for '{}' and no gazetteer to look it up",
                                         incident.location));
        const auto place = (*context.resolver)({incident.location, incident.iso, row[Field::admin1],
                                                row[Field::admin2], row[Field::admin3]});
        incident.latitude = place.latitude;
        incident.longitude = place.longitude;
        incident.geonameid = place.geonameid;
        incident.geo_precision = static_cast<GeoPrecision>(place.geo_precision);
        if (incident.admin1.empty())
            incident.admin1 = place.admin1;
        if (incident.iso.empty() && !place.iso.empty()) {
            incident.iso = place.iso;
            if (const Country* country = country_by_iso2(place.iso))
                incident.country = country->name;
        }
        return;
    }
    if (incident.latitude == 0 && incident.longitude == 0 && !incident.location.empty())
        throw InputError(fmt::format(
            "coordinates 0,0 for '{}': a missing position, not a place", incident.location));
}

int count_sources(std::string_view source) {
    int n = 0;
    while (!source.empty()) {
        auto end = source.find(';');
        if (!trim(source.substr(0, end)).empty())
            ++n;
        source = end == std::string_view::npos ? std::string_view{} : source.substr(end + 1);
    }
    return std::max(n, 1);
}

} // namespace

// The Field an incident field's name stands for, if the importer checks it.
static std::optional<Field> field_named(std::string_view name) {
    for (const auto& entry : checked_fields)
        if (entry.name == name)
            return entry.field;
    return std::nullopt;
}

void ColumnMapping::add(std::string_view text, std::string_view origin) {
    auto entry = [&](std::string_view item) {
        item = trim(item);
        const auto equals = item.find('=');
        if (equals == std::string_view::npos)
            throw UsageError(fmt::format("{} '{}': expected FIELD=COLUMN", origin, item));
        auto field = trim(item.substr(0, equals));
        const auto target = trim(item.substr(equals + 1));
        std::string_view code;
        if (const auto open = field.find('['); open != std::string_view::npos && field.back() == ']') {
            code = field.substr(open + 1, field.size() - open - 2);
            field = trim(field.substr(0, open));
        }
        if (!incident_field(field) || (!field_named(field) && !incident_field(field)->set))
            throw UsageError(fmt::format("{} '{}': '{}' is not a field incimap imports", origin,
                                         item, field));
        if (target.empty())
            throw UsageError(fmt::format("{} '{}': no column named", origin, item));
        if (!code.empty() || item.find('[') != std::string_view::npos)
            values.emplace_back(std::string(field), std::string(code), std::string(target));
        else
            columns.emplace_back(std::string(field), std::string(target));
    };
    // A value may hold commas ("Battles, armed clash"): code entries stand alone.
    if (text.find('[') != std::string_view::npos) {
        entry(text);
        return;
    }
    while (!text.empty()) {
        const auto comma = text.find(',');
        if (auto item = trim(text.substr(0, comma)); !item.empty())
            entry(item);
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    }
}

ColumnMapping ColumnMapping::load(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in)
        throw InputError(path.string(), 0, "cannot read the column mapping");
    ColumnMapping mapping;
    std::string line;
    long number = 0;
    // A mapping line names a column and a field: a longer one is no mapping.
    constexpr std::size_t mapping_line_limit = std::size_t(64) << 10;
    while (read_line_bounded(in, line, mapping_line_limit, path.string(), number + 1)) {
        ++number;
        auto text = trim(std::string_view(line));
        if (!text.empty() && text.back() == '\r')
            text.remove_suffix(1);
        if (text.empty() || text.front() == '#')
            continue;
        try {
            mapping.add(text, fmt::format("{}:{}", path.string(), number));
        } catch (const UsageError& e) {
            throw InputError(path.string(), number, e.what());
        }
    }
    return mapping;
}

std::string_view ColumnMap::value_of(Field field, std::string_view code) const {
    if (!mapping_ || mapping_->values.empty())
        return code;
    std::string_view name;
    for (const auto& entry : checked_fields)
        if (entry.field == field)
            name = entry.name;
    for (const auto& [mapped, from, to] : mapping_->values)
        if (mapped == name && from == code)
            return to;
    return code;
}

ColumnMap::ColumnMap(std::span<const std::string_view> header, bool has_points,
                     const ColumnMapping* mapping)
    : mapping_(mapping) {
    index_.fill(-1);
    width_ = header.size();
    auto column_of = [&](std::string_view name) {
        if (const int column = find_column(header, {&name, 1}); column >= 0)
            return column;
        throw InputError(fmt::format("no column '{}', which the column mapping names", name));
    };
    if (mapping) {
        for (const auto& [field, column] : mapping->columns) {
            if (auto known = field_named(field))
                index_[static_cast<std::size_t>(*known)] = column_of(column);
            else
                kept_.emplace_back(column_of(column), incident_field(field));
        }
    }
    for (const auto& entry : checked_fields)
        if ((*this)[entry.field] < 0)  // not mapped
            index_[static_cast<std::size_t>(entry.field)] = find_column(header, header_names(entry.name));
    for (const auto& field : incident_fields()) {
        if (field.acled.empty() || !field.set)
            continue;
        bool read_above = false;
        for (const auto& entry : checked_fields)
            for (auto name : header_names(entry.name))
                read_above = read_above || name == field.acled;
        for (const auto& [index, mapped] : kept_)
            read_above = read_above || mapped == &field;
        if (read_above)
            continue;
        if (const int column = find_column(header, {&field.acled, 1}); column >= 0)
            kept_.emplace_back(column, &field);
    }
    if ((*this)[Field::event_date] < 0)
        throw InputError("no event_date (or date) column");
    if ((*this)[Field::event_type] < 0 && (*this)[Field::sub_event_type] < 0)
        throw InputError("no event_type column");
    if (!has_points && !has_coordinates() && (*this)[Field::location] < 0)
        throw InputError("neither latitude and longitude nor location columns");
}

bool ColumnMap::has_coordinates() const {
    return (*this)[Field::latitude] >= 0 && (*this)[Field::longitude] >= 0;
}

Incident incident_from_row(const ColumnMap& columns, std::span<const std::string_view> fields,
                           const RowContext& context,
                           std::optional<std::pair<double, double>> point) {
    // No event field is this long; refusing such values keeps a hostile table
    // from filling the store, and the messages, which quote bad values.
    constexpr std::size_t max_field_bytes = 64 << 10;
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].size() > max_field_bytes)
            throw InputError(fmt::format("field {} is {} bytes long, more than {} KiB", i + 1,
                                         fields[i].size(), max_field_bytes >> 10));
    Row row(columns, fields);
    Incident incident;
    incident.event_id_cnty = row[Field::event_id_cnty];

    auto date_text = row[Field::event_date];
    auto day = parse_event_date(date_text);
    if (!day)
        throw InputError(date_text.empty()
                             ? std::string("no event_date")
                             : fmt::format("event_date '{}' is not a valid date", date_text));
    incident.event_date = iso_date(*day);
    incident.time_precision =
        static_cast<TimePrecision>(row.integer(Field::time_precision, "time_precision", 1, 3, 1));

    acled::CodedEvent coded;
    coded.event_type = row[Field::event_type];
    coded.sub_event_type = row[Field::sub_event_type];
    coded.actor1 = row[Field::actor1];
    coded.inter1 = row.integer(Field::inter1, "inter1", 0, 8, 0);
    coded.inter2 = row.integer(Field::inter2, "inter2", 0, 8, 0);
    incident.fatalities = row.integer(Field::fatalities, "fatalities", 0, 1000000, 0);
    coded.fatalities = incident.fatalities;
    auto event = acled::classify(coded);
    incident.event_type = std::move(event.event_type);
    incident.sub_event_type = std::move(event.sub_event_type);

    incident.actor1 = row[Field::actor1];
    incident.actor2 = row[Field::actor2];
    incident.assoc_actors = split_actors(row[Field::assoc_actor_1]);
    incident.assoc_actors_2 = split_actors(row[Field::assoc_actor_2]);
    incident.inter1 = coded.inter1;
    incident.inter2 = coded.inter2;
    for (const auto& [index, field] : columns.kept()) {
        if (static_cast<std::size_t>(index) >= fields.size())
            continue;
        const auto text = trim(fields[static_cast<std::size_t>(index)]);
        if (field->type != FieldType::integer) {
            field->set(incident, std::string(text));
        } else if (!text.empty()) {
            auto value = parse_integer(text);
            if (!value || *value < 0)
                throw InputError(fmt::format("{} '{}' is not a whole number", field->acled, text));
            field->set(incident, *value);
        }
    }
    incident.admin1 = row[Field::admin1];
    incident.admin2 = row[Field::admin2];
    incident.admin3 = row[Field::admin3];
    set_country(incident, row, context);
    set_place(incident, row, columns, context, point);
    if (auto id = row[Field::geonameid]; !id.empty()) {
        auto value = parse_integer(id);
        if (!value || *value < 0)
            throw InputError(fmt::format("geonameid '{}' is not a GeoNames id", id));
        incident.geonameid = *value;
    }
    incident.geo_precision = static_cast<GeoPrecision>(row.integer(
        Field::geo_precision, "geo_precision", 1, 3, static_cast<int>(incident.geo_precision)));
    incident.fatalities_low = incident.fatalities_high = incident.fatalities;
    if (auto notes = row[Field::notes]; !notes.empty())
        incident.notes.push_back(Evidence{std::string(notes), 0, 0});
    incident.source = row[Field::source];
    incident.sources = count_sources(incident.source);
    incident.confidence = 1.0;  // coded by people
    if (incident.event_id_cnty.empty())
        incident.event_id_cnty = derived_event_id(incident);
    return incident;
}

std::string derived_event_id(const Incident& incident) {
    auto key = fmt::format("{}|{}|{}|{:.4f}|{:.4f}|{}|{}|{}", incident.event_date,
                           incident.event_type, incident.sub_event_type, incident.latitude,
                           incident.longitude, incident.location, incident.actor1,
                           incident.actor2);
    key += fmt::format("|{}|{}|{}|{}|{}|{}|{}|{}|{}", static_cast<int>(incident.time_precision),
                       static_cast<int>(incident.geo_precision), incident.admin1, incident.iso,
                       join_actors(incident.assoc_actors), incident.fatalities, incident.source,
                       joined_notes(incident), incident.geonameid);
    return "incimap-" + content_hash(key).substr(0, 16);
}

} // namespace incimap::store
