#include "adapters/gdal_vsi.hpp"
#include "core/error.hpp"
#include "fixtures.hpp"
#include "gazetteer/library.hpp"

#include <catch2/catch.hpp>
#include <map>

using namespace incimap;
using namespace incimap::gazetteer;
using namespace incimap::test::geonames;

namespace {

const Row ayorou{2447416, "Ayorou", "Ayoru", 14.73076, 0.91875, "P", "PPL", "NE", "09", 26290};
const Row tera{2438855, "Téra", "Tera", 14.00784, 0.75306, "P", "PPLA2", "NE", "09", 21095, "Tera"};

EnvironmentVariable environment(std::map<std::string, std::string> values) {
    return [values = std::move(values)](const char* name) -> std::optional<std::string> {
        auto it = values.find(name);
        return it == values.end() ? std::nullopt : std::optional(it->second);
    };
}

std::int64_t best(const Gazetteer& gazetteer, std::string text) {
    Query query;
    query.text = std::move(text);
    auto candidates = gazetteer.resolve(query);
    return candidates.empty() ? 0 : candidates.front().place.geonameid;
}

} // namespace

TEST_CASE("The data folder follows INCIMAP_DATA_DIR, XDG_DATA_HOME, HOME", "[gazetteer][library]") {
    CHECK(gazetteer_data_dir(environment({{"INCIMAP_DATA_DIR", "/d"}, {"HOME", "/h"}})) ==
          "/d/gazetteer");
    CHECK(gazetteer_data_dir(environment({{"XDG_DATA_HOME", "/x"}, {"HOME", "/h"}})) ==
          "/x/incimap/gazetteer");
    CHECK(gazetteer_data_dir(environment({{"XDG_DATA_HOME", "relative"}, {"HOME", "/h"}})) ==
          "/h/.local/share/incimap/gazetteer");
    CHECK_THROWS_AS(gazetteer_data_dir(environment({})), Error);
}

TEST_CASE("Installing a dump copies it into the data folder with its index",
          "[gazetteer][library]") {
    ScratchDir dir;
    const auto data = dir / "data" / "gazetteer";
    const std::string rows = ayorou.line() + "not a row\n" + tera.line();

    SECTION("a plain dump") {
        const auto report = install_dump(written(dir / "NE.txt", rows), data);
        CHECK(report.installed == data / "NE.txt");
        CHECK(report.kind == DumpKind::places);
        CHECK(report.read.rows_read == 2);
        CHECK(report.read.rows_skipped == 1);
        CHECK_THAT(report.read.problems.at(0), Catch::Contains("NE.txt:2:"));
        CHECK(std::filesystem::exists(report.index));
        const auto installed = installed_dumps(data);
        REQUIRE(installed.size() == 1);
        CHECK(installed[0].name == "NE.txt");
        CHECK(installed[0].rows == 2);
        CHECK(installed[0].rows_skipped == 1);
    }
    SECTION("a zip as GeoNames serves it") {
        const auto zip = dir / "NE.zip";
        vsi::write_file(vsi::zip_member_path(zip, "readme.txt"), "readme\n");
        vsi::write_file(vsi::zip_member_path(zip, "NE.txt"), rows);
        const auto report = install_dump(zip, data);
        CHECK(report.installed == data / "NE.zip");
        CHECK(report.read.rows_read == 2);
    }
    SECTION("a gzip file") {
        const auto gz = dir / "NE.txt.gz";
        vsi::write_file(vsi::gzip_path(gz), rows);
        CHECK(install_dump(gz, data).read.rows_read == 2);
    }
    SECTION("the installed dump is loaded, and its index not rebuilt") {
        install_dump(written(dir / "NE.txt", rows), data);
        Sources sources;
        sources.embedded_default = false;
        sources.data_dir = data;
        int builds = 0;
        const auto gazetteer = Gazetteer::load(sources, [&](const ReadReport&) { ++builds; });
        CHECK(best(gazetteer, "Tera") == 2438855);
        CHECK(best(gazetteer, "Ayoru") == 2447416);
        CHECK(builds == 0);
    }
    SECTION("installing again replaces, removing removes") {
        install_dump(written(dir / "NE.txt", rows), data);
        install_dump(written(dir / "NE.txt", ayorou.line()), data);
        auto installed = installed_dumps(data);
        REQUIRE(installed.size() == 1);
        CHECK(installed[0].rows == 1);
        remove_dump("NE.txt", data);
        CHECK(installed_dumps(data).empty());
        CHECK_FALSE(std::filesystem::exists(data / "NE.txt.incimap-index"));
        CHECK_THROWS_WITH(remove_dump("NE.txt", data), Catch::Contains("not installed"));
    }
}

