// Vector tiles of incidents, read back with protozero's reader: each
// incident at its place with its attributes, clusters past the size limit;
// and incimap's styles as MapLibre styles.
#include "mvt_reader.hpp"
#include "render/maplibre_style.hpp"
#include "render/vector_tiles.hpp"
#include "render_fixtures.hpp"

#include <catch2/catch.hpp>
#include <map>

using namespace incimap::render;
using incimap::render::testing::read_tile;
using incimap::render::testing::unzigzag;

TEST_CASE("Vector tiles hold each incident at its place and merge them only past the size limit",
          "[render][mvt]") {
    using testing::Place;
    VectorTileOptions o;
    o.min_zoom = 0;
    o.max_zoom = 6;
    o.threads = 2;
    o.fields = vector_fields({"event_type", "fatalities", "location"});
    SECTION("few incidents: every one as itself, within half a unit of the extent") {
        const auto in = testing::incidents(
            {{-8.0, 12.65, "Battles", 2, "Bamako"}, {-4.2, 14.5, "Riots", 0, "Mopti"}});
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
        CHECK(l.features[0].id == 0u); // the row's stable id
    }
    SECTION(
        "many incidents in one place: clusters keep the count, the fatalities and the main type") {
        std::vector<Place> places;
        for (int i = 0; i < 400; ++i)
            places.push_back({-8.0 + (i % 20) * 0.01, 12.6 + (i / 20) * 0.01,
                              i % 4 == 0 ? "Riots" : "Battles", 1, "A village by the river"});
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
                const auto count =
                    a.count("point_count") ? std::get<std::uint64_t>(a.at("point_count")) : 1;
                counted[tile.z] += count;
                fatalities[tile.z] += std::get<std::uint64_t>(a.at("fatalities"));
                if (tile.z == 0) { // all within a few units: one cluster, three battles to a riot
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

TEST_CASE("incimap's styles become MapLibre styles over the incidents layer",
          "[render][mvt][maplibre]") {
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
        REQUIRE(layers.size() == 3); // the land, then the two drawn over incidents
        CHECK(layers[1]["type"] == "circle");
        CHECK(layers[1]["source-layer"] == "incidents");
        CHECK(layers[1]["maxzoom"] == 6);
        CHECK(layers[1]["paint"]["circle-radius"] ==
              nlohmann::json::parse(R"(["sqrt", ["coalesce", ["get", "point_count"], 1]])"));
        CHECK_FALSE(layers[1]["paint"].contains("text-color"));
        CHECK(layers[2]["minzoom"] == 6);
        CHECK(layers[2]["filter"] ==
              nlohmann::json::parse(R"(["==", ["get", "event_type"], "Riots"])"));
    }
    SECTION("a PMTiles archive is read through its protocol") {
        source.pmtiles = "incidents.pmtiles";
        const auto j = maplibre_style(
            testing::style(R"([{"id": "c", "type": "circle", "source": "incidents"}])"), source);
        CHECK(j["sources"]["incidents"]["url"] == "pmtiles://incidents.pmtiles");
    }
    SECTION("fills over admin1 draw the tiles' regions from a source that stops at their zoom") {
        const auto j =
            maplibre_style(testing::style(R"([{"id": "r", "type": "fill", "source": "admin1",
            "filter": [">", ["get", "incident_count"], 0], "paint": {"fill-color": "#ff0000"}}])"),
                           source);
        CHECK(j["sources"]["regions"]["maxzoom"] == 8);
        CHECK(j["layers"][1]["source"] == "regions");
        CHECK(j["layers"][1]["source-layer"] == "admin1");
        CHECK(j["layers"][1]["paint"]["fill-color"] == "#ff0000");
    }
    SECTION("a style with nothing over incidents is refused") {
        CHECK_THROWS_AS(
            maplibre_style(
                testing::style(R"([{"id": "t", "type": "symbol", "source": "incidents"}])"),
                source),
            incimap::InputError);
    }
}
