// Mapbox Vector Tiles as incimap writes them, read back with protozero's
// reader: the encodings of the specification's own examples, shared keys and
// values, and the tiles of incidents staying under their size limit.
#include "render/maplibre_style.hpp"
#include "render/mvt_encoder.hpp"
#include "render/vector_polygons.hpp"
#include "render/vector_tiles.hpp"
#include "render_fixtures.hpp"

#include <catch2/catch.hpp>
#include <protozero/pbf_message.hpp>
#include <protozero/pbf_reader.hpp>

#include <map>
#include <variant>

using namespace incimap::render;

namespace {

using MvtValue = std::variant<std::string, double, std::uint64_t, std::int64_t, bool>;

struct Feature {
    std::optional<std::uint64_t> id;
    int type = 0;
    std::vector<std::uint32_t> tags, geometry;
};

struct Layer {
    std::string name;
    std::uint32_t version = 0, extent = 0;
    std::vector<Feature> features;
    std::vector<std::string> keys;
    std::vector<MvtValue> values;

    // The feature's attributes by name.
    std::map<std::string, MvtValue> attributes(const Feature& f) const {
        std::map<std::string, MvtValue> out;
        for (std::size_t i = 0; i + 1 < f.tags.size(); i += 2)
            out[keys.at(f.tags[i])] = values.at(f.tags[i + 1]);
        return out;
    }
};

MvtValue read_value(protozero::pbf_reader v) {
    MvtValue out;
    while (v.next()) {
        switch (v.tag()) {
        case 1: out = v.get_string(); break;
        case 3: out = v.get_double(); break;
        case 5: out = v.get_uint64(); break;
        case 6: out = v.get_sint64(); break;
        case 7: out = v.get_bool(); break;
        default: v.skip();
        }
    }
    return out;
}

std::vector<Layer> read_tile(const std::string& bytes) {
    std::vector<Layer> layers;
    protozero::pbf_reader tile(bytes);
    while (tile.next(3)) {
        Layer layer;
        protozero::pbf_reader l = tile.get_message();
        while (l.next()) {
            switch (l.tag()) {
            case 1: layer.name = l.get_string(); break;
            case 15: layer.version = l.get_uint32(); break;
            case 5: layer.extent = l.get_uint32(); break;
            case 3: layer.keys.push_back(l.get_string()); break;
            case 4: layer.values.push_back(read_value(l.get_message())); break;
            case 2: {
                Feature f;
                protozero::pbf_reader fr = l.get_message();
                while (fr.next()) {
                    switch (fr.tag()) {
                    case 1: f.id = fr.get_uint64(); break;
                    case 3: f.type = fr.get_enum(); break;
                    case 2: for (auto t : fr.get_packed_uint32()) f.tags.push_back(t); break;
                    case 4: for (auto g : fr.get_packed_uint32()) f.geometry.push_back(g); break;
                    default: fr.skip();
                    }
                }
                layer.features.push_back(f);
                break;
            }
            default: l.skip();
            }
        }
        layers.push_back(layer);
    }
    return layers;
}

std::int32_t unzigzag(std::uint32_t n) { return static_cast<std::int32_t>((n >> 1) ^ (~(n & 1) + 1)); }

} // namespace

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
    const std::uint32_t first[] = {layer.key("event_type"), layer.text("Battles"), layer.key("fatalities"),
                                   layer.whole(3)};
    const std::uint32_t second[] = {layer.key("event_type"), layer.text("Battles"), layer.key("fatalities"),
                                    layer.whole(-2), layer.key("confidence"), layer.real(0.5)};
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

