#include "core/error.hpp"
#include "core/resources.hpp"

#include <catch2/catch.hpp>

TEST_CASE("A resource that was not embedded is reported by name", "[core]") {
    CHECK_FALSE(incimap::find_resource("no/such/resource").has_value());
    try {
        incimap::resource("no/such/resource");
        FAIL("resource() returned for a missing name");
    } catch (const incimap::Error& e) {
        CHECK(std::string(e.what()).find("'no/such/resource'") != std::string::npos);
    }
}
