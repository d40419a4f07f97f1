// What a finished map draws besides incidents: sources of points, lines and
// polygons (the embedded rivers and lakes, a user's own files), and labels
// kept whole inside the frame and off the symbols drawn above them.
#include "core/error.hpp"
#include "render/painter.hpp"
#include "render/scene.hpp"
#include "render/sources.hpp"
#include "render_fixtures.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace incimap;
using namespace incimap::render;
using namespace incimap::render::testing;
namespace fs = std::filesystem;

namespace {

struct ScratchFile {
    fs::path path;
    explicit ScratchFile(const std::string& name, const std::string& text)
        : path(fs::temp_directory_path() / ("incimap-ref-" + std::to_string(::getpid()) + "-" + name)) {
        std::ofstream(path) << text;
    }
    ~ScratchFile() { fs::remove(path); }
};

const std::string two_bases = R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"name": "Camp North"}, "geometry": {"type": "Point", "coordinates": [-1.5, 13.5]}},
  {"type": "Feature", "properties": {"name": "Camp South"}, "geometry": {"type": "Point", "coordinates": [-1.5, 11.5]}}]})";

// A 1000 x 1000 px frame over 4 W – 1 E, 10 – 15 N (plate carrée: 200 px a degree).
SceneInput frame_over_burkina(const Style& s, const PointFeatures& data, std::vector<Pixel>& px,
                              const std::map<std::string, PolygonFeatures>& polygons) {
    const auto project = [](double lon, double lat, double& x, double& y) {
        x = (lon + 4) * 200;
        y = (15 - lat) * 200;
        return true;
    };
    px.clear();
    for (std::size_t i = 0; i < data.size(); ++i) {
        Pixel p;
        project(data.lon[i], data.lat[i], p.x, p.y);
        px.push_back(p);
    }
    SceneInput in;
    in.style = &s;
    in.incidents = &data;
    in.incident_pixels = px;
    in.polygons = &polygons;
    in.extent = {0, 0, 1000, 1000};
    in.project = project;
    return in;
}

const SceneLayer& layer_named(const Scene& scene, const std::string& id) {
    for (const auto& layer : scene.layers)
        if (layer.layer->id == id)
            return layer;
    throw Error("no layer " + id);
}

} // namespace

TEST_CASE("A style's source of points draws its circles and names", "[render][reference]") {
    const ScratchFile bases("bases.geojson", two_bases);
    const auto s = style(R"([
      {"id": "bases", "type": "circle", "source": ")" + bases.path.string() + R"(",
       "paint": {"circle-color": "#000000", "circle-radius": 4}},
      {"id": "base-names", "type": "symbol", "source": ")" + bases.path.string() + R"(",
       "layout": {"text-field": ["get", "name"], "text-anchor": "left", "text-offset": [6, 0]}}])");
    std::map<std::string, PolygonFeatures> polygons;
    polygons.emplace(bases.path.string(), load_polygons(bases.path.string(), ""));
    const auto none = incidents({});
    std::vector<Pixel> px;
    CairoTextMeasure measure;
    const auto scene = build_scene(frame_over_burkina(s, none, px, polygons), 7, measure);
    const auto& circles = layer_named(scene, "bases").circles;
    REQUIRE(circles.size() == 2);
    CHECK(circles[0].x == Approx(500));
    CHECK(circles[0].y == Approx(300));
    const auto& names = layer_named(scene, "base-names").texts;
    REQUIRE(names.size() == 2);
    CHECK(names[0].text == "Camp North");
}

TEST_CASE("A source that draws nothing is an error naming the file", "[render][reference]") {
    SECTION("no feature with a geometry") {
        const ScratchFile empty("empty.geojson", R"({"type": "FeatureCollection", "features": []})");
        CHECK_THROWS_AS(load_polygons(empty.path.string(), ""), InputError);
        CHECK_THROWS_WITH(load_polygons(empty.path.string(), ""),
                          Catch::Contains(empty.path.string()) && Catch::Contains("nothing to draw"));
    }
    SECTION("a geometry of another kind") {
        const ScratchFile odd("odd.geojson", R"({"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {}, "geometry": {"type": "GeometryCollection", "geometries": []}}]})");
        CHECK_THROWS_WITH(load_polygons(odd.path.string(), ""),
                          Catch::Contains("feature 1") && Catch::Contains("GeometryCollection"));
    }
    SECTION("a file that is not there") {
        CHECK_THROWS_WITH(load_polygons("no-such-towns.geojson", ""), Catch::Contains("no-such-towns.geojson"));
    }
}

