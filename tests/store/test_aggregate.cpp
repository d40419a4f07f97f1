#include "adapters/geos.hpp"
#include "core/error.hpp"
#include "store/aggregate.hpp"
#include "store/cells.hpp"
#include "store/regions.hpp"
#include "store_test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>

using namespace incimap::store;
using incimap::store_test::incident_at;
using incimap::store_test::TempDir;

TEST_CASE("The equal-area projection agrees with PROJ's laea to the millimetre",
          "[store][cells]") {
    // echo LON LAT | proj +proj=laea +lat_0=15 +lon_0=0 +R=6371007.181 -f %.3f
    struct Case {
        double lon, lat, x, y;
    };
    for (auto c : {Case{-3, 12, -326363.985, -331443.246},
                   Case{2.96732, 19.95427, 310388.759, 552967.407},
                   Case{-8, 12.65, -867323.635, -246194.364},
                   Case{15, 13, 1619964.930, -168985.033}}) {
        auto p = to_equal_area(c.lon, c.lat);
        CHECK(p.x == Approx(c.x).margin(0.001));
        CHECK(p.y == Approx(c.y).margin(0.001));
        auto [lon, lat] = from_equal_area(p);
        CHECK(lon == Approx(c.lon).margin(1e-9));
        CHECK(lat == Approx(c.lat).margin(1e-9));
    }
}

namespace {
// Area of a lon/lat ring in the equal-area plane, km² (shoelace).
double ring_area_km2(const Ring& ring) {
    double twice = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        auto a = to_equal_area(ring[i].first, ring[i].second);
        auto b = to_equal_area(ring[i + 1].first, ring[i + 1].second);
        twice += a.x * b.y - b.x * a.y;
    }
    return twice / 2 / 1e6;
}
} // namespace

TEST_CASE("Hexagons cover equal areas and hold the points assigned to them", "[store][cells]") {
    HexGrid hex(25);
    CHECK(hex.cell_area_km2() == Approx(541.266).margin(0.001));  // (√3/2)·25²
    for (auto [lon, lat] : {std::pair{-8.0, 12.65}, {2.97, 19.95}, {-1.63, 14.1}, {13.3, 13.7}}) {
        auto cell = hex.cell_of(lon, lat);
        auto ring = hex.ring(cell);
        REQUIRE(ring.size() == 7);
        CHECK(ring.front() == ring.back());
        CHECK(ring_area_km2(ring) == Approx(hex.cell_area_km2()).epsilon(1e-9));  // counter-clockwise
        // The point is nearer to its cell's centre than to any neighbour's.
        auto centre = [&](CellId c) {
            auto r = hex.ring(c);
            ProjectedPoint sum;
            for (int i = 0; i < 6; ++i) {
                auto p = to_equal_area(r[i].first, r[i].second);
                sum.x += p.x / 6;
                sum.y += p.y / 6;
            }
            return sum;
        };
        auto p = to_equal_area(lon, lat);
        auto own = centre(cell);
        double d_own = std::hypot(p.x - own.x, p.y - own.y);
        CHECK(d_own <= 25000 / std::sqrt(3.0) + 1e-6);
        for (auto [dq, dr] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, -1}, {-1, 1}}) {
            auto other = centre({cell.a + dq, cell.b + dr});
            CHECK(d_own <= std::hypot(p.x - other.x, p.y - other.y) + 1e-6);
        }
    }
}

TEST_CASE("Grid cells are lon/lat squares holding their points", "[store][cells]") {
    SquareGrid grid(0.5);
    auto cell = grid.cell_of(-1.63, 14.1);
    CHECK(cell == CellId{-4, 28});
    auto ring = grid.ring(cell);
    CHECK(ring == Ring{{-2, 14}, {-1.5, 14}, {-1.5, 14.5}, {-2, 14.5}, {-2, 14}});
}

