// Incidents from a CSV table of points: read by the project's CSV reader,
// and the same as OGR reads them through a VRT over the file.
#include "core/error.hpp"
#include "core/incident_fields.hpp"
#include "render/sources.hpp"

#include "../store/store_test_support.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>

using namespace incimap;
using namespace incimap::render;
using incimap::store_test::TempDir;

namespace {

const char* const sahel_towns =
    "event_id_cnty,event_date,event_type,location,latitude,longitude,fatalities\n"
    "MLI2001,2024-02-11,Battles,Tessalit,20.2011,1.0111,4\n"
    "BFA3002,2024-02-12,Violence against civilians,\"Djibo, Soum\",14.1022,-1.6306,2\n"
    "NER4003,2024-02-13,Protests,Niamey,13.5116,2.1254,0\n"
    "MLI2004,2024-02-14,Explosions/Remote violence,Gao,16.2717,-0.0447,12\n"
    "BFA3005,2024-02-15,Riots,Ouahigouya,13.5828,-2.4216,1\n";

const std::vector<std::string> attributes{"event_type", "location", "fatalities", "event_date"};

// An OGR VRT that reads the CSV as points, its fields typed as the store
// types them. (OGR turns an empty Integer field into 0 where the CSV reader
// leaves it null, so the rows compared fill every field.)
std::string vrt_over(const std::filesystem::path& csv) {
    return fmt::format(R"(<OGRVRTDataSource>
  <OGRVRTLayer name="incidents">
    <SrcDataSource>{}</SrcDataSource>
    <SrcLayer>{}</SrcLayer>
    <GeometryType>wkbPoint</GeometryType>
    <LayerSRS>EPSG:4326</LayerSRS>
    <GeometryField encoding="PointFromColumns" x="longitude" y="latitude"/>
    <Field name="event_id_cnty" type="String"/>
    <Field name="event_date" type="String"/>
    <Field name="event_type" type="String"/>
    <Field name="location" type="String"/>
    <Field name="fatalities" type="Integer"/>
  </OGRVRTLayer>
</OGRVRTDataSource>
)",
                       csv.string(), csv.stem().string());
}

PointFeatures load(const std::filesystem::path& file, std::vector<std::string>* warnings = nullptr,
                   std::optional<store::BoundingBox> bbox = std::nullopt) {
    IncidentSource source;
    source.input = file.string();
    source.filter.bbox = bbox;
    source.warn = [warnings](const std::string& message) {
        if (warnings != nullptr)
            warnings->push_back(message);
    };
    return load_incidents(source, attributes);
}

std::string text_of(const PointFeatures& p, const char* column, std::size_t row) {
    return to_text(p.attributes.value(p.attributes.find(column), row));
}

} // namespace

TEST_CASE("a CSV of points reads as OGR reads it through a VRT", "[render][csv]") {
    TempDir dir;
    const auto csv = dir.write("sahel.csv", sahel_towns);
    const auto direct = load(csv);
    const auto through_ogr = load(dir.write("sahel.vrt", vrt_over(csv)));

    REQUIRE(direct.size() == 5);
    REQUIRE(through_ogr.size() == direct.size());
    for (std::size_t i = 0; i < direct.size(); ++i) {
        INFO("row " << i);
        CHECK(direct.ids[i] == through_ogr.ids[i]);
        CHECK(direct.lon[i] == through_ogr.lon[i]);
        CHECK(direct.lat[i] == through_ogr.lat[i]);
        for (const auto& a : attributes) {
            INFO(a);
            const auto mine = direct.attributes.value(direct.attributes.find(a), i);
            const auto ogr = through_ogr.attributes.value(through_ogr.attributes.find(a), i);
            CHECK(to_text(mine) == to_text(ogr));
            CHECK(is_null(mine) == is_null(ogr));
        }
    }
    CHECK(direct.ids[1] == "BFA3002");
    CHECK(direct.lon[3] == -0.0447);
    CHECK(text_of(direct, "location", 1) == "Djibo, Soum");
    CHECK(direct.attributes.kind(direct.attributes.find("fatalities")) == AttributeTable::Kind::number);
    CHECK(text_of(direct, "fatalities", 3) == "12");
}

