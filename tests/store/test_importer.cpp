#include "adapters/gdal.hpp"
#include "core/error.hpp"
#include "sources/csv.hpp"
#include "store/export.hpp"
#include "store/importer.hpp"
#include "text/utf8.hpp"
#include "store_test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <map>
#include <string_view>
#include <vector>

using incimap::Incident;
using incimap::store::ImportOptions;
using incimap::store::ImportReport;
using incimap::store::IncidentStore;
using incimap::store_test::TempDir;

namespace {

using Access = IncidentStore::Access;
const std::filesystem::path fixtures = std::filesystem::path(INCIMAP_TEST_DIR) / "store" / "fixtures";

ImportReport import_into(const std::string& store_path, std::vector<std::filesystem::path> files,
                         const ImportOptions& options = {}) {
    auto store = IncidentStore::open(store_path, Access::write);
    auto report = incimap::store::import_files(store, files, options);
    store.close();
    return report;
}

std::map<std::string, Incident> by_event_id(const std::string& store_path) {
    auto store = IncidentStore::open(store_path, Access::read);
    std::map<std::string, Incident> incidents;
    store.scan({}, [&](const Incident& incident) { incidents[incident.event_id_cnty] = incident; });
    return incidents;
}

// The incidents of two stores, matched by event id, say the same.
void check_same_incidents(const std::string& first, const std::string& second) {
    auto a = by_event_id(first), b = by_event_id(second);
    REQUIRE(a.size() == b.size());
    for (const auto& [id, x] : a) {
        INFO(id);
        const auto& y = b.at(id);
        CHECK(x.event_date == y.event_date);
        CHECK(x.time_precision == y.time_precision);
        CHECK(x.event_type == y.event_type);
        CHECK(x.sub_event_type == y.sub_event_type);
        CHECK(x.actor1 == y.actor1);
        CHECK(x.actor2 == y.actor2);
        CHECK(x.assoc_actors == y.assoc_actors);
        CHECK(x.location == y.location);
        CHECK(x.latitude == y.latitude);
        CHECK(x.longitude == y.longitude);
        CHECK(x.country == y.country);
        CHECK(x.iso == y.iso);
        CHECK(x.admin1 == y.admin1);
        CHECK(x.geo_precision == y.geo_precision);
        CHECK(x.fatalities == y.fatalities);
        CHECK(x.fatalities_low == y.fatalities_low);
        CHECK(x.fatalities_high == y.fatalities_high);
        CHECK(x.geonameid == y.geonameid);
        CHECK(incimap::store::joined_notes(x) == incimap::store::joined_notes(y));
        CHECK(x.source == y.source);
        CHECK(x.sources == y.sources);
    }
}

} // namespace

TEST_CASE("An ACLED export is imported, and importing it again updates instead of duplicating",
          "[store][import]") {
    TempDir dir;
    auto store = (dir / "s.gpkg").string();
    auto report = import_into(store, {fixtures / "acled_current.csv"});
    CHECK(report.total.rows == 8);
    CHECK(report.total.imported == 8);
    CHECK(report.total.rejected == 0);

    auto incidents = by_event_id(store);
    REQUIRE(incidents.size() == 8);
    const auto& tinzaouaten = incidents.at("MLI90002");
    CHECK(tinzaouaten.event_date == "2024-07-27");  // from "27 July 2024"
    CHECK(tinzaouaten.fatalities == 47);
    CHECK(tinzaouaten.iso == "ML");  // ACLED's numeric 466
    CHECK(tinzaouaten.country == "Mali");
    CHECK(tinzaouaten.actor2 == "Wagner Group");
    CHECK(tinzaouaten.assoc_actors ==
          std::vector<std::string>{"JNIM: Group for Support of Islam and Muslims"});
    CHECK(tinzaouaten.latitude == 19.9543);
    CHECK(tinzaouaten.longitude == 2.9673);
    CHECK(incidents.at("MLI90005").event_date == "2023-11-14");  // "14-November-2023"
    CHECK(incidents.at("BFO90003").source == "Local NGO, \"field team\"");
    CHECK(incidents.at("MLI90001").sources == 2);  // "Local radio; Wire service"
    CHECK(incidents.at("NIG90004").time_precision == incimap::TimePrecision::week);
    CHECK(incidents.at("NIG90004").geo_precision == incimap::GeoPrecision::near);

    auto again = import_into(store, {fixtures / "acled_current.csv"});
    CHECK(again.total.imported == 0);
    CHECK(again.total.updated == 8);
    CHECK(by_event_id(store).size() == 8);
}

