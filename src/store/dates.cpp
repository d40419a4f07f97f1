#include "store/dates.hpp"
#include "core/calendar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <ctime>

namespace incimap::store {
namespace {

using namespace std::chrono;

constexpr std::array<std::string_view, 12> month_names = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::optional<int> number(std::string_view text) {
    int value = 0;
    if (text.empty() || text.size() > 4)
        return std::nullopt;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// "sep", "Sept", "SEPTEMBER" -> 9; at least three letters of the name.
std::optional<int> month_number(std::string_view word) {
    if (word.size() < 3)
        return std::nullopt;
    std::string lower;
    for (char c : word)
        lower += c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
    if (lower == "sept")
        return 9;
    for (std::size_t i = 0; i < month_names.size(); ++i)
        if (month_names[i].starts_with(lower))
            return static_cast<int>(i) + 1;
    return std::nullopt;
}

std::optional<year_month_day> make_day(int y, int m, int d) {
    year_month_day day{year{y}, month{static_cast<unsigned>(m)}, std::chrono::day{static_cast<unsigned>(d)}};
    if (!day.ok() || y < 1 || y > 9999)
        return std::nullopt;
    return day;
}

// "17 September 2024", "17-Sep-24".
std::optional<year_month_day> parse_day_month_year(std::string_view text) {
    std::array<std::string_view, 3> parts;
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < text.size() && count < 4) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '-'))
            ++i;
        std::size_t start = i;
        while (i < text.size() && text[i] != ' ' && text[i] != '-')
            ++i;
        if (i > start) {
            if (count == 3)
                return std::nullopt;
            parts[count++] = text.substr(start, i - start);
        }
    }
    if (count != 3)
        return std::nullopt;
    auto d = number(parts[0]);
    auto m = month_number(parts[1]);
    auto y = number(parts[2]);
    if (!d || !m || !y)
        return std::nullopt;
    if (parts[2].size() == 2)
        *y += *y < 70 ? 2000 : 1900;
    else if (parts[2].size() != 4)
        return std::nullopt;
    return make_day(*y, *m, *d);
}

} // namespace

std::optional<year_month_day> parse_event_date(std::string_view text) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    if (text.empty())
        return std::nullopt;
    if (text.size() >= 10 && is_digit(text[0]) && is_digit(text[3]) && !is_digit(text[4]))
        return parse_iso_date(text);
    // ISO 8601's basic form, YYYYMMDD (GDELT's SQLDATE).
    if (text.size() == 8 && std::all_of(text.begin(), text.end(), is_digit))
        return parse_iso_date(fmt::format("{}-{}-{}", text.substr(0, 4), text.substr(4, 2),
                                          text.substr(6, 2)));
    return parse_day_month_year(text);
}

std::string utc_timestamp_now() {
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                       utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

} // namespace incimap::store
