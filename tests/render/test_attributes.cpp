// Attribute tables keep each row in as few bytes as its column needs; the
// values read back must be the ones written, whatever the width.
#include "render/attributes.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace incimap::render;

TEST_CASE("Numbers read back exactly, beyond what a float holds too", "[render][attributes]") {
    AttributeTable t;
    const int c = t.add_column("fatalities", AttributeTable::Kind::number);
    for (int i = 0; i < 5; ++i)
        t.add_row();
    t.set_number(c, 0, 12);
    t.set_number(c, 1, 0.5);
    CHECK(std::get<double>(t.value(c, 0)) == 12);
    CHECK(std::get<double>(t.value(c, 1)) == 0.5);
    CHECK(is_null(t.value(c, 2)));

    t.set_number(c, 2, 13.123456789012345);  // needs a double
    t.set_number(c, 3, 16777217);            // 2^24 + 1: not a float
    CHECK(std::get<double>(t.value(c, 0)) == 12);
    CHECK(std::get<double>(t.value(c, 1)) == 0.5);
    CHECK(std::get<double>(t.value(c, 2)) == 13.123456789012345);
    CHECK(std::get<double>(t.value(c, 3)) == 16777217);
    CHECK(is_null(t.value(c, 4)));
    t.add_row();
    CHECK(is_null(t.value(c, 5)));
}

TEST_CASE("Texts read back exactly past 255 and 65,535 distinct values", "[render][attributes]") {
    AttributeTable t;
    const int c = t.add_column("location", AttributeTable::Kind::text);
    const int n = t.add_column("count", AttributeTable::Kind::number);
    const auto name = [](int i) { return "place " + std::to_string(i); };
    const int rows = 70000;
    t.reserve(rows);
    for (int i = 0; i < rows; ++i) {
        const auto row = t.add_row();
        if (i % 1000 != 999)
            t.set_text(c, row, name(i));
        t.set_number(n, row, i);
    }
    for (const int i : {0, 254, 255, 256, 999, 65534, 65535, 65536, rows - 1}) {
        CAPTURE(i);
        const auto v = t.value(c, static_cast<std::size_t>(i));
        if (i % 1000 == 999) {
            CHECK(is_null(v));
            CHECK(t.text_code(c, static_cast<std::size_t>(i)) == 0);
        } else {
            CHECK(std::get<std::string_view>(v) == name(i));
            CHECK(t.text_of(c, t.text_code(c, static_cast<std::size_t>(i))) == name(i));
        }
        CHECK(std::get<double>(t.value(n, static_cast<std::size_t>(i))) == i);
    }
    const auto again = t.add_row();
    t.set_text(c, again, name(7));
    CHECK(t.text_code(c, again) == t.text_code(c, 7));
}
