// Incidents from a GeoJSON FeatureCollection of points: read by the
// project's streaming reader, and the same incidents (ids, coordinates,
// column kinds, values, nulls) as OGR's GeoJSON driver gives; what that
// reader leaves to OGR still reads, and a broken file is refused with its
// line and column.
#include "core/error.hpp"
#include "render/geojson_points.hpp"
#include "render/sources.hpp"
#include "support/scratch_dir.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>

using namespace incimap;
using namespace incimap::render;
using incimap::test::ScratchDir;

namespace {

const std::vector<std::string> attributes{"event_type", "fatalities", "event_date",
                                          "notes",      "actor1",     "latitude"};

std::filesystem::path write(const ScratchDir& dir, std::string_view name, std::string_view text) {
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

PointFeatures through_ogr(const ScratchDir& dir, std::string_view text,
                          const std::optional<store::BoundingBox>& bbox = {}) {
    // OGR knows GeoJSON by its content; under another name the project's
    // reader leaves it alone.
    IncidentSource source;
    source.input = write(dir, "through-ogr.txt", text).string();
    source.filter.bbox = bbox;
    return load_incidents(source, attributes);
}

std::optional<PointFeatures> streamed(const ScratchDir& dir, std::string_view text,
                                      const std::optional<store::BoundingBox>& bbox = {}) {
    return read_geojson_points(write(dir, "streamed.geojson", text).string(), attributes, bbox);
}

std::string shown(const Value& v) {
    if (is_null(v))
        return "null";
    if (const auto* d = std::get_if<double>(&v))
        return fmt::format("number {}", *d);
    if (const auto* s = std::get_if<std::string_view>(&v))
        return fmt::format("text '{}'", *s);
    return "other";
}

void require_same(const PointFeatures& got, const PointFeatures& expected) {
    REQUIRE(got.size() == expected.size());
    REQUIRE(got.attributes.columns() == expected.attributes.columns());
    for (int c = 0; c < expected.attributes.columns(); ++c) {
        INFO("column " << expected.attributes.name(c));
        CHECK(got.attributes.name(c) == expected.attributes.name(c));
        CHECK(got.attributes.kind(c) == expected.attributes.kind(c));
    }
    for (std::size_t row = 0; row < expected.size(); ++row) {
        INFO("row " << row);
        CHECK(got.lon[row] == expected.lon[row]);
        CHECK(got.lat[row] == expected.lat[row]);
        CHECK(got.ids[row] == expected.ids[row]);
        for (int c = 0; c < expected.attributes.columns(); ++c) {
            INFO("column " << expected.attributes.name(c));
            CHECK(shown(got.attributes.value(c, row)) == shown(expected.attributes.value(c, row)));
        }
    }
}

std::string collection(std::string_view features) {
    return fmt::format(R"({{"type": "FeatureCollection", "features": [{}]}})", features);
}

} // namespace

TEST_CASE("A GeoJSON of points is read as OGR reads it", "[geojson_points]") {
    ScratchDir dir;
    SECTION("the committed fixture of incidents") {
        std::ifstream in(std::filesystem::path(INCIMAP_SOURCE_DIR) /
                         "tests/render/fixtures/incidents.geojson");
        const std::string text((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
        REQUIRE(text.size() > 1000);
        const auto fast = streamed(dir, text);
        REQUIRE(fast);
        CHECK(fast->size() > 5);
        require_same(*fast, through_ogr(dir, text));
    }
    SECTION("nulls, missing properties, numbers written as text, escapes and odd member order") {
        const auto text = R"({"features": [
 {"geometry": {"coordinates": [-1.5, 12.25, 300], "type": "Point"}, "type": "Feature",
  "properties": {"event_type": "Battles", "fatalities": 3, "event_date": "2024-01-06",
                 "notes": "Caf\u00e9 \ud83d\ude00 \"quoted\" \\ back", "actor1": null, "nested": {"a": [1, {"b": true}]}}},
 {"type": "Feature", "properties": {"event_type": "Riots", "fatalities": 2.5, "notes": "3-4 wounded, 12 people: none"},
  "geometry": {"type": "Point", "coordinates": [2, -3]}},
 {"type": "Feature", "properties": null, "geometry": {"type": "Point", "coordinates": [4.125, 5.5]}},
 {"type": "Feature", "properties": {"event_type": "left out"}, "geometry": null},
 {"type": "Feature", "properties": {"event_type": "empty"}, "geometry": {"type": "Point", "coordinates": []}},
 {"type": "Feature", "properties": {"event_type": "", "actor1": "7", "event_id_cnty": "MLI7"},
  "geometry": {"type": "Point", "coordinates": [-0.000001, 1e-3]}, "bbox": [0, 0, 1, 1]}
], "name": "sahel", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
 "type": "FeatureCollection"})";
        const auto fast = streamed(dir, text);
        REQUIRE(fast);
        REQUIRE(fast->size() == 4);
        CHECK(fast->ids[2] == "2"); // no id anywhere: the feature's position
        CHECK(fast->ids[3] == "MLI7");
        CHECK(shown(fast->attributes.value(0, 0)) == "text 'Battles'");
        CHECK(shown(fast->attributes.value(3, 0)) == "text 'Café 😀 \"quoted\" \\ back'");
        CHECK(shown(fast->attributes.value(4, 3)) == "text '7'"); // text stays text
        CHECK(shown(fast->attributes.value(1, 1)) == "number 2.5");
        CHECK(shown(fast->attributes.value(1, 2)) == "null");
        require_same(*fast, through_ogr(dir, text));
    }
    SECTION("keys in another case, integer feature ids, a property no feature has") {
        const auto text = collection(R"(
 {"type": "Feature", "id": 41, "properties": {"Event_Type": "Protests", "FATALITIES": 0},
  "geometry": {"type": "Point", "coordinates": [1, 2]}},
 {"type": "Feature", "id": 17, "properties": {"Event_Type": "Battles", "id": "MLI-x"},
  "geometry": {"type": "Point", "coordinates": [3, 4]}})");
        const auto fast = streamed(dir, text);
        REQUIRE(fast);
        CHECK(fast->ids[0] == "41");
        CHECK(fast->ids[1] == "MLI-x");
        CHECK(fast->attributes.kind(fast->attributes.find("latitude")) ==
              AttributeTable::Kind::number);
        CHECK(fast->attributes.kind(fast->attributes.find("actor1")) == AttributeTable::Kind::text);
        require_same(*fast, through_ogr(dir, text));
    }
    SECTION("a bounding box keeps the points inside it, edges included") {
        const auto text = collection(R"(
 {"type": "Feature", "properties": {"fatalities": 1}, "geometry": {"type": "Point", "coordinates": [0, 10]}},
 {"type": "Feature", "properties": {"fatalities": 2}, "geometry": {"type": "Point", "coordinates": [5, 15]}},
 {"type": "Feature", "properties": {"fatalities": 3}, "geometry": {"type": "Point", "coordinates": [5.5, 15]}})");
        const store::BoundingBox box{0, 10, 5, 15};
        const auto fast = streamed(dir, text, box);
        REQUIRE(fast);
        CHECK(fast->size() == 2);
        require_same(*fast, through_ogr(dir, text, box));
    }
}

