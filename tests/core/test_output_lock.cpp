// One writer per output: the second waits, then gives up saying how long it
// waited; a killed owner's lock passes on; the lock file goes with the lock.
#include "core/output_lock.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using incimap::OutputBusy;
using incimap::OutputLock;
using namespace std::chrono_literals;

namespace {

struct Folder {
    fs::path path = fs::temp_directory_path() / fmt::format("incimap-lock-{}", ::getpid());
    Folder() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~Folder() { fs::remove_all(path); }
};

// The seconds a busy message says it waited.
double waited_in(const std::string& message) {
    const auto at = message.find("(waited ");
    REQUIRE(at != std::string::npos);
    return std::stod(message.substr(at + 8));
}

} // namespace

TEST_CASE("A second writer of an output waits up to its timeout and says how long it waited",
          "[core][lock]") {
    Folder folder;
    const auto output = folder.path / "tiles.mbtiles";
    std::optional<OutputLock> first(OutputLock::acquire(output, 0ms, "tile output"));
    CHECK(fs::exists(folder.path / ".tiles.mbtiles.lock"));

    int told = 0;
    pid_t owner_told = 0;
    try {
        OutputLock::acquire(output, 300ms, "tile output", [&](pid_t owner) {
            ++told;
            owner_told = owner;
        });
        FAIL("two writers held one output");
    } catch (const OutputBusy& e) {
        const std::string message = e.what();
        CHECK_THAT(message, Catch::StartsWith("tile output '" + output.string() + "' is locked") &&
                                Catch::Contains(fmt::format("another process (pid {})", ::getpid())));
        CHECK(waited_in(message) >= 0.3);
    }
    CHECK(told == 1);
    CHECK(owner_told == ::getpid());

    SECTION("another output is not held") {
        CHECK_NOTHROW(OutputLock::acquire(folder.path / "tiles", 0ms, "tile output"));
    }
    SECTION("released, the lock is free and its file gone") {
        first.reset();
        CHECK_FALSE(fs::exists(folder.path / ".tiles.mbtiles.lock"));
        auto second = OutputLock::acquire(output, 0ms, "tile output");
        CHECK(fs::exists(folder.path / ".tiles.mbtiles.lock"));
    }
}

TEST_CASE("The lock of a killed writer passes to the next one", "[core][lock]") {
    Folder folder;
    const auto output = folder.path / "store.gpkg";
    const pid_t child = ::fork();
    if (child == 0) {
        // Dies holding the lock, without releasing it.
        auto held = OutputLock::acquire(output, 0ms, "store");
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(fs::exists(folder.path / ".store.gpkg.lock"));  // left behind by the kill

    {
        auto next = OutputLock::acquire(output, 0ms, "store");
    }
    CHECK_FALSE(fs::exists(folder.path / ".store.gpkg.lock"));
}

TEST_CASE("Two names of one output share its lock", "[core][lock]") {
    Folder folder;
    fs::create_directories(folder.path / "real");
    std::ofstream(folder.path / "real" / "store.gpkg") << "a store";
    fs::create_symlink(folder.path / "real" / "store.gpkg", folder.path / "link.gpkg");
    const auto first = OutputLock::acquire(folder.path / "real" / "store.gpkg", 0ms, "store");
    CHECK_THROWS_AS(OutputLock::acquire(folder.path / "link.gpkg", 100ms, "store"), OutputBusy);
}

TEST_CASE("A link to an output not yet made shares the lock of the path it names", "[core][lock]") {
    Folder folder;
    fs::create_directories(folder.path / "real");
    fs::create_symlink("real/new.mbtiles", folder.path / "link.mbtiles");  // dangling, relative
    fs::create_symlink(folder.path / "link.mbtiles", folder.path / "link2.mbtiles");  // a chain
    const auto first = OutputLock::acquire(folder.path / "link2.mbtiles", 0ms, "tiles");
    CHECK(fs::exists(folder.path / "real" / ".new.mbtiles.lock"));
    CHECK_FALSE(fs::exists(folder.path / ".link.mbtiles.lock"));
    CHECK_THROWS_AS(OutputLock::acquire(folder.path / "real" / "new.mbtiles", 100ms, "tiles"), OutputBusy);
}

TEST_CASE("A loop of links is locked beside the name given", "[core][lock]") {
    Folder folder;
    fs::create_symlink("b", folder.path / "a");
    fs::create_symlink("a", folder.path / "b");
    const auto lock = OutputLock::acquire(folder.path / "a", 0ms, "tiles");
    CHECK_THROWS_AS(OutputLock::acquire(folder.path / "a", 100ms, "tiles"), OutputBusy);
}

TEST_CASE("The lock of a folder given with a trailing slash is beside the folder", "[core][lock]") {
    CHECK(OutputLock::path_for("out/tiles/") == fs::path("out/.tiles.lock"));
    CHECK(OutputLock::path_for("tiles") == fs::path(".tiles.lock"));
}
