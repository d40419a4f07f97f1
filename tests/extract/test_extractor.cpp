// End-to-end: short reports (tests/extract/reports/) read with the small
// Sahel gazetteer of place_fixture.hpp, every field of the incidents checked.
#include "extract/extractor.hpp"

#include "extract/confidence.hpp"
#include "place_fixture.hpp"
#include "sources/document.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace incimap;

namespace {

const gazetteer::Gazetteer& fixture() {
    static const gazetteer::Gazetteer g = test::sahel_gazetteer();
    return g;
}

const extract::ActorDictionary& actors() {
    static const extract::ActorDictionary a = extract::ActorDictionary::builtin();
    return a;
}

sources::Document report(const std::string& name) {
    std::ifstream in(std::string(INCIMAP_TEST_DIR) + "/extract/reports/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return sources::document_from_text(text.str(), name, {});
}

std::vector<Incident> incidents_of(const sources::Document& doc) {
    return extract::Extractor(fixture(), actors()).extract(doc);
}

// Every note is the text at its offsets.
void check_evidence(const Incident& incident, const sources::Document& doc) {
    REQUIRE_FALSE(incident.notes.empty());
    for (const auto& note : incident.notes) {
        REQUIRE(note.end <= doc.text.size());
        CHECK(doc.text.substr(note.begin, note.end - note.begin) == note.text);
    }
    CHECK(incident.doc_id == doc.id);
    CHECK(incident.source == doc.title);
    CHECK(incident.confidence > 0);
    CHECK(incident.confidence <= 1);
}

} // namespace

TEST_CASE("Attacks on two sites of one town are one incident in that town", "[extractor]") {
    const auto doc = report("bamako.txt");
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    const Incident& i = incidents[0];
    CHECK(i.event_date == "2024-09-17");  // "on Tuesday", published on Wednesday 18
    CHECK(i.time_precision == TimePrecision::day);
    CHECK(i.event_type == "Battles");
    CHECK(i.sub_event_type == "Armed clash");
    CHECK(i.actor1 == "JNIM: Group for Support of Islam and Muslims");
    CHECK(i.actor2 == "Police Forces of Mali (2021-)");
    CHECK(i.assoc_actors.empty());
    CHECK(i.location == "Bamako");
    CHECK(i.geonameid == 2460596);
    CHECK(i.latitude == Approx(12.65));
    CHECK(i.longitude == Approx(-8.0));
    CHECK(i.country == "Mali");
    CHECK(i.iso == "ML");
    CHECK(i.admin1 == "Bamako");
    CHECK(i.geo_precision == GeoPrecision::town);
    CHECK(i.fatalities == 70);
    REQUIRE(i.notes.size() == 2);
    CHECK(i.notes[1].text == "More than 70 people were killed, hospital sources said.");
    check_evidence(i, doc);
    CHECK(i.confidence >= 0.7);
}

TEST_CASE("Attacks on two towns are two incidents; the deaths go to the first",
          "[extractor]") {
    const auto doc = report("djibo-arbinda.txt");
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 2);
    CHECK(incidents[0].location == "Djibo");
    CHECK(incidents[0].geonameid == 2361177);
    CHECK(incidents[1].location == "Arbinda");
    for (const auto& i : incidents) {
        CHECK(i.event_date == "2023-11-26");
        CHECK(i.time_precision == TimePrecision::day);
        CHECK(i.event_type == "Battles");
        CHECK(i.actor1 == "Islamic State (Sahel)");
        CHECK(i.iso == "BF");
        CHECK(i.country == "Burkina Faso");
        CHECK(i.admin1 == "Sahel");
        CHECK(i.geo_precision == GeoPrecision::town);
        check_evidence(i, doc);
    }
    CHECK(incidents[0].fatalities == 12);
    CHECK(incidents[1].fatalities == 0);
}

