// How the names in brackets after a village ("Dassouri (Dassouri, Kouroula)": its
// commune, then its province or region) choose among homonyms and press
// spellings. The gazetteer is made up for these cases: homonyms and
// spellings one letter apart at plausible distances.
#include "extract/place_resolver.hpp"

#include "place_fixture.hpp"

#include <catch2/catch.hpp>

using namespace incimap;
using namespace incimap::extract;

namespace {

// "id|name|alternates|lat|lon|class|code|cc|admin1|population"
constexpr std::string_view places = R"(9100001|Dassouri||11.38|-4.42|P|PPL|BF|09|0
9100002|Dassouri||12.04|-4.40|P|PPL|BF|01|0
9100003|Province du Kouroula|Kouroula|11.33|-4.25|A|ADM2|BF|09|760000
9100011|Saabtenga||12.05|-1.31|P|PPL|BF|07|0
9100012|Sabtenga||12.26|-1.53|P|PPL|BF|03|0
9100013|Zinsiga||12.18|-1.64|P|PPL|BF|03|0
9100014|Kossoghin Province|Kossoghin|12.33|-1.50|A|ADM2|BF|03|1300000
9100021|Gandourou||12.43|0.03|P|PPL|BF|08|0
9100022|Pialgou||12.72|1.05|P|PPL|BF|08|0
9100023|Province du Nassougou|Nassougou|12.70|0.75|A|ADM2|BF|08|80000
9100031|Fanidiassa||11.42|-7.48|P|PPLA2|ML|05|58000
9100032|Fanidiasso||11.33|-5.42|P|PPL|ML|05|0
9100033|Sikasso||11.32|-5.67|P|PPLA|ML|05|226000
9100034|Sikasso Region|Sikasso|11.0|-6.5|A|ADM1|ML|05|0
9100041|Gao||16.27|-0.04|P|PPLA|ML|09|87000
9100042|Gao||11.65|-2.18|P|PPL|BF|07|0
9100043|Agharbou||15.66|0.50|P|PPLA2|ML|09|32000
9100044|Gao Region|Gao|16.6|1.6|A|ADM1|ML|09|0
9100051|Tonnel||8.97|-10.13|P|PPL|GN|00|0
2453866|Mali|Republic of Mali|17|-4|A|PCLI|ML|00|13796354
2361809|Burkina Faso|Burkina|12.5|-1.66667|A|PCLI|BF|00|16241811
)";

constexpr std::string_view admin1 = R"(ML.05	Sikasso	Sikasso	9100034
ML.09	Gao	Gao	9100044
BF.01	Boucle du Mouhoun	Boucle du Mouhoun	6930701
BF.03	Centre	Centre	6930704
BF.07	Centre-Sud	Centre-Sud	6930708
BF.08	Est	Est	6930709
BF.09	Hauts-Bassins	Hauts-Bassins	6930710
)";

const gazetteer::Gazetteer& fixture() {
    static const gazetteer::Gazetteer g = test::gazetteer_of(places, admin1, test::sahel_countries);
    return g;
}

// The place of the mention `name` in a one-sentence report.
std::optional<ResolvedPlace> place_of(const std::string& sentence, std::string_view name,
                                      PlaceContext context = {}) {
    return test::place_named_in(fixture(), {sentence}, name, context);
}

} // namespace

TEST_CASE("a village named after its commune is the commune's seat", "[place_resolver][hints]") {
    auto seat = place_of("Herders and farmers argued in Dassouri (Dassouri, Kouroula) over a field.", "Dassouri");
    REQUIRE(seat);
    CHECK(seat->place.geonameid == 9100001);
}

TEST_CASE("a press spelling beside the named commune wins over an exact name far from it",
          "[place_resolver][hints]") {
    auto place = place_of("Gunmen set fire to a grain store in Saabtenga (Zinsiga, Kossoghin).", "Saabtenga");
    REQUIRE(place);
    CHECK(place->place.geonameid == 9100012);
    CHECK(place->edits == 1);
}

TEST_CASE("a press spelling far from the named commune gives way to the commune",
          "[place_resolver][hints]") {
    auto place = place_of("Armed men took a trader away in the village of Gandoualou (Pialgou, Nassougou).",
                          "Gandoualou");
    REQUIRE(place);
    CHECK(place->place.geonameid == 9100022);
    CHECK(place->precision == GeoPrecision::near);
}

TEST_CASE("a hint is read exactly when it can be", "[place_resolver][hints]") {
    auto place = place_of("Teachers went on strike in Fanidiassa (Fanidiassa, Sikasso).", "Fanidiassa");
    REQUIRE(place);
    CHECK(place->place.geonameid == 9100031);
    CHECK(place->edits == 0);
}

TEST_CASE("hints are read for themselves, not pulled by the report's country", "[place_resolver][hints]") {
    PlaceContext burkinabe;
    burkinabe.countries["BF"] = 2;  // "Burkinabe troops"
    auto place = place_of("Burkinabe troops shot a militant leader at the camp of Tinakoret (Agharbou, Gao).",
                          "Tinakoret", burkinabe);
    REQUIRE(place);
    CHECK(place->place.geonameid == 9100043);
    CHECK(place->place.country == "ML");
}

TEST_CASE("a press spelling is not a village of a neighbour the report does not name",
          "[place_resolver][hints]") {
    CHECK_FALSE(place_of("Herders of the village of Wonnel held a sit-in over grazing land.", "Wonnel"));
    SECTION("it is once the report points to the neighbour") {
        PlaceContext guinean;
        guinean.countries["GN"] = 2;  // "Guinean herders"
        auto place = place_of("Herders of the village of Wonnel held a sit-in over grazing land.", "Wonnel",
                              guinean);
        REQUIRE(place);
        CHECK(place->place.geonameid == 9100051);
    }
}