TEST_CASE("Points fall in their admin-1 region", "[store][regions]") {
    incimap::geos::Context context;
    auto regions = RegionIndex::admin1(context);
    CHECK(regions.size() == 259);
    auto name = [&](double lon, double lat) {
        auto found = regions.locate(lon, lat);
        return found ? regions[*found].iso + " " + regions[*found].name : std::string("none");
    };
    CHECK(name(-0.0447, 16.2717) == "ML Gao");
    CHECK(name(-8.0029, 12.6392) == "ML Bamako");
    CHECK(name(-1.5197, 12.3714) == "BF Centre");
    CHECK(name(2.1098, 13.5137) == "NE Niamey");
    CHECK(name(1.4078, 18.4411) == "ML Kidal");
    CHECK(name(-30, 0) == "none");  // the Atlantic
}

TEST_CASE("Aggregation totals equal the sums over the incidents, for every grouping",
          "[store][aggregate]") {
    TempDir dir;
    auto store = IncidentStore::open((dir / "s.gpkg").string(), IncidentStore::Access::write);
    {
        auto transaction = store.begin();
        int n = 0;
        auto put = [&](std::string date, double lat, double lon, std::string type, int dead,
                       std::int64_t geonameid, std::string location) {
            auto incident = incident_at(date, lat, lon, type, "Unidentified Armed Group", "", dead);
            incident.event_id_cnty = fmt::format("X{}", ++n);
            incident.geonameid = geonameid;
            incident.location = location;
            store.put(incident);
        };
        put("2024-01-01", 16.2717, -0.0447, "Battles", 5, 2457163, "Gao");          // Mon, W01
        put("2024-01-07", 16.2717, -0.0447, "Battles", 7, 2457163, "Gao");          // Sun, W01
        put("2024-01-08", 16.30, -0.05, "Riots", 0, 2457163, "Gao");                // W02
        put("2024-02-15", 12.6392, -8.0029, "Protests", 0, 2460596, "Bamako");
        put("2023-12-31", 12.3714, -1.5197, "Violence against civilians", 11, 0, "Ouagadougou");
        put("2024-03-01", 0.5, -25.0, "Battles", 2, 0, "at sea");                  // no region
        transaction.commit();
    }
    for (auto by : {"place", "admin1", "grid:1", "hex:30", "week", "month"}) {
        INFO(by);
        auto result = aggregate(store, {}, parse_grouping(by));
        long count = 0, dead = 0;
        for (const auto& group : result.groups) {
            count += group.count;
            dead += group.fatalities;
        }
        CHECK(result.incidents == 6);
        CHECK(result.fatalities == 25);
        CHECK(count == 6);
        CHECK(dead == 25);
    }

    SECTION("the store's sums per place give the groups its incidents give one by one") {
        // An --actor term is decided on each incident read; without one the
        // store sums the incidents of each place and type itself.
        IncidentFilter one_by_one;
        one_by_one.actor = "armed group";
        for (auto by : {"place", "admin1", "grid:1", "hex:30", "week", "month"}) {
            INFO(by);
            const auto summed = dir / fmt::format("{}-summed.geojson", by[0]);
            const auto read = dir / fmt::format("{}-read.geojson", by[0]);
            write_aggregation(aggregate(store, {}, parse_grouping(by)), summed);
            write_aggregation(aggregate(store, one_by_one, parse_grouping(by)), read);
            CHECK(incimap::store_test::read_file(summed) == incimap::store_test::read_file(read));
        }
        // The second Gao incident lies elsewhere; the place is drawn where
        // its first incident is.
        auto places = aggregate(store, {}, parse_grouping("place"));
        CHECK(places.groups.front().labels["location"] == "Gao");
        CHECK(places.groups.front().geometry.find("-0.044700,16.271700") != std::string::npos);
        CHECK(places.groups.front().first_date == "2024-01-01");
        CHECK(places.groups.front().last_date == "2024-01-08");
        CHECK(places.groups.front().event_types.at("Battles") == 2);
    }
    SECTION("week and month group by place and period") {
        auto weeks = aggregate(store, {}, parse_grouping("week"));
        REQUIRE(weeks.groups.size() == 5);
        const auto& gao = weeks.groups[1];
        CHECK(gao.labels["period"] == "2024-W01");
        CHECK(gao.labels["period_start"] == "2024-01-01");
        CHECK(gao.labels["period_end"] == "2024-01-07");
        CHECK(gao.labels["location"] == "Gao");
        CHECK(gao.count == 2);
        CHECK(gao.fatalities == 12);
        // Sunday 2023-12-31 ends ISO week 52 of 2023; Monday 2024-01-01 starts week 1.
        CHECK(weeks.groups[0].labels["period"] == "2023-W52");
        CHECK(weeks.groups[0].labels["period_end"] == "2023-12-31");
        auto months = aggregate(store, {}, parse_grouping("month"));
        CHECK(months.groups.front().labels["period"] == "2023-12");
        CHECK(months.groups.front().labels["period_end"] == "2023-12-31");
    }
    SECTION("admin1 lists every region of the countries seen, and one group for the rest") {
        auto result = aggregate(store, {}, parse_grouping("admin1"));
        std::map<std::string, long> counts;
        for (const auto& group : result.groups)
            counts[group.key] = group.count;
        CHECK(counts.at("ML|Gao") == 3);
        CHECK(counts.at("ML|Bamako") == 1);
        CHECK(counts.at("ML|Kidal") == 0);
        CHECK(counts.at("BF|Centre") == 1);
        CHECK(counts.at("~unassigned") == 1);
        CHECK(counts.size() == 9 + 13 + 1);
        CHECK(result.groups.back().geometry == "null");
        CHECK(result.groups.front().top_event_type().empty());
    }
    SECTION("the GeoJSON written is a FeatureCollection with counts") {
        auto out = dir / "admin1.geojson";
        write_aggregation(aggregate(store, {}, parse_grouping("grid:1")), out);
        auto document = nlohmann::json::parse(incimap::store_test::read_file(out));
        long total = 0;
        for (const auto& feature : document["features"]) {
            CHECK(feature["geometry"]["type"] == "Polygon");
            total += feature["properties"]["count"].get<long>();
        }
        CHECK(total == 6);
    }
}

