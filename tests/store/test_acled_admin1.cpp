// First-level regions as ACLED codes them: Burkina Faso's 13 regions made
// from its 45 provinces, Mali's regions by their usual names, Ménaka and
// Taoudénit led to the regions that draw them, rings wound as RFC 7946 asks.
#include "adapters/geos.hpp"
#include "store/acled_admin1.hpp"
#include "store/aggregate.hpp"
#include "store/export.hpp"
#include "store/filter.hpp"
#include "store/regions.hpp"
#include "store_test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

using namespace incimap::store;
using incimap::store_test::incident_at;
using incimap::store_test::TempDir;

namespace {

// Twice the signed area of a ring (shoelace): positive when it turns
// counter-clockwise.
double signed_area(const nlohmann::json& ring) {
    double sum = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i)
        sum += ring[i][0].get<double>() * ring[i + 1][1].get<double>() -
               ring[i + 1][0].get<double>() * ring[i][1].get<double>();
    return sum;
}

// The polygons of a Polygon or MultiPolygon, as rings of positions.
nlohmann::json polygons_of(const nlohmann::json& geometry) {
    return geometry["type"] == "Polygon" ? nlohmann::json::array({geometry["coordinates"]})
                                         : geometry["coordinates"];
}

// Burkina Faso's regions and a town in each (their seats).
const std::map<std::string, std::pair<double, double>> burkina_seats{
    {"Boucle du Mouhoun", {-3.46, 12.46}},
    {"Cascades", {-4.76, 10.63}},
    {"Centre", {-1.52, 12.37}},
    {"Centre-Est", {-0.37, 11.78}},
    {"Centre-Nord", {-1.08, 13.09}},
    {"Centre-Ouest", {-2.36, 12.25}},
    {"Centre-Sud", {-1.07, 11.66}},
    {"Est", {0.36, 12.06}},
    {"Hauts-Bassins", {-4.30, 11.18}},
    {"Nord", {-2.42, 13.58}},
    {"Plateau-Central", {-1.30, 12.58}},
    {"Sahel", {-0.03, 14.03}},
    {"Sud-Ouest", {-3.18, 10.33}},
};

} // namespace

TEST_CASE("Burkina Faso has its 13 regions, each the union of its provinces", "[store][regions]") {
    incimap::geos::Context context;
    const auto regions = RegionIndex::admin1(context);
    std::set<std::string> burkina;
    for (std::size_t i = 0; i < regions.size(); ++i)
        if (regions[i].iso == "BF")
            burkina.insert(regions[i].name);
    CHECK(burkina.size() == 13);
    for (const auto& [name, seat] : burkina_seats) {
        INFO(name);
        CHECK(burkina.contains(name));
        const auto found = regions.locate(seat.first, seat.second);
        REQUIRE(found);
        CHECK(regions[*found].name == name);
    }
    // 291 Natural Earth features, 45 provinces made 13 regions.
    CHECK(regions.size() == 291 - 45 + 13);

    SECTION("a region is one shape: no gap was left between its provinces") {
        const auto document = nlohmann::json::parse(acled_admin1_geojson());
        for (const auto& feature : document["features"]) {
            if (feature["properties"]["iso_a2"] != "BF")
                continue;
            INFO(feature["properties"]["name"]);
            const auto& geometry = feature["geometry"];
            const auto polygons = polygons_of(geometry);
            CHECK(polygons.size() == 1);
            CHECK(polygons[0].size() == 1); // no hole where two provinces met
            CHECK(context.read_geojson(geometry.dump()).is_valid());
        }
    }
}

TEST_CASE("Every region's rings wind as RFC 7946 asks", "[store][regions]") {
    const auto document = nlohmann::json::parse(acled_admin1_geojson());
    std::size_t exteriors = 0, holes = 0;
    for (const auto& feature : document["features"]) {
        INFO(feature["properties"]["name"]);
        for (const auto& polygon : polygons_of(feature["geometry"]))
            for (std::size_t r = 0; r < polygon.size(); ++r) {
                if (r == 0) {
                    CHECK(signed_area(polygon[r]) > 0); // counter-clockwise
                    ++exteriors;
                } else {
                    CHECK(signed_area(polygon[r]) < 0); // clockwise
                    ++holes;
                }
            }
    }
    CHECK(exteriors > 259);
    CHECK(holes > 0); // Natural Earth's enclaves: the rule is tested both ways
}

