#include "core/error.hpp"
#include "fixtures.hpp"
#include "gazetteer/fuzzy.hpp"

#include <catch2/catch.hpp>
#include <thread>

using namespace incimap;
using namespace incimap::gazetteer;
using namespace incimap::test::geonames;

namespace {

std::vector<Candidate> resolve(const Gazetteer& gazetteer, std::string text,
                               std::string country = {}, bool fuzzy = true) {
    Query query;
    query.text = std::move(text);
    query.country_hint = std::move(country);
    query.fuzzy = fuzzy;
    query.limit = 10;
    return gazetteer.resolve(query);
}

std::int64_t best(const Gazetteer& gazetteer, std::string text, std::string country = {}) {
    const auto candidates = resolve(gazetteer, std::move(text), std::move(country));
    return candidates.empty() ? 0 : candidates.front().place.geonameid;
}

} // namespace

TEST_CASE("A bare city name means the city, not the region or the wadi", "[gazetteer][resolve]") {
    ScratchDir dir;
    const auto gazetteer = mali_gazetteer(dir);
    SECTION("Kidal: the regional capital, then the region, then the wadi") {
        const auto candidates = resolve(gazetteer, "Kidal");
        REQUIRE(candidates.size() == 3);
        CHECK(candidates[0].place.geonameid == 2455290);
        CHECK(candidates[0].place.feature_code == "PPLA");
        CHECK(candidates[1].place.feature_code == "ADM1");
        CHECK(candidates[2].place.feature_code == "WAD");
        CHECK(candidates[0].score > candidates[1].score);
        CHECK(candidates[1].score > candidates[2].score);
    }
    SECTION("Bamako: the capital before the district") {
        const auto candidates = resolve(gazetteer, "Bamako");
        REQUIRE(candidates.size() == 2);
        CHECK(candidates[0].place.geonameid == 2460596);
        CHECK(candidates[1].place.geonameid == 2460594);
    }
    SECTION("Tombouctou, an alternate name of Timbuktu") {
        const auto candidates = resolve(gazetteer, "Tombouctou");
        REQUIRE_FALSE(candidates.empty());
        CHECK(candidates[0].place.name == "Timbuktu");
        CHECK(candidates[0].matched_name == "Tombouctou");
        CHECK(candidates[0].edits == 0);
    }
    SECTION("the country by its name") {
        CHECK(best(gazetteer, "Mali") == 2453866);
    }
}

TEST_CASE("Region and country hints pick among homonyms", "[gazetteer][resolve]") {
    ScratchDir dir;
    const auto gazetteer = mali_gazetteer(dir);
    SECTION("Koro without a hint: the cercle seat in Mopti") {
        CHECK(best(gazetteer, "Koro") == 2454674);
    }
    SECTION("Koro, Mopti and Koro, Koulikoro") {
        CHECK(best(gazetteer, "Koro, Mopti") == 2454674);
        CHECK(best(gazetteer, "Koro, Koulikoro") == 2454673);
        CHECK(best(gazetteer, "Koro, Région de Mopti") == 2454674);
    }
    SECTION("the admin1 hint of a query") {
        Query query;
        query.text = "Koro";
        query.admin1_hint = "Koulikoro";
        CHECK(gazetteer.resolve(query).front().place.geonameid == 2454673);
    }
    SECTION("a country hint after a comma or as an option") {
        CHECK(best(gazetteer, "Kidal, Mali") == 2455290);
        CHECK(resolve(gazetteer, "Kidal, Mali").front().score >
              resolve(gazetteer, "Kidal").front().score);
        CHECK(best(gazetteer, "Kidal", "ML") == 2455290);
        CHECK(best(gazetteer, "Kidal", "Mali") == 2455290);
        CHECK(best(gazetteer, "Kidal", "mli") == 2455290);
    }
    SECTION("a hint of another country lowers the score") {
        CHECK(resolve(gazetteer, "Kidal", "NE").front().score <
              resolve(gazetteer, "Kidal").front().score);
    }
    SECTION("an unknown country is an error") {
        CHECK_THROWS_AS(resolve(gazetteer, "Kidal", "Atlantis"), InputError);
        CHECK_THROWS_WITH(resolve(gazetteer, "Kidal", "XX"), Catch::Contains("'XX'"));
    }
}

