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
