#include "core/mapped_file.hpp"

#include "core/error.hpp"
#include "support/scratch_dir.hpp"

#include <catch2/catch.hpp>

#include <string>

using incimap::MappedFile;

TEST_CASE("a mapped file shows the file's bytes", "[core][mapped_file]") {
    incimap::test::ScratchDir dir;
    SECTION("a file with text") {
        const MappedFile file(dir.write("towns.txt", "Gao\nKidal\n"));
        CHECK(file.text() == "Gao\nKidal\n");
        CHECK(file.size() == 10);
        CHECK(file.bytes().size() == 10);
    }
    SECTION("an empty file maps to no bytes") {
        const MappedFile file(dir.write("empty.txt", ""));
        CHECK(file.text().empty());
    }
    SECTION("pages given back are read again when touched") {
        std::string text;
        for (int i = 0; text.size() < 100000; ++i)
            text += "line " + std::to_string(i) + "\n";
        MappedFile file(dir.write("long.txt", text));
        file.advise_sequential();
        file.release_before(70000);
        file.release_before(20000);
        CHECK(file.text() == text);
    }
}

TEST_CASE("a file that cannot be mapped is an error naming it", "[core][mapped_file]") {
    incimap::test::ScratchDir dir;
    const auto missing = dir.path() / "missing.idx";
    CHECK_THROWS_AS(MappedFile(missing), incimap::InputError);
    CHECK_THROWS_WITH(MappedFile(missing), missing.string() + ": cannot open: No such file or directory");
    CHECK_THROWS_WITH(MappedFile(dir.path()), dir.path().string() + ": not a regular file");
}
