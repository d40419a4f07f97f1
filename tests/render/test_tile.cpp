// Tile arithmetic against values computed independently with PROJ
// (gdaltransform -s_srs EPSG:4326 -t_srs EPSG:3857) and published tiles.
#include "render/tile.hpp"

#include <catch2/catch.hpp>

using namespace incimap::render;

TEST_CASE("Tile math: the tile holding a position", "[render][tile]") {
    SECTION("Bamako at zoom 8 is 122/118 (EPSG:3857 y = 1418541.38 m puts it at row 118.94)") {
        const auto t = tile_at(-8.0029, 12.6392, 8);
        CHECK(t == TileId{8, 122, 118});
    }
    SECTION("Zoom 0 has one tile") { CHECK(tile_at(100, -60, 0) == TileId{0, 0, 0}); }
    SECTION("the four quadrants of zoom 1") {
        CHECK(tile_at(-1, 1, 1) == TileId{1, 0, 0});
        CHECK(tile_at(1, 1, 1) == TileId{1, 1, 0});
        CHECK(tile_at(-1, -1, 1) == TileId{1, 0, 1});
        CHECK(tile_at(1, -1, 1) == TileId{1, 1, 1});
    }
    SECTION("the east and south edges fall into the last tile") {
        CHECK(tile_at(180, -90, 3) == TileId{3, 7, 7});
    }
}

TEST_CASE("Tile math: bounds of a tile", "[render][tile]") {
    SECTION("the whole map at zoom 0") {
        const auto b = tile_bounds({0, 0, 0});
        CHECK(b.min_lon == Approx(-180));
        CHECK(b.max_lon == Approx(180));
        CHECK(b.max_lat == Approx(max_mercator_latitude).margin(1e-9));
        CHECK(b.min_lat == Approx(-max_mercator_latitude).margin(1e-9));
    }
    SECTION("the tile of Bamako at zoom 8 contains Bamako and is 1.40625 degrees wide") {
        const auto b = tile_bounds({8, 122, 118});
        CHECK(b.min_lon == Approx(-8.4375).margin(1e-9));
        CHECK(b.max_lon - b.min_lon == Approx(1.40625).margin(1e-12));
        CHECK(b.min_lat < 12.6392);
        CHECK(b.max_lat > 12.6392);
        // gdaltransform of the tile's north edge (y = 20037508.34 * (1 - 2 * 118/256)).
        CHECK(b.max_lat == Approx(13.9234).margin(1e-4));
    }
    SECTION("round trip through world coordinates is exact to 1e-9 degrees") {
        double lon = 0, lat = 0;
        to_lon_lat(to_world(2.96732, 19.95427), lon, lat);
        CHECK(lon == Approx(2.96732).margin(1e-9));
        CHECK(lat == Approx(19.95427).margin(1e-9));
    }
}

TEST_CASE("Tile math: XYZ and TMS rows", "[render][tile]") {
    CHECK(flip_row(8, 118) == 137);
    CHECK(flip_row(8, flip_row(8, 118)) == 118);
    CHECK(flip_row(0, 0) == 0);
    CHECK(flip_row(1, 0) == 1);
}

TEST_CASE("Tile math: keys sort by zoom, x, y and round-trip", "[render][tile]") {
    const TileId t{14, 8000, 7000};
    CHECK(tile_from_key(tile_key(t)) == t);
    CHECK(tile_key({3, 7, 7}) < tile_key({4, 0, 0}));
    CHECK(tile_key({4, 0, 9}) < tile_key({4, 1, 0}));
}

TEST_CASE("Tile math: the tiles covering a box", "[render][tile]") {
    const auto r = tiles_covering({-12.3, 9.4, 4.3, 25.0}, 5);  // Mali
    CHECK(r.min_x == 14);
    CHECK(r.max_x == 16);
    CHECK(r.count() == std::uint64_t(r.max_x - r.min_x + 1) * std::uint64_t(r.max_y - r.min_y + 1));
    CHECK(r.contains(tile_at(-8.0029, 12.6392, 5)));
}
