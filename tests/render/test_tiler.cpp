// Rendering tiles: colours where incidents are, nothing where they are not,
// no seams at tile edges, no empty tiles, clusters, heat and labels.
#include "render/cluster.hpp"
#include "render/painter.hpp"
#include "render/tiler.hpp"
#include "render_fixtures.hpp"

#include <catch2/catch.hpp>

using namespace incimap;
using namespace incimap::render;
using namespace incimap::render::testing;

namespace {

const std::map<std::string, PolygonFeatures> no_polygons;

const std::string red_dots = R"([{"id": "dots", "type": "circle", "source": "incidents",
    "paint": {"circle-color": "#ff0000", "circle-radius": 6}}])";

} // namespace

TEST_CASE("A rendered tile has the incident's colour at its pixel and nothing elsewhere",
          "[render][tiles]") {
    const auto s = style(red_dots);
    const auto bamako = incidents({{-8.0029, 12.6392}});
    MemorySink sink;
    render_tiles(s, bamako, no_polygons, at_zoom(8), sink);

    REQUIRE(sink.tiles.size() == 1);
    const TileId tile{8, 122, 118};
    REQUIRE(sink.tiles.count(tile) == 1);
    auto image = sink.image(tile);
    CHECK(image.width() == 256);
    const auto [x, y] = pixel_in_tile(-8.0029, 12.6392, tile);
    const auto centre = image.pixel(x, y);
    CHECK(centre.r == Approx(1).margin(0.01));
    CHECK(centre.g == Approx(0).margin(0.01));
    CHECK(centre.a == Approx(1).margin(0.01));
    CHECK(image.pixel((x + 128) % 256, (y + 128) % 256).a == 0);
    CHECK(image.pixel(x + 9 < 256 ? x + 9 : x - 9, y).a == 0);
}

TEST_CASE("A symbol on a tile edge is drawn on both tiles", "[render][tiles]") {
    const auto s = style(red_dots);
    // The west edge of tile 8/122/118 is longitude -8.4375.
    const auto on_edge = incidents({{-8.4375, 12.6392}});
    MemorySink sink;
    render_tiles(s, on_edge, no_polygons, at_zoom(8), sink);
    REQUIRE(sink.tiles.size() == 2);
    auto east = sink.image({8, 122, 118});
    auto west = sink.image({8, 121, 118});
    const int y = pixel_in_tile(-8.4375, 12.6392, {8, 122, 118}).second;
    CHECK(east.pixel(1, y).r == Approx(1).margin(0.01));
    CHECK(east.pixel(1, y).a == Approx(1).margin(0.01));
    CHECK(west.pixel(254, y).r == Approx(1).margin(0.01));
    CHECK(west.pixel(254, y).a == Approx(1).margin(0.01));
}

TEST_CASE("Only tiles with something in them are written", "[render][tiles]") {
    const auto s = style(red_dots);
    const auto two = incidents({{-8.0029, 12.6392}, {2.1098, 13.5137}});  // Bamako, Niamey
    MemorySink sink;
    auto options = at_zoom(6);
    options.min_zoom = 4;
    const auto stats = render_tiles(s, two, no_polygons, options, sink);
    // Each place is one tile per zoom (neither is near a tile edge at 4..6).
    CHECK(sink.tiles.size() == 6);
    CHECK(stats.written() == 6);
    for (int z = 4; z <= 6; ++z) {
        CHECK(sink.tiles.count(tile_at(-8.0029, 12.6392, z)) == 1);
        CHECK(sink.tiles.count(tile_at(2.1098, 13.5137, z)) == 1);
    }
}

TEST_CASE("Filters and zoom ranges select what a layer draws", "[render][tiles]") {
    const auto s = style(R"([{"id": "battles", "type": "circle", "source": "incidents", "minzoom": 5,
        "filter": ["==", ["get", "event_type"], "Battles"],
        "paint": {"circle-color": "#0000ff", "circle-radius": 5}}])");
    const auto mixed = incidents({{-8.0029, 12.6392, "Battles"}, {2.1098, 13.5137, "Protests"}});
    MemorySink sink;
    auto options = at_zoom(6);
    options.min_zoom = 4;
    render_tiles(s, mixed, no_polygons, options, sink);
    CHECK(sink.tiles.size() == 2);  // Bamako at zooms 5 and 6 only
    CHECK(sink.tiles.count(tile_at(-8.0029, 12.6392, 5)) == 1);
    CHECK(sink.tiles.count(tile_at(-8.0029, 12.6392, 4)) == 0);
}