TEST_CASE("Region names match in the spellings ACLED and GeoNames use", "[store][regions]") {
    CHECK(admin1_key("Segou") == admin1_key("Ségou"));
    CHECK(admin1_key("TOMBOUCTOU") == admin1_key("Timbuktu"));
    CHECK(admin1_key("Haut-Bassins") == admin1_key("Hauts-Bassins"));
    CHECK(admin1_key("Menaka") == admin1_key("Ménaka"));
    CHECK(admin1_key("Taoudeni") == admin1_key("Taoudénit"));
    CHECK(admin1_key("Menaka") != admin1_key("Gao"));
    CHECK(admin1_key("Centre-Est") != admin1_key("Centre"));

    SECTION("Ménaka and Taoudénit are drawn inside the regions they were cut from, with a note") {
        const auto menaka = admin1_boundary("Menaka");
        CHECK(menaka.name == "Gao");
        CHECK_THAT(menaka.note, Catch::Contains("2016") && Catch::Contains("Gao"));
        CHECK(admin1_boundary("Taoudénit").name == "Tombouctou");
        CHECK(admin1_boundary("Timbuktu").name == "Tombouctou");
        CHECK(admin1_boundary("Timbuktu").note.empty());
        CHECK(admin1_boundary("Est").name == "Est");
    }
    SECTION("--admin1 keeps the incidents of the region in any spelling") {
        IncidentFilter filter;
        filter.admin1 = "Ségou";
        auto incident = incident_at("2020-05-01", 13.4, -6.3, "Battles");
        incident.admin1 = "Segou";
        CHECK(matches_text_terms(filter, incident));
        incident.admin1 = "Mopti";
        CHECK_FALSE(matches_text_terms(filter, incident));
        filter.admin1 = "timbuktu";
        incident.admin1 = "Tombouctou";
        CHECK(matches_text_terms(filter, incident));
    }
}

TEST_CASE("Aggregating ACLED rows by admin1 counts into Burkina Faso's 13 regions",
          "[store][aggregate][regions]") {
    TempDir dir;
    auto store = IncidentStore::open((dir / "s.gpkg").string(), IncidentStore::Access::write);
    {
        auto transaction = store.begin();
        int n = 0;
        for (const auto& [name, seat] : burkina_seats) {
            auto incident =
                incident_at("2020-03-01", seat.second, seat.first, "Battles", "", "", 1);
            incident.event_id_cnty = fmt::format("BFO{}", ++n);
            incident.iso = "BF";
            incident.country = "Burkina Faso";
            incident.admin1 = name;
            store.put(incident);
        }
        auto djibo = incident_at("2020-03-02", 14.10, -1.63, "Battles", "", "", 4);
        djibo.event_id_cnty = "BFO99";
        store.put(djibo);
        // Ménaka town: drawn and counted in Gao.
        auto menaka = incident_at("2020-03-03", 15.92, 2.40, "Battles", "", "", 2);
        menaka.event_id_cnty = "MLI1";
        menaka.admin1 = "Menaka";
        store.put(menaka);
        transaction.commit();
    }
    const auto result = aggregate(store, {}, parse_grouping("admin1"));
    std::map<std::string, const Group*> burkina;
    const Group* gao = nullptr;
    for (const auto& group : result.groups) {
        if (group.labels["iso"] == "BF")
            burkina[group.labels["admin1"].get<std::string>()] = &group;
        if (group.key == "ML|Gao")
            gao = &group;
    }
    CHECK(burkina.size() == 13);
    for (const auto& [name, seat] : burkina_seats) {
        INFO(name);
        REQUIRE(burkina.contains(name));
        CHECK(burkina[name]->count == (name == "Sahel" ? 2 : 1));
    }
    CHECK(burkina["Sahel"]->fatalities == 5);
    REQUIRE(gao != nullptr);
    CHECK(gao->count == 1);
    CHECK_THAT(gao->labels["note"].get<std::string>(), Catch::Contains("Ménaka"));
}

TEST_CASE("admin1.geojson winds its rings as RFC 7946 asks and has its QGIS style",
          "[store][aggregate][regions]") {
    TempDir dir;
    auto store = IncidentStore::open((dir / "s.gpkg").string(), IncidentStore::Access::write);
    {
        auto transaction = store.begin();
        auto incident = incident_at("2020-03-01", 12.06, 0.36, "Battles");  // Fada N'Gourma
        incident.event_id_cnty = "BFO1";
        store.put(incident);
        auto mopti = incident_at("2020-03-02", 14.49, -4.19, "Battles");
        mopti.event_id_cnty = "MLI1";
        store.put(mopti);
        transaction.commit();
    }
    const auto out = dir / "admin1.geojson";
    write_aggregation(aggregate(store, {}, parse_grouping("admin1")), out);
    const auto document = nlohmann::json::parse(incimap::store_test::read_file(out));
    std::size_t regions = 0;
    for (const auto& feature : document["features"]) {
        if (feature["geometry"].is_null())
            continue;
        ++regions;
        INFO(feature["properties"]["admin1"]);
        for (const auto& polygon : polygons_of(feature["geometry"]))
            for (std::size_t r = 0; r < polygon.size(); ++r)
                CHECK((r == 0 ? signed_area(polygon[r]) > 0 : signed_area(polygon[r]) < 0));
    }
    CHECK(regions == 13 + 9);

    SECTION("its QGIS style colours the regions by their count of incidents") {
        write_layer_style(style_path_for(out), LayerStyle::regions);
        const auto qml = incimap::store_test::read_file(dir / "admin1.qml");
        CHECK_THAT(qml, Catch::Contains(R"(type="graduatedSymbol" attr="count")"));
        CHECK_THAT(qml, Catch::Contains(R"(<range lower="0.000000" upper="0.000000")"));
    }
}
