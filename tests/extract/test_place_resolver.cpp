#include "extract/place_resolver.hpp"

#include "place_fixture.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace incimap;
using namespace incimap::extract;

namespace {

const gazetteer::Gazetteer& fixture() {
    static const gazetteer::Gazetteer g = test::sahel_gazetteer();
    return g;
}

std::vector<std::optional<ResolvedPlace>> resolve(const std::vector<std::string>& sentences,
                                                  PlaceContext context = {}) {
    return PlaceResolver(fixture()).resolve(test::mentions_of(sentences), context);
}

// The place resolved for the mention named `name`.
std::optional<ResolvedPlace> place_named(const std::vector<std::string>& sentences,
                                         std::string_view name, PlaceContext context = {}) {
    return test::place_named_in(fixture(), sentences, name, context);
}

} // namespace

TEST_CASE("A town named with a cue resolves to the town, precision 1", "[place_resolver]") {
    auto place = place_named({"Gunmen attacked the army base in Djibo."}, "Djibo");
    REQUIRE(place);
    CHECK(place->place.geonameid == 2361177);
    CHECK(place->place.country == "BF");
    CHECK(place->precision == GeoPrecision::town);
    CHECK(place->quality >= 0.75);
}

TEST_CASE("Kidal is the town, not the wadi or the region; Kidal region is the region",
          "[place_resolver]") {
    auto town = place_named({"The army entered Kidal on Tuesday."}, "Kidal");
    REQUIRE(town);
    CHECK(town->place.geonameid == 2455290);
    CHECK(town->precision == GeoPrecision::town);

    auto region = place_named({"Drone strikes hit the Kidal region."}, "Kidal");
    REQUIRE(region);
    CHECK(region->place.geonameid == 2597449);
    CHECK(region->precision == GeoPrecision::region);
    CHECK(region->region);
}

TEST_CASE("A press spelling resolves with a cue, not without one", "[place_resolver]") {
    auto cued = place_named({"Heavy fighting took place near Tinzaouatene."}, "Tinzaouatene");
    REQUIRE(cued);
    CHECK(cued->place.geonameid == 2476086);
    CHECK(cued->precision == GeoPrecision::near);

    // One letter off the gazetteer's spellings: only a cue lets it through.
    auto fuzzy_cued = place_named({"Fighting took place in Tinzawatine."}, "Tinzawatine");
    REQUIRE(fuzzy_cued);
    CHECK(fuzzy_cued->place.geonameid == 2476086);
    CHECK(fuzzy_cued->edits > 0);
    CHECK_FALSE(place_named({"Tinzawatine fighters were seen."}, "Tinzawatine"));
}

TEST_CASE("Homonyms follow the hints of the document", "[place_resolver]") {
    SECTION("Koro with no hint is the larger Koro in Mopti") {
        auto koro = place_named({"A mine exploded in Koro."}, "Koro");
        REQUIRE(koro);
        CHECK(koro->place.geonameid == 2454674);
    }
    SECTION("Koro in brackets of Koulikoro") {
        auto koro = place_named({"A mine exploded in Koro (Koulikoro region)."}, "Koro");
        REQUIRE(koro);
        CHECK(koro->place.geonameid == 2454673);
        CHECK(koro->place.admin1_code == "07");
    }
    SECTION("Boni of Douentza, Mopti, not Boni of Burkina Faso") {
        auto boni = place_named({"Militants killed two men in Boni (Douentza, Mopti)."}, "Boni");
        REQUIRE(boni);
        CHECK(boni->place.geonameid == 2459917);
        CHECK(boni->quality >= 0.9);
    }
    SECTION("a region named in the same sentence") {
        auto moura = place_named({"Soldiers killed civilians in Moura, a village in the Mopti region."},
                                 "Moura");
        REQUIRE(moura);
        CHECK(moura->place.geonameid == 9000001);
    }
    SECTION("the country of the report pulls Dori to Burkina Faso or to Mali") {
        auto dori = place_named({"Gunmen attacked Dori."}, "Dori");
        REQUIRE(dori);
        CHECK(dori->place.country == "BF");
        PlaceContext mali;
        mali.countries["ML"] = 3;
        auto malian = place_named({"Gunmen attacked a fair near Dori (Mopti)."}, "Dori", mali);
        REQUIRE(malian);
        CHECK(malian->place.geonameid == 2458387);
    }
    SECTION("places already resolved pull an ambiguous one towards them") {
        auto places = resolve({"Militants attacked Douentza and Boni."});
        REQUIRE(places.size() == 2);
        REQUIRE(places[1]);
        CHECK(places[1]->place.geonameid == 2459917);
    }
}

