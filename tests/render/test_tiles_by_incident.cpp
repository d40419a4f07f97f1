// Circles and heat points are laid out tile by tile, a few thousand
// incidents at a time, instead of for a whole zoom: the tiles must come out
// as if the whole scene had been drawn at once.
#include "adapters/cairo.hpp"
#include "render/painter.hpp"
#include "render/png.hpp"
#include "render/scene.hpp"
#include "render/sprites.hpp"
#include "render/tiler.hpp"
#include "render_fixtures.hpp"

#include <catch2/catch.hpp>

using namespace incimap;
using namespace incimap::render;
using namespace incimap::render::testing;

namespace {

const std::map<std::string, PolygonFeatures> no_polygons;

const char* const event_types[] = {"Battles", "Protests", "Riots", "Violence against civilians"};

// Incidents scattered over central Mali (a fixed sequence, no randomness).
PointFeatures scattered(int count) {
    std::vector<Place> places;
    std::uint32_t state = 12345;
    const auto next = [&state] {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) / double(1u << 24);
    };
    for (int i = 0; i < count; ++i) {
        const double lon = -6 + 6 * next(), lat = 12 + 5 * next();
        places.push_back({lon, lat, event_types[i % 4], double(i % 7 * 5)});
    }
    return incidents(places);
}

// Every tile of one zoom drawn from the whole scene of the zoom, painted
// layer by layer as the tiler paints (discs from sprites), PNG-encoded; an
// empty string for a blank tile.
std::map<TileId, std::string> whole_scene_tiles(const Style& s, const PointFeatures& points, int z,
                                                const LonLatBox& box) {
    const auto range = tiles_covering(box, z);
    const double size = world_pixels(z, 256);
    std::vector<Pixel> pixels;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto w = to_world(points.lon[i], points.lat[i]);
        pixels.push_back({w.x * size, w.y * size});
    }
    SceneInput in;
    in.style = &s;
    in.incidents = &points;
    in.incident_pixels = pixels;
    in.polygons = &no_polygons;
    in.project = web_mercator(size);
    in.extent = {range.min_x * 256.0, range.min_y * 256.0, (range.max_x + 1) * 256.0,
                 (range.max_y + 1) * 256.0};
    CairoTextMeasure measure;
    const auto scene = build_scene(in, z, measure);
    std::map<TileId, std::string> out;
    for (int x = range.min_x; x <= range.max_x; ++x) {
        for (int y = range.min_y; y <= range.max_y; ++y) {
            auto surface = cairo::Surface::image(256, 256);
            cairo::Canvas canvas(surface);
            DiscSprites sprites(1);
            const Viewport view{x * 256.0, y * 256.0, 256, 256, 1};
            for (const auto& layer : scene.layers)
                paint_layer(canvas, layer, {}, true, view, {&surface, &sprites});
            const PixelView px{surface.pixels(), 256, 256, surface.stride()};
            out[{z, x, y}] = is_blank(px) ? std::string() : encode_png(px);
        }
    }
    return out;
}

// Renders the tiles of zoom Z and checks each is the whole scene's tile,
// byte for byte, and that no other is written; returns how many were drawn.
std::size_t tiles_match_whole_scene(const Style& s, const PointFeatures& points, int z,
                                    const LonLatBox& box) {
    CAPTURE(z);
    MemorySink sink;
    render_tiles(s, points, no_polygons, at_zoom(z, box), sink);
    std::size_t drawn = 0;
    for (const auto& [tile, png] : whole_scene_tiles(s, points, z, box)) {
        CAPTURE(to_string(tile));
        if (png.empty()) {
            CHECK(sink.tiles.count(tile) == 0);
            continue;
        }
        ++drawn;
        REQUIRE(sink.tiles.count(tile) == 1);
        CHECK(sink.tiles.at(tile) == png);
    }
    CHECK(sink.tiles.size() == drawn);
    return drawn;
}

} // namespace

