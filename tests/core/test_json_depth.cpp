// JSON nested deeper than incimap reads is refused before parsing, with the
// file and the limit named; brackets inside strings do not count.
#include "core/json_depth.hpp"

#include "core/error.hpp"

#include <catch2/catch.hpp>

#include <string>

using incimap::check_json_depth;

TEST_CASE("JSON nesting depth is bounded", "[core][json]") {
    const auto nested = [](std::size_t depth) {
        return std::string(depth, '[') + std::string(depth, ']');
    };
    CHECK_NOTHROW(check_json_depth(nested(incimap::json_depth_limit), "style.json"));
    CHECK_THROWS_WITH(check_json_depth(nested(100000), "style.json"),
                      Catch::Contains("style.json: nested deeper than 256 levels (at byte 256)"));
    CHECK_THROWS_AS(check_json_depth(std::string(300, '{'), "x"), incimap::InputError);
    SECTION("brackets in strings, escaped quotes included, are text") {
        const std::string text = "{\"a\": \"" + std::string(1000, '[') + "\\\"" + std::string(1000, '{') + "\"}";
        CHECK_NOTHROW(check_json_depth(text, "x"));
    }
    SECTION("siblings do not add up") {
        std::string text = "[";
        for (int i = 0; i < 1000; ++i)
            text += "[[]],";
        text += "[]]";
        CHECK_NOTHROW(check_json_depth(text, "x", 3));
    }
}