TEST_CASE("Press spellings resolve fuzzily, short names do not", "[gazetteer][resolve]") {
    ScratchDir dir;
    const auto gazetteer = mali_gazetteer(dir);
    SECTION("Tinzaouatine is one edit from Tinzaouaten") {
        const auto candidates = resolve(gazetteer, "Tinzaouatine");
        REQUIRE_FALSE(candidates.empty());
        CHECK(candidates[0].place.geonameid == 2476086);
        CHECK(candidates[0].edits == 1);
    }
    SECTION("Tinbuktu is one edit from Timbuktu") {
        const auto candidates = resolve(gazetteer, "Tinbuktu");
        REQUIRE_FALSE(candidates.empty());
        CHECK(candidates[0].place.geonameid == 2449067);
        CHECK(candidates[0].matched_name == "Timbuktu");
        CHECK(candidates[0].edits == 1);
    }
    SECTION("each edit costs score") {
        CHECK(resolve(gazetteer, "Timbuktu").front().score -
                  resolve(gazetteer, "Tinbuktu").front().score ==
              Approx(1.5));
    }
    SECTION("no fuzzy matching when it is turned off") {
        CHECK(resolve(gazetteer, "Tinbuktu", {}, false).empty());
    }
    SECTION("short names never match fuzzily") {
        CHECK(resolve(gazetteer, "Kora").empty());      // 4 letters, one from Koro
        CHECK(resolve(gazetteer, "Gidal").size() == 3); // 5 letters: one edit
        CHECK(resolve(gazetteer, "Gidak").empty());     // but not two
    }
    SECTION("the allowed edits grow with the length of the name") {
        CHECK(allowed_edits(4) == 0);
        CHECK(allowed_edits(5) == 1);
        CHECK(allowed_edits(8) == 1);
        CHECK(allowed_edits(9) == 2);
        CHECK(best(gazetteer, "Tinbouktu") == 0);        // 9 letters, 2 edits from "timbuktu" (8)
        CHECK(best(gazetteer, "Tymbouctoo") == 2449067); // 10 letters, 2 edits from "timbuctoo"
    }
}

TEST_CASE("Candidates carry the hierarchy's names", "[gazetteer][resolve]") {
    ScratchDir dir;
    const auto gazetteer = mali_gazetteer(dir);
    const auto kidal = resolve(gazetteer, "Kidal").front().place;
    CHECK(kidal.admin1_code == "10");
    CHECK(kidal.admin1 == "Kidal");
    CHECK(kidal.country == "ML");
    CHECK(kidal.country_name == "Mali");
    CHECK(kidal.latitude == Approx(18.44111).margin(1e-9));
    CHECK(kidal.population == 11643);
    SECTION("without admin1 and country tables they stay empty") {
        const auto alone =
            Gazetteer::from_indexes({index_of(dir, "only.txt", dump_of(mali_rows()))});
        const auto place = resolve(alone, "Kidal").front().place;
        CHECK(place.admin1.empty());
        CHECK(place.country_name.empty());
        CHECK(place.country == "ML");
    }
}