TEST_CASE("What only OGR reads alike is left to OGR, and still read", "[geojson_points]") {
    ScratchDir dir;
    const auto point = R"("geometry": {"type": "Point", "coordinates": [1, 2]})";
    const auto [why, features] = GENERATE_REF(table<std::string, std::string>({
        {"a line among the points",
         fmt::format(
             R"({{"type": "Feature", "properties": {{}}, {}}}, {{"type": "Feature", "properties": {{}},
            "geometry": {{"type": "LineString", "coordinates": [[1, 2], [3, 4]]}}}})",
             point, point)},
        {"a multipoint", R"({"type": "Feature", "properties": {},
            "geometry": {"type": "MultiPoint", "coordinates": [[1, 2]]}})"},
        {"numbers and text in one property",
         fmt::format(R"({{"type": "Feature", "properties": {{"fatalities": 3}}, {}}},
                        {{"type": "Feature", "properties": {{"fatalities": "3"}}, {}}})",
                     point, point)},
        {"a boolean",
         fmt::format(R"({{"type": "Feature", "properties": {{"notes": true}}, {}}})", point)},
        {"a list",
         fmt::format(R"({{"type": "Feature", "properties": {{"notes": [1, 2]}}, {}}})", point)},
        {"a date OGR rewrites",
         fmt::format(R"({{"type": "Feature", "properties": {{"event_date": "2024-1-6"}}, {}}})",
                     point)},
        {"a time",
         fmt::format(R"({{"type": "Feature", "properties": {{"notes": "12:30"}}, {}}})", point)},
        {"a text feature id",
         fmt::format(R"({{"type": "Feature", "id": "a1", "properties": {{}}, {}}})", point)},
        {"a feature id on some features only",
         fmt::format(
             R"({{"type": "Feature", "id": 4, "properties": {{}}, {}}}, {{"type": "Feature", "properties": {{}}, {}}})",
             point, point)},
        {"a key spelt in two ways",
         fmt::format(
             R"({{"type": "Feature", "properties": {{"notes": "a"}}, {}}}, {{"type": "Feature", "properties": {{"Notes": "b"}}, {}}})",
             point, point)},
        {"a real id",
         fmt::format(R"({{"type": "Feature", "properties": {{"id": 2.5}}, {}}})", point)},
    }));
    INFO(why);
    const auto text = collection(features);
    CHECK_FALSE(streamed(dir, text));
    IncidentSource source;
    source.input = write(dir, "left-to-ogr.geojson", text).string();
    require_same(load_incidents(source, attributes), through_ogr(dir, text));
}

TEST_CASE("A GeoJSON that is not JSON is refused with its line and column", "[geojson_points]") {
    ScratchDir dir;
    const std::string whole = collection(R"(
 {"type": "Feature", "properties": {"notes": "a"}, "geometry": {"type": "Point", "coordinates": [1, 2]}},
 {"type": "Feature", "properties": {"notes": "b"}, "geometry": {"type": "Point", "coordinates": [3, 4]}})");
    SECTION("a file cut short") {
        // Cut after "[3,": the column is the one just past the last byte.
        const auto cut = whole.substr(0, whole.find("[3, 4]") + 3);
        const auto path = write(dir, "cut.geojson", cut).string();
        CHECK_THROWS_WITH(read_geojson_points(path, attributes, {}),
                          Catch::StartsWith(path + ":3: column 100: not GeoJSON: ") &&
                              Catch::Contains("unexpected end of input"));
        IncidentSource source;
        source.input = path;
        CHECK_THROWS_AS(load_incidents(source, attributes), InputError);
    }
    SECTION("a missing comma") {
        auto broken = whole;
        broken.erase(broken.find("}},\n") + 2, 1);
        const auto path = write(dir, "comma.geojson", broken).string();
        CHECK_THROWS_WITH(read_geojson_points(path, attributes, {}),
                          Catch::StartsWith(path + ":3: column 2: "));
    }
    SECTION("invalid UTF-8") {
        auto broken = whole;
        broken.replace(broken.find("\"a\""), 3, "\"\xff\"");
        const auto path = write(dir, "bytes.geojson", broken).string();
        CHECK_THROWS_WITH(read_geojson_points(path, attributes, {}),
                          Catch::StartsWith(path + ":2: column "));
    }
}