TEST_CASE("Vector tiles hold each incident at its place and merge them only past the size limit",
          "[render][mvt]") {
    using testing::Place;
    VectorTileOptions o;
    o.min_zoom = 0;
    o.max_zoom = 6;
    o.threads = 2;
    o.fields = vector_fields({"event_type", "fatalities", "location"});
    SECTION("few incidents: every one as itself, within half a unit of the extent") {
        const auto in = testing::incidents({{-8.0, 12.65, "Battles", 2, "Bamako"}, {-4.2, 14.5, "Riots", 0, "Mopti"}});
        testing::MemorySink sink;
        const auto stats = write_vector_tiles(in, o, sink);
        CHECK(stats.zooms.at(0).written == 1);
        CHECK(stats.zooms.at(0).clustered == 0);
        const TileId tile = tile_at(-8.0, 12.65, 6);
        const auto l = read_tile(sink.tiles.at(tile)).at(0);
        REQUIRE(l.features.size() == 1);
        const auto w = to_world(-8.0, 12.65);
        const double x = (w.x * 64 - tile.x) * 4096, y = (w.y * 64 - tile.y) * 4096;
        const auto& g = l.features[0].geometry;
        CHECK(std::abs(unzigzag(g[1]) - x) <= 0.5);
        CHECK(std::abs(unzigzag(g[2]) - y) <= 0.5);
        const auto a = l.attributes(l.features[0]);
        CHECK(std::get<std::string>(a.at("location")) == "Bamako");
        CHECK(std::get<std::uint64_t>(a.at("fatalities")) == 2);
        CHECK(l.features[0].id == 0u);  // the row's stable id
    }
    SECTION("many incidents in one place: clusters keep the count, the fatalities and the main type") {
        std::vector<Place> places;
        for (int i = 0; i < 400; ++i)
            places.push_back({-8.0 + (i % 20) * 0.01, 12.6 + (i / 20) * 0.01, i % 4 == 0 ? "Riots" : "Battles", 1,
                              "A village by the river"});
        o.max_tile_bytes = 2000;
        testing::MemorySink sink;
        const auto stats = write_vector_tiles(testing::incidents(places), o, sink);
        for (int z = 0; z <= 6; ++z)
            CHECK(stats.zooms.at(z).clustered > 0);
        std::map<int, std::uint64_t> counted, fatalities;
        for (const auto& [tile, bytes] : sink.tiles) {
            CHECK(bytes.size() <= 2000);
            const auto l = read_tile(bytes).at(0);
            for (const auto& f : l.features) {
                const auto a = l.attributes(f);
                const auto count = a.count("point_count") ? std::get<std::uint64_t>(a.at("point_count")) : 1;
                counted[tile.z] += count;
                fatalities[tile.z] += std::get<std::uint64_t>(a.at("fatalities"));
                if (tile.z == 0) {  // all within a few units: one cluster, three battles to a riot
                    CHECK(count == 400);
                    CHECK(std::get<std::string>(a.at("event_type")) == "Battles");
                }
            }
        }
        for (int z = 0; z <= 6; ++z) {
            CHECK(counted[z] == 400);
            CHECK(fatalities[z] == 400);
        }
    }
    SECTION("tiles outside the extent asked for are not written") {
        o.bbox = {-10, 10, 0, 20};
        testing::MemorySink sink;
        write_vector_tiles(testing::incidents({{-8.0, 12.65}, {30.0, -5.0}}), o, sink);
        CHECK_FALSE(sink.tiles.count(tile_at(30.0, -5.0, 6)));
        CHECK(sink.tiles.count(tile_at(-8.0, 12.65, 6)));
    }
}

TEST_CASE("incimap's styles become MapLibre styles over the incidents layer", "[render][mvt][maplibre]") {
    VectorSource source;
    source.tiles_url = "vt/{z}/{x}/{y}.pbf";
    SECTION("circles and clusters keep their colours, filters and zooms, one less; texts go") {
        const auto style = testing::style(R"([
            {"id": "few", "type": "cluster", "source": "incidents", "maxzoom": 7,
             "paint": {"circle-color": "#ff0000", "circle-radius": ["sqrt", ["get", "point_count"]], "text-color": "#fff"}},
            {"id": "many", "type": "circle", "source": "incidents", "minzoom": 7,
             "filter": ["==", ["get", "event_type"], "Riots"], "paint": {"circle-color": "#00ff00"}},
            {"id": "names", "type": "symbol", "source": "incidents", "layout": {"text-field": ["get", "location"]}}])");
        const auto j = maplibre_style(style, source);
        CHECK(j["version"] == 8);
        CHECK(j["sources"]["incidents"]["tiles"][0] == "vt/{z}/{x}/{y}.pbf");
        const auto& layers = j["layers"];
        REQUIRE(layers.size() == 3);  // the land, then the two drawn over incidents
        CHECK(layers[1]["type"] == "circle");
        CHECK(layers[1]["source-layer"] == "incidents");
        CHECK(layers[1]["maxzoom"] == 6);
        CHECK(layers[1]["paint"]["circle-radius"] ==
              nlohmann::json::parse(R"(["sqrt", ["coalesce", ["get", "point_count"], 1]])"));
        CHECK_FALSE(layers[1]["paint"].contains("text-color"));
        CHECK(layers[2]["minzoom"] == 6);
        CHECK(layers[2]["filter"] == nlohmann::json::parse(R"(["==", ["get", "event_type"], "Riots"])"));
    }
    SECTION("a PMTiles archive is read through its protocol") {
        source.pmtiles = "incidents.pmtiles";
        const auto j = maplibre_style(testing::style(R"([{"id": "c", "type": "circle", "source": "incidents"}])"), source);
        CHECK(j["sources"]["incidents"]["url"] == "pmtiles://incidents.pmtiles");
    }
    SECTION("fills over admin1 draw the tiles' regions from a source that stops at their zoom") {
        const auto j = maplibre_style(testing::style(R"([{"id": "r", "type": "fill", "source": "admin1",
            "filter": [">", ["get", "incident_count"], 0], "paint": {"fill-color": "#ff0000"}}])"), source);
        CHECK(j["sources"]["regions"]["maxzoom"] == 8);
        CHECK(j["layers"][1]["source"] == "regions");
        CHECK(j["layers"][1]["source-layer"] == "admin1");
        CHECK(j["layers"][1]["paint"]["fill-color"] == "#ff0000");
    }
    SECTION("a style with nothing over incidents is refused") {
        CHECK_THROWS_AS(maplibre_style(testing::style(R"([{"id": "t", "type": "symbol", "source": "incidents"}])"), source),
                        incimap::InputError);
    }
}

TEST_CASE("Region polygons are clipped to their tile and a buffer, outer rings clockwise", "[render][mvt]") {
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
        p.rings = {{{-10, 10}, {10, 10}, {10, 30}, {-10, 30}}, {{-5, 15}, {-5, 25}, {5, 25}, {5, 15}}};
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