TEST_CASE("Countries and admin1 areas are looked up by code or name", "[gazetteer][resolve]") {
    ScratchDir dir;
    const auto gazetteer = mali_gazetteer(dir);
    CHECK(gazetteer.country("ML")->name == "Mali");
    CHECK(gazetteer.country("ne")->iso2 == "NE");
    CHECK(gazetteer.country("NER")->name == "Niger");
    CHECK(gazetteer.country("République du Mali")->iso2 == "ML");
    CHECK_FALSE(gazetteer.country("Kidal"));
    CHECK(gazetteer.is_country_name("Mali"));
    CHECK_FALSE(gazetteer.is_country_name("ML"));
    CHECK_FALSE(gazetteer.is_country_name("Ml"));  // a code in any case is no name
    CHECK_FALSE(gazetteer.is_country_name("mli"));
    CHECK_FALSE(gazetteer.is_country_name("Gao"));

    const auto kidal = gazetteer.admin1("Kidal");
    REQUIRE(kidal);
    CHECK(kidal->code == "10");
    CHECK(kidal->name == "Kidal");
    CHECK(kidal->geonameid == 2597449);
    REQUIRE(kidal->seat);
    CHECK(kidal->seat->geonameid == 2455290);
    const auto bamako = gazetteer.admin1("District de Bamako", "Mali");
    REQUIRE(bamako);
    REQUIRE(bamako->seat);
    CHECK(bamako->seat->feature_code == "PPLC");
    CHECK_FALSE(gazetteer.admin1("Kidal", "NE"));
    CHECK_FALSE(gazetteer.admin1("Timbuktu"));
}

TEST_CASE("A later layer's record wins for the same geonameid", "[gazetteer][resolve]") {
    ScratchDir dir;
    Row moved = mali_rows()[2]; // Kidal, with a newer population and a new name
    moved.population = 25617;
    moved.alternates = "Kidal City";
    auto layers = std::vector<Index>{index_of(dir, "old.txt", dump_of(mali_rows())),
                                     index_of(dir, "new.txt", moved.line())};
    const auto gazetteer = Gazetteer::from_indexes(std::move(layers));
    const auto by_old_name = resolve(gazetteer, "Kidali");
    REQUIRE_FALSE(by_old_name.empty());
    CHECK(by_old_name.front().place.population == 25617);
    CHECK(best(gazetteer, "Kidal City") == 2455290);
    CHECK(resolve(gazetteer, "Kidal").size() == 3); // one candidate per place
    CHECK(gazetteer.place(2455290)->population == 25617);
}

TEST_CASE("Answers are deterministic and the same from several threads", "[gazetteer][resolve]") {
    ScratchDir dir;
    const auto gazetteer = mali_gazetteer(dir);
    const auto expected = resolve(gazetteer, "Koro");
    REQUIRE(expected.size() == 2);
    std::vector<std::thread> threads;
    std::vector<int> agreed(4, 0);
    for (std::size_t t = 0; t < agreed.size(); ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const auto got = resolve(gazetteer, i % 2 ? "Koro" : "Tinzaouatine");
                if (i % 2 && got.size() == expected.size() &&
                    got[0].place.geonameid == expected[0].place.geonameid &&
                    got[1].place.geonameid == expected[1].place.geonameid)
                    ++agreed[t];
            }
        });
    for (auto& thread : threads)
        thread.join();
    CHECK(agreed == std::vector<int>(4, 100));
}

TEST_CASE("Queries that name nothing find nothing", "[gazetteer][resolve]") {
    ScratchDir dir;
    const auto gazetteer = mali_gazetteer(dir);
    CHECK(resolve(gazetteer, "Xyzzyville").empty());
    CHECK(resolve(gazetteer, "").empty());
    CHECK(resolve(gazetteer, " , ,").empty());
    CHECK(resolve(gazetteer, "!!!").empty());
    CHECK(resolve(gazetteer, std::string(5000, 'k')).empty());
    CHECK(resolve(gazetteer, "Kidal" + std::string(300, 'x')).empty());
    Query none;
    none.text = "Kidal";
    none.limit = 0;
    CHECK(gazetteer.resolve(none).empty());
}

