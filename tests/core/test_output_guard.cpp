// An output never lands on what the command reads, on a store, or on a
// special file it would replace; --overwrite lifts the refusals.
#include "core/output_guard.hpp"

#include "support/scratch_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <sys/stat.h>

namespace fs = std::filesystem;
using incimap::OutputGuard;
using incimap::OutputRefused;
using incimap::test::ScratchDir;

namespace {

// The first 100 bytes of a SQLite file with the given application_id.
std::string sqlite_header(std::uint32_t application_id) {
    std::string header("SQLite format 3\0", 16);
    header.resize(100, '\0');
    header[16] = 0x10;  // page size 4096
    for (int i = 0; i < 4; ++i)
        header[68 + i] = static_cast<char>(application_id >> (24 - 8 * i));
    return header;
}

} // namespace

TEST_CASE("An output that is an input is refused, by identity not by name", "[core][output_guard]") {
    ScratchDir dir;
    const auto input = dir.write("reports.csv", "event_date\n2024-01-01\n");
    OutputGuard guard;
    guard.add_input(input);

    SECTION("the same path") {
        CHECK_THROWS_WITH(guard.check(input),
                          Catch::Contains("reports.csv: not writing over an input") &&
                              Catch::Contains(input.string()));
    }
    SECTION("another name of it: a symbolic link or a hard link") {
        fs::create_symlink(input, dir / "link.csv");
        fs::create_hard_link(input, dir / "hard.csv");
        CHECK_THROWS_AS(guard.check(dir / "link.csv"), OutputRefused);
        CHECK_THROWS_AS(guard.check(dir / "hard.csv"), OutputRefused);
        CHECK_THROWS_AS(guard.check(dir.path() / "." / "reports.csv"), OutputRefused);
    }
    SECTION("another file, a missing one, standard output") {
        const auto other = dir.write("rejects.csv", "line,reason\n");
        CHECK_NOTHROW(guard.check(other));
        CHECK_NOTHROW(guard.check(dir / "new.csv"));
        CHECK_NOTHROW(guard.check("-"));
    }
    SECTION("--overwrite allows it") {
        CHECK_NOTHROW(OutputGuard(true).check(input));
    }
    SECTION("a file inside a folder read whole") {
        OutputGuard folder_guard;
        folder_guard.add_input(dir.path(), "the reports");
        CHECK_THROWS_WITH(folder_guard.check(input), Catch::Contains("not writing into the reports"));
    }
}

TEST_CASE("A database is refused as an output unless the command made it", "[core][output_guard]") {
    ScratchDir dir;
    const auto gpkg = dir.write("incidents.geojson", sqlite_header(0x47504B47));
    const auto mbtiles = dir.write("tiles.mbtiles", sqlite_header(0x4D504258));
    const auto plain = dir.write("data.db", sqlite_header(0));
    CHECK(incimap::database_kind(gpkg) == "GeoPackage");
    CHECK(incimap::database_kind(mbtiles) == "MBTiles");
    CHECK(incimap::database_kind(plain) == "SQLite database");
    CHECK(incimap::database_kind(dir.write("text.gpkg", "not a database")).empty());

    const OutputGuard guard;
    CHECK_THROWS_WITH(guard.check(gpkg), Catch::Contains("incidents.geojson: not writing over a "
                                                         "GeoPackage"));
    CHECK_THROWS_AS(guard.check(plain), OutputRefused);
    CHECK_NOTHROW(guard.check(mbtiles, true));
    CHECK_NOTHROW(OutputGuard(true).check(gpkg));
}

TEST_CASE("A folder replaced whole is refused when it holds an input", "[core][output_guard]") {
    ScratchDir dir;
    const auto style = dir.write("site/tiles/style.json", "{}");
    OutputGuard guard;
    guard.add_input(style, "the style");
    CHECK_THROWS_WITH(guard.check_folder(dir / "site/tiles"),
                      Catch::Contains("it holds the style") && Catch::Contains("style.json"));
    CHECK_THROWS_AS(guard.check_folder(dir / "site"), OutputRefused);
    CHECK_NOTHROW(guard.check_folder(dir / "other"));
}

TEST_CASE("A FIFO or a device is never refused, and never read", "[core][output_guard]") {
    ScratchDir dir;
    const auto fifo = dir / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    OutputGuard guard;
    guard.add_input(fifo);  // stat only: nothing is read from it
    CHECK_NOTHROW(guard.check(fifo));
    CHECK_NOTHROW(guard.check("/dev/null"));
    CHECK(incimap::database_kind(fifo).empty());
}

TEST_CASE("The files incimap made in a folder are recorded there", "[core][output_guard]") {
    ScratchDir dir;
    CHECK(incimap::files_made_in(dir.path()).empty());
    incimap::record_files_made(dir.path(), {"index.html", "config.js"});
    incimap::record_files_made(dir.path(), {"incidents.gpkg"}, {"config.js"});
    CHECK(incimap::files_made_in(dir.path()) ==
          std::vector<std::string>{"incidents.gpkg", "index.html"});
}
