// Which incidents a command works on (list, export, aggregate, and the
// drawing commands): the filter options parsed and validated. Every reader
// of incidents — the store, and the renderer's input files — puts into SQL
// only the values validated into a closed form (ISO days, canonical event
// types, ISO codes, whole numbers); the free-text ones (--actor, --admin1, a
// country name that is no ISO country) are compared with each incident read
// (matches_text_terms), so no text a user typed goes into a query.
#pragma once

#include "core/incident.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::store {

struct BoundingBox {
    double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
};

struct IncidentFilter {
    std::optional<BoundingBox> bbox;
    std::string since;  // ISO day, inclusive
    std::string until;  // ISO day, inclusive
    std::string type;   // canonical ACLED event type or sub-event type
    bool type_is_sub_event = false;
    std::string actor;    // substring of actor1, actor2 or assoc_actor_1
    std::string country;  // ISO2 when known, else a country name compared as text
    bool country_is_code = false;
    std::string admin1;
    std::optional<int> min_fatalities;
};

// Parsers of filter values: each throws UsageError quoting the bad value;
// the caller says where it came from.
// "minlon,minlat,maxlon,maxlat" in degrees, min < max, within ±180/±90.
BoundingBox parse_bbox(std::string_view text);
// A date in any form parse_event_date() reads, returned as ISO.
std::string parse_filter_date(std::string_view text);
// An ACLED event type or sub-event type, any case.
void set_type_filter(IncidentFilter& filter, std::string_view text);
// The ISO alpha-2 code of a country by a name the store's table lacks
// ("Republic of Mali": the gazetteer's names of countries); nothing when it
// names no country.
using CountryNameLookup = std::function<std::optional<std::string>(std::string_view name)>;
// A two-letter ISO code or a country name, kept as the ISO code: the names
// the store knows (GeoNames' English names and ACLED's spellings, any case)
// and then those OTHER_NAMES knows. Throws UsageError quoting the value,
// with what to give instead, when it is neither.
void set_country_filter(IncidentFilter& filter, std::string_view text,
                        const CountryNameLookup& other_names = {});
// Checks since <= until; throws UsageError quoting both.
void check_date_range(const IncidentFilter& filter);

// 'text' with quotes doubled: a SQL string literal.
std::string sql_literal(std::string_view text);

// The WHERE clause of the validated terms: --since, --until, --type (exact,
// case-insensitive, on event_type or sub_event_type), --country as an ISO2
// code, --min-fatalities. Not the bounding box (the spatial index) nor the
// text terms. Empty when there are none.
std::string validated_where_clause(const IncidentFilter& filter);

// Whether FILTER has terms matches_text_terms() decides.
bool has_text_terms(const IncidentFilter& filter);
// The free-text terms, on an incident read:
//   --actor    case-insensitive substring of actor1, actor2 or the
//              associated actors as stored ("A; B")
//   --country  a country name no table knows: equal ignoring case
//   --admin1   the same region: equal ignoring case, accents and
//              punctuation, one spelling as good as another ("Segou" is
//              "Ségou", "Timbuktu" is "Tombouctou": admin1_key())
// Case-insensitivity covers ASCII letters.
bool matches_text_terms(const IncidentFilter& filter, const Incident& incident);

// The ACLED fields matches_text_terms() compares for FILTER's text terms:
// actor1, actor2 and assoc_actor_1 for --actor, country for a country
// name, admin1 for --admin1. What a file other than the store must hold for
// its rows to be matched in code, as the store's are.
std::vector<std::string_view> text_term_fields(const IncidentFilter& filter);

} // namespace incimap::store
