// Temporaries of killed writers are removed; those of live writers stay.
#include "core/abandoned_files.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

// The id of a process that has ended.
pid_t ended_process() {
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    ::waitpid(child, nullptr, 0);
    return child;
}

void touch(const fs::path& path) {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << "partial";
}

} // namespace

TEST_CASE("Temporaries of ended writers are removed, those of running ones kept", "[core][abandoned]") {
    const auto dir = fs::temp_directory_path() / fmt::format("incimap-abandoned-{}", ::getpid());
    fs::remove_all(dir);
    const auto dead = ended_process(), alive = ::getpid();

    SECTION("beside an output") {
        touch(dir / fmt::format("map.png.tmp{}", dead));
        touch(dir / fmt::format("map.png.tmp{}", alive));
        touch(dir / fmt::format("map.png.tmp{}x", dead));  // not a name we write
        touch(dir / "map.png");
        CHECK(incimap::remove_abandoned_beside(dir / "map.png", ".tmp") == 1);
        CHECK_FALSE(fs::exists(dir / fmt::format("map.png.tmp{}", dead)));
        CHECK(fs::exists(dir / fmt::format("map.png.tmp{}", alive)));
        CHECK(fs::exists(dir / fmt::format("map.png.tmp{}x", dead)));
        CHECK(fs::exists(dir / "map.png"));
    }
    SECTION("anywhere in a tile tree") {
        touch(dir / "7" / "60" / fmt::format("59.png.tmp{}-1234", dead));
        touch(dir / "7" / "60" / fmt::format("58.png.tmp{}-1234", alive));
        touch(dir / "7" / "60" / "57.png");
        CHECK(incimap::remove_abandoned_below(dir, ".tmp") == 1);
        CHECK_FALSE(fs::exists(dir / "7" / "60" / fmt::format("59.png.tmp{}-1234", dead)));
        CHECK(fs::exists(dir / "7" / "60" / fmt::format("58.png.tmp{}-1234", alive)));
        CHECK(fs::exists(dir / "7" / "60" / "57.png"));
    }
    fs::remove_all(dir);
}
