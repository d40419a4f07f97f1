// The extent drawn around incidents is a box of the world Web Mercator
// shows, in order, wherever the incidents are: at a pole, on the
// antimeridian, at both corners of the world.
#include "render/extent.hpp"
#include "render/tile.hpp"
#include "render_fixtures.hpp"

#include <catch2/catch.hpp>

using namespace incimap::render;
using incimap::render::testing::incidents;
using incimap::render::testing::Place;

TEST_CASE("The extent of incidents at the edges of the world is a box in order",
          "[render][extent]") {
    const std::vector<std::vector<Place>> cases = {
        {{180, -90}},
        {{-180, 90}},
        {{180, -90}, {-180, 90}},
        {{180, 10}, {-1.5, 14.2}},
        {{179.99, 89.9}},
    };
    for (const auto& places : cases) {
        for (const double margin : {0.02, 0.08}) {
            const auto box = data_extent(incidents(places), margin, margin == 0.02 ? 0.05 : 0.5);
            REQUIRE(box);
            CAPTURE(places.front().lon, places.front().lat, margin);
            CHECK(-180 <= box->min_lon);
            CHECK(box->min_lon < box->max_lon);
            CHECK(box->max_lon <= 180);
            CHECK(-max_mercator_latitude <= box->min_lat);
            CHECK(box->min_lat < box->max_lat);
            CHECK(box->max_lat <= max_mercator_latitude);
        }
    }
    SECTION("an incident at the south pole is drawn at the bottom of the map") {
        const auto box = data_extent(incidents({{180, -90}}));
        CHECK(box->min_lat == -max_mercator_latitude);
        CHECK(box->max_lat == Approx(-max_mercator_latitude + 0.05));
        CHECK(box->max_lon == 180);
        CHECK(box->min_lon == Approx(179.95));
    }
}

namespace {

// Forty incidents spread over Burkina Faso, on a grid.
std::vector<Place> across_burkina_faso() {
    std::vector<Place> places;
    for (int i = 0; i < 8; ++i)
        for (int j = 0; j < 5; ++j)
            places.push_back({-5.0 + i, 10.5 + j});
    return places;
}

} // namespace

TEST_CASE("A frame robust to a few outliers leaves out what lies far from the rest",
          "[render][extent]") {
    auto places = across_burkina_faso();
    std::size_t left_out = 99;
    SECTION("all together: all inside") {
        const auto box = robust_extent(incidents(places), left_out, 0, 0);
        REQUIRE(box);
        CHECK(left_out == 0);
        CHECK(box->min_lon == Approx(-5.0));
        CHECK(box->max_lon == Approx(2.0));
    }
    SECTION("one incident misplaced at Dakar, one at the equator: left out, and counted") {
        places.push_back({-17.44, 14.69});
        places.push_back({2.0, 0.0});
        const auto box = robust_extent(incidents(places), left_out, 0, 0);
        REQUIRE(box);
        CHECK(left_out == 2);
        CHECK(box->min_lon == Approx(-5.0));
        CHECK(box->min_lat == Approx(10.5));
        // The plain extent takes them in.
        CHECK(data_extent(incidents(places), 0, 0)->min_lon == Approx(-17.44));
    }
    SECTION("a neighbour a few degrees away stays in") {
        places.push_back({5.5, 13.0});
        const auto box = robust_extent(incidents(places), left_out, 0, 0);
        CHECK(left_out == 0);
        CHECK(box->max_lon == Approx(5.5));
    }
    SECTION("all in one town: a town a degree away stays in") {
        std::vector<Place> town(20, Place{-1.52, 12.37});
        town.push_back({-0.03, 14.03});
        robust_extent(incidents(town), left_out, 0, 0);
        CHECK(left_out == 0);
    }
}

TEST_CASE("The incidents inside a box are those its tiles show, the poles at the map's edge",
          "[render][extent]") {
    const auto points = incidents({{0, 16.3}, {0.2, 16.3}, {10, 89.5}, {10, 84}, {-20, -89}});
    SECTION("a town's box") {
        const auto inside = rows_inside(points, {-0.1, 16.2, 0.1, 16.35});
        CHECK(inside == std::vector<bool>{true, false, false, false, false});
    }
    SECTION("a box up to the edge of Web Mercator holds the incidents beyond it") {
        const auto inside = rows_inside(points, {5, 80, 15, max_mercator_latitude});
        CHECK(inside == std::vector<bool>{false, false, true, true, false});
        CHECK(rows_inside(points, {-30, -max_mercator_latitude, 30, max_mercator_latitude}) ==
              std::vector<bool>{true, true, true, true, true});
    }
}