TEST_CASE("Groupings are validated", "[store][aggregate]") {
    CHECK(parse_grouping("hex:12.5").size == 12.5);
    CHECK_THROWS_AS(parse_grouping("hex:0"), incimap::UsageError);
    CHECK_THROWS_AS(parse_grouping("grid:abc"), incimap::UsageError);
    CHECK_THROWS_AS(parse_grouping("grid:"), incimap::UsageError);
    // The value comes first: only the command line knows it came from --by.
    CHECK_THROWS_WITH(parse_grouping("county"), Catch::StartsWith("'county': expected place, admin1"));
}

TEST_CASE("A CSV aggregation holds no cell a spreadsheet would run as a formula",
          "[store][aggregate]") {
    TempDir dir;
    auto store = IncidentStore::open((dir / "s.gpkg").string(), IncidentStore::Access::write);
    {
        auto transaction = store.begin();
        auto incident = incident_at("2024-01-01", 16.2717, -0.0447, "Battles", "", "", 5);
        incident.event_id_cnty = "X1";
        incident.location = "=HYPERLINK(\"http://x\",\"y\")";
        store.put(incident);
        transaction.commit();
    }
    const auto out = dir / "places.csv";
    write_aggregation(aggregate(store, {}, parse_grouping("place")), out);
    const auto text = incimap::store_test::read_file(out);
    CHECK(text.find("'=HYPERLINK(") != std::string::npos);
    CHECK(text.find(",=") == std::string::npos);
    CHECK(text.find("\"=") == std::string::npos);
    CHECK(text.find("-0.0447") != std::string::npos);  // numbers stay numbers
}
