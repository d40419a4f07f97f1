// A file written atomically is either the old one or the new one, and a
// write that fails leaves the old one and no temporary behind.
#include "core/atomic_file.hpp"

#include "core/abandoned_files.hpp"
#include "core/error.hpp"
#include "support/scratch_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <sys/stat.h>

namespace fs = std::filesystem;

namespace {

using incimap::test::ScratchDir;

int entries(const ScratchDir& dir) {
    int n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path()))
        ++n;
    return n;
}

std::string content(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("A file written atomically replaces the old one whole", "[core][atomic_file]") {
    ScratchDir dir;
    const auto file = dir.path() / "incidents.geojson";
    incimap::write_file_atomically(file, std::string_view("old"));
    incimap::write_file_atomically(file, [](std::ostream& out) { out << "new " << 2; });
    CHECK(content(file) == "new 2");
    CHECK(entries(dir) == 1);
}

TEST_CASE("A write that throws leaves the old file and no temporary", "[core][atomic_file]") {
    ScratchDir dir;
    const auto file = dir.path() / "manifest.json";
    incimap::write_file_atomically(file, std::string_view("kept"));
    CHECK_THROWS_AS(incimap::write_file_atomically(file,
                                                   [](std::ostream& out) {
                                                       out << "half";
                                                       throw std::runtime_error("interrupted");
                                                   }),
                    std::runtime_error);
    CHECK(content(file) == "kept");
    CHECK(entries(dir) == 1);
}

TEST_CASE("A file that cannot be written is named in the error", "[core][atomic_file]") {
    ScratchDir dir;
    const auto file = dir.path() / "no-such-folder" / "map.png";
    try {
        incimap::write_file_atomically(file, std::string_view("png"));
        FAIL("no error");
    } catch (const incimap::Error& e) {
        CHECK_THAT(e.what(), Catch::Contains("no-such-folder/map.png"));
    }
}

TEST_CASE("A copy keeps the content and the modification time", "[core][atomic_file]") {
    ScratchDir dir;
    const auto from = dir.path() / "BF.zip", to = dir.path() / "installed.zip";
    std::ofstream(from) << "dump";
    const auto when = fs::file_time_type::clock::now() - std::chrono::hours(48);
    fs::last_write_time(from, when);
    incimap::copy_file_atomically(from, to);
    CHECK(content(to) == "dump");
    CHECK(fs::last_write_time(to) == when);
    CHECK_THROWS_AS(incimap::copy_file_atomically(dir.path() / "missing.zip", to), incimap::InputError);
    CHECK(content(to) == "dump");
}

TEST_CASE("Temporary names are told apart, and those of killed writers removed", "[core][atomic_file]") {
    CHECK(incimap::is_temporary_name("ML.zip.tmp1234-99"));
    CHECK(incimap::is_temporary_name("/a/b/tiles.json.tmp7-1"));
    CHECK_FALSE(incimap::is_temporary_name("ML.zip"));
    CHECK_FALSE(incimap::is_temporary_name("notes.tmpl"));
    // The naming is the one the clean-up of killed writers looks for.
    ScratchDir dir;
    std::ofstream(dir.path() / "report.png.tmp999999999-5") << "partial";
    CHECK(incimap::remove_abandoned_below(dir.path(), ".tmp") == 1);
    CHECK(dir.empty());
}

TEST_CASE("A symbolic link output is followed: the target is replaced, the link stays",
          "[core][atomic_file]") {
    ScratchDir dir;
    const auto target = dir.write("real/map.geojson", "old");
    fs::create_symlink(target, dir / "map.geojson");
    incimap::write_file_atomically(dir / "map.geojson", std::string_view("new"));
    CHECK(fs::is_symlink(dir / "map.geojson"));
    CHECK(content(target) == "new");
    CHECK(incimap::output_target(dir / "map.geojson") == target);

    SECTION("a link to a file not made yet makes it") {
        fs::create_symlink(dir / "real/later.png", dir / "later.png");
        incimap::write_file_atomically(dir / "later.png", std::string_view("png"));
        CHECK(fs::is_symlink(dir / "later.png"));
        CHECK(content(dir / "real/later.png") == "png");
    }
    SECTION("a loop of links is an error naming the output") {
        fs::create_symlink(dir / "b", dir / "a");
        fs::create_symlink(dir / "a", dir / "b");
        CHECK_THROWS_WITH(incimap::write_file_atomically(dir / "a", std::string_view("x")),
                          Catch::Contains("too many symbolic links"));
    }
}

TEST_CASE("A FIFO or a device is written into, never replaced", "[core][atomic_file]") {
    ScratchDir dir;
    const auto fifo = dir / "pipe.geojson";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(incimap::is_stream_file(fifo));
    CHECK(incimap::is_stream_file("/dev/null"));
    CHECK_FALSE(incimap::is_stream_file(dir.write("plain.txt", "x")));

    SECTION("written whole into a FIFO") {
        std::string received;
        std::thread reader([&] { received = content(fifo); });
        incimap::write_file_atomically(fifo, std::string_view("{\"type\":\"FeatureCollection\"}"));
        reader.join();
        CHECK(received == "{\"type\":\"FeatureCollection\"}");
        CHECK(fs::is_fifo(fifo));
    }
    SECTION("a finished file copied into a FIFO; its temporary is built elsewhere") {
        const auto temporary = incimap::temporary_beside(fifo, ".tmp", ".gpkg");
        CHECK(temporary.parent_path() != dir.path());
        std::ofstream(temporary, std::ios::binary) << "SQLite";
        std::string received;
        std::thread reader([&] { received = content(fifo); });
        incimap::move_into_place(temporary, fifo);
        reader.join();
        CHECK(received == "SQLite");
        CHECK_FALSE(fs::exists(temporary));
        CHECK(fs::is_fifo(fifo));
    }
    SECTION("/dev/null stays a device") {
        incimap::write_file_atomically("/dev/null", std::string_view("nothing"));
        CHECK(fs::is_character_file("/dev/null"));
    }
}

TEST_CASE("A new file in a staging folder is written in place, never over another",
          "[core][atomic_file]") {
    ScratchDir dir;
    const auto tile = dir.path() / "3.pbf";
    incimap::write_new_file(tile, std::string_view("tile bytes"));
    CHECK(content(tile) == "tile bytes");
    CHECK(entries(dir) == 1); // no temporary beside it
    try {
        incimap::write_new_file(tile, std::string_view("again"));
        FAIL("a second write of the same file was accepted");
    } catch (const incimap::Error& e) {
        CHECK_THAT(e.what(), Catch::Contains(tile.string()) && Catch::Contains("cannot create"));
    }
    CHECK(content(tile) == "tile bytes");
    CHECK_THROWS_AS(incimap::write_new_file(dir.path() / "missing" / "1.pbf", "x"),
                    incimap::Error);
}
