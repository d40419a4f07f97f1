// The web page's files: Leaflet and the page's own, the configuration, and
// the incidents as GeoJSON with the style's marker colours.
#include "core/resources.hpp"
#include "render/web_page.hpp"
#include "render_fixtures.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace incimap;
using namespace incimap::render;
using namespace incimap::render::testing;
namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
} // namespace

TEST_CASE("Incidents for the page are RFC 7946 points with the style's colours", "[render][web]") {
    const auto s = load_style("default");
    const auto data = incidents({{-8.00291234, 12.63921234, "Battles", 3, "Bamako"},
                                 {2.1098, 13.5137, "Protests", 0, "Niamey"}});
    const auto doc = nlohmann::json::parse(incidents_geojson(s, data));
    REQUIRE(doc["type"] == "FeatureCollection");
    REQUIRE(doc["features"].size() == 2);
    const auto& first = doc["features"][0];
    CHECK(first["id"] == "0");
    CHECK(first["geometry"]["coordinates"][0].get<double>() == -8.002912);
    CHECK(first["geometry"]["coordinates"][1].get<double>() == 12.639212);
    CHECK(first["properties"]["event_type"] == "Battles");
    CHECK(first["properties"]["fatalities"] == 3);
    CHECK(first["properties"]["marker-color"] == "#d55e00");
    CHECK(doc["features"][1]["properties"]["marker-color"] == "#0072b2");
    CHECK(first["properties"]["marker-radius"].get<double>() > doc["features"][1]["properties"]["marker-radius"].get<double>());
}

TEST_CASE("The page is written with Leaflet from the binary, no CDN", "[render][web]") {
    const auto out = fs::temp_directory_path() / ("incimap-web-" + std::to_string(::getpid()));
    fs::remove_all(out);
    WebPageOptions o;
    o.out = out;
    o.title = "Sahel <test>";
    write_web_page(load_style("default"), incidents({{-8, 12.6}}), o);
    const auto html = slurp(out / "index.html");
    CHECK(html.find("assets/leaflet/leaflet.js") != std::string::npos);
    CHECK(html.find("http") == std::string::npos);  // nothing from elsewhere
    CHECK(slurp(out / "assets/leaflet/leaflet.js") == as_text(resource("web/leaflet/leaflet.js")));
    CHECK(slurp(out / "assets/leaflet/leaflet.js").find("Leaflet") != std::string::npos);
    CHECK(fs::file_size(out / "assets/leaflet/images/layers.png") > 100);
    const auto config = slurp(out / "config.js");
    REQUIRE(config.starts_with("window.INCIMAP_CONFIG = "));
    const auto j = nlohmann::json::parse(config.substr(24, config.rfind(';') - 24));
    CHECK(j["title"] == "Sahel <test>");  // data, shown with textContent by the page
    CHECK(j["basemap"].is_null());        // offline unless asked
    CHECK(j["tiles"]["url"] == "tiles/{z}/{x}/{y}.png");
    CHECK(j["tiles"]["pmtiles"].is_null());
    CHECK(html.find("assets/pmtiles/pmtiles.js") != std::string::npos);
    CHECK(slurp(out / "assets/pmtiles/pmtiles.js").find("leafletRasterLayer") != std::string::npos);
    CHECK_FALSE(j["legend"].empty());
    CHECK(nlohmann::json::parse(slurp(out / "incidents.geojson"))["features"].size() == 1);
    // The page's clusters and its world at low zooms come from the binary too.
    CHECK(html.find("assets/supercluster/supercluster.min.js") != std::string::npos);
    CHECK(slurp(out / "assets/supercluster/supercluster.min.js").find("getClusterExpansionZoom") != std::string::npos);
    const auto world = nlohmann::json::parse(slurp(out / "assets/world/countries-110m.json"));
    CHECK(world["type"] == "Topology");
    CHECK(world["objects"]["countries"]["geometries"].size() > 150);
    CHECK(fs::file_size(out / "assets/world/topojson-client.min.js") > 1000);
    // The default style draws the incidents into the tiles: the page dims them.
    CHECK(j["tiles"]["incidents"] == true);
    CHECK(j["credits"]["acled"].get<std::string>().find("(ACLED)") != std::string::npos);
    fs::remove_all(out);
}

