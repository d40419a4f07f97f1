#include "core/error.hpp"
#include "fixtures.hpp"
#include "gazetteer/index_builder.hpp"
#include "gazetteer/index_cache.hpp"
#include "gazetteer/overrides.hpp"
#include "text/fold.hpp"

#include <catch2/catch.hpp>
#include <thread>

using namespace incimap;
using namespace incimap::gazetteer;
using namespace incimap::test::geonames;

namespace {

std::vector<std::string> spellings_of(const Index& index, std::string_view name) {
    std::vector<std::string> out;
    if (auto key = index.find_key(text::name_key(name)))
        for (const auto& entry : index.entries_of(*key))
            out.emplace_back(index.string(entry.spelling));
    return out;
}

std::vector<std::int64_t> ids_named(const Gazetteer& gazetteer, std::string name) {
    std::vector<std::int64_t> ids;
    Query query;
    query.text = std::move(name);
    query.limit = 20;
    for (const auto& c : gazetteer.resolve(query))
        ids.push_back(c.place.geonameid);
    return ids;
}

} // namespace

TEST_CASE("Names, ASCII names and alternates are indexed under their keys", "[gazetteer][index]") {
    ScratchDir dir;
    const Index index = index_of(dir, "ML.txt", dump_of(mali_rows()));
    CHECK(index.places().size() == mali_rows().size());
    CHECK(spellings_of(index, "TIMBUCTOO") == std::vector<std::string>{"Timbuctoo"});
    CHECK(spellings_of(index, "tombouctou") == std::vector<std::string>{"Tombouctou"});
    CHECK(spellings_of(index, "Tin-Zaouaten").size() == 1);
    SECTION("links, codes and names in other scripts are not") {
        CHECK(spellings_of(index, "BKO").empty());
        CHECK(spellings_of(index, "TOM").empty());
        CHECK_FALSE(index.find_key(text::name_key("https://en.wikipedia.org/wiki/Timbuktu")));
        CHECK_FALSE(index.find_key(text::name_key("باماكو")));
    }
    SECTION("places are found by geonameid") {
        auto position = index.find_place(2455290);
        REQUIRE(position);
        CHECK(index.string(index.places()[*position].name) == "Kidal");
        CHECK_FALSE(index.find_place(42));
    }
}

TEST_CASE("Which alternate names are names", "[gazetteer][index]") {
    CHECK(is_indexed_alternate("Tombouctou"));
    CHECK(is_indexed_alternate("Bamakó"));
    CHECK(is_indexed_alternate("Gao"));
    CHECK_FALSE(is_indexed_alternate("BKO"));
    CHECK_FALSE(is_indexed_alternate("GABS"));
    CHECK_FALSE(is_indexed_alternate("https://en.wikipedia.org/wiki/Gao"));
    CHECK_FALSE(is_indexed_alternate("www.gao.ml"));
    CHECK_FALSE(is_indexed_alternate(""));
}

TEST_CASE("An index written to a file answers as it did in memory", "[gazetteer][index]") {
    ScratchDir dir;
    const auto dump = written(dir / "ML.txt", dump_of(mali_rows()));
    auto built = build_dump_index(dump);
    const Index in_memory = Index::from_buffer(built.words, "memory");
    write_index_file(dir / "ML.index", built.words);
    const Index from_file = Index::open(dir / "ML.index");

    CHECK(from_file.size_bytes() == in_memory.size_bytes());
    CHECK(from_file.header().rows_read == mali_rows().size());
    const auto a = Gazetteer::from_indexes({in_memory});
    const auto b = Gazetteer::from_indexes({from_file});
    for (const char* name : {"Kidal", "Bamako", "Koro", "Tombouctou", "Tinbuktu", "Tinzaouatine"})
        CHECK(ids_named(a, name) == ids_named(b, name));
    CHECK(ids_named(b, "Kidal").size() == 3);
}

