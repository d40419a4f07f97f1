// Event dates as ACLED tables and other event lists write them, normalised to
// ISO 8601 days; and the store's timestamps.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace incimap::store {

// Parses an event date: ISO "2024-09-17" (also "2024/09/17", or a longer ISO
// timestamp, whose time is dropped), and ACLED's day-month-year forms "17
// September 2024", "17-September-2024", "17 Sep 2024", "17-Sep-24" (two-digit
// years 00-69 are 2000-2069, 70-99 are 1970-1999). Month names are English,
// full or abbreviated, in any case. Returns nothing when TEXT is not one of
// these or not a real calendar day (31 February).
std::optional<std::chrono::year_month_day> parse_event_date(std::string_view text);

// The current time in UTC as "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_timestamp_now();

} // namespace incimap::store