TEST_CASE("Tiles of the density style are a layer beneath the page's own markers", "[render][web]") {
    const auto out = fs::temp_directory_path() / ("incimap-web-density-" + std::to_string(::getpid()));
    fs::remove_all(out);
    WebPageOptions o;
    o.out = out;
    write_web_page(load_style("density"), incidents({{-8, 12.6, "Battles", 3}}), o);
    const auto config = slurp(out / "config.js");
    const auto j = nlohmann::json::parse(config.substr(24, config.rfind(';') - 24));
    CHECK(j["tiles"]["incidents"] == false);
    // The page's markers and legend keep the event types' colours.
    const auto doc = nlohmann::json::parse(slurp(out / "incidents.geojson"));
    CHECK(doc["features"][0]["properties"]["marker-color"] == "#d55e00");
    CHECK(j["legend"].dump().find("Battles") != std::string::npos);
    CHECK(j["legend"].dump().find("density") != std::string::npos);
    fs::remove_all(out);
}

TEST_CASE("A PMTiles archive beside the page is read by the page itself", "[render][web]") {
    const auto page = fs::temp_directory_path() / ("incimap-web-pm-" + std::to_string(::getpid()));
    fs::remove_all(page);
    fs::create_directories(page / "maps");
    std::ofstream(page / "maps" / "heat.pmtiles.json")
        << R"({"tilejson": "3.0.0", "tiles": ["heat.pmtiles/{z}/{x}/{y}.png"], "minzoom": 1, "maxzoom": 8})";
    bool found = false;
    const auto layer = tile_layer_in_page(page, "maps/heat.pmtiles", found);
    REQUIRE(layer);
    CHECK(found);
    CHECK(layer->pmtiles == "maps/heat.pmtiles");
    CHECK(layer->max_zoom == 8);
    CHECK(layer->url == "maps/heat.pmtiles/{z}/{x}/{y}.png");  // as incimap serve gives them
    CHECK(tile_layer_in_page(page, "maps/heat.mbtiles", found)->pmtiles.empty());
    WebPageOptions o;
    o.out = page;
    o.tiles = *layer;
    write_web_page(load_style("default"), incidents({{-8, 12.6}}), o);
    const auto config = slurp(page / "config.js");
    const auto j = nlohmann::json::parse(config.substr(24, config.rfind(';') - 24));
    CHECK(j["tiles"]["pmtiles"] == "maps/heat.pmtiles");
    fs::remove_all(page);
}

TEST_CASE("TileJSON written by incimap tiles tells the page where the tiles are", "[render][web]") {
    const auto path = fs::temp_directory_path() / ("incimap-tj-" + std::to_string(::getpid()) + ".json");
    std::ofstream(path) << R"({"tilejson": "3.0.0", "tiles": ["{z}/{x}/{y}@2x.png"], "minzoom": 2,
                              "maxzoom": 9, "bounds": [-5, 10, 3, 17], "tile_size": 512})";
    const auto info = read_tilejson(path, "tiles/");
    CHECK(info.url == "tiles/{z}/{x}/{y}@2x.png");
    CHECK(info.min_zoom == 2);
    CHECK(info.max_zoom == 9);
    CHECK(info.tile_size == 512);
    REQUIRE(info.bounds);
    CHECK(info.bounds->min_lon == -5);
    std::ofstream(path) << "[]";
    CHECK_THROWS_WITH(read_tilejson(path, ""), Catch::Contains("not a TileJSON document"));
    fs::remove(path);
}
