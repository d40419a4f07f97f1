#include "core/error.hpp"

#include <catch2/catch.hpp>

using incimap::Error;
using incimap::InputError;

TEST_CASE("An input error names the file and the line", "[core]") {
    SECTION("with a line") {
        InputError e("ML.txt", 1834, "latitude '91.2' out of range");
        CHECK(std::string(e.what()) == "ML.txt:1834: latitude '91.2' out of range");
    }
    SECTION("without a line") {
        InputError e("missing.txt", 0, "cannot open: No such file or directory");
        CHECK(std::string(e.what()) == "missing.txt: cannot open: No such file or directory");
    }
}

TEST_CASE("Context is prepended as an error propagates", "[core]") {
    Error e("no place named 'Xyz'");
    CHECK(std::string(e.with_context("query 3").what()) == "query 3: no place named 'Xyz'");
}
