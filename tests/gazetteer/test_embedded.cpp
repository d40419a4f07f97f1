// The embedded West-Africa gazetteer built from gazetteer/ at build time.
#include "gazetteer/embedded.hpp"
#include "gazetteer/gazetteer.hpp"

#include <catch2/catch.hpp>

using namespace incimap::gazetteer;

namespace {

const Gazetteer& west_africa() {
    static const Gazetteer gazetteer = Gazetteer::from_indexes({embedded_index()});
    return gazetteer;
}

Candidate best(std::string text) {
    Query query;
    query.text = std::move(text);
    auto candidates = west_africa().resolve(query);
    REQUIRE_FALSE(candidates.empty());
    return candidates.front();
}

} // namespace

TEST_CASE("The embedded gazetteer knows the press spellings of Sahel places",
          "[gazetteer][embedded]") {
    CHECK(best("Tinzaouatine").place.geonameid == 2476086);
    CHECK(best("Tinzaouatine").edits == 0); // an alias of the overrides file
    CHECK(best("Tin Zaouatine").place.geonameid == 2476086);
    CHECK(best("Kidal").place.geonameid == 2455290);
    CHECK(best("Kidal").place.feature_code == "PPLA");
    CHECK(best("Bamako").place.feature_code == "PPLC");
    CHECK(best("Tombouctou").place.geonameid == 2449067);
    CHECK(best("Tinbuktu").place.geonameid == 2449067);
    CHECK(best("Ouagadougou").place.country == "BF");
    CHECK(best("Niamey").place.country == "NE");
    CHECK(best("Arbinda").place.name == "Aribinda");
    CHECK(best("Liptako-Gourma").place.geonameid < 0);
    CHECK(best("Liptako-Gourma").place.feature_code == "RGN");
}

TEST_CASE("The embedded gazetteer fills in regions and countries", "[gazetteer][embedded]") {
    const auto menaka = best("Ménaka").place;
    CHECK(menaka.country_name == "Mali");
    CHECK(menaka.admin1 == "Ménaka");
    CHECK(best("Koro, Mopti").place.admin1 == "Mopti");
    CHECK(best("Gao, Mali").place.geonameid == 2457163);
    CHECK(west_africa().country("Burkina Faso")->iso2 == "BF");
    CHECK(west_africa().country("Ivory Coast")->iso2 == "CI");
    const auto sahel = west_africa().admin1("Sahel", "BF");
    REQUIRE(sahel);
    REQUIRE(sahel->seat);
    CHECK(sahel->seat->name == "Dori");
}
