// The towns a map names: populated places by population, capitals and
// regional seats however small, once each.
#include "gazetteer/gazetteer.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace incimap::gazetteer;

TEST_CASE("The embedded gazetteer's towns for a map", "[gazetteer][towns]") {
    Sources sources;  // the embedded West-Africa gazetteer alone
    const auto gazetteer = Gazetteer::load(sources);
    const auto towns = gazetteer.towns(100000);
    REQUIRE_FALSE(towns.empty());
    const auto named = [&](const std::string& name) {
        return std::find_if(towns.begin(), towns.end(), [&](const Place& p) { return p.name == name; });
    };
    REQUIRE(named("Ouagadougou") != towns.end());
    CHECK(named("Ouagadougou")->feature_code == "PPLC");
    CHECK(named("Bobo-Dioulasso") != towns.end());
    SECTION("most populous first, each once, all populated places") {
        std::set<std::int64_t> ids;
        for (std::size_t i = 0; i < towns.size(); ++i) {
            CHECK(towns[i].feature_class == 'P');
            CHECK(ids.insert(towns[i].geonameid).second);
            if (i > 0)
                CHECK(towns[i - 1].population >= towns[i].population);
        }
    }
    SECTION("small places only when they are a capital or a regional seat") {
        for (const auto& town : towns)
            if (town.population < 100000)
                CHECK((town.feature_code == "PPLC" || town.feature_code == "PPLA"));
    }
}
