#include "store/filter.hpp"

#include "core/acled_codebook.hpp"
#include "core/calendar.hpp"
#include "core/decimals.hpp"
#include "core/error.hpp"
#include "core/ascii.hpp"
#include "core/countries.hpp"
#include "store/acled_admin1.hpp"
#include "store/dates.hpp"
#include "store/schema.hpp"

#include <fmt/format.h>

#include <cmath>
#include <vector>

namespace incimap::store {
BoundingBox parse_bbox(std::string_view text) {
    std::vector<double> values;
    std::string_view rest = text;
    while (true) {
        auto comma = rest.find(',');
        auto value = parse_decimal(rest.substr(0, comma));
        if (!value)
            throw UsageError(fmt::format(
                "'{}': expected four numbers minlon,minlat,maxlon,maxlat", text));
        values.push_back(*value);
        if (comma == std::string_view::npos)
            break;
        rest = rest.substr(comma + 1);
    }
    if (values.size() != 4)
        throw UsageError(fmt::format(
            "'{}': expected four numbers minlon,minlat,maxlon,maxlat", text));
    BoundingBox box{values[0], values[1], values[2], values[3]};
    if (box.min_lon < -180 || box.max_lon > 180 || box.min_lat < -90 || box.max_lat > 90)
        throw UsageError(fmt::format("'{}': outside -180..180, -90..90", text));
    if (box.min_lon > box.max_lon || box.min_lat > box.max_lat)
        throw UsageError(fmt::format("'{}': minimum greater than maximum", text));
    return box;
}

std::string parse_filter_date(std::string_view text) {
    auto day = parse_event_date(text);
    if (!day)
        throw UsageError(fmt::format("'{}': not a date (expected YYYY-MM-DD)", text));
    return iso_date(*day);
}

void set_type_filter(IncidentFilter& filter, std::string_view text) {
    if (auto type = acled::canonical_event_type(text)) {
        filter.type = *type;
        filter.type_is_sub_event = false;
    } else if (auto sub = acled::canonical_sub_event_type(text)) {
        filter.type = sub->sub_event_type;
        filter.type_is_sub_event = true;
    } else {
        throw UsageError(fmt::format(
            "'{}': not an ACLED event type or sub-event type (e.g. 'Battles', "
            "'Armed clash')",
            text));
    }
}

void set_country_filter(IncidentFilter& filter, std::string_view text,
                        const CountryNameLookup& other_names) {
    if (trim(text).empty())
        throw UsageError(fmt::format("'{}': no country given", text));
    text = trim(text);
    const Country* country = nullptr;
    if (text.size() == 2) {
        country = country_by_iso2(text);
        if (!country)
            throw UsageError(fmt::format(
                "'{}': no such ISO 3166 country code (e.g. ML, BF, NE)", text));
    } else {
        country = country_by_name(text);
        if (!country && other_names)
            if (auto code = other_names(text))
                country = country_by_iso2(*code);
    }
    // A name compared as text would select nothing, silently.
    if (!country)
        throw UsageError(fmt::format(
            "'{}': not a country incimap knows; give an ISO 3166 code such as ML "
            "or a country name such as Mali",
            text));
    filter.country = country->iso2;
    filter.country_is_code = true;
}

void check_date_range(const IncidentFilter& filter) {
    if (!filter.since.empty() && !filter.until.empty() && filter.since > filter.until)
        throw UsageError(
            fmt::format("the first day {} is after the last day {}", filter.since, filter.until));
}

std::string sql_literal(std::string_view text) {
    std::string literal = "'";
    for (char c : text) {
        if (c == '\'')
            literal += '\'';
        literal += c;
    }
    literal += '\'';
    return literal;
}

namespace {

std::string joined_terms(const std::vector<std::string>& terms) {
    std::string clause;
    for (const auto& term : terms) {
        if (!clause.empty())
            clause += " AND ";
        clause += term;
    }
    return clause;
}

std::vector<std::string> validated_terms(const IncidentFilter& filter) {
    std::vector<std::string> terms;
    if (!filter.since.empty())
        terms.push_back("event_date >= " + sql_literal(filter.since));
    if (!filter.until.empty())
        terms.push_back("event_date <= " + sql_literal(filter.until));
    if (!filter.type.empty())
        terms.push_back(fmt::format("lower({}) = {}",
                                    filter.type_is_sub_event ? "sub_event_type" : "event_type",
                                    sql_literal(lowered(filter.type))));
    if (!filter.country.empty() && filter.country_is_code)
        terms.push_back("iso = " + sql_literal(filter.country));
    if (filter.min_fatalities)
        terms.push_back(fmt::format("fatalities >= {}", *filter.min_fatalities));
    return terms;
}

bool contains_ignoring_case(std::string_view text, std::string_view lowered_part) {
    return lowered(text).find(lowered_part) != std::string::npos;
}

} // namespace

std::string validated_where_clause(const IncidentFilter& filter) {
    return joined_terms(validated_terms(filter));
}

bool has_text_terms(const IncidentFilter& filter) {
    return !filter.actor.empty() || !filter.admin1.empty() ||
           (!filter.country.empty() && !filter.country_is_code);
}

bool matches_text_terms(const IncidentFilter& filter, const Incident& incident) {
    if (!filter.actor.empty()) {
        auto part = lowered(filter.actor);
        if (!contains_ignoring_case(incident.actor1, part) &&
            !contains_ignoring_case(incident.actor2, part) &&
            !contains_ignoring_case(join_actors(incident.assoc_actors), part))
            return false;
    }
    if (!filter.country.empty() && !filter.country_is_code &&
        !equal_ignoring_case(incident.country, filter.country))
        return false;
    if (!filter.admin1.empty() && admin1_key(incident.admin1) != admin1_key(filter.admin1))
        return false;
    return true;
}

std::vector<std::string_view> text_term_fields(const IncidentFilter& filter) {
    std::vector<std::string_view> fields;
    if (!filter.actor.empty())
        fields.insert(fields.end(), {"actor1", "actor2", "assoc_actor_1"});
    if (!filter.country.empty() && !filter.country_is_code)
        fields.push_back("country");
    if (!filter.admin1.empty())
        fields.push_back("admin1");
    return fields;
}

} // namespace incimap::store