TEST_CASE("The embedded rivers are lines and the lakes polygons", "[render][reference]") {
    const auto rivers = load_polygons("rivers", "");
    const auto lakes = load_polygons("lakes", "");
    const int name = rivers.attributes.find("name");
    REQUIRE(name >= 0);
    bool niger = false;
    for (std::size_t f = 0; f < rivers.polygons.size(); ++f) {
        CHECK(rivers.polygons[f].lines);
        const auto v = rivers.attributes.value(name, f);
        if (const auto* s = std::get_if<std::string_view>(&v); s && *s == "Niger")
            niger = true;
    }
    CHECK(niger);
    REQUIRE_FALSE(lakes.polygons.empty());
    CHECK_FALSE(lakes.polygons[0].lines);
    CHECK(is_natural_earth_source("rivers"));
    CHECK_FALSE(is_natural_earth_source("towns.geojson"));
}

TEST_CASE("A finished map's labels stay whole inside the frame and off the symbols above them",
          "[render][reference]") {
    // Names at the frame's left edge and under an incident's disc.
    const ScratchFile towns("towns.geojson", R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"name": "Edgetown"}, "geometry": {"type": "Point", "coordinates": [-4.0, 12.0]}},
      {"type": "Feature", "properties": {"name": "Hiddenville"}, "geometry": {"type": "Point", "coordinates": [-1.5, 12.5]}},
      {"type": "Feature", "properties": {"name": "Clearfield"}, "geometry": {"type": "Point", "coordinates": [-2.5, 14.0]}}]})");
    const auto s = style(R"([
      {"id": "town-names", "type": "symbol", "source": ")" + towns.path.string() + R"(",
       "layout": {"text-field": ["get", "name"]}},
      {"id": "dots", "type": "circle", "source": "incidents", "paint": {"circle-radius": 30}}])");
    std::map<std::string, PolygonFeatures> polygons;
    polygons.emplace(towns.path.string(), load_polygons(towns.path.string(), ""));
    const auto data = incidents({{-1.5, 12.5}});
    std::vector<Pixel> px;
    CairoTextMeasure measure;
    auto in = frame_over_burkina(s, data, px, polygons);
    const auto names = [&] {
        std::vector<std::string> out;
        for (const auto& t : layer_named(build_scene(in, 7, measure), "town-names").texts)
            out.push_back(t.text);
        std::sort(out.begin(), out.end());
        return out;
    };
    SECTION("tiles let labels run on over the edge and under discs") {
        CHECK(names() == std::vector<std::string>{"Clearfield", "Edgetown", "Hiddenville"});
    }
    SECTION("nor over the space kept for a scale bar") {
        in.reserved.push_back({300, 150, 700, 250});  // around Clearfield
        CHECK(names() == std::vector<std::string>{"Edgetown", "Hiddenville"});
    }
    SECTION("a finished map does not") {
        in.labels_inside_extent = true;
        in.labels_clear_of_symbols = true;
        CHECK(names() == std::vector<std::string>{"Clearfield"});
        for (const auto& t : layer_named(build_scene(in, 7, measure), "town-names").texts) {
            CHECK(t.box.x0 >= 0);
            CHECK(t.box.x1 <= 1000);
        }
    }
}

TEST_CASE("A country mostly beyond the frame is named in the part it shows", "[render][reference]") {
    // Westland spans 12 W – 3 W: its middle is far left of the frame, whose
    // first 200 px show its east.
    const ScratchFile land("westland.geojson", R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"NAME": "Westland"}, "geometry": {"type": "Polygon",
       "coordinates": [[[-12, 10], [-3, 10], [-3, 15], [-12, 15], [-12, 10]]]}}]})");
    const auto s = style(R"([{"id": "names", "type": "symbol", "source": ")" + land.path.string() +
                         R"(", "layout": {"text-field": ["get", "NAME"], "text-size": 12}}])");
    std::map<std::string, PolygonFeatures> polygons;
    polygons.emplace(land.path.string(), load_polygons(land.path.string(), ""));
    const auto none = incidents({});
    std::vector<Pixel> px;
    CairoTextMeasure measure;
    auto in = frame_over_burkina(s, none, px, polygons);
    in.labels_inside_extent = true;
    const auto scene = build_scene(in, 7, measure);
    const auto& names = layer_named(scene, "names").texts;
    REQUIRE(names.size() == 1);
    CHECK(names[0].box.x0 >= 0);
    CHECK(names[0].box.x1 <= 200 + 1);
    SECTION("tiles keep the name at the middle of the country") {
        in.labels_inside_extent = false;
        CHECK(layer_named(build_scene(in, 7, measure), "names").texts.empty());
    }
}

