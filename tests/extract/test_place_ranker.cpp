#include "extract/place_ranker.hpp"

#include "core/error.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace incimap;
using namespace incimap::extract;

namespace {

// A weights file giving every feature 0 except those listed.
std::string weights_with(const std::string& extra_lines) {
    std::string tsv = "# test weights\n";
    for (auto name : place_feature_names())
        if (extra_lines.find(std::string(name) + "\t") != 0 &&
            extra_lines.find("\n" + std::string(name) + "\t") == std::string::npos)
            tsv += std::string(name) + "\t0\n";
    return tsv + extra_lines;
}

PlaceFeatures with(std::initializer_list<std::pair<PlaceFeature, double>> values) {
    PlaceFeatures f{};
    for (auto [which, value] : values)
        f[static_cast<std::size_t>(which)] = value;
    return f;
}

} // namespace

TEST_CASE("The place ranker scores a candidate as the weighted sum of its features", "[place_ranker]") {
    const auto ranker = PlaceRanker::parse(weights_with("capital\t3\nedits\t-1.5\nlog_population_town\t0.5\n"), "w.tsv");
    CHECK(ranker.score(with({})) == Approx(0));
    CHECK(ranker.score(with({{PlaceFeature::capital, 1}, {PlaceFeature::log_population_town, 6}})) == Approx(6));
    CHECK(ranker.score(with({{PlaceFeature::capital, 1}, {PlaceFeature::edits, 2}})) == Approx(0));
}

TEST_CASE("The built-in weights give every feature and prefer what the text confirms", "[place_ranker]") {
    const PlaceRanker& ranker = PlaceRanker::builtin();
    // Two villages of one name, alike but for where the report points.
    const auto plain = with({{PlaceFeature::village, 1}, {PlaceFeature::log_population_town, 3}});
    auto in_named_country = plain;
    in_named_country[static_cast<std::size_t>(PlaceFeature::country_top)] = 1;
    in_named_country[static_cast<std::size_t>(PlaceFeature::country_share)] = 1;
    auto beside_hinted_town = plain;
    beside_hinted_town[static_cast<std::size_t>(PlaceFeature::hint_beside_town)] = 1;
    auto misspelt = plain;
    misspelt[static_cast<std::size_t>(PlaceFeature::edits)] = 1;
    CHECK(ranker.score(in_named_country) > ranker.score(plain));
    CHECK(ranker.score(beside_hinted_town) > ranker.score(plain));
    CHECK(ranker.score(misspelt) < ranker.score(plain));
}

TEST_CASE("A weights file with a bad row is refused with its name and line", "[place_ranker]") {
    SECTION("an unknown feature") {
        CHECK_THROWS_WITH(PlaceRanker::parse(weights_with("size_of_market\t1\n"), "w.tsv"),
                          Catch::Contains("w.tsv") && Catch::Contains("size_of_market"));
    }
    SECTION("a weight that is no number") {
        const std::string tsv = weights_with("capital\tthree\n");
        CHECK_THROWS_WITH(PlaceRanker::parse(tsv, "w.tsv"), Catch::Contains("'three'") && Catch::Contains("w.tsv:"));
    }
    SECTION("a feature given twice") {
        CHECK_THROWS_WITH(PlaceRanker::parse(weights_with("capital\t1\ncapital\t2\n"), "w.tsv"),
                          Catch::Contains("twice"));
    }
    SECTION("a feature left out") {
        CHECK_THROWS_WITH(PlaceRanker::parse("capital\t1\n", "w.tsv"), Catch::Contains("no weight"));
    }
    SECTION("a row without a tab") {
        CHECK_THROWS_WITH(PlaceRanker::parse("capital 1\n", "w.tsv"), Catch::Contains("w.tsv:1"));
    }
}
