// The --update manifest: written line by line and read back as it was; a
// manifest of the earlier format (incident ids in full) still tells what
// changed.
#include "render/tile_manifest.hpp"

#include "render/render_fixtures.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

using namespace incimap;
using namespace incimap::render;
namespace fs = std::filesystem;

namespace {

struct Folder {
    fs::path path = fs::temp_directory_path() / fmt::format("incimap-manifest-{}", ::getpid());
    Folder() { fs::create_directories(path); }
    ~Folder() { fs::remove_all(path); }
};

TileManifest manifest_of(const PointFeatures& incidents) {
    TileManifest m;
    m.settings = 42;
    m.min_zoom = 0;
    m.max_zoom = 6;
    m.bounds = {-5.0, 10.0, 4.0, 20.0};
    m.reach[3] = 4.5;
    m.shared[2].push_back({{10, 20, 30, 40}, 7});
    record_incidents(incidents, m);
    return m;
}

const TileRange world_at_5{5, 0, 0, 31, 31};

} // namespace

TEST_CASE("A tile manifest reads back as it was written", "[render][manifest]") {
    Folder folder;
    const auto incidents = testing::incidents({{-8.0, 12.65}, {1.41, 20.2}, {2.11, 13.51}});
    const auto written = manifest_of(incidents);
    write_manifest(folder.path / ".incimap-tiles", written);

    const auto read = read_manifest(folder.path / ".incimap-tiles");
    REQUIRE(read);
    CHECK(read->settings == 42);
    CHECK(read->max_zoom == 6);
    CHECK(read->bounds.min_lat == 10.0);
    CHECK(read->reach.at(3) == 4.5);
    REQUIRE(read->shared.at(2).size() == 1);
    CHECK(read->shared.at(2)[0].box.x1 == 30);
    REQUIRE(read->incidents.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(read->incidents[i].id == written.incidents[i].id);
        CHECK(read->incidents[i].fingerprint == written.incidents[i].fingerprint);
        CHECK(read->incidents[i].lon == written.incidents[i].lon);
    }
    CHECK(changed_tiles(*read, written, 5, 256, world_at_5).empty());
    CHECK(fs::directory_iterator(folder.path)->path().filename() == ".incimap-tiles");  // no temporary left
}

TEST_CASE("A manifest with incident ids in full still tells what changed", "[render][manifest]") {
    Folder folder;
    auto incidents = testing::incidents({{-8.0, 12.65}, {15.0, 20.0}});
    const auto now = manifest_of(incidents);
    // The earlier format: the id itself ends each incident line.
    {
        std::ofstream out(folder.path / ".incimap-tiles");
        out << "incimap-tiles-manifest 1\nsettings\t42\nextent\t0\t6\t-5\t10\t4\t20\n";
        for (std::size_t i = 0; i < incidents.size(); ++i) {
            const auto& r = *std::find_if(now.incidents.begin(), now.incidents.end(), [&](const auto& x) {
                return x.id == incident_id_key(incidents.ids[i]);
            });
            out << fmt::format("incident\t{}\t{}\t{}\t{}\n", r.fingerprint, r.lon, r.lat, incidents.ids[i]);
        }
    }
    const auto before = read_manifest(folder.path / ".incimap-tiles");
    REQUIRE(before);
    CHECK(changed_tiles(*before, now, 5, 256, world_at_5).empty());

    // Bamako's incident moves to Gao: the tiles of both places change, and
    // only those.
    incidents.lon[0] = -0.04;
    incidents.lat[0] = 16.27;
    const auto moved = manifest_of(incidents);
    const auto tiles = changed_tiles(*before, moved, 5, 256, world_at_5);
    const auto key_of = [](double lon, double lat) {
        const auto w = to_world(lon, lat);
        return tile_key({5, int(w.x * 32), int(w.y * 32)});
    };
    CHECK(std::find(tiles.begin(), tiles.end(), key_of(-8.0, 12.65)) != tiles.end());
    CHECK(std::find(tiles.begin(), tiles.end(), key_of(-0.04, 16.27)) != tiles.end());
    CHECK(std::find(tiles.begin(), tiles.end(), key_of(15.0, 20.0)) == tiles.end());
}

TEST_CASE("A manifest that incimap did not write is refused by name", "[render][manifest]") {
    Folder folder;
    std::ofstream(folder.path / ".incimap-tiles") << "incimap-tiles-manifest 2\nincident\tnot a number\n";
    CHECK_THROWS_WITH(read_manifest(folder.path / ".incimap-tiles"),
                      Catch::Contains(".incimap-tiles:2") && Catch::Contains("unreadable line"));
}
