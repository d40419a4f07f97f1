#include "store/dates.hpp"
#include "core/calendar.hpp"

#include <catch2/catch.hpp>

using incimap::iso_date;
using incimap::store::parse_event_date;

namespace {
std::string parsed(std::string_view text) {
    auto day = parse_event_date(text);
    return day ? iso_date(*day) : "none";
}
} // namespace

TEST_CASE("Event dates are read in ISO and in ACLED's day-month-year forms", "[store][dates]") {
    CHECK(parsed("2024-09-17") == "2024-09-17");
    CHECK(parsed("2024/09/17") == "2024-09-17");
    CHECK(parsed("2024-09-17T06:00:00Z") == "2024-09-17");
    CHECK(parsed("17 September 2024") == "2024-09-17");
    CHECK(parsed("17-September-2024") == "2024-09-17");
    CHECK(parsed("17 Sep 2024") == "2024-09-17");
    CHECK(parsed("17 sept 2024") == "2024-09-17");
    CHECK(parsed(" 9-May-20 ") == "2020-05-09");
    CHECK(parsed("1-Jan-97") == "1997-01-01");
}

TEST_CASE("Dates that do not exist or cannot be read are refused", "[store][dates]") {
    CHECK(parsed("31 February 2024") == "none");
    CHECK(parsed("2023-02-29") == "none");
    CHECK(parsed("2024-02-29") == "2024-02-29");
    CHECK(parsed("2024-13-01") == "none");
    CHECK(parsed("17 Smarch 2024") == "none");
    CHECK(parsed("17 September") == "none");
    CHECK(parsed("September 17, 2024") == "none");
    CHECK(parsed("") == "none");
    CHECK(parsed("yesterday") == "none");
    CHECK(parsed("2024-09-17junk") == "none");
}
