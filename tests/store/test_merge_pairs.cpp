// The merge rules end to end: pairs of reports (tests/store/fixtures/
// merge_pairs.txt) read by the reader with the embedded gazetteer and added
// to a store. Two wordings of one event — English, French or one of each,
// with counts that differ, a village and its town, "gunmen" and the group's
// name — merge; two events of one town and day that differ in who took part
// or what was hit stay apart.
#include "store/report_pairs.hpp"

#include "core/error.hpp"
#include "extract/actors.hpp"
#include "extract/confidence.hpp"
#include "gazetteer/gazetteer.hpp"
#include "store_test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace incimap;

namespace {

const std::filesystem::path pairs_file =
    std::filesystem::path(INCIMAP_TEST_DIR) / "store" / "fixtures" / "merge_pairs.txt";

store::PairScore score_of(const std::vector<store::ReportPair>& pairs) {
    static const auto gazetteer = gazetteer::Gazetteer::load(gazetteer::Sources{});
    static const auto actors = extract::ActorDictionary::builtin();
    const extract::Extractor extractor(gazetteer, actors);
    store_test::TempDir dir;
    auto incidents = store::IncidentStore::open((dir / "pairs.gpkg").string(),
                                                store::IncidentStore::Access::write);
    return store::score_report_pairs(pairs, extractor, incidents, extract::default_min_confidence);
}

std::vector<store::ReportPair> pairs_in(const std::string& text) {
    std::istringstream in(text);
    return store::read_report_pairs(in, "pairs.txt");
}

} // namespace

TEST_CASE("Reports of the same event merge and look-alike events stay apart",
          "[store][merge][pairs]") {
    std::ifstream in(pairs_file);
    REQUIRE(in);
    const auto pairs = store::read_report_pairs(in, pairs_file.string());
    const auto score = score_of(pairs);
    REQUIRE(score.same >= 40);
    REQUIRE(score.different >= 20);
    for (std::size_t i = 0; i < pairs.size(); ++i)
        if (score.outcomes[i].merged != pairs[i].same_event)
            WARN(pairs[i].origin << " " << pairs[i].label << ": "
                                 << (score.outcomes[i].merged ? "merged" : "kept apart"));
    CHECK(score.recall() >= 95.0);
    CHECK(score.apart() >= 90.0);
}

TEST_CASE("One sit-in told in two languages is one incident, two sit-ins are two",
          "[store][merge][pairs]") {
    auto score = score_of(pairs_in(R"(
same 2024-07-02
a: Health workers held a sit-in at the hospital in Ouahigouya on 1 July 2024.
b: Le 1er juillet 2024, les agents de santé ont observé un sit-in à l'hôpital de Ouahigouya.

different 2024-07-02
a: Health workers held a sit-in at the hospital in Ouahigouya on 1 July 2024.
b: Le 1er juillet 2024, des élèves ont observé un sit-in à Ouahigouya.
)"));
    REQUIRE(score.outcomes.size() == 2);
    CHECK(score.outcomes[0].incidents_a == 1);
    CHECK(score.outcomes[0].incidents_b == 1);
    CHECK(score.outcomes[0].merged);
    CHECK_FALSE(score.outcomes[1].merged);
    CHECK(score.recall() == 100.0);
    CHECK(score.apart() == 100.0);
}

TEST_CASE("A malformed pairs file is refused with its line", "[store][merge][pairs]") {
    CHECK_THROWS_WITH(pairs_in("same 2024-07-02\na: one report\n"),
                      Catch::Contains("pairs.txt:1") && Catch::Contains("not complete"));
    CHECK_THROWS_WITH(pairs_in("maybe 2024-07-02\n"), Catch::Contains("pairs.txt:1: expected "
                                                                      "'same' or 'different', "
                                                                      "found 'maybe'"));
    CHECK_THROWS_WITH(pairs_in("same July\na: x\nb: y\n"),
                      Catch::Contains("publication date 'July'"));
    CHECK_THROWS_WITH(pairs_in("b: x\n"), Catch::Contains("pairs.txt:1"));
    CHECK_THROWS_AS(pairs_in("same 2024-07-02\nb: x\n"), InputError);
}
