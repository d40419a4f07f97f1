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
