#include "core/error.hpp"
#include "extract/place_fixture.hpp"
#include "store/importer.hpp"
#include "store/place_lookup.hpp"
#include "store_test_support.hpp"

#include <catch2/catch.hpp>

using incimap::InputError;
using incimap::store::PlaceQuery;
using incimap::store::ResolvedPlace;

namespace {

// Homonyms across borders and a press spelling's neighbours: Lere in Mali
// and in Nigeria (the larger), Koudougou and Kouka in Burkina Faso, an
// Algerian "Ariel" the Burkinabe "Arial" is one letter from. Made-up ids
// from 9100001 on, approximate positions.
constexpr std::string_view places = R"(9100001|Léré|Lere|15.72|-4.92|P|PPL|ML|08|10000
9100002|Lere||10.39|8.57|P|PPLA2|NG|18|50000
9100003|Tombouctou Region|Tombouctou,Timbuktu|19.5|-3|A|ADM1|ML|08|0
9100004|Koudougou||12.25|-2.36|P|PPLA|BF|02|90000
9100005|Centre-Ouest Region|Centre-Ouest|12|-2.5|A|ADM1|BF|02|0
9100006|Boulkiemdé Province|Boulkiemde|12.3|-2.3|A|ADM2|BF|02|0
9100007|Ariel||35.5|1.2|P|PPL|DZ|01|3000
9100008|Sahel Region|Sahel|14.1|-0.5|A|ADM1|BF|12|0
9100009|Djibo||14.0994|-1.62554|P|PPLA2|BF|12|22223
9100010|Burkina Faso|Burkina|12.5|-1.67|A|PCLI|BF|00|16241811
9100011|Mali||17|-4|A|PCLI|ML|00|13796354
)";

constexpr std::string_view admin1 = R"(ML.08	Tombouctou	Tombouctou	9100003
NG.18	Kaduna	Kaduna	0
BF.02	Centre-Ouest	Centre-Ouest	9100005
BF.12	Sahel	Sahel	9100008
)";

constexpr std::string_view countries = R"(BF	BFA	854	UV	Burkina Faso	Ouagadougou	274200	16241811	AF	.bf	XOF	Franc	226			fr-BF	9100010	NE,BJ,GH,CI,TG,ML	
ML	MLI	466	ML	Mali	Bamako	1240000	13796354	AF	.ml	XOF	Franc	223			fr-ML,bm	9100011	SN,NE,DZ,CI,GN,MR,BF	
)";

const incimap::gazetteer::Gazetteer& fixture() {
    static const auto g = incimap::test::gazetteer_of(places, admin1, countries);
    return g;
}

incimap::store::PlaceResolver resolver(double fuzzy_edit_share = 0.15) {
    return incimap::store::gazetteer_resolver([]() -> const incimap::gazetteer::Gazetteer& { return fixture(); },
                                              {fuzzy_edit_share});
}

} // namespace

TEST_CASE("Import places a row only in the row's own country", "[store][import][geocode]") {
    const auto place = resolver();
    SECTION("the country picks the homonym, however large the other") {
        CHECK(place({"Lere", "ML", "", "", ""}).geonameid == 9100001);
        CHECK(place({"Lere", "", "", "", ""}).geonameid == 9100002);
    }
    SECTION("a name known only abroad is no place of the row's country") {
        CHECK_THROWS_WITH(place({"Lere", "BF", "", "", ""}),
                          "no place for 'Lere' in Burkina Faso: location 'Lere' not found");
    }
    SECTION("nor is a spelling close to a foreign name") {
        CHECK_THROWS_WITH(place({"Arial", "BF", "", "", ""}),
                          "no place for 'Arial' in Burkina Faso: location 'Arial' not found");
    }
}

TEST_CASE("A fuzzy match must have few edits for its length", "[store][import][geocode]") {
    SECTION("one edit in eight letters is a spelling of the place") {
        const auto found = resolver(0.15)({"Koudougu", "BF", "", "", ""});
        CHECK(found.geonameid == 9100004);
        CHECK(found.geo_precision == 1);
    }
    SECTION("above the floor it is not") {
        CHECK_THROWS_WITH(resolver(0.1)({"Koudougu", "BF", "", "", ""}),
                          Catch::Contains("location 'Koudougu' found only as Koudougou, 1 edit off in 8 letters"));
    }
}

TEST_CASE("An unknown location is placed at its smallest known admin unit", "[store][import][geocode]") {
    const auto place = resolver();
    SECTION("its admin3, precision 2") {
        const auto found = place({"Nowherebougou", "BF", "Sahel", "Soum", "Djibo"});
        CHECK(found.geonameid == 9100009);
        CHECK(found.geo_precision == 2);
    }
    SECTION("its admin2 when the admin3 is unknown too, precision 2") {
        const auto found = place({"Nowherebougou", "BF", "Centre-Ouest", "Boulkiemde", "Nowhere"});
        CHECK(found.geonameid == 9100006);
        CHECK(found.geo_precision == 2);
    }
    SECTION("its admin1 last, precision 3") {
        const auto found = place({"Nowherebougou", "BF", "Sahel", "", ""});
        CHECK(found.geonameid == 9100008);
        CHECK(found.geo_precision == 3);
    }
    SECTION("a location abroad falls back to the admin units at home") {
        const auto found = place({"Lere", "BF", "Sahel", "", "Djibo"});
        CHECK(found.geonameid == 9100009);
        CHECK(found.iso == "BF");
    }
    SECTION("a known location is the place itself, precision 1") {
        const auto found = place({"Djibo", "BF", "Sahel", "Soum", "Djibo"});
        CHECK(found.geonameid == 9100009);
        CHECK(found.geo_precision == 1);
    }
}

TEST_CASE("A row nothing places is rejected with its line and every reason", "[store][import][geocode]") {
    incimap::store_test::TempDir dir;
    auto file = dir.write("nocoords.csv",
                          "event_date,event_type,country,admin1,admin2,admin3,location\n"
                          "2021-03-02,Battles,Burkina Faso,Sahel,Soum,Djibo,Nowherebougou\n"
                          "2021-03-03,Battles,Burkina Faso,Atlantis,Nowhere,Noplace,Nowherebougou\n");
    const auto place = resolver();
    incimap::store::ImportOptions options;
    options.context.resolver = &place;
    auto store = incimap::store::IncidentStore::open((dir / "s.gpkg").string(),
                                                     incimap::store::IncidentStore::Access::write);
    const std::filesystem::path path = file;
    const auto report = incimap::store::import_files(store, std::span(&path, 1), options);
    store.close();
    CHECK(report.total.imported == 1);
    REQUIRE(report.total.rejected == 1);
    CHECK(report.rejections[0] ==
          file.string() +
              ":3: no place for 'Nowherebougou' in Burkina Faso: location 'Nowherebougou' not found; "
              "admin3 'Noplace' not found; admin2 'Nowhere' not found; admin1 'Atlantis' not found");
}