TEST_CASE("Columns are found by name, in any order, extra columns ignored", "[store][import]") {
    TempDir dir;
    auto file = dir.write("reordered.csv",
                          "Latitude,LONGITUDE,my_note,event_type,event_date,event_id_cnty,location\n"
                          "13.5137,2.1098,ignored,Riots,2024-05-01,NIG1,Niamey\n");
    auto store = (dir / "s.gpkg").string();
    auto report = import_into(store, {file});
    CHECK(report.total.imported == 1);
    auto incident = by_event_id(store).at("NIG1");
    CHECK(incident.location == "Niamey");
    CHECK(incident.longitude == 2.1098);
}

TEST_CASE("The pre-2020 ACLED schema is mapped onto today's event types", "[store][import]") {
    TempDir dir;
    auto store = (dir / "s.gpkg").string();
    auto report = import_into(store, {fixtures / "acled_oldschema.csv"});
    CHECK(report.total.imported == 8);
    auto incidents = by_event_id(store);
    using Pair = std::pair<std::string, std::string>;
    auto types = [&](const std::string& id) {
        return Pair{incidents.at(id).event_type, incidents.at(id).sub_event_type};
    };
    CHECK(types("MLI80001") == Pair{"Battles", "Armed clash"});
    CHECK(types("MLI80002") == Pair{"Battles", "Government regains territory"});
    CHECK(types("BFO80003") == Pair{"Battles", "Non-state actor overtakes territory"});
    CHECK(types("BFO80004") == Pair{"Protests", "Protest with intervention"});
    CHECK(types("BFO80005") == Pair{"Riots", "Mob violence"});
    CHECK(types("NIG80006") == Pair{"Explosions/Remote violence", ""});
    CHECK(types("NIG80007") == Pair{"Strategic developments", "Headquarters or base established"});
    CHECK(types("MLI80008") == Pair{"Strategic developments", ""});
}