TEST_CASE("a CSV of points takes lon/lat columns in any case, ids from id or the row number", "[render][csv]") {
    TempDir dir;
    const auto with_ids = load(dir.write("ids.csv", "id,Lon,LAT,event_type,fatalities\n"
                                                    "17,-3.0,14.5,Battles,\n"
                                                    ",2.1,13.5,Riots,3\n"));
    REQUIRE(with_ids.size() == 2);
    CHECK(with_ids.ids[0] == "17");
    CHECK(with_ids.ids[1] == "2");
    CHECK(with_ids.lon[0] == -3.0);
    CHECK(with_ids.lat[1] == 13.5);
    CHECK(is_null(with_ids.attributes.value(with_ids.attributes.find("location"), 0)));
    CHECK(is_null(with_ids.attributes.value(with_ids.attributes.find("fatalities"), 0)));
    CHECK(text_of(with_ids, "fatalities", 1) == "3");
}

TEST_CASE("a CSV of points takes every coordinate column name the importer takes", "[render][csv]") {
    TempDir dir;
    for (const auto lon : incimap::longitude_column_names)
        for (const auto lat : incimap::latitude_column_names) {
            INFO(lon << ", " << lat);
            const auto points =
                load(dir.write("named.csv", fmt::format("event_type,{},{}\nBattles,-1.5,12.4\n", lon, lat)));
            REQUIRE(points.size() == 1);
            CHECK(points.lon[0] == -1.5);
            CHECK(points.lat[0] == 12.4);
        }
}

TEST_CASE("rows of a CSV without a usable point are skipped, the first named with its line",
          "[render][csv]") {
    TempDir dir;
    const auto csv = dir.write("bad.csv", "event_type,longitude,latitude,notes\n"
                                          "Battles,-1.5,12.4,\"Ouagadougou,\n two lines\"\n"
                                          "Riots,-2.0,north,x\n"
                                          "Protests,,13.5,y\n"
                                          "Battles,2.1,95.0,z\n"
                                          "Riots,2.1,13.5,w\n");
    std::vector<std::string> warnings;
    const auto points = load(csv, &warnings);
    CHECK(points.size() == 2);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] ==
          csv.string() + ":4: latitude 'north' is not a number (and 2 more rows without a usable point); skipped");
}

TEST_CASE("a CSV of points keeps the incidents inside the bounding box", "[render][csv]") {
    TempDir dir;
    const auto points = load(dir.write("box.csv", sahel_towns), nullptr, store::BoundingBox{-3, 13, 1, 15});
    REQUIRE(points.size() == 2);
    CHECK(points.ids[0] == "BFA3002");
    CHECK(points.ids[1] == "BFA3005");
}

TEST_CASE("a CSV without coordinate columns still goes through OGR", "[render][csv]") {
    TempDir dir;
    const auto csv = dir.write("places.csv", "event_type,location\nBattles,Menaka\n");
    CHECK(load(csv).size() == 0);
}

TEST_CASE("a CSV whose quoted field never closes is an error naming its line", "[render][csv]") {
    TempDir dir;
    const auto csv = dir.write("open.csv", "longitude,latitude,location\n1.0,13.0,\"Tillaberi\n");
    REQUIRE_THROWS_AS(load(csv), InputError);
    REQUIRE_THROWS_WITH(load(csv), Catch::Contains("open.csv:2"));
}

TEST_CASE("a CSV of points filtered by SQL goes through OGR, told the coordinate columns", "[render][csv]") {
    TempDir dir;
    IncidentSource source;
    source.input = dir.write("filtered.csv", sahel_towns).string();
    store::set_type_filter(source.filter, "battles");
    const auto points = load_incidents(source, attributes);
    REQUIRE(points.size() == 1);
    CHECK(points.ids[0] == "MLI2001");
    CHECK(points.lon[0] == 1.0111);
    CHECK(points.lat[0] == 20.2011);
    CHECK(text_of(points, "fatalities", 0) == "4");
}