TEST_CASE("Zoom-5 tiles of the default style draw no box where the countries' data ends",
          "[render][tiles][reference]") {
    // The embedded countries stop at Mauritania's border: Western Sahara,
    // north-west of it, must look like the open sea beyond, with no box of
    // another shade where the data is cut (13-11 W, 22-26 N).
    const auto s = load_style("default");
    const auto points = incidents({{-16.0, 18.0}});
    const auto polygons = load_style_polygons(s, true, points);
    MemorySink sink;
    render_tiles(s, points, polygons, at_zoom(5, {-17, 17, -10, 27}), sink);
    const TileId tile{5, 14, 13};  // 22.5 W to 11.25 W, 21.9 N to 31.95 N
    REQUIRE(sink.tiles.contains(tile));
    auto image = sink.image(tile);
    const auto pixel_at = [&](double lon, double lat) {
        const double pi = 3.141592653589793;
        const double x = ((lon + 180) / 360 * 32 - tile.x) * 256;
        const double y = ((1 - std::log(std::tan(pi / 4 + lat * pi / 360)) / pi) / 2 * 32 - tile.y) * 256;
        return image.pixel(static_cast<int>(x), static_cast<int>(y));
    };
    const auto sea = pixel_at(-20, 24);
    int differing = 0, sampled = 0;
    for (double lon = -16; lon <= -13.3; lon += 0.1)
        for (double lat = 22; lat <= 26; lat += 0.1) {
            const auto p = pixel_at(lon, lat);
            ++sampled;
            differing += std::abs(p.r - sea.r) + std::abs(p.g - sea.g) + std::abs(p.b - sea.b) +
                                 std::abs(p.a - sea.a) > 0.02
                             ? 1
                             : 0;
        }
    CHECK(sampled > 1000);
    CHECK(differing == 0);
    // Mauritania itself, east of the border, is land.
    const auto land = pixel_at(-11.5, 23.5);
    CHECK(land.a > 0.9);
    CHECK(std::abs(land.r - sea.r) + std::abs(land.a - sea.a) > 0.1);
}

TEST_CASE("A finished map names the country beside the clusters over its middle, not under them",
          "[render][reference]") {
    // Burkina Faso drawn as a square whose middle (500, 500 px) is covered
    // by clusters of incidents; the frame spans 4 W - 1 E, 10 - 15 N.
    const ScratchFile land("focus.geojson", R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"NAME": "Burkina Faso"}, "geometry": {"type": "Polygon",
       "coordinates": [[[-3.5, 10.5], [0.5, 10.5], [0.5, 14.5], [-3.5, 14.5], [-3.5, 10.5]]]}}]})");
    const auto s = style(R"([
      {"id": "names", "type": "symbol", "source": ")" + land.path.string() + R"(",
       "layout": {"text-field": ["get", "NAME"], "text-size": 16}},
      {"id": "clusters", "type": "cluster", "source": "incidents", "layout": {"cluster-radius": 40},
       "paint": {"circle-color": "#d55e00", "circle-radius": 24}}])");
    std::map<std::string, PolygonFeatures> polygons;
    polygons.emplace(land.path.string(), load_polygons(land.path.string(), ""));
    std::vector<Place> around_middle;
    for (double lon = -1.9; lon <= -1.1; lon += 0.2)
        for (double lat = 12.1; lat <= 12.9; lat += 0.2)
            around_middle.push_back({lon, lat});
    const auto data = incidents(around_middle);
    std::vector<Pixel> px;
    CairoTextMeasure measure;
    auto in = frame_over_burkina(s, data, px, polygons);
    in.labels_inside_extent = true;
    in.labels_clear_of_symbols = true;
    const auto scene = build_scene(in, 6, measure);
    const auto& discs = layer_named(scene, "clusters").circles;
    REQUIRE(discs.size() > 4);
    const auto& names = layer_named(scene, "names").texts;
    REQUIRE(names.size() == 1);
    CHECK(names[0].text == "Burkina Faso");
    for (const auto& disc : discs)
        CHECK_FALSE(names[0].box.intersects(circle_box(disc)));
    // Inside the country, from end to end, and near its middle.
    CHECK(names[0].box.x0 > 100);
    CHECK(names[0].box.x1 < 900);
    CHECK(std::abs((names[0].box.y0 + names[0].box.y1) / 2 - 500) < 250);
}