TEST_CASE("Every row is imported, updated or rejected with its line and reason",
          "[store][import]") {
    TempDir dir;
    auto file = dir.write(
        "mixed.csv",
        "event_id_cnty,event_date,event_type,location,latitude,longitude,fatalities,notes\n"
        "MLI1,2024-03-01,Battles,Gao,16.2717,-0.0447,3,fine\n"              // 2
        "MLI2,2024-02-31,Battles,Gao,16.2717,-0.0447,0,no such day\n"       // 3
        "MLI3,2024-03-01,Skirmish,Gao,16.2717,-0.0447,0,unknown type\n"     // 4
        "MLI4,2024-03-01,Battles,Gao,91.5,-0.0447,0,latitude\n"             // 5
        "MLI5,2024-03-01,Battles,Gao,16.2,-181,0,longitude\n"               // 6
        "MLI6,2024-03-01,Battles,Gao,nan,-0.0447,0,nan\n"                   // 7
        "MLI7,2024-03-01,Battles,Gao,0,0,0,null island\n"                   // 8
        "MLI8,2024-03-01,Battles,Gao,16.2717\n"                             // 9
        "MLI9,2024-03-01,Battles,\"Gao,16.2717,-0.0447,0,open quote\n"      // 10
        "MLI10,2024-03-01,Battles,G\xC3o,16.2717,-0.0447,0,bad utf-8\n"     // 11
        "MLI11,2024-03-01,Battles,Gao,16.2717,-0.0447,-4,negative\n"        // 12
        "MLI1,2024-03-01,Battles,Gao,16.2717,-0.0447,5,again\n");           // 13
    auto store = (dir / "s.gpkg").string();
    ImportOptions options;
    options.rejects = dir / "rejects.csv";
    auto report = import_into(store, {file}, options);

    CHECK(report.total.rows == 12);
    CHECK(report.total.imported == 1);
    CHECK(report.total.updated == 1);
    CHECK(report.total.rejected == 10);
    CHECK(report.total.imported + report.total.updated + report.total.rejected ==
          report.total.rows);

    std::vector<std::pair<long, std::string>> rejected;
    incimap::sources::CsvReader reader(options.rejects, incimap::sources::BadRecords::keep);
    incimap::sources::CsvRecord record;
    REQUIRE(reader.next(record));
    REQUIRE(record.fields.size() == 10);
    CHECK(record.fields[0] == "line");
    CHECK(record.fields[1] == "reason");
    CHECK(record.fields[2] == "event_id_cnty");
    while (reader.next(record))
        rejected.emplace_back(std::stol(std::string(record.fields[0])), std::string(record.fields[1]));
    REQUIRE(rejected.size() == 10);
    CHECK(rejected[0] == std::pair<long, std::string>{3, "event_date '2024-02-31' is not a valid date"});
    CHECK(rejected[1] == std::pair<long, std::string>{4, "unknown event_type 'Skirmish'"});
    CHECK(rejected[2] == std::pair<long, std::string>{5, "latitude '91.5' out of range (-90 to 90)"});
    CHECK(rejected[3] == std::pair<long, std::string>{6, "longitude '-181' out of range (-180 to 180)"});
    CHECK(rejected[4] == std::pair<long, std::string>{7, "latitude 'nan' is not a number"});
    CHECK(rejected[5].first == 8);
    CHECK(rejected[5].second.find("0,0") != std::string::npos);
    CHECK(rejected[6] == std::pair<long, std::string>{9, "5 fields where the header has 8"});
    CHECK(rejected[7] == std::pair<long, std::string>{10, "unterminated quoted field"});
    CHECK(rejected[8] == std::pair<long, std::string>{11, "invalid UTF-8 in field 4 at byte 2"});
    CHECK(rejected[9] == std::pair<long, std::string>{12, "fatalities '-4' is not a whole number from 0 to 1000000"});

    CHECK(report.rejections.size() == 10);
    CHECK(report.rejections[0].starts_with(file.string() + ":3: event_date"));
    CHECK(by_event_id(store).at("MLI1").fatalities == 5);
}

TEST_CASE("Rows without an event id are known by all they code: none overwrites another",
          "[store][import]") {
    TempDir dir;
    auto file = dir.write("no_ids.csv",
                          "event_date,event_type,sub_event_type,actor1,location,latitude,"
                          "longitude,fatalities,source\n"
                          "2021-06-05,Battles,Armed clash,JNIM,Solhan,13.4,0.03,12,Radio A\n"
                          "2021-06-05,Battles,Armed clash,JNIM,Solhan,13.4,0.03,12,Radio B\n"
                          "2021-06-05,Battles,Armed clash,JNIM,Solhan,13.4,0.03,30,Radio A\n"
                          "2021-06-05,Battles,Armed clash,JNIM,Solhan,13.4,0.03,12,Radio A\n");
    auto store = (dir / "s.gpkg").string();
    auto report = import_into(store, {file});
    CHECK(report.total.imported == 3);
    CHECK(report.total.updated == 1);  // the last row repeats the first
    CHECK(by_event_id(store).size() == 3);
    auto again = import_into(store, {file});
    CHECK(again.total.imported == 0);
    CHECK(again.total.updated == 4);
    CHECK(by_event_id(store).size() == 3);
}