TEST_CASE("Tiles drawn incident by incident are the whole scene cut into tiles",
          "[render][tiles]") {
    const auto s = style(R"([
        {"id": "heat", "type": "heatmap", "source": "incidents",
         "paint": {"heatmap-radius": 12, "heatmap-weight": ["/", ["get", "fatalities"], 30]}},
        {"id": "dots", "type": "circle", "source": "incidents",
         "filter": ["!=", ["get", "event_type"], "Riots"],
         "paint": {"circle-color": ["match", ["get", "event_type"], "Battles", "#d55e00",
                                    "Protests", "#0072b2", "#cc79a7"],
                   "circle-radius": ["interpolate", ["linear"], ["get", "fatalities"], 0, 2, 30, 9],
                   "circle-opacity": 0.7, "circle-stroke-color": "#ffffff",
                   "circle-stroke-width": 1}}])");
    const auto points = scattered(3000);
    const LonLatBox box{-7, 11, 1, 18};
    for (const int z : {5, 7}) {
        CAPTURE(z);
        CHECK(tiles_match_whole_scene(s, points, z, box) > 1);
    }
}

TEST_CASE("More circles on a tile than are laid out at a time are drawn in incident order",
          "[render][tiles]") {
    const auto s = style(R"([{"id": "dots", "type": "circle", "source": "incidents",
        "paint": {"circle-color": ["match", ["get", "event_type"], "Protests", "#0000ff", "#ff0000"],
                  "circle-radius": 5}}])");
    const TileId tile{8, 122, 118};
    const double lon = -8.0029, lat = 12.6392;  // Bamako
    const auto [x, y] = pixel_in_tile(lon, lat, tile);
    const auto centre_after = [&](bool protest_last) {
        std::vector<Place> places(10000, Place{lon, lat, "Battles"});
        (protest_last ? places.back() : places.front()).event_type = "Protests";
        MemorySink sink;
        render_tiles(s, incidents(places), no_polygons, at_zoom(8, {-20, 0, 20, 30}), sink);
        REQUIRE(sink.tiles.size() == 1);
        return sink.image(tile).pixel(x, y);
    };
    SECTION("the last incident is on top") {
        const auto c = centre_after(true);
        CHECK(c.b == Approx(1).margin(0.01));
        CHECK(c.r == Approx(0).margin(0.01));
    }
    SECTION("the first incident is covered by the 9,999 after it") {
        const auto c = centre_after(false);
        CHECK(c.r == Approx(1).margin(0.01));
        CHECK(c.b == Approx(0).margin(0.01));
    }
}

TEST_CASE("A heatmap over more incidents on a tile than are laid out at a time is the whole "
          "scene's", "[render][tiles]") {
    // Their weights add up on the tile's grid a few thousand at a time; the
    // raster must be the one of all of them at once, byte for byte.
    const auto s = style(R"([{"id": "heat", "type": "heatmap", "source": "incidents",
         "paint": {"heatmap-radius": 15, "heatmap-weight": ["/", ["get", "fatalities"], 10]}}])");
    const auto points = scattered(20000);
    const LonLatBox box{-7, 11, 1, 18};
    const int z = 3;  // the few tiles hold thousands of points each
    CHECK(tiles_match_whole_scene(s, points, z, box) >= 1);
}

TEST_CASE("The plan of a zoom sees the largest circle of a circle layer", "[render][tiles]") {
    const auto s = style(R"([{"id": "dots", "type": "circle", "source": "incidents",
        "paint": {"circle-radius": ["interpolate", ["linear"], ["get", "fatalities"], 0, 4, 100, 15],
                  "circle-stroke-width": 2}}])");
    const auto points = incidents({{-8, 12.6, "Battles", 0}, {-3, 14.5, "Battles", 100},
                                   {2, 13.5, "Battles", 10}});
    auto options = at_zoom(6, {-20, 0, 20, 30});
    std::vector<CircleItem> seen;
    std::vector<std::uint64_t> drawn;
    options.plan = [&](const Scene& scene, int, const TileRange&, const std::vector<std::uint64_t>& tiles)
        -> std::optional<std::vector<std::uint64_t>> {
        REQUIRE(scene.layers.size() == 1);
        seen = scene.layers[0].circles;
        drawn = tiles;
        return std::nullopt;
    };
    MemorySink sink;
    render_tiles(s, points, no_polygons, options, sink);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].radius == Approx(15));
    CHECK(seen[0].stroke_width == Approx(2));
    CHECK(drawn.size() == sink.tiles.size());
    for (const auto key : drawn)
        CHECK(sink.tiles.count(tile_from_key(key)) == 1);
}
