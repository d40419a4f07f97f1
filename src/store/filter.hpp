// Which incidents a command works on (list, export, aggregate): the filter
// options parsed and validated, and turned into the store's WHERE clause.
// Every value reaches SQL only as a quoted literal (quotes doubled, LIKE
// wildcards escaped) after validation, never pasted raw.
#pragma once

#include <optional>
#include <string>
#include <string_view>

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
    std::string country;  // ISO2 when known, else a country name
    bool country_is_code = false;
    std::string admin1;
    std::optional<int> min_fatalities;
};

// Option parsers: each throws UsageError naming the option and quoting the
// bad value.
// "minlon,minlat,maxlon,maxlat" in degrees, min < max, within ±180/±90.
BoundingBox parse_bbox(std::string_view text);
// A date in any form parse_event_date() reads, returned as ISO.
std::string parse_filter_date(std::string_view option, std::string_view text);
// An ACLED event type or sub-event type, any case.
void set_type_filter(IncidentFilter& filter, std::string_view text);
// A two-letter ISO code or a country name.
void set_country_filter(IncidentFilter& filter, std::string_view text);
// Checks since <= until.
void check_date_range(const IncidentFilter& filter);

// 'text' with quotes doubled: a SQL string literal.
std::string sql_literal(std::string_view text);

// The WHERE clause for everything but the bounding box (which goes to the
// spatial index); empty when the filter selects everything.
//   --type     exact, case-insensitive, on event_type or sub_event_type
//   --actor    case-insensitive substring of actor1, actor2, assoc_actor_1
//   --country  ISO2 code, or country name (case-insensitive)
//   --admin1   exact, case-insensitive
// Case-insensitivity covers ASCII letters (SQL lower()).
std::string where_clause(const IncidentFilter& filter);

} // namespace incimap::store