TEST_CASE("A file without the columns an incident needs is refused as a whole",
          "[store][import]") {
    TempDir dir;
    auto store = (dir / "s.gpkg").string();
    auto no_type = dir.write("no_type.csv", "event_date,latitude,longitude\n2024-01-01,1,1\n");
    CHECK_THROWS_WITH(import_into(store, {no_type}),
                      Catch::Contains("no_type.csv:1") && Catch::Contains("no event_type column"));
    auto no_place = dir.write("no_place.csv", "event_date,event_type\n2024-01-01,Battles\n");
    CHECK_THROWS_WITH(import_into(store, {no_place}), Catch::Contains("neither latitude"));
    CHECK_THROWS_WITH(import_into(store, {dir / "missing.csv"}),
                      Catch::Contains("missing.csv") && Catch::Contains("no such file"));
    ImportOptions acled;
    acled.format = incimap::store::ImportFormat::acled;
    auto plain = dir.write("plain.csv", "date,type,lat,lon\n2024-01-01,Battles,14,1\n");
    CHECK_THROWS_WITH(import_into(store, {plain}, acled), Catch::Contains("not an ACLED export"));
    CHECK_FALSE(std::filesystem::exists(store));
}

TEST_CASE("Rows naming only a place are placed through the gazetteer", "[store][import]") {
    TempDir dir;
    auto file = dir.write("places.csv",
                          "date,type,place,country,deaths\n"
                          "2024-04-02,Battles,Boulkessi,BF,7\n"
                          "2024-04-03,Battles,Nowhere,BF,1\n");
    auto store = (dir / "s.gpkg").string();

    SECTION("without a gazetteer they are rejected") {
        auto report = import_into(store, {file});
        CHECK(report.total.rejected == 2);
        CHECK(report.rejections[0].ends_with(
            "no coordinates for 'Boulkessi' and no gazetteer to look it up"));
    }
    SECTION("with one they are found, or rejected when not found") {
        incimap::store::PlaceResolver resolver = [](const incimap::store::PlaceQuery& row) {
            if (row.location == "Boulkessi" && row.iso == "BF")
                return incimap::store::ResolvedPlace{"Boulkessi", 14.62, -1.52, 2362344, "BF", "Sahel"};
            throw incimap::InputError(fmt::format("place '{}' not found in the gazetteer", row.location));
        };
        ImportOptions options;
        options.context.resolver = &resolver;
        auto report = import_into(store, {file}, options);
        CHECK(report.total.imported == 1);
        CHECK(report.total.rejected == 1);
        CHECK(report.rejections[0].ends_with("place 'Nowhere' not found in the gazetteer"));
        auto incidents = by_event_id(store);
        REQUIRE(incidents.size() == 1);
        const auto& incident = incidents.begin()->second;
        CHECK(incident.event_id_cnty.starts_with("incimap-"));
        CHECK(incident.geonameid == 2362344);
        CHECK(incident.latitude == 14.62);
        CHECK(incident.admin1 == "Sahel");
        CHECK(incident.fatalities == 7);
        CHECK(incident.country == "Burkina Faso");
        CHECK(incident.iso == "BF");

        auto again = import_into(store, {file}, options);
        CHECK(again.total.updated == 1);
    }
}

TEST_CASE("A table with only a place-name column is placed in the country --country gives",
          "[store][import]") {
    TempDir dir;
    auto file = dir.write("villages.csv",
                          "date,type,place_name,killed\n"
                          "2024-05-06,Violence against civilians,Djibo,3\n");
    auto store = (dir / "s.gpkg").string();
    std::vector<std::string> asked;
    incimap::store::PlaceResolver resolver = [&](const incimap::store::PlaceQuery& row) {
        asked.emplace_back(row.iso);
        if (row.location == "Djibo" && row.iso == "BF")
            return incimap::store::ResolvedPlace{"Djibo", 14.0994, -1.6255, 2361177, "BF", "Sahel"};
        throw incimap::InputError(fmt::format("place '{}' not found", row.location));
    };
    ImportOptions options;
    options.context.resolver = &resolver;

    SECTION("without --country the gazetteer has no hint and finds nothing here") {
        auto report = import_into(store, {file}, options);
        CHECK(report.total.rejected == 1);
        CHECK(asked == std::vector<std::string>{""});
    }
    SECTION("with --country BF the row is placed in Burkina Faso") {
        options.context.default_iso = "BF";
        auto report = import_into(store, {file}, options);
        CHECK(report.total.imported == 1);
        CHECK(asked == std::vector<std::string>{"BF"});
        auto incident = by_event_id(store).begin()->second;
        CHECK(incident.location == "Djibo");
        CHECK(incident.geonameid == 2361177);
        CHECK(incident.latitude == 14.0994);
        CHECK(incident.longitude == -1.6255);
        CHECK(incident.iso == "BF");
        CHECK(incident.country == "Burkina Faso");
        CHECK(incident.fatalities == 3);
    }
}