TEST_CASE("Kidal the town is taken back; Kidal the region is bombed", "[extractor]") {
    const auto doc = report("kidal.txt");
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 2);
    const Incident& town = incidents[0];
    CHECK(town.event_date == "2023-11-14");
    CHECK(town.event_type == "Battles");
    CHECK(town.sub_event_type == "Government regains territory");
    CHECK(town.actor1 == "Military Forces of Mali (2021-)");
    CHECK(town.geonameid == 2455290);
    CHECK(town.geo_precision == GeoPrecision::town);
    CHECK(town.admin1 == "Kidal");
    CHECK(town.fatalities == 0);
    check_evidence(town, doc);

    const Incident& region = incidents[1];
    CHECK(region.event_type == "Explosions/Remote violence");
    CHECK(region.sub_event_type == "Air/drone strike");
    CHECK(region.geonameid == 2597449);
    CHECK(region.geo_precision == GeoPrecision::region);
    CHECK(region.iso == "ML");
    // No date in its paragraph: the publication date.
    CHECK(region.event_date == "2023-11-15");
    CHECK(region.confidence < town.confidence);
    check_evidence(region, doc);
}

TEST_CASE("A press spelling near the border resolves, near precision, with both sides coded",
          "[extractor]") {
    const auto doc = report("tinzaouatine.txt");
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    const Incident& i = incidents[0];
    CHECK(i.geonameid == 2476086);
    CHECK(i.location == "Ti-n-Zaouâtene");
    CHECK(i.geo_precision == GeoPrecision::near);
    CHECK(i.event_date == "2024-07-27");
    CHECK(i.time_precision == TimePrecision::day);
    CHECK(i.event_type == "Battles");
    CHECK(i.sub_event_type == "Armed clash");
    CHECK(i.actor1 == "CSP-DPA: Strategic Framework for the Defense of the People of Azawad");
    CHECK(i.actor2 == "Military Forces of Mali (2021-)");
    CHECK(i.fatalities == 12);  // "dozens"
    check_evidence(i, doc);
}

TEST_CASE("A protest met with tear gas is a protest with intervention", "[extractor]") {
    const auto doc = report("niamey.txt");
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    const Incident& i = incidents[0];
    CHECK(i.geonameid == 2440485);
    CHECK(i.iso == "NE");
    CHECK(i.event_date == "2023-07-30");
    CHECK(i.event_type == "Protests");
    CHECK(i.sub_event_type == "Protest with intervention");
    CHECK(i.actor1 == "Protesters (Niger)");
    CHECK(i.fatalities == 0);
    CHECK(i.notes.size() == 2);
    check_evidence(i, doc);
}

TEST_CASE("An attack killing soldiers in Ouagadougou", "[extractor]") {
    const auto doc = report("ouagadougou.txt");
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    const Incident& i = incidents[0];
    CHECK(i.geonameid == 2357048);
    CHECK(i.event_date == "2018-03-02");
    CHECK(i.event_type == "Battles");
    CHECK(i.actor1 == "Unidentified Armed Group (Burkina Faso)");
    CHECK(i.actor2 == "Military Forces of Burkina Faso (2015-2022)");
    CHECK(i.fatalities == 8);
    CHECK(i.admin1 == "Centre");
    check_evidence(i, doc);
}

TEST_CASE("Koro is the one of the region the report names", "[extractor]") {
    SECTION("Koro in Mopti, near it") {
        const auto doc = report("koro-mopti.txt");
        const auto incidents = incidents_of(doc);
        REQUIRE(incidents.size() == 1);
        CHECK(incidents[0].geonameid == 2454674);
        CHECK(incidents[0].admin1 == "Mopti");
        CHECK(incidents[0].geo_precision == GeoPrecision::near);
        CHECK(incidents[0].event_type == "Explosions/Remote violence");
        CHECK(incidents[0].sub_event_type == "Remote explosive/landmine/IED");
        CHECK(incidents[0].fatalities == 3);
        CHECK(incidents[0].event_date == "2020-05-04");
    }
    SECTION("Koro in Koulikoro") {
        const auto doc = report("koro-koulikoro.txt");
        const auto incidents = incidents_of(doc);
        REQUIRE(incidents.size() == 1);
        CHECK(incidents[0].geonameid == 2454673);
        CHECK(incidents[0].admin1 == "Koulikoro");
        CHECK(incidents[0].geo_precision == GeoPrecision::town);
        CHECK(incidents[0].event_type == "Violence against civilians");
        CHECK(incidents[0].actor1 == "Unidentified Armed Group (Mali)");
        CHECK(incidents[0].actor2 == "Civilians (Mali)");
        CHECK(incidents[0].fatalities == 2);
    }
}

