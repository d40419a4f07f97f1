// How the store finds what a report merges with: rule 2's 10 km through the
// search box, only the report's day and place read, and by index.
#include "adapters/gdal.hpp"
#include "store/content_hash.hpp"
#include "store/incident_store.hpp"
#include "store/merge.hpp"
#include "store/merge_lookup.hpp"
#include "store_test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <string>
#include <vector>

using incimap::Incident;
using incimap::store::AddOutcome;
using incimap::store::distance_km;
using incimap::store::IncidentStore;
using incimap::store::SourceRecord;
using incimap::store_test::incident_at;
using incimap::store_test::TempDir;

namespace {

using Access = IncidentStore::Access;

// Gao, Mali, and its GeoNames id.
constexpr double gao_lat = 16.2717, gao_lon = -0.0447;
constexpr std::int64_t gao_geonameid = 2457163;

// Degrees of latitude and of longitude (at Gao) that make KM on the sphere of
// distance_km().
double km_north(double km) { return km / (6371.0 * std::numbers::pi / 180); }
double km_east(double km) { return km_north(km) / std::cos(gao_lat * std::numbers::pi / 180); }

SourceRecord source_of(const std::string& text) {
    SourceRecord source;
    source.url = "https://example.org/" + text;
    source.content_hash = incimap::store::content_hash(text);
    return source;
}

Incident battle_at(double lat, double lon, std::string date = "2024-03-02") {
    return incident_at(std::move(date), lat, lon, "Battles", "JNIM", "Military Forces of Mali", 5);
}

std::vector<std::int64_t> ids_of(const std::vector<Incident>& incidents) {
    std::vector<std::int64_t> ids;
    for (const auto& incident : incidents)
        ids.push_back(incident.id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

// What SQLite says it does for a SELECT of the incidents WHERE this clause.
std::string query_plan(const std::string& store_path, const std::string& where) {
    auto dataset = incimap::gdal::Dataset::open(store_path, false);
    auto result = dataset.query("EXPLAIN QUERY PLAN SELECT id FROM incidents WHERE " + where);
    REQUIRE(result.layer());
    auto& rows = *result.layer();
    const int detail = rows.field_index("detail");
    std::string plan;
    while (auto row = rows.next())
        plan += std::string(row->get_string(detail)) + "\n";
    return plan;
}

} // namespace

TEST_CASE("A report within 10 km on the same day merges; one 11 km away does not",
          "[store][merge]") {
    TempDir dir;
    auto store = IncidentStore::open((dir / "s.gpkg").string(), Access::write);
    auto first = store.add(battle_at(gao_lat, gao_lon), source_of("first"));
    REQUIRE(first.outcome == AddOutcome::added);

    auto report_at = [&](double lat, double lon, const std::string& text) {
        return store.add(battle_at(lat, lon), source_of(text));
    };

    SECTION("9.9 km north merges") {
        REQUIRE(distance_km(gao_lat, gao_lon, gao_lat + km_north(9.9), gao_lon) ==
                Approx(9.9).margin(0.01));
        auto result = report_at(gao_lat + km_north(9.9), gao_lon, "north");
        CHECK(result.outcome == AddOutcome::merged);
        CHECK(result.incident_id == first.incident_id);
    }
    SECTION("9.9 km south-west merges") {
        double d = 9.9 / std::sqrt(2.0);
        REQUIRE(distance_km(gao_lat, gao_lon, gao_lat - km_north(d), gao_lon - km_east(d)) ==
                Approx(9.9).margin(0.02));
        CHECK(report_at(gao_lat - km_north(d), gao_lon - km_east(d), "south-west").outcome ==
              AddOutcome::merged);
    }
    SECTION("9.9 km east merges") {
        REQUIRE(distance_km(gao_lat, gao_lon, gao_lat, gao_lon + km_east(9.9)) ==
                Approx(9.9).margin(0.02));
        CHECK(report_at(gao_lat, gao_lon + km_east(9.9), "east").outcome == AddOutcome::merged);
    }
    SECTION("11 km north or east is another incident") {
        CHECK(report_at(gao_lat + km_north(11), gao_lon, "far north").outcome ==
              AddOutcome::added);
        CHECK(report_at(gao_lat, gao_lon + km_east(11), "far east").outcome == AddOutcome::added);
        CHECK(store.count() == 3);
    }
    SECTION("the same GeoNames place merges however far apart the points are") {
        auto placed = battle_at(gao_lat, gao_lon, "2024-03-05");
        placed.geonameid = gao_geonameid;
        auto stored = store.add(placed, source_of("placed"));
        auto report = battle_at(gao_lat + km_north(40), gao_lon, "2024-03-05");
        report.geonameid = gao_geonameid;
        auto result = store.add(report, source_of("same place"));
        CHECK(result.outcome == AddOutcome::merged);
        CHECK(result.incident_id == stored.incident_id);
    }
}

TEST_CASE("The merge candidates of a report are its day's incidents near it, not the day's others",
          "[store][merge]") {
    TempDir dir;
    auto path = (dir / "s.gpkg").string();
    auto store = IncidentStore::open(path, Access::write);
    auto transaction = store.begin();
    auto put = [&](Incident incident) {
        store.put(incident);
        return incident.id;
    };
    auto near = put(battle_at(gao_lat + km_north(3), gao_lon + km_east(3)));
    auto near_other_case = put(incident_at("2024-03-02", gao_lat, gao_lon, "BATTLES"));
    auto far_same_place = [&] {
        auto incident = battle_at(gao_lat + km_north(60), gao_lon);
        incident.geonameid = gao_geonameid;
        return put(incident);
    }();
    // The same day elsewhere: 11 km away, in the same band of latitude, in
    // the same band of longitude, and in Bamako; and Gao on other days or
    // with another event type.
    put(battle_at(gao_lat + km_north(11), gao_lon));
    put(battle_at(gao_lat, gao_lon + km_east(150)));
    put(battle_at(gao_lat + km_north(150), gao_lon));
    put(battle_at(12.6392, -8.0029));
    put(battle_at(gao_lat, gao_lon, "2024-03-01"));
    put(battle_at(gao_lat, gao_lon, "2024-03-03"));
    put(incident_at("2024-03-02", gao_lat, gao_lon, "Riots", "Rioters (Mali)"));
    transaction.commit();

    auto report = battle_at(gao_lat, gao_lon);

    SECTION("without a place id: the incidents of its day and event type within the box") {
        CHECK(ids_of(store.merge_candidates(report)) ==
              std::vector<std::int64_t>{near, near_other_case});
    }
    SECTION("with a place id: those, and the incidents of its day at that place") {
        report.geonameid = gao_geonameid;
        CHECK(ids_of(store.merge_candidates(report)) ==
              std::vector<std::int64_t>{near, near_other_case, far_same_place});
    }
    SECTION("both lookups go through an index, never through the whole day or table") {
        report.geonameid = gao_geonameid;
        store.merge_candidates(report);  // creates the indexes
        store.close();
        auto near_plan = query_plan(path, incimap::store::merge_candidates_near(report));
        CHECK_THAT(near_plan, Catch::Contains("USING INDEX incidents_day_position "
                                              "(event_date=? AND latitude>? AND latitude<?)"));
        auto place_plan = query_plan(path, incimap::store::merge_candidates_at_place(report));
        CHECK_THAT(place_plan,
                   Catch::Contains("USING INDEX incidents_place_day (geonameid=? AND event_date=?)"));
    }
}

TEST_CASE("The search box holds every point within 10 km", "[store][merge]") {
    constexpr double to_radians = std::numbers::pi / 180, to_degrees = 180 / std::numbers::pi;
    for (double lat : {0.0, 16.27, 45.0, -60.0, 80.0}) {
        const double lon = 2.0;
        auto box = incimap::store::same_place_box(lat, lon);
        // Points 10 km away in every direction (the destination formula on
        // the sphere of distance_km()).
        const double angle = 10.0 / 6371.0, phi = lat * to_radians;
        for (int bearing = 0; bearing < 360; bearing += 5) {
            double theta = bearing * to_radians;
            double phi2 = std::asin(std::sin(phi) * std::cos(angle) +
                                    std::cos(phi) * std::sin(angle) * std::cos(theta));
            double dlambda = std::atan2(std::sin(theta) * std::sin(angle) * std::cos(phi),
                                        std::cos(angle) - std::sin(phi) * std::sin(phi2));
            double lat2 = phi2 * to_degrees, lon2 = lon + dlambda * to_degrees;
            INFO("latitude " << lat << ", bearing " << bearing);
            REQUIRE(distance_km(lat, lon, lat2, lon2) == Approx(10.0).margin(1e-6));
            CHECK(lat2 > box.min_lat);
            CHECK(lat2 < box.max_lat);
            CHECK(lon2 > box.min_lon);
            CHECK(lon2 < box.max_lon);
        }
    }
}

TEST_CASE("The lookup finds every incident that a reading of the whole store would merge",
          "[store][merge]") {
    // Incidents scattered over a few days around Gao, some sharing place
    // ids; every report's candidates that pass same_incident() are exactly
    // the stored incidents that pass it.
    TempDir dir;
    auto store = IncidentStore::open((dir / "s.gpkg").string(), Access::write);
    std::mt19937 random(20240302);
    std::uniform_real_distribution<double> offset_km(-25.0, 25.0);
    std::uniform_int_distribution<int> day(1, 3), place(0, 3), type(0, 1);
    auto random_incident = [&] {
        auto incident = incident_at(fmt::format("2024-03-0{}", day(random)),
                                    gao_lat + km_north(offset_km(random)),
                                    gao_lon + km_east(offset_km(random)),
                                    type(random) ? "Battles" : "Riots");
        if (int p = place(random); p > 0)
            incident.geonameid = gao_geonameid + p;
        return incident;
    };
    auto transaction = store.begin();
    for (int i = 0; i < 300; ++i) {
        auto incident = random_incident();
        store.put(incident);
    }
    transaction.commit();
    std::vector<Incident> everything;
    store.scan({}, [&](const Incident& incident) { everything.push_back(incident); });

    std::size_t matches = 0;
    for (int i = 0; i < 100; ++i) {
        auto report = random_incident();
        std::vector<Incident> by_scan, by_lookup;
        for (const auto& incident : everything)
            if (incimap::store::same_incident(incident, report).same)
                by_scan.push_back(incident);
        for (const auto& incident : store.merge_candidates(report))
            if (incimap::store::same_incident(incident, report).same)
                by_lookup.push_back(incident);
        INFO("report " << i << " on " << report.event_date << " at " << report.latitude << ", "
                       << report.longitude);
        CHECK(ids_of(by_lookup) == ids_of(by_scan));
        matches += by_scan.size();
    }
    CHECK(matches > 100);  // the reports do find incidents to merge with
}