TEST_CASE("Malformed rows and values are each rejected with a reason, the rest imported",
          "[store][import]") {
    TempDir dir;
    auto file = dir.write(
        "more.csv",
        "event_id_cnty,event_date,event_type,location,latitude,longitude\n"
        "BF1,2024-03-01,Battles,Djibo,14.1,-1.63,surplus\n"      // 2
        "BF2,\"2024-03-01\"x,Battles,Djibo,14.1,-1.63\n"        // 3
        "BF3,early March 2024,Battles,Djibo,14.1,-1.63\n"       // 4
        "BF4,,Battles,Djibo,14.1,-1.63\n"                       // 5
        "BF5,2024-03-01,Ambush,Djibo,14.1,-1.63\n"              // 6
        "BF6,2024-03-01,Battles,Djibo,inf,-1.63\n"              // 7
        "BF7,2024-03-01,Battles,Djibo,-90.5,-1.63\n"            // 8
        "BF8,2024-03-01,Battles,Djibo,14.1,-1.63\n");           // 9
    auto store = (dir / "s.gpkg").string();
    auto report = import_into(store, {file});
    CHECK(report.total.rows == 8);
    CHECK(report.total.imported == 1);
    CHECK(report.total.rejected == 7);
    CHECK(report.total.imported + report.total.updated + report.total.rejected ==
          report.total.rows);
    REQUIRE(report.rejections.size() == 7);
    auto at = [&](int line) { return fmt::format("{}:{}: ", file.string(), line); };
    CHECK(report.rejections[0] == at(2) + "7 fields where the header has 6");
    CHECK(report.rejections[1].starts_with(at(3) + "text after the closing quote of field 2"));
    CHECK(report.rejections[2] == at(4) + "event_date 'early March 2024' is not a valid date");
    CHECK(report.rejections[3] == at(5) + "no event_date");
    CHECK(report.rejections[4] == at(6) + "unknown event_type 'Ambush'");
    CHECK(report.rejections[5].starts_with(at(7) + "latitude 'inf'"));
    CHECK(report.rejections[6] == at(8) + "latitude '-90.5' out of range (-90 to 90)");
    REQUIRE(by_event_id(store).size() == 1);
    CHECK(by_event_id(store).contains("BF8"));
}

TEST_CASE("GeoJSON is imported through OGR, points only", "[store][import]") {
    TempDir dir;
    auto store = (dir / "s.gpkg").string();
    auto report = import_into(store, {fixtures / "places.geojson"});
    CHECK(report.total.rows == 3);
    CHECK(report.total.imported == 2);
    CHECK(report.total.rejected == 1);
    CHECK(report.rejections[0].ends_with(":3: geometry is a LINESTRING, not a point"));
    std::vector<Incident> incidents;
    auto opened = IncidentStore::open(store, Access::read);
    opened.scan({}, [&](const Incident& i) { incidents.push_back(i); });
    REQUIRE(incidents.size() == 2);
    CHECK(incidents[0].location == "Timbuktu");
    CHECK(incidents[0].longitude == -3.0074);
    CHECK(incidents[0].latitude == 16.7735);
    CHECK(incidents[0].iso == "ML");
    CHECK(incidents[0].fatalities == 4);
}