TEST_CASE("Speculation about an attack stays under the default confidence", "[extractor]") {
    const auto incidents = incidents_of(report("analysis.txt"));
    for (const auto& i : incidents)
        CHECK(i.confidence < extract::default_min_confidence);
}

TEST_CASE("Text without events, or without any date, gives no incident", "[extractor]") {
    sources::Document doc;
    doc.id = "calm";
    doc.text = "Markets reopened in Bamako. Traders were pleased.";
    doc.published = "2024-01-10";
    CHECK(incidents_of(doc).empty());

    sources::Document undated;
    undated.id = "undated";
    undated.text = "Gunmen attacked a post in Djibo.";
    CHECK(incidents_of(undated).empty());
    undated.text = "Gunmen attacked a post in Djibo on 3 March 2022.";
    const auto dated = incidents_of(undated);
    REQUIRE(dated.size() == 1);
    CHECK(dated[0].event_date == "2022-03-03");
}

TEST_CASE("Odd text never breaks the reader", "[extractor]") {
    sources::Document doc;
    doc.id = "odd";
    doc.published = "2024-01-10";
    const std::vector<std::string> texts = {"", "(((", "In In In near of the village of", "Koro (",
                                            "[Kidal", "Gao \xEF\xBF\xBD killed", std::string(5000, 'A')};
    for (const auto& text : texts) {
        doc.text = text;
        CHECK_NOTHROW(incidents_of(doc));
    }
}

TEST_CASE("An attack that meets armed resistance is a battle", "[extractor]") {
    sources::Document doc;
    doc.id = "resisted";
    doc.published = "2022-03-25";
    auto event_of = [&](const std::string& text) {
        doc.text = text;
        const auto incidents = incidents_of(doc);
        REQUIRE(incidents.size() == 1);
        return incidents[0].event_type + "/" + incidents[0].sub_event_type;
    };
    CHECK(event_of("On 22 March 2022, gunmen attacked the house of a farmer in Djibo. "
                   "The attack was repelled and one gunman was killed.") == "Battles/Armed clash");
    CHECK(event_of("On 22 March 2022, gunmen attacked the house of a farmer in Djibo. "
                   "The farmer's family fled to the town.") == "Violence against civilians/Attack");
    SECTION("a clash named only as the cause is no resistance") {
        CHECK(event_of("On 22 March 2022, gunmen attacked a farmer in Djibo. "
                       "The clashes of last year are the reason.") == "Violence against civilians/Attack");
    }
    SECTION("a development that turns into a fight") {
        CHECK(event_of("On 22 March 2022, gunmen seized a truck in Dori. "
                       "Soldiers chased them and the gunmen opened fire on the soldiers.") ==
              "Battles/Armed clash");
    }
}

TEST_CASE("A national event without a town is coded at the capital, precision 3", "[extractor]") {
    sources::Document doc;
    doc.id = "borders";
    doc.published = "2020-03-24";
    doc.text = "On 21 March 2020 the government of Burkina Faso closed its land borders and imposed a "
               "night curfew across the country.";
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].geonameid == 2357048);  // Ouagadougou
    CHECK(incidents[0].geo_precision == GeoPrecision::region);
    CHECK(incidents[0].event_type == "Strategic developments");
    CHECK(incidents[0].event_date == "2020-03-21");
}

TEST_CASE("A country named beside a town does not add an incident", "[extractor]") {
    sources::Document doc;
    doc.id = "djibo";
    doc.published = "2024-05-05";
    doc.text = "On 3 May 2024 gunmen attacked Djibo, killing four soldiers. "
               "The attack was one of the deadliest in Burkina Faso this year.";
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].geonameid == 2361177);
    CHECK(incidents[0].notes.size() == 2);
}

TEST_CASE("An actor of one country picks that country's homonym", "[extractor]") {
    sources::Document doc;
    doc.id = "sa";
    doc.published = "2020-05-04";
    doc.text = "On 1 May 2020 Dan Na Ambassagou militiamen killed two herders in the village of Sa.";
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].geonameid == 2451922);  // the Sa of Mopti, Mali
}
