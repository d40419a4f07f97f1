#include "core/calendar.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono;

TEST_CASE("ISO days are read with either separator and without their time", "[core][calendar]") {
    const year_month_day day{year{2024}, month{9}, std::chrono::day{17}};
    CHECK(incimap::parse_iso_date("2024-09-17") == day);
    CHECK(incimap::parse_iso_date("2024/09/17") == day);
    CHECK(incimap::parse_iso_date("2024-09-17T08:30:00Z") == day);
    CHECK(incimap::parse_iso_date("2024-09-17 08:30") == day);
}

TEST_CASE("Texts that are no ISO calendar day are refused", "[core][calendar]") {
    for (const char* text : {"", "2024-09", "2024-02-30", "2023-02-29", "2024-13-01", "0000-01-01",
                             "2024-09/17", "2024-09-17x", "24-09-17", "2024-9-17", "2024-+9-17",
                             "17 September 2024"}) {
        INFO(text);
        CHECK_FALSE(incimap::parse_iso_date(text));
    }
    CHECK(incimap::parse_iso_date("2024-02-29"));  // a leap day
    CHECK(incimap::parse_iso_date("2024-09-18T07:30:00Z"));  // a publication time
    CHECK_FALSE(incimap::parse_iso_date("18/09/2024"));
}

TEST_CASE("Days are written as YYYY-MM-DD with leading zeros", "[core][calendar]") {
    CHECK(incimap::iso_date(year_month_day{year{2024}, month{9}, day{7}}) == "2024-09-07");
    CHECK(incimap::iso_date(year_month_day{year{987}, month{1}, day{1}}) == "0987-01-01");
    CHECK(incimap::parse_iso_date(incimap::iso_date(year_month_day{year{2023}, month{12}, day{31}})) ==
          year_month_day{year{2023}, month{12}, day{31}});
}