TEST_CASE("Import, export and import again gives the same incidents",
          "[store][import][export]") {
    TempDir dir;
    auto first = (dir / "first.gpkg").string();
    import_into(first, {fixtures / "acled_current.csv", fixtures / "acled_oldschema.csv"});
    auto round_trip = [&](incimap::store::ExportFormat format, const std::string& name) {
        {
            auto store = IncidentStore::open(first, Access::read);
            CHECK(incimap::store::export_incidents(store, {}, format, dir / name) == 16);
        }
        auto second = (dir / "second.gpkg").string();
        auto report = import_into(second, {dir / name});
        CHECK(report.total.imported == 16);
        CHECK(report.total.rejected == 0);
        check_same_incidents(first, second);
    };
    SECTION("through ACLED CSV") { round_trip(incimap::store::ExportFormat::csv, "out.csv"); }
    SECTION("through GeoJSON") { round_trip(incimap::store::ExportFormat::geojson, "out.geojson"); }
}

TEST_CASE("A GeoJSON export reads back through OGR with lon/lat points and typed properties",
          "[store][export]") {
    TempDir dir;
    auto path = (dir / "s.gpkg").string();
    import_into(path, {fixtures / "acled_current.csv"});
    auto out = dir / "incidents.geojson";
    {
        auto store = IncidentStore::open(path, Access::read);
        incimap::store::IncidentFilter filter;
        filter.country = "ML";
        filter.country_is_code = true;
        CHECK(incimap::store::export_incidents(store, filter, incimap::store::ExportFormat::geojson,
                                               out) == 4);
    }
    auto dataset = incimap::gdal::Dataset::open(out.string(), false);
    auto layer = dataset.layer(0);
    CHECK(layer.count() == 4);
    std::map<std::string, incimap::gdal::Point> points;
    while (auto feature = layer.next()) {
        auto id = std::string(feature->get_string(layer.field_index("event_id_cnty")));
        points[id] = *feature->point();
        if (id == "MLI90002") {
            CHECK(layer.field_type(layer.field_index("fatalities")) != incimap::gdal::FieldType::string);
            CHECK(feature->get_integer(layer.field_index("fatalities")) == 47);
            CHECK(feature->get_string(layer.field_index("event_date")).starts_with("2024"));
            CHECK(feature->fid() == feature->get_integer(layer.field_index("id")));
        }
    }
    REQUIRE(points.contains("MLI90002"));
    CHECK(points["MLI90002"].x == Approx(2.9673).margin(1e-9));   // longitude first
    CHECK(points["MLI90002"].y == Approx(19.9543).margin(1e-9));
    auto text = incimap::store_test::read_file(out);
    CHECK(text.find("\"coordinates\":[2.967300,19.954300]") != std::string::npos);
}

TEST_CASE("Exports keep names in UTF-8, and read back the same", "[store][export]") {
    TempDir dir;
    auto path = (dir / "s.gpkg").string();
    {
        auto store = IncidentStore::open(path, Access::write);
        auto writing = store.begin();
        auto incident = incimap::store_test::incident_at("2024-02-11", 13.4317, -6.2157,
                                                         "Violence against civilians",
                                                         "Forces armées maliennes", "", 2);
        incident.event_id_cnty = "MLI7";
        incident.location = "Ségou";
        incident.admin1 = "Ségou";
        incident.iso = "ML";
        store.put(incident);
        writing.commit();
        store.close();
    }
    auto store = IncidentStore::open(path, Access::read);
    for (auto [format, name] : {std::pair{incimap::store::ExportFormat::geojson, "out.geojson"},
                                std::pair{incimap::store::ExportFormat::csv, "out.csv"}}) {
        INFO(name);
        auto out = dir / name;
        REQUIRE(incimap::store::export_incidents(store, {}, format, out) == 1);
        auto text = incimap::store_test::read_file(out);
        CHECK(incimap::text::is_valid_utf8(text));
        CHECK(text.find("S\xC3\xA9gou") != std::string::npos);  // the bytes, not an escape
        auto copy = (dir / (std::string(name) + ".gpkg")).string();
        CHECK(import_into(copy, {out}).total.imported == 1);
        auto back = by_event_id(copy).at("MLI7");
        CHECK(back.location == "Ségou");
        CHECK(back.actor1 == "Forces armées maliennes");
    }
}

