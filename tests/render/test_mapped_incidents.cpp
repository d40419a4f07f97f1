// Incidents by the hundred thousand: their columns, the clustering lists
// and the manifest's records move into temporary files in the folder given,
// which stays empty (the files have no name), and every answer is the one
// the small in-heap arrays give.
#include "render/cluster.hpp"
#include "render/tile_manifest.hpp"
#include "support/scratch_dir.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <vector>

using namespace incimap;
using namespace incimap::render;
namespace fs = std::filesystem;
using incimap::test::ScratchDir;

namespace {

// Points on a few dense spots and a sparse scatter, in a fixed order.
std::vector<Pixel> scattered_points(std::size_t n) {
    std::vector<Pixel> points;
    std::uint64_t state = 12345;
    const auto next = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return double(state >> 11) / double(1ULL << 53);
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (i % 3 == 0)
            points.push_back({100 + 30 * next(), 200 + 30 * next()});
        else
            points.push_back({2000 * next(), 2000 * next()});
    }
    return points;
}

// The clustering rule applied directly: each unclustered point in input
// order takes every unclustered point within the radius.
Clusters reference_clusters(const std::vector<Pixel>& points, double radius) {
    constexpr auto none = std::numeric_limits<std::uint32_t>::max();
    Clusters out;
    out.cluster_of.assign(points.size(), none);
    for (std::size_t seed = 0; seed < points.size(); ++seed) {
        if (out.cluster_of[seed] != none)
            continue;
        const auto id = static_cast<std::uint32_t>(out.centers.size());
        double sx = 0, sy = 0;
        std::uint32_t n = 0;
        for (std::size_t m = seed; m < points.size(); ++m) {
            const double dx = points[m].x - points[seed].x, dy = points[m].y - points[seed].y;
            if (out.cluster_of[m] == none && dx * dx + dy * dy <= radius * radius) {
                out.cluster_of[m] = id;
                sx += points[m].x;
                sy += points[m].y;
                ++n;
            }
        }
        out.centers.push_back({sx / n, sy / n});
        out.counts.push_back(n);
    }
    return out;
}

} // namespace

TEST_CASE("Clustering many points in a temporary folder gives the clusters of the rule",
          "[render][mapped]") {
    ScratchDir folder;
    const auto points = scattered_points(60000);
    const auto found = cluster_points(points, 40, folder.path());
    const auto expected = reference_clusters(points, 40);
    CHECK(found.cluster_of.mapped());
    CHECK(folder.empty());
    REQUIRE(found.centers.size() == expected.centers.size());
    bool same = true;
    for (std::size_t i = 0; i < points.size(); ++i)
        same = same && found.cluster_of[i] == expected.cluster_of[i];
    for (std::size_t c = 0; c < expected.centers.size(); ++c)
        same = same && found.counts[c] == expected.counts[c] &&
               std::fabs(found.centers[c].x - expected.centers[c].x) < 1e-9 &&
               std::fabs(found.centers[c].y - expected.centers[c].y) < 1e-9;
    CHECK(same);
}

TEST_CASE("Incidents and their manifest records live in the temporary folder given",
          "[render][mapped]") {
    ScratchDir folder;
    PointFeatures incidents(folder.path());
    const int type = incidents.attributes.add_column("event_type", AttributeTable::Kind::text);
    const int dead = incidents.attributes.add_column("fatalities", AttributeTable::Kind::number);
    constexpr std::size_t n = 100000;
    for (std::size_t i = 0; i < n; ++i) {
        const auto row = incidents.attributes.add_row();
        incidents.lon.push_back(-5 + double(i % 1000) / 100);
        incidents.lat.push_back(12 + double(i / 1000) / 100);
        incidents.ids.push_back(fmt::format("ML{}", i));
        incidents.attributes.set_text(type, row, i % 2 == 0 ? "Battles" : "Riots");
        // Past 255 distinct codes the column widens, and past 2^24 the
        // numbers are kept as doubles: both copies stay in the folder.
        incidents.attributes.set_number(dead, row, i % 7 == 0 ? double(i) * 1000 + 0.5 : 0);
    }
    CHECK(incidents.lon.mapped());
    CHECK(incidents.temp_folder() == folder.path());
    CHECK(incidents.ids[n - 1] == fmt::format("ML{}", n - 1));
    CHECK(incidents.lat[n - 1] == 12 + double((n - 1) / 1000) / 100);
    CHECK(to_text(incidents.attributes.value(type, 1)) == "Riots");
    CHECK(to_text(incidents.attributes.value(dead, 7)) == "7000.5");

    TileManifest m;
    record_incidents(incidents, m);
    CHECK(m.incidents.mapped());
    CHECK(m.incidents.temp_folder() == folder.path());
    REQUIRE(m.incidents.size() == n);
    CHECK(std::is_sorted(m.incidents.begin(), m.incidents.end(),
                         [](const auto& a, const auto& b) { return a.id < b.id; }));

    CHECK(folder.empty());

    const auto file = folder.path() / "manifest";
    write_manifest(file, m);
    const auto read = read_manifest(file, folder.path());
    REQUIRE(read);
    CHECK(read->incidents.mapped());
    REQUIRE(read->incidents.size() == n);
    CHECK(read->incidents[n / 2].id == m.incidents[n / 2].id);
    CHECK(read->incidents[n / 2].fingerprint == m.incidents[n / 2].fingerprint);
}
