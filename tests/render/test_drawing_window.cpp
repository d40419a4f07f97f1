// The window of the store a run of tiles is drawn from: the tiles over the
// box at each zoom, grown by as far as a symbol reaches, or every incident
// when the style needs them all.
#include "render/drawing_window.hpp"
#include "render/expression.hpp"
#include "render/style.hpp"
#include "render/tiler.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>

using namespace incimap;
using namespace incimap::render;

namespace {

double largest(const std::string& expression, double zoom = 10) {
    Keys keys;
    const auto e = compile_expression(nlohmann::json::parse(expression), Type::number, keys, "test");
    const auto bound = largest_number(e, zoom);
    return bound ? *bound : NAN;
}

// A town's box in Mali, well inside one tile at zoom 8.
const LonLatBox town{-0.10, 16.20, 0.10, 16.35};

} // namespace

TEST_CASE("largest_number bounds what an expression gives any incident", "[render]") {
    CHECK(largest("7") == 7);
    CHECK(largest(R"(["interpolate", ["linear"], ["zoom"], 5, 2, 15, 12])", 10) == Approx(7));
    CHECK(largest(R"(["interpolate", ["linear"], ["get", "fatalities"], 0, 4, 5, 15, 100, 6])") == 15);
    CHECK(largest(R"(["match", ["get", "event_type"], "Battles", 9, 3])") == 9);
    CHECK(largest(R"(["step", ["get", "fatalities"], 2, 10, 20])") == 20);
    CHECK(largest(R"(["case", [">", ["get", "fatalities"], 5], 8, ["zoom"]])", 12) == 12);
    // An attribute itself, or arithmetic on it, has no bound.
    CHECK(std::isnan(largest(R"(["get", "fatalities"])")));
    CHECK(std::isnan(largest(R"(["*", 2, ["get", "fatalities"]])")));
}

TEST_CASE("the window of raster tiles covers their tiles and what reaches into them", "[render]") {
    const auto style = load_style("default");
    SECTION("the default style at town zooms: the box's tiles at the lowest zoom, grown") {
        const auto w = raster_tile_window(style, true, town, 8, 12, 256);
        REQUIRE(w.box);
        const auto tile = tile_bounds(tile_at(0, 16.3, 8));
        // The tile holding the box, and the names of points within
        // tile_label_reach of the tiles at zoom 9 (half a tile of zoom 8).
        CHECK(w.box->min_lon < tile.min_lon);
        CHECK(w.box->max_lon > tile.max_lon);
        CHECK(w.box->min_lat < tile.min_lat);
        CHECK(w.box->max_lat > tile.max_lat);
        CHECK(w.box->max_lon - w.box->min_lon < 3 * (tile.max_lon - tile.min_lon));
    }
    SECTION("a circle reaching further widens it") {
        const auto names = raster_tile_window(style, true, town, 12, 12, 256);
        auto text = nlohmann::json::parse(R"({"version": 1, "name": "big", "layers": [
            {"id": "c", "type": "circle", "source": "incidents",
             "paint": {"circle-radius": ["interpolate", ["linear"], ["get", "fatalities"], 0, 4, 100, 200]}}]})");
        const auto big = parse_style(text.dump(), "big.json", "", {});
        const auto w = raster_tile_window(big, true, town, 12, 12, 256);
        REQUIRE(w.box);
        REQUIRE(names.box);
        CHECK(w.box->max_lon - w.box->min_lon < names.box->max_lon - names.box->min_lon);
        // The radius, a pixel of antialiasing, a pixel more, on each side.
        const auto range = tiles_covering(town, 12);
        const double tiles = range.max_x - range.min_x + 1;
        CHECK(w.box->max_lon - w.box->min_lon == Approx((tiles + 2 * 202.0 / 256) * 360 / 4096));
    }
    SECTION("clusters at a zoom drawn need every incident") {
        const auto w = raster_tile_window(style, true, town, 6, 12, 256);
        CHECK_FALSE(w.box);
        CHECK(w.whole_because == "the layer 'clusters' clusters the incidents at zoom 6");
    }
    SECTION("counts of incidents per region need every incident") {
        const auto w = raster_tile_window(load_style("choropleth"), true, town, 8, 12, 256);
        CHECK_FALSE(w.box);
        CHECK(w.whole_because.find("counts the incidents") != std::string::npos);
    }
}

TEST_CASE("the window of vector tiles is their tiles, unless regions are counted", "[render]") {
    const auto w = vector_tile_window(town, 10, 14, -1);
    REQUIRE(w.box);
    const auto tile = tile_bounds(tile_at(0, 16.3, 10));
    CHECK(w.box->min_lat < tile.min_lat);
    CHECK(w.box->max_lat > tile.max_lat);
    CHECK_FALSE(vector_tile_window(town, 6, 14, 8).box);
    CHECK(vector_tile_window(town, 9, 14, 8).box);
}
