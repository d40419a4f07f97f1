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

TEST_CASE("An error is reported naming its input once", "[core]") {
    CHECK(InputError("a.xml", 13, "not well-formed XML").naming("a.xml") == "a.xml:13: not well-formed XML");
    CHECK(InputError("a.xml", 0, "empty").naming("a.xml") == "a.xml: empty");
    CHECK(Error("HTTP 404 Not Found").naming("http://h/a") == "http://h/a: HTTP 404 Not Found");
    CHECK(InputError("a.xml.bak", 2, "bad").naming("a.xml") == "a.xml: a.xml.bak:2: bad");
}
