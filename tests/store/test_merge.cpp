#include "store/merge.hpp"
#include "store_test_support.hpp"

#include <catch2/catch.hpp>

using incimap::Incident;
using incimap::store::distance_km;
using incimap::store::merge_reports;
using incimap::store::same_incident;
using incimap::store_test::incident_at;

// Gao, Mali; 0.05° of latitude is about 5.6 km, 0.1° about 11 km.
constexpr double gao_lat = 16.2717, gao_lon = -0.0447;

TEST_CASE("Distances are great-circle kilometres", "[store][merge]") {
    // Bamako to Gao: about 960 km.
    CHECK(distance_km(12.6392, -8.0029, gao_lat, gao_lon) == Approx(960).margin(15));
    CHECK(distance_km(gao_lat, gao_lon, gao_lat + 0.1, gao_lon) == Approx(11.12).margin(0.05));
    CHECK(distance_km(gao_lat, gao_lon, gao_lat, gao_lon) == 0);
}

TEST_CASE("Two reports are the same incident only when every merge rule holds",
          "[store][merge]") {
    Incident stored = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "JNIM",
                                  "Military Forces of Mali", 10);

    SECTION("same day, same place, same type, same actors: merged") {
        auto report = incident_at("2024-03-02", gao_lat + 0.05, gao_lon, "Battles", "JNIM",
                                  "Military Forces of Mali", 14);
        CHECK(same_incident(stored, report).same);
    }
    SECTION("rule 1: another day is another incident") {
        auto report = incident_at("2024-03-03", gao_lat, gao_lon, "Battles", "JNIM");
        auto decision = same_incident(stored, report);
        CHECK_FALSE(decision.same);
        CHECK(decision.reason == "different day");
    }
    SECTION("rule 2: more than 10 km apart is another place") {
        auto report = incident_at("2024-03-02", gao_lat + 0.1, gao_lon, "Battles", "JNIM");
        CHECK(same_incident(stored, report).reason == "more than 10 km apart");
    }
    SECTION("rule 2: the same GeoNames place matches even when the points differ") {
        stored.geonameid = 2457163;
        auto report = incident_at("2024-03-02", gao_lat + 0.3, gao_lon, "Battles", "JNIM");
        report.geonameid = 2457163;
        CHECK(same_incident(stored, report).same);
    }
    SECTION("rule 3: another event type is another incident") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Violence against civilians",
                                  "JNIM");
        CHECK(same_incident(stored, report).reason == "different event type");
    }
    SECTION("rule 3: event types compare without regard to case") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "battles", "JNIM");
        CHECK(same_incident(stored, report).same);
    }
    SECTION("rule 4: a different actor is another incident") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "IS Sahel",
                                  "Military Forces of Mali");
        CHECK(same_incident(stored, report).reason == "incompatible actors");
    }
    SECTION("rule 4: an actor left empty by one report is compatible") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "",
                                  "Military Forces of Mali");
        CHECK(same_incident(stored, report).same);
    }
    SECTION("rule 4: actors named the other way round are compatible") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles",
                                  "military forces of  Mali", "JNIM");
        CHECK(same_incident(stored, report).same);
    }
}

TEST_CASE("A merged incident keeps the most conservative figure and the best precision",
          "[store][merge]") {
    Incident stored = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "JNIM", "", 20);
    stored.fatalities_low = 20;
    stored.fatalities_high = 25;
    stored.geo_precision = incimap::GeoPrecision::near;
    stored.time_precision = incimap::TimePrecision::week;
    stored.location = "Gao region";
    stored.sources = 1;
    stored.id = 7;
    stored.created = "2024-03-03T10:00:00Z";

    SECTION("fatalities: the lowest positive figure; the range widens") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "JNIM", "", 12);
        auto merged = merge_reports(stored, report);
        CHECK(merged.fatalities == 12);
        CHECK(merged.fatalities_low == 12);
        CHECK(merged.fatalities_high == 25);
    }
    SECTION("fatalities: a report without a figure lowers nothing") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "JNIM", "", 0);
        auto merged = merge_reports(stored, report);
        CHECK(merged.fatalities == 20);
        CHECK(merged.fatalities_low == 20);
        CHECK(merged.fatalities_high == 25);
    }
    SECTION("fatalities: a higher report raises only the top of the range") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "JNIM", "", 40);
        auto merged = merge_reports(stored, report);
        CHECK(merged.fatalities == 20);
        CHECK(merged.fatalities_high == 40);
    }
    SECTION("a more precise place replaces the location, a vaguer one does not") {
        auto report = incident_at("2024-03-02", gao_lat + 0.01, gao_lon, "Battles", "JNIM");
        report.geo_precision = incimap::GeoPrecision::town;
        report.location = "Gao";
        report.geonameid = 2457163;
        auto merged = merge_reports(stored, report);
        CHECK(merged.geo_precision == incimap::GeoPrecision::town);
        CHECK(merged.location == "Gao");
        CHECK(merged.latitude == gao_lat + 0.01);
        CHECK(merged.geonameid == 2457163);

        report.geo_precision = incimap::GeoPrecision::region;
        auto kept = merge_reports(stored, report);
        CHECK(kept.location == "Gao region");
        CHECK(kept.geo_precision == incimap::GeoPrecision::near);
    }
    SECTION("the better time precision wins") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "JNIM");
        report.time_precision = incimap::TimePrecision::day;
        CHECK(merge_reports(stored, report).time_precision == incimap::TimePrecision::day);
    }
    SECTION("empty fields are filled, associated actors united, sources counted") {
        stored.assoc_actors = {"Ansar Dine"};
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "JNIM",
                                  "Military Forces of Mali");
        report.sub_event_type = "Armed clash";
        report.assoc_actors = {"ansar dine", "Katiba Macina"};
        report.confidence = 0.8;
        auto merged = merge_reports(stored, report);
        CHECK(merged.actor2 == "Military Forces of Mali");
        CHECK(merged.sub_event_type == "Armed clash");
        CHECK(merged.assoc_actors == std::vector<std::string>{"Ansar Dine", "Katiba Macina"});
        CHECK(merged.confidence == 0.8);
        CHECK(merged.sources == 2);
        CHECK(merged.id == 7);
        CHECK(merged.created == "2024-03-03T10:00:00Z");
    }
    SECTION("an actor named in swapped order fills the matching side") {
        stored.actor1 = "";
        stored.actor2 = "JNIM";
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "JNIM",
                                  "Military Forces of Mali");
        auto merged = merge_reports(stored, report);
        CHECK(merged.actor1 == "Military Forces of Mali");
        CHECK(merged.actor2 == "JNIM");
    }
}
