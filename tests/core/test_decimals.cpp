#include "core/decimals.hpp"

#include <catch2/catch.hpp>

using incimap::rounded;

TEST_CASE("numbers are rounded to a number of decimals for JSON", "[core][decimals]") {
    CHECK(rounded(4.0200000000000005, 2) == 4.02);
    CHECK(rounded(-1.63061749, 6) == -1.630617);
    CHECK(rounded(14.10225, 4) == 14.1023);
    CHECK(rounded(0.8333333, 3) == 0.833);
    SECTION("halves go away from zero") {
        CHECK(rounded(2.5, 0) == 3.0);
        CHECK(rounded(-2.5, 0) == -3.0);
    }
}

TEST_CASE("a decimal number is read only when the text holds nothing else", "[core][decimals]") {
    using incimap::parse_decimal;
    CHECK(parse_decimal("14.1022") == 14.1022);
    CHECK(parse_decimal(" -1.63\t") == -1.63);
    CHECK(parse_decimal("+2") == 2.0);
    CHECK(parse_decimal("1e3") == 1000.0);
    SECTION("and is finite") {
        CHECK_FALSE(parse_decimal("").has_value());
        CHECK_FALSE(parse_decimal("north").has_value());
        CHECK_FALSE(parse_decimal("1,5").has_value());
        CHECK_FALSE(parse_decimal("12 km").has_value());
        CHECK_FALSE(parse_decimal("inf").has_value());
        CHECK_FALSE(parse_decimal("NaN").has_value());
        CHECK_FALSE(parse_decimal("+-3").has_value());
    }
}