TEST_CASE("Country names vote for the country and stand for its capital at precision 3",
          "[place_resolver]") {
    auto places = resolve({"Fighting in Mali spread to Niger and Boni."});
    REQUIRE(places.size() == 3);
    REQUIRE(places[0]);  // Mali: Bamako, for national events
    CHECK(places[0]->country);
    CHECK(places[0]->place.geonameid == 2460596);
    CHECK(places[0]->precision == GeoPrecision::region);
    REQUIRE(places[1]);  // Niger: Niamey
    CHECK(places[1]->country);
    CHECK(places[1]->place.geonameid == 2440485);
    REQUIRE(places[2]);
    CHECK_FALSE(places[2]->country);
    CHECK(places[2]->place.country == "ML");
}

TEST_CASE("A short village name is no country code", "[place_resolver]") {
    // "Sa" is also Saudi Arabia's code; the Burkinabe soldiers say which Sa.
    auto sa = place_named({"Burkinabe soldiers were ambushed in the village of Sa."}, "Sa",
                          PlaceContext{{{"BF", 1}}, {}});
    REQUIRE(sa);
    CHECK_FALSE(sa->country);
    CHECK(sa->place.geonameid == 2356167);
}

TEST_CASE("An unknown name without a cue is no village coded near its hints", "[place_resolver]") {
    const std::vector<std::string> text = {"The army launched Operation Tiramba in the Mopti region."};
    CHECK_FALSE(place_named(text, "Tiramba"));
    auto mopti = place_named(text, "Mopti");
    REQUIRE(mopti);
    CHECK(mopti->region);
}

TEST_CASE("Hints that join a commune and its region with a hyphen are read as both",
          "[place_resolver]") {
    auto boni = place_named({"Gunmen attacked the village of Boni (Douentza-Mopti)."}, "Boni");
    REQUIRE(boni);
    CHECK(boni->place.geonameid == 2459917);  // beside Douentza, not the Boni of Burkina Faso
    CHECK(boni->quality >= 0.9);              // confirmed by the hints
}

TEST_CASE("Names without a cue must be prominent places", "[place_resolver]") {
    SECTION("a capital at a sentence start is accepted") {
        auto niamey = place_named({"Niamey was calm on Monday."}, "Niamey");
        REQUIRE(niamey);
        CHECK(niamey->place.geonameid == 2440485);
    }
    SECTION("a small village at a sentence start is not") {
        CHECK_FALSE(place_named({"Boni elders met the governor."}, "Boni"));
    }
}

TEST_CASE("The same name keeps one sense through a document", "[place_resolver]") {
    auto places = resolve({"Militants attacked Boni (Douentza, Mopti).", "Boni was attacked again."});
    REQUIRE(places.size() == 2);
    REQUIRE(places[0]);
    REQUIRE(places[1]);
    CHECK(places[0]->place.geonameid == places[1]->place.geonameid);
}

TEST_CASE("Place distances are great-circle kilometres on a 6371 km sphere", "[place_resolver]") {
    // A degree of a great circle is 2π·6371/360 = 111.195 km.
    CHECK(distance_km(0, 0, 1, 0) == Approx(111.195).margin(0.001));
    CHECK(distance_km(14, 10, 14, 11) == Approx(111.195 * std::cos(14 * 3.14159265358979 / 180)).epsilon(0.001));
    CHECK(distance_km(14.0, -1.0, 14.0, -1.0) == 0);
}
