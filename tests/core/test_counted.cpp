#include "core/counted.hpp"

#include <catch2/catch.hpp>

using namespace incimap;

TEST_CASE("A count takes its noun in the singular for one, else in the plural", "[core]") {
    CHECK(counted(1, "tile") == "1 tile");
    CHECK(counted(0, "tile") == "0 tiles");
    CHECK(counted(2, "document") == "2 documents");
    CHECK(counted(1, "invalid UTF-8 byte") == "1 invalid UTF-8 byte");
    CHECK(counted(12, "invalid UTF-8 byte") == "12 invalid UTF-8 bytes");
    SECTION("a noun whose plural is not its singular and an s") {
        CHECK(counted(1, "entry", "entries") == "1 entry");
        CHECK(counted(3, "entry", "entries") == "3 entries");
    }
    SECTION("the noun alone, for a count written elsewhere (\"3/4 tiles\")") {
        CHECK(noun_for(1, "row") == "row");
        CHECK(noun_for(4, "row") == "rows");
    }
}
