// The MVT encoder and the region polygons, read back with protozero's
// reader: the encodings of the specification's own examples, shared keys
// and values, clipping and ring windings.
#include "mvt_reader.hpp"
#include "render/mvt_encoder.hpp"
#include "render/vector_fields.hpp"
#include "render/vector_polygons.hpp"

#include <catch2/catch.hpp>

using namespace incimap::render;
using namespace incimap::render::testing;

TEST_CASE("MVT geometry is encoded as in the specification's examples", "[render][mvt]") {
    mvt::LayerEncoder layer("example");
    SECTION("a point at 25,17 is MoveTo(1) 50 34") {
        layer.add_point({25, 17}, {});
        std::string tile;
        layer.append_to(tile);
        const auto layers = read_tile(tile);
        REQUIRE(layers.size() == 1);
        CHECK(layers[0].name == "example");
        CHECK(layers[0].version == 2);
        CHECK(layers[0].extent == 4096);
        REQUIRE(layers[0].features.size() == 1);
        CHECK(layers[0].features[0].type == 1);
        CHECK(layers[0].features[0].geometry == std::vector<std::uint32_t>{9, 50, 34});
    }
    SECTION("the polygon 3,6 8,12 20,34 is MoveTo LineTo(2) ClosePath") {
        const std::vector<std::vector<mvt::TilePoint>> rings{{{3, 6}, {8, 12}, {20, 34}}};
        layer.add_polygon(rings, {});
        std::string tile;
        layer.append_to(tile);
        const auto f = read_tile(tile).at(0).features.at(0);
        CHECK(f.type == 3);
        CHECK(f.geometry == std::vector<std::uint32_t>{9, 6, 12, 18, 10, 12, 24, 44, 15});
    }
    SECTION("an empty layer adds nothing to a tile") {
        std::string tile;
        layer.append_to(tile);
        CHECK(tile.empty());
    }
}

TEST_CASE("MVT keys and values are stored once per layer, with their types", "[render][mvt]") {
    mvt::LayerEncoder layer("incidents");
    const std::uint32_t first[] = {layer.key("event_type"), layer.text("Battles"),
                                   layer.key("fatalities"), layer.whole(3)};
    const std::uint32_t second[] = {layer.key("event_type"), layer.text("Battles"),
                                    layer.key("fatalities"), layer.whole(-2),
                                    layer.key("confidence"), layer.real(0.5)};
    layer.add_point({1, 1}, first, 7);
    layer.add_point({2, 2}, second);
    std::string tile;
    layer.append_to(tile);
    const auto l = read_tile(tile).at(0);
    CHECK(l.keys == std::vector<std::string>{"event_type", "fatalities", "confidence"});
    REQUIRE(l.values.size() == 4);
    CHECK(l.features[0].id == 7u);
    CHECK_FALSE(l.features[1].id.has_value());
    const auto a = l.attributes(l.features[0]), b = l.attributes(l.features[1]);
    CHECK(std::get<std::string>(a.at("event_type")) == "Battles");
    CHECK(std::get<std::uint64_t>(a.at("fatalities")) == 3);
    CHECK(std::get<std::int64_t>(b.at("fatalities")) == -2);
    CHECK(std::get<double>(b.at("confidence")) == 0.5);
}

TEST_CASE("Region polygons are clipped to their tile and a buffer, outer rings clockwise",
          "[render][mvt]") {
    SECTION("a square across the right edge keeps the part up to the buffer") {
        const auto ring = clip_ring({{100, 100}, {5000, 100}, {5000, 200}, {100, 200}}, -64, 4160);
        REQUIRE(ring.size() == 4);
        double max_x = 0;
        for (const auto& [x, y] : ring)
            max_x = std::max(max_x, x);
        CHECK(max_x == 4160);
    }
    SECTION("a region with a hole: the outer ring positive on screen, the hole negative") {
        PolygonFeatures regions;
        Polygon p;
        // Counter-clockwise on screen as given (y grows north here, south in tiles).
        p.rings = {{{-10, 10}, {10, 10}, {10, 30}, {-10, 30}},
                   {{-5, 15}, {-5, 25}, {5, 25}, {5, 15}}};
        regions.polygons.push_back(p);
        regions.attributes.add_row();
        const int name = regions.attributes.add_column("name", AttributeTable::Kind::text);
        regions.attributes.set_text(name, 0, "Middle");
        const PolygonTiler tiler(regions, region_attributes());
        const auto touched = tiler.touched(0, tiles_covering({-180, -85, 180, 85}, 0));
        REQUIRE(touched.size() == 1);
        mvt::LayerEncoder layer("admin1");
        const std::uint32_t which[] = {0};
        tiler.add_to(layer, {0, 0, 0}, which);
        std::string tile;
        layer.append_to(tile);
        const auto l = read_tile(tile).at(0);
        REQUIRE(l.features.size() == 1);
        CHECK(std::get<std::string>(l.attributes(l.features[0]).at("name")) == "Middle");
        // Decode the two rings and measure their winding.
        const auto& g = l.features[0].geometry;
        std::vector<std::vector<mvt::TilePoint>> rings;
        mvt::TilePoint cursor;
        for (std::size_t i = 0; i < g.size();) {
            const auto id = g[i] & 7, count = g[i] >> 3;
            ++i;
            if (id == 1)
                rings.emplace_back();
            for (std::uint32_t k = 0; id != 7 && k < count; ++k, i += 2) {
                cursor = {cursor.x + unzigzag(g[i]), cursor.y + unzigzag(g[i + 1])};
                rings.back().push_back(cursor);
            }
        }
        REQUIRE(rings.size() == 2);
        CHECK(mvt::ring_area(rings[0]) > 0);
        CHECK(mvt::ring_area(rings[1]) < 0);
    }
}
