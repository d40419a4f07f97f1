// Arrays that outgrow a small heap buffer move into an unnamed temporary
// file mapped into memory, and behave like a std::vector throughout.
#include "core/error.hpp"
#include "core/mapped_vector.hpp"
#include "support/scratch_dir.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <numeric>
#include <unistd.h>

namespace fs = std::filesystem;
using incimap::MappedVector;
using incimap::test::ScratchDir;

namespace {

constexpr std::size_t past_heap = MappedVector<std::uint64_t>::heap_limit / sizeof(std::uint64_t) * 4;

} // namespace

TEST_CASE("A small array stays on the heap and needs no file", "[core][mapped_vector]") {
    MappedVector<int> v(fs::path("/nonexistent/folder"));
    for (int i = 0; i < 1000; ++i)
        v.push_back(i);
    CHECK_FALSE(v.mapped());
    CHECK(v.size() == 1000);
    CHECK(v[999] == 999);
    CHECK(std::accumulate(v.begin(), v.end(), 0) == 999 * 1000 / 2);
}

TEST_CASE("An array grown past its heap buffer lives in the mapped file", "[core][mapped_vector]") {
    ScratchDir folder;
    MappedVector<std::uint64_t> v(folder.path());

    SECTION("one element at a time, contents intact across every remap") {
        for (std::uint64_t i = 0; i < past_heap; ++i)
            v.push_back(i * 3);
        CHECK(v.mapped());
        CHECK(v.size() == past_heap);
        bool intact = true;
        for (std::uint64_t i = 0; i < past_heap; ++i)
            intact = intact && v[i] == i * 3;
        CHECK(intact);
    }
    SECTION("reserved, resized and appended") {
        v.push_back(7);
        v.reserve(past_heap);
        CHECK(v.mapped());
        CHECK(v[0] == 7);
        v.resize(past_heap, 9);
        CHECK(v[0] == 7);
        CHECK(v[1] == 9);
        CHECK(v.back() == 9);
        const std::uint64_t more[] = {1, 2, 3};
        v.append(more, 3);
        CHECK(v.size() == past_heap + 3);
        CHECK(v.back() == 3);
        v.resize(2);
        v.shrink_to_fit();
        CHECK(v.capacity() == 2);
        CHECK(v[0] == 7);
        CHECK(v[1] == 9);
    }
    SECTION("nothing is left in the folder, while mapped or after") {
        v.resize(past_heap);
        CHECK(v.mapped());
        CHECK(folder.empty());
        v = MappedVector<std::uint64_t>(folder.path());
        CHECK(folder.empty());
    }
}

TEST_CASE("A mapped array sorts and dedupes with the standard algorithms", "[core][mapped_vector]") {
    ScratchDir folder;
    MappedVector<std::uint64_t> v(folder.path());
    for (std::uint64_t i = 0; i < past_heap; ++i)
        v.push_back((i * 7919) % 1000);
    std::sort(v.begin(), v.end());
    CHECK(std::is_sorted(v.begin(), v.end()));
    v.resize(static_cast<std::size_t>(std::unique(v.begin(), v.end()) - v.begin()));
    CHECK(v.size() == 1000);
    CHECK(v[0] == 0);
    CHECK(v.back() == 999);
}

TEST_CASE("Copies and moves of a mapped array keep their own elements", "[core][mapped_vector]") {
    ScratchDir folder;
    MappedVector<std::uint64_t> v(folder.path());
    v.resize(past_heap, 5);
    auto copy = v;
    copy[0] = 6;
    CHECK(v[0] == 5);
    CHECK(copy.mapped());
    CHECK(copy.temp_folder() == folder.path());
    auto moved = std::move(copy);
    CHECK(moved[0] == 6);
    CHECK(moved.size() == past_heap);
    CHECK(copy.empty());
}

TEST_CASE("A folder that cannot hold the file is named in the error", "[core][mapped_vector]") {
    const fs::path missing = fs::temp_directory_path() / fmt::format("incimap-no-such-{}", ::getpid());
    MappedVector<std::uint64_t> v(missing);
    v.push_back(1);
    CHECK_THROWS_WITH(v.reserve(past_heap),
                      Catch::Contains(missing.string()) &&
                          Catch::Contains(std::to_string(past_heap * sizeof(std::uint64_t)) + " bytes"));
    // The caller gave the folder: TMPDIR had no say, and no option is named.
    CHECK_THROWS_WITH(v.reserve(past_heap), !Catch::Contains("TMPDIR") && !Catch::Contains("--"));
    // Nothing changed.
    CHECK(v.size() == 1);
    CHECK(v[0] == 1);
    CHECK_FALSE(v.mapped());
}