TEST_CASE("A GeoPackage export is a store of its own with the same incidents and sources",
          "[store][export]") {
    TempDir dir;
    auto path = (dir / "s.gpkg").string();
    auto store = IncidentStore::open(path, Access::write);
    auto report = incimap::store_test::incident_at("2024-03-02", 16.27, -0.04, "Battles", "JNIM", "", 9);
    report.notes.push_back({"Nine soldiers died.", 0, 0});
    incimap::store::SourceRecord source;
    source.url = "https://example.org/a";
    source.content_hash = "abc";
    auto added = store.add(report, source);
    auto copy = dir / "copy.gpkg";
    CHECK(incimap::store::export_gpkg(store, {}, copy) == 1);
    store.close();

    auto exported = IncidentStore::open(copy.string(), Access::read);
    auto incident = exported.find(added.incident_id);
    REQUIRE(incident);
    CHECK(incident->fatalities == 9);
    auto links = exported.links_of(added.incident_id);
    REQUIRE(links.size() == 1);
    CHECK(links[0].evidence == "Nine soldiers died.");
    CHECK(links[0].source.url == "https://example.org/a");
}

namespace {

// The cells of a CSV file that a spreadsheet would run as formulas: those
// starting with =, +, -, @, a tab or a carriage return that are not numbers.
std::vector<std::string> formula_cells(const std::filesystem::path& path) {
    std::vector<std::string> found;
    incimap::sources::CsvReader reader(path, incimap::sources::BadRecords::stop);
    std::vector<std::string> fields;
    while (reader.next(fields))
        for (const auto& cell : fields) {
            if (cell.empty() || std::string_view("=+-@\t\r").find(cell.front()) == std::string_view::npos)
                continue;
            char* end = nullptr;
            std::strtod(cell.c_str(), &end);
            if (end != cell.c_str() + cell.size())
                found.push_back(cell);
        }
    return found;
}

} // namespace

TEST_CASE("CSV exports and rejects hold no cell a spreadsheet would run as a formula",
          "[store][import][export]") {
    TempDir dir;
    auto file = dir.write(
        "planted.csv",
        "event_id_cnty,event_date,event_type,actor1,location,latitude,longitude,fatalities,notes\n"
        "MLI1,2024-03-01,Battles,\"+cmd|' /C calc'!A0\",\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","
        "16.2717,-0.0447,3,@SUM(1)\n"
        "MLI2,2024-02-31,Battles,-x,Gao,16.2717,-0.0447,0,=1+1\n"
        "MLI3,2024-03-01,Battles,JNIM,Gao,16.2717,-0.0447,-4,\"\tlead\"\n");
    auto path = (dir / "s.gpkg").string();
    ImportOptions options;
    options.rejects = dir / "rejects.csv";
    auto report = import_into(path, {file}, options);
    REQUIRE(report.total.imported == 1);
    REQUIRE(report.total.rejected == 2);

    SECTION("the rejects") {
        CHECK(formula_cells(options.rejects).empty());
        const auto text = incimap::store_test::read_file(options.rejects);
        CHECK(text.find(",'=1+1") != std::string::npos);
        CHECK(text.find(",'-x,") != std::string::npos);
        CHECK(text.find(",-4,") != std::string::npos);  // a number stays a number
    }
    SECTION("the CSV export") {
        auto store = IncidentStore::open(path, Access::read);
        for (auto format : {incimap::store::ExportFormat::csv, incimap::store::ExportFormat::acled}) {
            auto out = dir / "out.csv";
            REQUIRE(incimap::store::export_incidents(store, {}, format, out) == 1);
            CHECK(formula_cells(out).empty());
            const auto text = incimap::store_test::read_file(out);
            CHECK(text.find("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"") != std::string::npos);
            CHECK(text.find("'+cmd|' /C calc'!A0") != std::string::npos);
            CHECK(text.find("'@SUM(1)") != std::string::npos);
            CHECK(text.find(",-0.0447,") != std::string::npos);
        }
    }
}
