// Calendar days as ISO 8601 text ("2024-09-17"), shared by the reader, the
// store and the commands.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace incimap {

// "2024-09-17" -> the day; also "2024/09/17", and a longer ISO timestamp
// ("2024-09-17T08:00:00Z", "2024-09-17 08:00"), whose time is dropped.
// Nothing when the text is not one of these or not a real calendar day
// (2024-02-30) of the years 1-9999.
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text);

// "YYYY-MM-DD".
std::string iso_date(std::chrono::year_month_day day);

} // namespace incimap
