// What a writer of a database locks: every incident a report could merge
// with holds a lock the report's writer takes, and reports far apart, or of
// other days or event types, share none.
#include "store/merge.hpp"
#include "store/write_locks.hpp"
#include "store_test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using incimap::store::distance_km;
using incimap::store::incident_lock_names;
using incimap::store::merge_lock_names;
using incimap::store::same_place_km;
using incimap::store_test::incident_at;

namespace {

bool shares_one(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::any_of(a.begin(), a.end(), [&](const std::string& name) {
        return std::find(b.begin(), b.end(), name) != b.end();
    });
}

} // namespace

TEST_CASE("A report's writer locks the cell of every incident within 10 km of it",
          "[store][locks]") {
    std::mt19937 random(7);
    std::uniform_real_distribution<double> lat(-60, 60), lon(-179, 179), step(-0.12, 0.12);
    int near = 0;
    for (int i = 0; i < 20000; ++i) {
        const auto report = incident_at("2024-03-03", lat(random), lon(random), "Battles");
        const auto stored = incident_at("2024-03-03", report.latitude + step(random),
                                        report.longitude + step(random), "BATTLES");
        if (distance_km(report.latitude, report.longitude, stored.latitude, stored.longitude) >
            same_place_km)
            continue;
        ++near;
        INFO(report.latitude << "," << report.longitude << " and " << stored.latitude << ","
                             << stored.longitude);
        REQUIRE(shares_one(merge_lock_names(report), incident_lock_names(stored)));
    }
    CHECK(near > 1000);
}

TEST_CASE("Reports at one GeoNames place share its lock however far their points are",
          "[store][locks]") {
    auto a = incident_at("2024-03-03", 14.03, -0.03, "Battles");
    auto b = incident_at("2024-03-03", 15.50, 2.00, "Battles");
    a.geonameid = b.geonameid = 2361082;
    CHECK(shares_one(merge_lock_names(a), incident_lock_names(b)));
    b.geonameid = 2361083;
    CHECK_FALSE(shares_one(merge_lock_names(a), incident_lock_names(b)));
}

TEST_CASE("Reports of other places, days or event types share no lock", "[store][locks]") {
    const auto report = incident_at("2024-03-03", 14.03, -0.03, "Battles");
    CHECK_FALSE(shares_one(merge_lock_names(report),
                           merge_lock_names(incident_at("2024-03-03", 14.60, -0.03, "Battles"))));
    CHECK_FALSE(shares_one(merge_lock_names(report),
                           merge_lock_names(incident_at("2024-03-04", 14.03, -0.03, "Battles"))));
    CHECK_FALSE(shares_one(merge_lock_names(report),
                           merge_lock_names(incident_at("2024-03-03", 14.03, -0.03, "Riots"))));
}

TEST_CASE("A report locks the few cells its 10 km reach", "[store][locks]") {
    // 0.18° of latitude, 0.18° to 0.36° of longitude up to 60°: 2 × 3 cells
    // at most, with the place.
    for (double lat : {0.0, 14.1, 45.2, 59.9}) {
        auto report = incident_at("2024-03-03", lat, 1.1, "Battles");
        report.geonameid = 1;
        const auto names = merge_lock_names(report);
        CHECK(names.size() >= 2);
        CHECK(names.size() <= 7);
    }
}
