#include "core/calendar.hpp"

#include <fmt/format.h>

#include <charconv>

namespace incimap {

using namespace std::chrono;

std::optional<year_month_day> parse_iso_date(std::string_view text) {
    if (text.size() < 10 || !(text[4] == '-' || text[4] == '/') || text[7] != text[4])
        return std::nullopt;
    if (text.size() > 10 && text[10] != 'T' && text[10] != ' ')
        return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    auto read = [](std::string_view part, auto& value) {
        auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
        return error == std::errc{} && end == part.data() + part.size();
    };
    if (!read(text.substr(0, 4), y) || !read(text.substr(5, 2), m) || !read(text.substr(8, 2), d))
        return std::nullopt;
    const year_month_day day{year{y}, month{m}, std::chrono::day{d}};
    if (!day.ok() || y < 1)
        return std::nullopt;
    return day;
}

std::string iso_date(year_month_day day) {
    const int y = static_cast<int>(day.year());
    const unsigned m = static_cast<unsigned>(day.month()), d = static_cast<unsigned>(day.day());
    if (y >= 0 && y <= 9999 && m <= 99 && d <= 99) {  // every day a text gives, without a formatter
        std::string out = "0000-00-00";
        auto digits = [&](std::size_t end, unsigned value) {
            for (std::size_t k = end; value != 0; value /= 10)
                out[--k] = static_cast<char>('0' + value % 10);
        };
        digits(4, static_cast<unsigned>(y));
        digits(7, m);
        digits(10, d);
        return out;
    }
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

} // namespace incimap