TEST_CASE("A dump that is not one is refused and nothing is installed", "[gazetteer][library]") {
    ScratchDir dir;
    const auto data = dir / "gazetteer";
    SECTION("missing") {
        CHECK_THROWS_WITH(install_dump(dir / "XX.txt", data),
                          Catch::StartsWith((dir / "XX.txt").string() + ": cannot open"));
    }
    SECTION("no valid row") {
        const auto html = written(dir / "ML.txt", "<html>Not Found</html>\n");
        CHECK_THROWS_WITH(install_dump(html, data), Catch::Contains("no valid places row"));
    }
    CHECK(installed_dumps(data).empty());
}

TEST_CASE("A dump the user gives has its index in the cache folder, never beside the dump",
          "[gazetteer][library]") {
    ScratchDir dir;
    const auto shared = dir / "shared";
    std::filesystem::create_directories(shared);
    const auto dump = written(shared / "NE.txt", ayorou.line());
    const auto cache = dir / "cache" / "indexes";
    // A folder the user may not write (root writes anyway: what counts is
    // that nothing is written there).
    std::filesystem::permissions(shared, std::filesystem::perms::owner_write |
                                             std::filesystem::perms::group_write |
                                             std::filesystem::perms::others_write,
                                 std::filesystem::perm_options::remove);
    Sources sources;
    sources.embedded_default = false;
    sources.dumps = {dump};
    sources.index_cache = cache;
    int builds = 0;
    auto count = [&](const ReadReport&) { ++builds; };
    CHECK(best(Gazetteer::load(sources, count), "Ayoru") == 2447416);
    CHECK(best(Gazetteer::load(sources, count), "Ayoru") == 2447416);
    CHECK(builds == 1);
    std::vector<std::string> beside;
    for (const auto& entry : std::filesystem::directory_iterator(shared))
        beside.push_back(entry.path().filename().string());
    CHECK(beside == std::vector<std::string>{"NE.txt"});
    REQUIRE(std::filesystem::exists(cached_index_for(dump, cache)));
    CHECK_THAT(cached_index_for(dump, cache).filename().string(),
               Catch::Matches("NE\\.txt-[0-9a-f]{16}\\.incimap-index"));

    SECTION("a dump of the same name elsewhere gets an index of its own") {
        const auto other = written(dir / "NE.txt", ayorou.line());
        CHECK(cached_index_for(other, cache) != cached_index_for(dump, cache));
    }
    SECTION("a changed dump is indexed again") {
        std::filesystem::permissions(shared, std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::add);
        Row moved = ayorou;
        moved.population = 1234567;  // a size of its own: the index is stale by size alone
        written(dump, moved.line());
        CHECK(Gazetteer::load(sources, count).place(2447416)->population == 1234567);
        CHECK(builds == 2);
    }
    std::filesystem::permissions(shared, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add);
}

TEST_CASE("Dumps given on the command line come last and win", "[gazetteer][library]") {
    ScratchDir dir;
    const auto data = dir / "gazetteer";
    install_dump(written(dir / "NE.txt", ayorou.line()), data);
    Row newer = ayorou;
    newer.population = 30000;
    Sources sources;
    sources.embedded_default = false;
    sources.data_dir = data;
    sources.dumps = {written(dir / "extra.txt", newer.line())};
    std::vector<std::string> built;
    const auto gazetteer =
        Gazetteer::load(sources, [&](const ReadReport& r) { built.push_back(r.source); });
    CHECK(built == std::vector<std::string>{(dir / "extra.txt").string()});
    CHECK(gazetteer.layers().size() == 2);
    CHECK(gazetteer.place(2447416)->population == 30000);
    SECTION("a missing dump is an error naming it") {
        sources.dumps = {dir / "missing.txt"};
        CHECK_THROWS_WITH(Gazetteer::load(sources), Catch::Contains("missing.txt"));
    }
}