TEST_CASE("A damaged or foreign index file is an error, not a crash", "[gazetteer][index]") {
    ScratchDir dir;
    const auto dump = written(dir / "ML.txt", dump_of(mali_rows()));
    auto built = build_dump_index(dump);
    const auto file = dir / "ML.index";

    SECTION("not an index") {
        written(file, "hello, this is not an index at all, but long enough to read......"
                      "............................................................."
                      "............................................................."
                      "..............................................");
        CHECK_THROWS_WITH(Index::open(file), Catch::Contains("not a gazetteer index"));
    }
    SECTION("truncated") {
        write_index_file(file, built.words);
        std::filesystem::resize_file(file, std::filesystem::file_size(file) / 2);
        CHECK_THROWS_AS(Index::open(file), InputError);
    }
    SECTION("a reference pointing outside the text") {
        auto words = built.words;
        auto* header = reinterpret_cast<format::Header*>(words.data());
        auto* places = reinterpret_cast<format::PlaceRecord*>(
            reinterpret_cast<char*>(words.data()) +
            header->sections[format::Section::places].offset);
        places[0].name.offset = 1u << 30;
        write_index_file(file, words);
        CHECK_THROWS_WITH(Index::open(file), Catch::Contains("damaged"));
    }
    SECTION("empty") {
        written(file, "");
        CHECK_THROWS_AS(Index::open(file), InputError);
    }
}

TEST_CASE("Dump indexes are cached in the file given and rebuilt when the dump changes",
          "[gazetteer][index]") {
    ScratchDir dir;
    const auto dump = written(dir / "ML.txt", dump_of(mali_rows()));
    const auto cache = dir / "cache" / "ML.index";
    int builds = 0;
    auto count = [&](const ReadReport&) { ++builds; };

    auto first = load_dump_index(dump, cache, count);
    CHECK(builds == 1);
    CHECK(std::filesystem::exists(cache));
    auto second = load_dump_index(dump, cache, count);
    CHECK(builds == 1);
    CHECK(second.places().size() == first.places().size());

    written(dump, mali_rows().front().line());
    auto third = load_dump_index(dump, cache, count);
    CHECK(builds == 2);
    CHECK(third.places().size() == 1);

    SECTION("a damaged cache is rebuilt") {
        written(cache, "garbage");
        auto fourth = load_dump_index(dump, cache, count);
        CHECK(builds == 3);
        CHECK(fourth.places().size() == 1);
    }
    SECTION("with no cache file, the index is built each time") {
        load_dump_index(dump, std::nullopt, count);
        load_dump_index(dump, std::nullopt, count);
        CHECK(builds == 4);
    }
}

TEST_CASE("Overrides add names to places and places to the index", "[gazetteer][index]") {
    ScratchDir dir;
    IndexBuilder builder;
    read_dump_into(written(dir / "ML.txt", dump_of(mali_rows())), builder);
    const auto overrides = written(
        dir / "overrides.tsv",
        "# comment\n"
        "alias\t2476086\tTinzaouatine,Tin Zaouatine\n"
        "place\t-1\tLiptako-Gourma\tLiptako-Gourma\tTrois frontières\t14.911\t0.218\tL\tRGN\t\t"
        "ML,BF,NE\t\t\t\t\t0\t\t\t\t2024-01-01\n");
    CHECK(apply_overrides(overrides, builder) == 2);
    const auto gazetteer = Gazetteer::from_indexes({Index::from_buffer(builder.build(), "x")});
    CHECK(ids_named(gazetteer, "Tinzaouatine").front() == 2476086);
    CHECK(ids_named(gazetteer, "Trois Frontieres") == std::vector<std::int64_t>{-1});

    SECTION("mistakes in the hand-kept file are fatal, with file and line") {
        written(overrides, "alias\t999\tNowhere\n");
        CHECK_THROWS_WITH(apply_overrides(overrides, builder),
                          overrides.string() + ":1: alias of geonameid 999, which no dump holds");
        written(overrides, "\nnickname\t1\tx\n");
        CHECK_THROWS_WITH(apply_overrides(overrides, builder),
                          Catch::StartsWith(overrides.string() + ":2: unknown record 'nickname'"));
        written(overrides, mali_rows()[0].line().insert(0, "place\t"));
        CHECK_THROWS_WITH(apply_overrides(overrides, builder),
                          Catch::Contains("negative geonameid"));
    }
}
