#include "fixtures.hpp"
#include "gazetteer/learned_places.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>

using namespace incimap;
using namespace incimap::gazetteer;
using namespace incimap::test::geonames;

namespace {

// An event coded at its own location in the Mopti region.
CodedPlace coded(std::string location, double latitude, double longitude, std::string admin3 = "",
                 int precision = 1) {
    return {std::move(location), "Mali", "Mopti", "Koro", std::move(admin3), latitude, longitude, precision};
}

const LearnedPlace* named(const LearnedPlaces& learned, std::string_view name) {
    const auto it = std::find_if(learned.places.begin(), learned.places.end(),
                                 [&](const LearnedPlace& p) { return p.name == name; });
    return it == learned.places.end() ? nullptr : &*it;
}

} // namespace

TEST_CASE("A village the gazetteer lacks is learned where its events are coded", "[gazetteer][learned]") {
    ScratchDir dir;
    const auto known = mali_gazetteer(dir);
    const std::vector<CodedPlace> events = {coded("Wendou Sare", 14.21, -3.31), coded("Wendou Sare", 14.21, -3.31),
                                            coded("Wendou Sare", 14.2102, -3.3098)};
    const auto learned = learn_places(events, known);
    const LearnedPlace* place = named(learned, "Wendou Sare");
    REQUIRE(place);
    CHECK(place->latitude == Approx(14.21));  // the point most of them share
    CHECK(place->longitude == Approx(-3.31));
    CHECK(place->country == "ML");
    CHECK(place->admin1_code == "04");  // Mopti, by its name
    CHECK(place->feature_code == "PPL");
    CHECK(place->events == 3);
    CHECK(is_learned_id(place->geonameid));
    CHECK_FALSE(is_learned_id(2454674));
}

TEST_CASE("A name the gazetteer already places there teaches nothing", "[gazetteer][learned]") {
    ScratchDir dir;
    const auto known = mali_gazetteer(dir);
    // Koro, the cercle's seat, coded 3 km from GeoNames' point.
    const auto learned = learn_places(std::vector{coded("Koro", 14.08, -3.09, "Koro")}, known);
    CHECK(learned.places.empty());
    CHECK(learned.names_known == 1);
    SECTION("but a Koro 60 km from both of GeoNames' is another place") {
        const auto far = learn_places(std::vector{coded("Koro", 14.6, -3.5, "Koro")}, known);
        REQUIRE(far.places.size() == 1);
        CHECK(far.places[0].latitude == Approx(14.6));
    }
}

TEST_CASE("One name coded at two distant points is two places", "[gazetteer][learned]") {
    ScratchDir dir;
    const auto known = mali_gazetteer(dir);
    const auto learned =
        learn_places(std::vector{coded("Sinda", 14.0, -3.0), coded("Sinda", 14.5, -3.8), coded("Sinda", 14.001, -3.0)},
                     known);
    REQUIRE(learned.places.size() == 2);
    CHECK(learned.places[0].geonameid != learned.places[1].geonameid);
    const std::size_t events = learned.places[0].events + learned.places[1].events;
    CHECK(events == 3);
}

TEST_CASE("Only events placed at their own location, in a known country, teach", "[gazetteer][learned]") {
    ScratchDir dir;
    const auto known = mali_gazetteer(dir);
    std::vector<CodedPlace> events = {coded("Near Somewhere", 14.3, -3.2, "Dioura", 2),
                                      coded("Region Only", 14.3, -3.2, "Dioura", 3)};
    events.push_back({"Elsewhere", "Atlantis", "", "", "", 10, 10, 1});
    events.push_back({"No Point", "Mali", "Mopti", "", "", NAN, NAN, 1});
    events.push_back({"Bad\tName", "Mali", "Mopti", "", "", 14.3, -3.2, 1});
    const auto learned = learn_places(events, known);
    CHECK(learned.places.empty());
    CHECK(learned.events_read == 5);
    CHECK(learned.events_used == 0);
}

TEST_CASE("A commune the gazetteer lacks is learned at the median of its events", "[gazetteer][learned]") {
    ScratchDir dir;
    const auto known = mali_gazetteer(dir);
    const std::vector<CodedPlace> events = {coded("Ana", 14.0, -3.0, "Dinangou"), coded("Ba", 14.2, -3.4, "Dinangou"),
                                            coded("Ce", 14.4, -3.2, "Dinangou"),
                                            // two events only: too few to place a unit
                                            coded("De", 14.0, -4.0, "Pel Maoude"), coded("Fe", 14.1, -4.1, "Pel Maoude")};
    const auto learned = learn_places(events, known);
    const LearnedPlace* unit = named(learned, "Dinangou");
    REQUIRE(unit);
    CHECK(unit->feature_class == 'A');
    CHECK(unit->feature_code == "ADM3");
    CHECK(unit->latitude == Approx(14.2));
    CHECK(unit->longitude == Approx(-3.2));
    CHECK(unit->events == 3);
    CHECK_FALSE(named(learned, "Pel Maoude"));
}

TEST_CASE("Learning is the same whatever the order of the events", "[gazetteer][learned]") {
    ScratchDir dir;
    const auto known = mali_gazetteer(dir);
    std::vector<CodedPlace> events = {coded("Wendou Sare", 14.21, -3.31), coded("Sinda", 14.0, -3.0),
                                      coded("Sinda", 14.5, -3.8), coded("Tiofaly", 14.3, -3.6)};
    const auto first = learn_places(events, known);
    std::reverse(events.begin(), events.end());
    const auto second = learn_places(events, known);
    REQUIRE(first.places.size() == 4);
    REQUIRE(second.places.size() == first.places.size());
    for (std::size_t i = 0; i < first.places.size(); ++i) {
        CHECK(first.places[i].geonameid == second.places[i].geonameid);
        CHECK(first.places[i].name == second.places[i].name);
    }
}

TEST_CASE("Learned places written as a dump resolve like GeoNames places", "[gazetteer][learned]") {
    ScratchDir dir;
    const auto known = mali_gazetteer(dir);
    const auto learned = learn_places(std::vector{coded("Wendou Sare", 14.21, -3.31)}, known);
    std::ostringstream rows;
    write_geonames_rows(learned.places, rows);

    std::vector<Index> layers;
    layers.push_back(index_of(dir, "countryInfo.txt", country_info()));
    layers.push_back(index_of(dir, "admin1CodesASCII.txt", mali_admin1_codes()));
    layers.push_back(index_of(dir, "ML.txt", dump_of(mali_rows())));
    layers.push_back(index_of(dir, "learned-team.txt", rows.str()));
    const auto with_learned = Gazetteer::from_indexes(std::move(layers));
    const auto found = with_learned.resolve(Query{"Wendou-Saré", {}, {}, 5, false});
    REQUIRE(found.size() == 1);
    CHECK(found[0].place.geonameid == learned.places[0].geonameid);
    CHECK(found[0].place.admin1 == "Mopti");
    CHECK(found[0].place.latitude == Approx(14.21));

    SECTION("and learning again over them gives the same places, not none") {
        const auto again = learn_places(std::vector{coded("Wendou Sare", 14.21, -3.31)}, with_learned);
        REQUIRE(again.places.size() == 1);
        CHECK(again.places[0].geonameid == learned.places[0].geonameid);
    }
}