TEST_CASE("Nearby incidents merge into one cluster labelled with the count", "[render][tiles]") {
    SECTION("greedy radius clustering") {
        const std::vector<Pixel> points{{0, 0}, {10, 0}, {100, 0}, {0, 30}, {500, 500}};
        const auto c = cluster_points(points, 40);
        REQUIRE(c.centers.size() == 3);
        CHECK(c.counts[0] == 3);  // the seed and the two within 40 px
        CHECK(c.centers[0].x == Approx(10.0 / 3));
        CHECK(c.counts[1] == 1);
        CHECK(c.cluster_of[2] == 1);
        CHECK(abbreviate_count(1234) == "1.2k");
        CHECK(abbreviate_count(56789) == "57k");
    }
    SECTION("drawn as one circle with the count") {
        const auto s = style(R"([{"id": "c", "type": "cluster", "source": "incidents",
            "layout": {"cluster-radius": 40, "text-field": ["get", "point_count_abbreviated"],
                       "text-size": 14},
            "paint": {"circle-color": "#000000", "circle-radius": 15, "text-color": "#ffffff"}}])");
        const auto pair = incidents({{-8.00, 12.64}, {-8.02, 12.65}, {-8.01, 12.62}});
        MemorySink sink;
        render_tiles(s, pair, no_polygons, at_zoom(8), sink);
        REQUIRE(sink.tiles.size() == 1);
        auto image = sink.image(sink.tiles.begin()->first);
        int white = 0, black = 0;
        for (int y = 0; y < 256; ++y)
            for (int x = 0; x < 256; ++x) {
                const auto p = image.pixel(x, y);
                if (p.a > 0.99 && p.r > 0.9)
                    ++white;
                if (p.a > 0.99 && p.r < 0.1)
                    ++black;
            }
        CHECK(white > 5);  // the digit "3"
        CHECK(black > 400);  // one disc of radius 15 (3 separate discs of 15 would not fit the count)
        CHECK(black < 710);
    }
}

TEST_CASE("A heatmap colours the density around incidents and fades out", "[render][tiles]") {
    const auto s = style(R"j([{"id": "h", "type": "heatmap", "source": "incidents",
        "paint": {"heatmap-radius": 20,
                  "heatmap-color": ["interpolate", ["linear"], ["heatmap-density"], 0, "rgba(255,0,0,0)", 1, "#ff0000"]}}])j");
    const auto one = incidents({{-8.0029, 12.6392}});
    MemorySink sink;
    render_tiles(s, one, no_polygons, at_zoom(8), sink);
    // Bamako is 16 px from the south edge of its tile: the heat reaches the
    // tile below.
    REQUIRE(sink.tiles.size() == 2);
    REQUIRE(sink.tiles.count({8, 122, 119}) == 1);
    auto image = sink.image({8, 122, 118});
    const auto [x, y] = pixel_in_tile(-8.0029, 12.6392, {8, 122, 118});
    const double centre = image.pixel(x, y).a;
    const double halfway = image.pixel(x + 10, y).a;
    CHECK(centre > 0.9);
    CHECK(halfway < centre);
    CHECK(halfway > 0.05);
    CHECK(image.pixel(x + 40 < 256 ? x + 40 : x - 40, y).a == 0);
}

TEST_CASE("Labels that would overlap are placed once, by priority", "[render][tiles]") {
    const auto s = style(R"([{"id": "names", "type": "symbol", "source": "incidents",
        "layout": {"text-field": ["get", "location"], "text-size": 12,
                   "symbol-sort-key": ["-", 0, ["get", "fatalities"]]}}])");
    const auto places = incidents({{-8.0029, 12.6392, "Battles", 1, "Bamako"},
                                   {-8.0020, 12.6395, "Battles", 9, "Kati"},
                                   {2.1098, 13.5137, "Battles", 0, "Niamey"}});
    const std::map<std::string, PolygonFeatures> none;
    std::vector<Pixel> px;
    for (std::size_t i = 0; i < places.size(); ++i) {
        const auto w = to_world(places.lon[i], places.lat[i]);
        px.push_back({w.x * 65536, w.y * 65536});
    }
    SceneInput in;
    in.style = &s;
    in.incidents = &places;
    in.incident_pixels = px;
    in.polygons = &none;
    in.extent = {0, 0, 65536, 65536};
    in.project = [](double, double, double&, double&) { return false; };
    CairoTextMeasure measure;
    const auto scene = build_scene(in, 8, measure);
    REQUIRE(scene.layers.size() == 1);
    const auto& texts = scene.layers[0].texts;
    REQUIRE(texts.size() == 2);
    CHECK(texts[0].text == "Kati");  // more fatalities: placed first
    CHECK(texts[1].text == "Niamey");
}