namespace {

// Two Leres, in Mali (Tombouctou region) and in Nigeria (Kaduna State),
// the Nigerian one the larger; a Malian town near the first. Coordinates
// rounded.
Gazetteer two_leres(const ScratchDir& dir) {
    const std::vector<Row> mali = {
        {2453000, "Léré", "Lere", 15.72, -4.92, "P", "PPL", "ML", "08", 10000},
        {2453001, "Soumpi", "", 15.63, -4.55, "P", "PPL", "ML", "08", 4000},
        {2449067, "Timbuktu", "Tombouctou", 16.77, -3.01, "P", "PPLA", "ML", "08", 35000},
        {2449066, "Tombouctou Region", "Timbuktu,Tombouctou", 19.5, -3.0, "A", "ADM1", "ML", "08"},
        {2453347, "Mopti Region", "Mopti", 14.5, -3.5, "A", "ADM1", "ML", "04"},
    };
    const std::vector<Row> nigeria = {
        {2332000, "Lere", "", 10.39, 8.57, "P", "PPLA2", "NG", "18", 50000},
        {2335000, "Kaduna State", "Kaduna", 10.33, 7.75, "A", "ADM1", "NG", "18"},
    };
    std::vector<Index> layers;
    layers.push_back(index_of(dir, "countryInfo.txt",
                              country_info() +
                                  "NG\tNGA\t566\tNI\tNigeria\tAbuja\t923768\t195874740\tAF\t.ng\tNGN\t"
                                  "Naira\t234\t######\t^(\\d{6})$\ten-NG\t2328926\tTD,NE,BJ,CM\t\n"));
    layers.push_back(index_of(dir, "admin1CodesASCII.txt",
                              mali_admin1_codes() + "NG.18\tKaduna\tKaduna\t2335000\n"));
    layers.push_back(index_of(dir, "ML.txt", dump_of(mali)));
    layers.push_back(index_of(dir, "NG.txt", dump_of(nigeria)));
    return Gazetteer::from_indexes(std::move(layers));
}

} // namespace

TEST_CASE("Hints after commas are a constraint, not a preference", "[gazetteer][resolve]") {
    ScratchDir dir;
    const auto gazetteer = two_leres(dir);
    const std::int64_t mali_lere = 2453000;
    const std::int64_t nigeria_lere = 2332000;
    auto ids = [&](std::string text) {
        std::vector<std::int64_t> found;
        for (const auto& c : resolve(gazetteer, std::move(text), {}, false))
            found.push_back(c.place.geonameid);
        return found;
    };
    SECTION("without a hint the larger one comes first") {
        CHECK(ids("Lere") == std::vector<std::int64_t>{nigeria_lere, mali_lere});
    }
    SECTION("a region hint keeps only the place in that region") {
        CHECK(ids("Lere, Timbuktu") == std::vector<std::int64_t>{mali_lere});
        CHECK(ids("Lere, Tombouctou") == std::vector<std::int64_t>{mali_lere});
        CHECK(ids("Lere, Kaduna") == std::vector<std::int64_t>{nigeria_lere});
    }
    SECTION("a country hint keeps only the places in that country") {
        CHECK(ids("Lere, Mali") == std::vector<std::int64_t>{mali_lere});
        CHECK(ids("Lere, Nigeria") == std::vector<std::int64_t>{nigeria_lere});
    }
    SECTION("a town hint keeps the places near it") {
        CHECK(ids("Lere, Soumpi") == std::vector<std::int64_t>{mali_lere});
    }
    SECTION("when no place fits the hint, there is no answer") {
        CHECK(ids("Lere, Mopti").empty());
    }
    SECTION("a hint the gazetteer does not know constrains nothing") {
        CHECK(ids("Lere, Xyzzyville") == std::vector<std::int64_t>{nigeria_lere, mali_lere});
    }
    SECTION("the --country option stays a preference") {
        CHECK(best(gazetteer, "Lere", "ML") == mali_lere);
        CHECK(resolve(gazetteer, "Lere", "ML").size() == 2);
    }
}
