// Lines are read up to a limit: a line that never ends stops the reading at
// the limit, with the input, the line and the limit named.
#include "core/bounded_line.hpp"

#include "core/error.hpp"
#include "core/input_kind.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

using incimap::read_line_bounded;

TEST_CASE("lines are read up to a limit", "[core][bounded]") {
    std::string line;
    SECTION("lines within the limit are read as getline reads them") {
        std::istringstream in("one\n\nthree\r\nlast");
        CHECK(read_line_bounded(in, line, 8, "in", 1));
        CHECK(line == "one");
        CHECK(read_line_bounded(in, line, 8, "in", 2));
        CHECK(line.empty());
        CHECK(read_line_bounded(in, line, 8, "in", 3));
        CHECK(line == "three\r");
        CHECK(read_line_bounded(in, line, 8, "in", 4));
        CHECK(line == "last");
        CHECK_FALSE(read_line_bounded(in, line, 8, "in", 5));
        CHECK(line.empty());
    }
    SECTION("a line of exactly the limit is read") {
        std::istringstream in("12345678\nx\n");
        CHECK(read_line_bounded(in, line, 8, "in", 1));
        CHECK(line == "12345678");
    }
    SECTION("a longer line throws, naming the input, the line and the limit") {
        std::istringstream in("ok\n" + std::string(5000, '\0'));
        CHECK(read_line_bounded(in, line, 1024, "batch.jsonl", 1));
        CHECK_THROWS_WITH(read_line_bounded(in, line, 1024, "batch.jsonl", 2),
                          "batch.jsonl:2: line longer than 1 KiB (the limit of a line)");
        // No more than the limit and one byte was taken from the line.
        CHECK(in.tellg() == std::streampos(3 + 1024 + 1));
    }
}

TEST_CASE("limits are said in words", "[core][bounded]") {
    CHECK(incimap::byte_size_words(std::size_t(64) << 20) == "64 MiB");
    CHECK(incimap::byte_size_words(std::size_t(64) << 10) == "64 KiB");
    CHECK(incimap::byte_size_words(1000) == "1000 bytes");
}

TEST_CASE("an input that is no file says what it is", "[core][bounded]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("incimap-input-kind-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    CHECK(incimap::why_not_readable_file(dir) == "is a directory");
    CHECK(incimap::why_not_readable_file(dir / "absent.csv") == "no such file");
    const fs::path fifo = dir / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(incimap::why_not_readable_file(fifo).empty());
    CHECK(incimap::is_stream_device(fifo));
    CHECK(incimap::why_not_readable_file("/dev/zero").empty());
    CHECK(incimap::is_stream_device("/dev/zero"));
    CHECK_FALSE(incimap::is_stream_device(dir));
    fs::remove_all(dir);
}
