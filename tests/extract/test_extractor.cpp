// End-to-end: short reports (tests/extract/reports/) read with the small
// Sahel gazetteer of place_fixture.hpp, every field of the incidents checked.
#include "extract/extractor.hpp"

#include "extract/confidence.hpp"
#include "extract/text_pieces.hpp"
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

// A report of TEXT published on the day PUBLISHED.
sources::Document written(std::string published, std::string text) {
    sources::Document doc;
    doc.id = "inline";
    doc.published = std::move(published);
    doc.text = std::move(text);
    return doc;
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

// Every field of an incident as a report codes it.
struct Coded {
    std::string event_date;
    TimePrecision time_precision;
    std::string event_type;
    std::string sub_event_type;
    std::string actor1;
    std::string actor2;
    std::vector<std::string> assoc_actors;
    std::string location;
    double latitude;
    double longitude;
    std::int64_t geonameid;
    std::string country;
    std::string iso;
    std::string admin1;
    GeoPrecision geo_precision;
    int fatalities;
    std::size_t notes;  // evidence sentences
};

// Checks every field of INCIDENT, read from DOC, against CODED.
void check_coded(const Incident& incident, const Coded& coded, const sources::Document& doc) {
    INFO(doc.id << ": the incident at " << incident.location << " on " << incident.event_date);
    CHECK(incident.event_date == coded.event_date);
    CHECK(incident.time_precision == coded.time_precision);
    CHECK(incident.event_type == coded.event_type);
    CHECK(incident.sub_event_type == coded.sub_event_type);
    CHECK(incident.actor1 == coded.actor1);
    CHECK(incident.actor2 == coded.actor2);
    CHECK(incident.assoc_actors == coded.assoc_actors);
    CHECK(incident.location == coded.location);
    CHECK(incident.latitude == Approx(coded.latitude).margin(1e-9));
    CHECK(incident.longitude == Approx(coded.longitude).margin(1e-9));
    CHECK(incident.geonameid == coded.geonameid);
    CHECK(incident.country == coded.country);
    CHECK(incident.iso == coded.iso);
    CHECK(incident.admin1 == coded.admin1);
    CHECK(incident.geo_precision == coded.geo_precision);
    CHECK(incident.fatalities == coded.fatalities);
    CHECK(incident.notes.size() == coded.notes);
    check_evidence(incident, doc);
}

} // namespace

TEST_CASE("Attacks on two sites of one town are one incident in that town", "[extractor]") {
    const auto doc = report("bamako.txt");
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    // "on Tuesday", published on Wednesday 18 September 2024; "more than 70".
    check_coded(incidents[0],
                {"2024-09-17", TimePrecision::day, "Battles", "Armed clash",
                 "JNIM: Group for Support of Islam and Muslims", "Police Forces of Mali (2021-) Gendarmerie", {},
                 "Bamako", 12.65, -8.0, 2460596, "Mali", "ML", "Bamako", GeoPrecision::town, 70, 2},
                doc);
    CHECK(incidents[0].notes[1].text == "More than 70 people were killed, hospital sources said.");
    CHECK(incidents[0].source == "Gunmen strike the gendarmerie school in Bamako");
    CHECK(incidents[0].confidence >= 0.7);
}

TEST_CASE("A month of this year is precision 3, dated in the middle; last year's events are background",
          "[extractor]") {
    const auto doc = report("north.txt");
    const auto incidents = incidents_of(doc);
    // The takeover of Kidal "in late 2023", recalled in a report of August
    // 2024 beside a July ambush, is background, not a new incident.
    REQUIRE(incidents.size() == 1);
    // "in July this year", published on 2 August 2024: 1 to 31 July.
    check_coded(incidents[0],
                {"2024-07-16", TimePrecision::month, "Battles", "Armed clash",
                 "CSP-DPA: Strategic Framework for the Defense of the People of Azawad",
                 "Military Forces of Mali (2021-)", {}, "Ti-n-Zaouâtene", 19.95427, 2.96732, 2476086,
                 "Mali", "ML", "Kidal", GeoPrecision::near, 12, 1},
                doc);
}

TEST_CASE("A look back whose events are all old tells of the latest; those long before it are background",
          "[extractor]") {
    const auto doc = report("look-back.txt");
    const auto incidents = incidents_of(doc);
    // Published in November 2025: the ambush of August 2025 is the latest
    // event; the attack of June and the recapture of November 2023 are more
    // than a month before it.
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].event_date == "2025-08-16");
    CHECK(incidents[0].fatalities == 12);
}

TEST_CASE("Where the wounded were taken is no place of the attack, and no attack of its own",
          "[extractor]") {
    auto doc = written("2024-09-04", "Gunmen attacked a market in Djibo on Tuesday. The wounded were flown to "
                                     "Ouagadougou, where flags flew at half-mast on Wednesday.");
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].location == "Djibo");
    CHECK(incidents[0].event_date == "2024-09-03");

    doc.text = "Les blessés ont été évacués vers Ouagadougou mercredi. The injured were taken to Niamey.";
    CHECK(incidents_of(doc).empty());
}

TEST_CASE("The place of a report's source and the region around the event's place are no incidents",
          "[extractor]") {
    auto doc = written("2024-03-12", "Gunmen killed 6 people in Djibo on Sunday, said a local official in "
                                     "Ouagadougou.");
    auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].location == "Djibo");

    doc.text = "Selon un élu joint à Ouagadougou, des hommes armés ont tué 6 personnes à Djibo dimanche.";
    incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].location == "Djibo");

    doc.text = "Armed men killed 9 people in the Djibo area of Burkina Faso's Sahel region on Sunday.";
    incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].location == "Djibo");
}

TEST_CASE("A headline naming one end of the road its body says the ambush was on is that ambush",
          "[extractor]") {
    auto doc = written("2024-03-09", "Eight soldiers killed in an ambush on the road to Gao\n\n"
                                     "Eight soldiers were killed on Friday in an ambush on the main road between "
                                     "Mopti and Gao, security sources said on Saturday.");
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].event_date == "2024-03-08");
    CHECK(incidents[0].fatalities == 8);
}

TEST_CASE("The seat of the authorities who speak is no place of the event", "[extractor]") {
    auto doc = written("2024-03-12", "The authorities in Bamako said that gunmen had killed 6 people in Djibo on Sunday.");
    auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].location == "Djibo");

    doc.text = "Les autorités militaires de Niamey ont annoncé dimanche qu'une patrouille avait été attaquée à "
               "Inates.";
    incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].location == "Inates");
}

TEST_CASE("Dori is the village of the region the report names, not the larger town", "[extractor]") {
    sources::Document doc;
    doc.id = "dori";
    doc.title = "Village raided";
    doc.published = "2021-03-08";
    doc.text = "Gunmen raided the village of Dori (Mopti region, Mali) on 6 March 2021 and "
               "killed two herders.";
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    check_coded(incidents[0],
                {"2021-03-06", TimePrecision::day, "Violence against civilians", "Attack",
                 "Unidentified Armed Group (Mali)", "Civilians (Mali)", {}, "Dori", 14.7902, -5.0437,
                 2458387, "Mali", "ML", "Mopti", GeoPrecision::town, 2, 1},
                doc);
}

TEST_CASE("Attacks on two towns are two incidents; the deaths go to the first",
          "[extractor]") {
    const auto doc = report("djibo-arbinda.txt");
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 2);
    // The sentence of the deaths is evidence of both, and its soldiers are
    // the other side of both fights.
    const std::string army = "Military Forces of Burkina Faso (2022-)";
    check_coded(incidents[0],
                {"2023-11-26", TimePrecision::day, "Battles", "Armed clash", "Islamic State (Sahel)",
                 army, {}, "Djibo", 14.0994, -1.62554, 2361177, "Burkina Faso", "BF", "Sahel",
                 GeoPrecision::town, 12, 2},
                doc);
    check_coded(incidents[1],
                {"2023-11-26", TimePrecision::day, "Battles", "Armed clash", "Islamic State (Sahel)",
                 army, {}, "Arbinda", 14.2308, -0.8682, 9000003, "Burkina Faso", "BF", "Sahel",
                 GeoPrecision::town, 0, 2},
                doc);
}

TEST_CASE("Kidal the town is taken back; Kidal the region is bombed", "[extractor]") {
    const auto doc = report("kidal.txt");
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 2);
    // "on Tuesday", published on Wednesday 15 November 2023.
    check_coded(incidents[0],
                {"2023-11-14", TimePrecision::day, "Battles", "Government regains territory",
                 "Military Forces of Mali (2021-)", "", {}, "Kidal", 18.44111, 1.40778, 2455290,
                 "Mali", "ML", "Kidal", GeoPrecision::town, 0, 1},
                doc);
    // No date in its paragraph: the publication date. The region alone: its
    // ADM1 point, precision 3. No one named strikes: an unidentified group.
    check_coded(incidents[1],
                {"2023-11-15", TimePrecision::day, "Explosions/Remote violence", "Air/drone strike",
                 "Unidentified Armed Group (Mali)", "", {}, "Kidal Region", 19.4, 1.2, 2597449, "Mali", "ML", "Kidal",
                 GeoPrecision::region, 0, 1},
                doc);
    CHECK(incidents[1].confidence < incidents[0].confidence);
}

TEST_CASE("A press spelling near the border resolves, near precision, with both sides coded",
          "[extractor]") {
    const auto doc = report("tinzaouatine.txt");
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    // "on 27 July" published on 30 July 2024; "dozens" is 12.
    check_coded(incidents[0],
                {"2024-07-27", TimePrecision::day, "Battles", "Armed clash",
                 "CSP-DPA: Strategic Framework for the Defense of the People of Azawad",
                 "Military Forces of Mali (2021-)", {}, "Ti-n-Zaouâtene", 19.95427, 2.96732, 2476086,
                 "Mali", "ML", "Kidal", GeoPrecision::near, 12, 2},
                doc);
}

TEST_CASE("A protest met with tear gas is a protest with intervention", "[extractor]") {
    const auto doc = report("niamey.txt");
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    // "on Sunday", published on Monday 31 July 2023. The police of the next
    // sentence make the intervention and are actor2.
    check_coded(incidents[0],
                {"2023-07-30", TimePrecision::day, "Protests", "Protest with intervention",
                 "Protesters (Niger)", "Police Forces of Niger (2023-)", {}, "Niamey", 13.51366, 2.1098, 2440485, "Niger",
                 "NE", "Niamey", GeoPrecision::town, 0, 2},
                doc);
}

TEST_CASE("An attack killing soldiers in Ouagadougou", "[extractor]") {
    const auto doc = report("ouagadougou.txt");
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    check_coded(incidents[0],
                {"2018-03-02", TimePrecision::day, "Battles", "Armed clash",
                 "Unidentified Armed Group (Burkina Faso)",
                 "Military Forces of Burkina Faso (2015-2022)", {}, "Ouagadougou", 12.36566,
                 -1.53388, 2357048, "Burkina Faso", "BF", "Centre", GeoPrecision::town, 8, 1},
                doc);
}

TEST_CASE("Koro is the one of the region the report names", "[extractor]") {
    SECTION("Koro in Mopti, near it") {
        const auto doc = report("koro-mopti.txt");
        const auto incidents = incidents_of(doc);
        REQUIRE(incidents.size() == 1);
        check_coded(incidents[0],
                    {"2020-05-04", TimePrecision::day, "Explosions/Remote violence",
                     "Remote explosive/landmine/IED", "Unidentified Armed Group (Mali)",
                     "Civilians (Mali)", {}, "Koro", 14.064, -3.07539,
                     2454674, "Mali", "ML", "Mopti", GeoPrecision::near, 3, 1},
                    doc);
    }
    SECTION("Koro in Koulikoro") {
        const auto doc = report("koro-koulikoro.txt");
        const auto incidents = incidents_of(doc);
        REQUIRE(incidents.size() == 1);
        check_coded(incidents[0],
                    {"2020-05-04", TimePrecision::day, "Violence against civilians", "Attack",
                     "Unidentified Armed Group (Mali)", "Civilians (Mali)", {}, "Koro", 14.6266,
                     -7.9842, 2454673, "Mali", "ML", "Koulikoro", GeoPrecision::town, 2, 1},
                    doc);
    }
}

TEST_CASE("Speculation about an attack stays under the default confidence", "[extractor]") {
    const auto doc = report("analysis.txt");
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);  // read, then held back by its confidence
    CHECK(incidents[0].location == "Bamako");
    CHECK(incidents[0].confidence < extract::default_min_confidence);
    SECTION("the same attack reported as done is above it") {
        sources::Document done = doc;
        done.text = "JNIM attacked Bamako on 1 October 2024.";
        const auto reported = incidents_of(done);
        REQUIRE(reported.size() == 1);
        CHECK(reported[0].confidence >= extract::default_min_confidence);
    }
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
                   "Guards repelled the gunmen and killed one of them.") == "Battles/Armed clash");
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
    doc.text = "On 21 March 2020 the authorities of Burkina Faso banned travel across the land borders "
               "and ordered a curfew for every town.";
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

TEST_CASE("A side named only in a later sentence is actor2 of a fight, not of violence against civilians",
          "[extractor]") {
    sources::Document doc;
    doc.id = "later";
    doc.published = "2024-05-05";
    doc.text = "On 3 May 2024 JNIM militants shot three people dead in Djibo. "
               "Burkinabe soldiers arrived after the attack and found three bodies.";
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].event_type == "Violence against civilians");
    CHECK(incidents[0].notes.size() == 2);  // the soldiers' sentence is evidence
    CHECK(incidents[0].actor2 == "Civilians (Burkina Faso)");
}

TEST_CASE("Residents who tell of an attack are not its actor", "[extractor]") {
    sources::Document doc;
    doc.id = "witnesses";
    doc.published = "2024-05-13";
    doc.text = "Residents of Djibo said gunmen attacked the army post in the town on 11 May 2024.";
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].actor1 == "Unidentified Armed Group (Burkina Faso)");
}

namespace {

std::vector<Incident> read_text(const std::string& text, extract::ExtractTrace* trace = nullptr,
                                extract::RunContext* run = nullptr) {
    sources::Document doc;
    doc.id = "note";
    doc.text = text;
    doc.published = "2023-03-10";
    return extract::Extractor(fixture(), actors()).extract(doc, trace, run);
}

} // namespace

TEST_CASE("An event the report places in no town is still coded where it can be", "[extractor][fallback]") {
    SECTION("in the country its words imply, at the capital, precision 3") {
        const auto incidents = read_text("On 4 March, Malian soldiers clashed with gunmen near a well.");
        REQUIRE(incidents.size() == 1);
        CHECK(incidents[0].location == "Bamako");
        CHECK(incidents[0].iso == "ML");
        CHECK(incidents[0].geo_precision == GeoPrecision::region);
        CHECK(incidents[0].event_type == "Battles");
    }
    SECTION("at the place a later sentence gives for it") {
        const auto incidents =
            read_text("On 4 March, gunmen killed three herders. The killings took place in Djibo.");
        REQUIRE(incidents.size() == 1);
        CHECK(incidents[0].location == "Djibo");
        CHECK(incidents[0].fatalities == 3);
    }
    SECTION("in the main country of the run when the report implies none") {
        extract::RunContext run;
        REQUIRE(read_text("On 2 March, gunmen attacked a market in Djibo.", nullptr, &run).size() == 1);
        CHECK(run.main_country() == "BF");
        const auto incidents = read_text("On 4 March, gunmen burned a school.", nullptr, &run);
        REQUIRE(incidents.size() == 1);
        CHECK(incidents[0].location == "Ouagadougou");
        CHECK(incidents[0].geo_precision == GeoPrecision::region);
    }
    SECTION("and when nothing says where, the trace says why") {
        extract::ExtractTrace trace;
        CHECK(read_text("On 4 March, gunmen burned a school.", &trace).empty());
        REQUIRE(trace.unplaced.size() == 1);
        CHECK_THAT(trace.unplaced[0], Catch::Contains("no place") && Catch::Contains("burned a school"));
    }
    SECTION("but a sentence about several countries is no event of one place") {
        CHECK(read_text("On 4 March, Mali, Burkina Faso and Niger signed a defence pact.").empty());
    }
}

TEST_CASE("A place fallback never outranks an incident placed by its town", "[extractor][fallback]") {
    extract::RunContext run;
    read_text("On 2 March, gunmen attacked a market in Gao.", nullptr, &run);
    const auto incidents = read_text("On 4 March, gunmen burned a school in Djibo.", nullptr, &run);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].location == "Djibo");
    CHECK(incidents[0].geo_precision == GeoPrecision::town);
}

namespace {

// The incidents of a short report published on 5 May 2024.
std::vector<Incident> incidents_of_text(const std::string& text) {
    sources::Document doc;
    doc.id = "short";
    doc.published = "2024-05-05";
    doc.text = text;
    return incidents_of(doc);
}

// The one incident a short report gives.
Incident one_incident(const std::string& text) {
    const auto incidents = incidents_of_text(text);
    INFO(text);
    REQUIRE(incidents.size() == 1);
    return incidents[0];
}
} // namespace

TEST_CASE("Victims are never actor1", "[extractor]") {
    for (const char* text : {"On 3 May 2024, 44 civilians were killed in Djibo.",
                             "Le 3 mai 2024, 44 civils ont été tués à Djibo.",
                             "Le 3 mai 2024, des dizaines de civils tués à Djibo par des inconnus."}) {
        const Incident incident = one_incident(text);
        INFO(text);
        CHECK(incident.actor1 == "Unidentified Armed Group (Burkina Faso)");
        CHECK(incident.actor2 == "Civilians (Burkina Faso)");
    }
    SECTION("soldiers the passive makes victims are actor2") {
        const Incident incident = one_incident("On 3 May 2024 five Burkinabe soldiers were killed in an ambush near Djibo.");
        CHECK(incident.actor1 == "Unidentified Armed Group (Burkina Faso)");
        CHECK(incident.actor2.starts_with("Military Forces of Burkina Faso"));
    }
}

TEST_CASE("The group that claims an attack is actor1", "[extractor]") {
    for (const char* text : {"On 3 May 2024 gunmen attacked the army post in Djibo. JNIM claimed the attack.",
                             "Le 3 mai 2024, des hommes armés ont attaqué le poste militaire de Djibo. "
                             "L'attaque a été revendiquée par le JNIM."}) {
        const Incident incident = one_incident(text);
        INFO(text);
        CHECK(incident.actor1 == "JNIM: Group for Support of Islam and Muslims");
    }
}

TEST_CASE("The force that owns a strike is actor1", "[extractor]") {
    for (const char* text : {"On 3 May 2024 airstrikes announced by the Malian army hit Douentza.",
                             "Le 3 mai 2024, des frappes aériennes de l'armée malienne ont visé Douentza."}) {
        const Incident incident = one_incident(text);
        INFO(text);
        CHECK(incident.event_type == "Explosions/Remote violence");
        CHECK(incident.actor1.starts_with("Military Forces of Mali"));
    }
}

TEST_CASE("A battle has the side named in another of its sentences as actor2", "[extractor]") {
    const Incident incident = one_incident("On 3 May 2024 JNIM militants attacked a position near Djibo. "
                                           "Burkinabe soldiers fought them off after two hours.");
    CHECK(incident.event_type == "Battles");
    CHECK(incident.actor1 == "JNIM: Group for Support of Islam and Muslims");
    CHECK(incident.actor2.starts_with("Military Forces of Burkina Faso"));
}

TEST_CASE("A dateline is where and when the report was written, not an incident", "[extractor]") {
    SECTION("the place of the incident is the one the sentence names") {
        for (const char* text : {"NIAMEY (AFP) - Gunmen killed five soldiers in Inates on 3 May 2024.",
                                 "NIAMEY, 4 May (Reuters) – Gunmen killed five soldiers in Inates on 3 May 2024.",
                                 "Niamey, le 4 mai (AFP) - Des hommes armés ont tué cinq soldats à Inates le 3 mai 2024."}) {
            const Incident incident = one_incident(text);
            INFO(text);
            CHECK(incident.location == "Inates");
            CHECK(incident.fatalities == 5);
        }
    }
    SECTION("a dateline alone places nothing") {
        CHECK(incidents_of_text("BAMAKO, 4 May (Reuters) - Gunmen attacked a convoy on Friday, killing two drivers.")
                  .empty());
    }
}

TEST_CASE("A tally of a year is no incident and none of an incident's deaths", "[extractor]") {
    const Incident incident =
        one_incident("On 3 May 2024 gunmen killed four villagers in Djibo. "
                     "Jihadists have killed almost 1,000 people in Gao since April.");
    CHECK(incident.location == "Djibo");
    CHECK(incident.fatalities == 4);
    const Incident french =
        one_incident("Le 3 mai 2024, des hommes armés ont tué quatre villageois à Djibo. "
                     "Depuis le début de l'année, les jihadistes ont tué plus de 1000 personnes à Gao.");
    CHECK(french.location == "Djibo");
    CHECK(french.fatalities == 4);
}

TEST_CASE("Two armed groups a report cannot tell apart are coded as one actor, 'A and/or B'",
          "[extractor][actors]") {
    SECTION("in English") {
        const auto incidents = read_text("On 4 March, JNIM or ISGS militants attacked a market in Djibo.");
        REQUIRE(incidents.size() == 1);
        CHECK_THAT(incidents[0].actor1, Catch::StartsWith("JNIM: Group for Support of Islam and Muslims and/or "));
        CHECK_THAT(incidents[0].actor1, Catch::Contains("Islamic State"));
        CHECK(incidents[0].assoc_actors.empty());
    }
    SECTION("in French") {
        const auto incidents = read_text("Le 4 mars, des combattants de l'EIGS ou du JNIM ont attaqué le marché de Djibo.");
        REQUIRE(incidents.size() == 1);
        // ACLED's combined actor, whichever group the report names first.
        CHECK_THAT(incidents[0].actor1, Catch::StartsWith("JNIM: Group for Support of Islam and Muslims and/or "));
        CHECK_THAT(incidents[0].actor1, Catch::Contains("Islamic State"));
    }
    SECTION("but a group fighting another is no alternative to it") {
        const auto incidents = read_text("On 4 March, JNIM militants clashed with ISGS militants near Djibo.");
        REQUIRE(incidents.size() == 1);
        CHECK(incidents[0].actor1 == "JNIM: Group for Support of Islam and Muslims");
        CHECK_THAT(incidents[0].actor2, Catch::Contains("Islamic State"));
    }
}

TEST_CASE("Demonstrators who burn in a later sentence make the protest a riot, coded to rioters",
          "[extractor][events]") {
    const auto incidents = read_text("On 4 March, pupils protested in Djibo over the death of a classmate. "
                                     "They then set fire to the town hall.");
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].event_type == "Riots");
    CHECK(incidents[0].sub_event_type == "Violent demonstration");
    CHECK(incidents[0].actor1 == "Rioters (Burkina Faso)");
}

TEST_CASE("The group a later sentence says did it is actor1", "[extractor][actors]") {
    const auto incidents = read_text("On 4 March, a cart struck an IED near Djibo, killing two women. "
                                     "Officials think the mine was planted by JNIM fighters.");
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].actor1 == "JNIM: Group for Support of Islam and Muslims");
    const auto either = read_text("On 4 March, a truck struck a mine near Djibo. "
                                  "The attack was attributed to JNIM or ISGS militants.");
    REQUIRE(either.size() == 1);
    CHECK_THAT(either[0].actor1, Catch::StartsWith("JNIM: Group for Support of Islam and Muslims and/or "));
}

TEST_CASE("The side named first in a fight stays actor1, even by a common noun", "[extractor][actors]") {
    const auto incidents = read_text("On 4 March 2020, soldiers and JNIM fighters exchanged fire near Djibo.");
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].actor1 == "Military Forces of Burkina Faso (2015-2022)");
    CHECK(incidents[0].actor2 == "JNIM: Group for Support of Islam and Muslims");
    // A name still says more than a common noun of its own side.
    const auto named = read_text("On 4 March 2020, gunmen of JNIM attacked a gendarmerie post near Djibo.");
    REQUIRE(named.size() == 1);
    CHECK(named[0].actor1 == "JNIM: Group for Support of Islam and Muslims");
}

TEST_CASE("'The militants' are the group the report named before", "[extractor][actors]") {
    const auto incidents = read_text("On 4 March 2020, ISGS fighters attacked a checkpoint near Djibo. "
                                     "Two days later the militants burned the school of Aribinda.");
    REQUIRE(incidents.size() == 2);
    for (const auto& incident : incidents)
        CHECK(incident.actor1 == "Islamic State (Greater Sahara)");
    // Without an article the noun names no one in particular.
    const auto unnamed = read_text("On 4 March 2020, ISGS fighters attacked a checkpoint near Djibo. "
                                   "Two days later militants burned the school of Aribinda.");
    REQUIRE(unnamed.size() == 2);
    CHECK(unnamed[1].actor1 == "Unidentified Armed Group (Burkina Faso)");
}

TEST_CASE("An event placed only in its region on a town event's day is that event", "[extractor][fallback]") {
    const auto incidents = read_text("On 4 March 2023, JNIM fighters attacked an army post in Djibo, killing ten "
                                     "soldiers. On 4 March 2023 the fighting in the Sahel region also left a truck "
                                     "burned.");
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].location == "Djibo");
    CHECK(incidents[0].fatalities == 10);
    // An undated lead at the scale of the region, then the town's story.
    const auto lead = read_text("Fighters attacked an army post in the Sahel region, officials said. On 4 March "
                                "2023, JNIM fighters attacked the post in Djibo, killing ten soldiers.");
    REQUIRE(lead.size() == 1);
    CHECK(lead[0].location == "Djibo");
    // A region of another town's day, or another region, is an event apart.
    const auto apart = read_text("On 4 March 2023, JNIM fighters attacked an army post in Djibo. On 6 March "
                                 "2023, drones struck a convoy in the Sahel region.");
    CHECK(apart.size() == 2);
}

TEST_CASE("A country's name that its brackets place in another country is a village", "[extractor][places]") {
    const auto village = read_text("On 4 March 2023, gunmen stopped a bus near Tonga (Djibo, Sahel) and killed seven "
                                   "passengers.");
    REQUIRE(village.size() == 1);
    CHECK(village[0].location == "Tonga");
    CHECK(village[0].iso == "BF");
    CHECK(village[0].fatalities == 7);
    // Brackets within the country leave it the country.
    const auto country = read_text("On 4 March 2023, gunmen stopped a bus in Mali (Mopti) and killed seven "
                                   "passengers.");
    REQUIRE(country.size() == 1);
    CHECK(country[0].iso == "ML");
}

TEST_CASE("A village's name with a letter doubled finds the gazetteer's single spelling", "[extractor][places]") {
    const auto incidents = read_text("On 4 March 2023, gunmen burned the market of the village of Bonni in the "
                                     "Mopti region.");
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].location == "Boni");
    CHECK(incidents[0].iso == "ML");
}

TEST_CASE("A name its brackets locate is a place, without a word before it saying so", "[extractor][places]") {
    // The village is unknown: it is coded at the commune its brackets name.
    const auto incidents = read_text("On 4 March 2023, militants raided Wendou (Djibo, Sahel) and stole cattle.");
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].location == "Djibo");
    CHECK(incidents[0].geo_precision == GeoPrecision::near);
}

TEST_CASE("'Mali's Mopti region' is the Mopti region of Mali", "[extractor][places]") {
    const auto incidents = read_text("On 4 March 2023, gunmen attacked a bus in central Mali's Mopti region, killing "
                                     "five passengers.");
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].location == "Mopti Region");
    CHECK(incidents[0].geo_precision == GeoPrecision::region);
    CHECK(incidents[0].fatalities == 5);
}

TEST_CASE("An air force strikes for its country's military", "[extractor][actors]") {
    const auto incidents = read_text("On 4 March 2020, the Burkinabe air force struck militant positions near Djibo.");
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].actor1 == "Military Forces of Burkina Faso (2015-2022)");
}

TEST_CASE("Clashes without armed groups in a protest's later sentence make it a riot", "[extractor][events]") {
    const auto incidents = read_text("On 4 March, traders marched in Djibo against a new tax. "
                                     "Clashes with the police left two injured.");
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].event_type == "Riots");
    CHECK(incidents[0].actor1 == "Rioters (Burkina Faso)");
}

TEST_CASE("A negation elsewhere in the sentence leaves the event as sure as it was", "[extractor][context]") {
    const auto plain = read_text("On 4 March, pupils protested in Djibo against their teachers.");
    const auto negated_elsewhere =
        read_text("On 4 March, pupils protested in Djibo against teachers who had not come for weeks.");
    const auto negated_event = read_text("On 4 March, pupils did not protest in Djibo.");
    REQUIRE(plain.size() == 1);
    REQUIRE(negated_elsewhere.size() == 1);
    CHECK(negated_elsewhere[0].confidence == Approx(plain[0].confidence));
    REQUIRE(negated_event.size() == 1);
    CHECK(negated_event[0].confidence < extract::default_min_confidence);
}

TEST_CASE("A place its brackets locate keeps the event in its country", "[extractor][places]") {
    // "Kali" has a namesake in Mali; the brackets put the sentence in Yagha.
    static const auto embedded = gazetteer::Gazetteer::load(gazetteer::Sources{});
    sources::Document doc;
    doc.id = "note";
    doc.text = "On 7 May, soldiers killed a smuggler close to the Kali woods at Boundore (Boundore, Yagha).";
    doc.published = "2020-05-10";
    const auto incidents = extract::Extractor(embedded, actors()).extract(doc);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].iso == "BF");
    CHECK(incidents[0].admin1 == "Sahel");
}

TEST_CASE("A government's decision is coded to the government, its words to no one", "[extractor][actors]") {
    const auto curfew = read_text("On 4 March 2020, the government proclaimed a state of emergency around Djibo.");
    REQUIRE(curfew.size() == 1);
    CHECK(curfew[0].actor1 == "Government of Burkina Faso (2015-2022)");
    const auto attack = read_text("On 4 March 2020, gunmen killed three traders in Djibo, the governor said.");
    REQUIRE(attack.size() == 1);
    CHECK(attack[0].actor1 == "Unidentified Armed Group (Burkina Faso)");
    CHECK(attack[0].actor2 == "Civilians (Burkina Faso)");
}

TEST_CASE("A claim does not override the group the report names", "[extractor][actors]") {
    const auto incidents = read_text("On 4 March 2020, ISGS militants ambushed a patrol near Djibo. "
                                     "ISWAP claimed the attack.");
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].actor1 == "Islamic State (Greater Sahara)");
    const auto gunmen = read_text("On 4 March 2020, gunmen ambushed a patrol near Djibo. ISWAP claimed the attack.");
    REQUIRE(gunmen.size() == 1);
    // ISWAP in Burkina Faso is coded as the Islamic State's Sahel branch.
    CHECK(gunmen[0].actor1 == "Islamic State (Greater Sahara)");
}

TEST_CASE("An undated headline placed by its country alone is the event the report places", "[extractor][fallback]") {
    const auto incidents = read_text("Attack on a police post in Burkina Faso\n\n"
                                     "On 4 March, gunmen attacked a police post in Djibo, killing two officers.");
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].location == "Djibo");
}

TEST_CASE("An attack that meets no armed side is violence against civilians", "[extractor][events]") {
    const auto raid = read_text("On 4 March, gunmen attacked Djibo and wounded two shopkeepers.");
    REQUIRE(raid.size() == 1);
    CHECK(raid[0].event_type == "Violence against civilians");
    CHECK(raid[0].actor2 == "Civilians (Burkina Faso)");
    const auto fight = read_text("On 4 March, gunmen attacked Djibo. Soldiers fought them off.");
    REQUIRE(fight.size() == 1);
    CHECK(fight[0].event_type == "Battles");
}

TEST_CASE("An event is placed where the report says it is coded", "[extractor][places]") {
    const auto incidents = read_text(
        "On 3 March 2020, gunmen killed two herders between Arbinda and Dori (coded as Arbinda at geoprecision 2).");
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].location == "Arbinda");
    CHECK(incidents[0].longitude < -0.5);  // Aribinda, 90 km west of Dori
}

TEST_CASE("A report of megabytes is read in pieces: one event told again stays one incident of a readable size",
          "[extractor][limits]") {
    sources::Document doc;
    doc.id = "long";
    doc.title = "A long report";
    doc.published = "2024-03-10";
    const std::string paragraph = "On 8 March 2024, gunmen attacked the market of Djibo and killed 3 traders.\n\n";
    while (doc.text.size() < 3 * extract::piece_byte_limit)
        doc.text += paragraph;
    const auto incidents = incidents_of(doc);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].location == "Djibo");
    CHECK(incidents[0].fatalities == 3);
    check_evidence(incidents[0], doc);
    std::size_t evidence = 0;
    for (const auto& note : incidents[0].notes)
        evidence += note.text.size();
    CHECK(evidence <= 8 * 1024);

    // The same event in the last piece only keeps its offsets in the whole text.
    doc.text.assign(doc.text.size() - paragraph.size(), ' ');
    doc.text += paragraph;
    const auto last = incidents_of(doc);
    REQUIRE(last.size() == 1);
    check_evidence(last[0], doc);
    CHECK(last[0].notes.front().begin > 2 * extract::piece_byte_limit);
}

TEST_CASE("A label opening the sentence gives the event, and the group after it is its actor1", "[extractor][actors]") {
    const auto labelled = read_text("Looting: On 4 March 2020, JNIM militants took the cattle of herders near Djibo.");
    REQUIRE(labelled.size() == 1);
    CHECK(labelled[0].sub_event_type == "Looting/property destruction");
    CHECK(labelled[0].actor1 == "JNIM: Group for Support of Islam and Muslims");
    CHECK(labelled[0].actor2.empty());
}

TEST_CASE("An attack that a named armed side answers is a battle against that side", "[extractor][events]") {
    const auto answered = read_text(
        "On 10 March 2020, JNIM militants attacked a village near Djibo. Within the hour, volunteer fighters (VDP) "
        "responded to the attack from their post.");
    REQUIRE(answered.size() == 1);
    CHECK(answered[0].event_type == "Battles");
    CHECK(answered[0].actor1 == "JNIM: Group for Support of Islam and Muslims");
    CHECK(answered[0].actor2 == "VDP: Volunteer for Defense of Homeland");
    const auto unanswered = read_text("On 10 March 2020, JNIM militants attacked a village near Djibo and killed two people.");
    REQUIRE(unanswered.size() == 1);
    CHECK(unanswered[0].event_type == "Violence against civilians");
}

TEST_CASE("An attack that harms no one and only burns or loots is property destruction", "[extractor][events]") {
    const auto burned = read_text(
        "On 9 January 2020, militants attacked Djibo and burned the town hall. No casualties were reported.");
    REQUIRE(burned.size() == 1);
    CHECK(burned[0].event_type == "Strategic developments");
    CHECK(burned[0].sub_event_type == "Looting/property destruction");
    const auto hurt = read_text(
        "On 9 January 2020, militants attacked Djibo, wounded a guard and burned the town hall.");
    REQUIRE(hurt.size() == 1);
    CHECK(hurt[0].event_type == "Violence against civilians");
    const auto shooting = read_text("On 9 January 2020, militants attacked Djibo, fired in the air and burned the town hall.");
    REQUIRE(shooting.size() == 1);
    CHECK(shooting[0].event_type == "Violence against civilians");
    const auto set_fire = read_text("On 9 January 2020, militants attacked Djibo and set fire to the town hall.");
    REQUIRE(set_fire.size() == 1);
    CHECK(set_fire[0].sub_event_type == "Looting/property destruction");
}

TEST_CASE("An event is dated by the day it happened, not the day it was told", "[extractor]") {
    // Published on Sunday 5 May 2024: Thursday is the 2nd, Friday the 3rd.
    CHECK(one_incident("Gunmen on motorbikes opened fire on Thursday on a crowded bus that was carrying traders "
                       "and their goods along the dirt road to the weekly market, a few kilometres north of Djibo, "
                       "killing six passengers, a local official said on Friday.")
              .event_date == "2024-05-02");
    CHECK(one_incident("Des hommes armés ont tiré jeudi sur un car de voyageurs qui transportait des commerçants "
                       "et leurs marchandises vers le marché hebdomadaire, à quelques kilomètres au nord de Djibo, "
                       "tuant six passagers, a indiqué vendredi un responsable local.")
              .event_date == "2024-05-02");
    // A sentence dated only by when it was told details the event told
    // before it, on that event's day.
    const auto told = incidents_of_text("Gunmen killed six passengers on a bus near Djibo on Thursday.\n\n"
                                        "They also burned two lorries in Djibo, a driver who escaped said on Saturday.");
    REQUIRE(told.size() == 1);
    CHECK(told[0].event_date == "2024-05-02");
    // With no other day, the day it was told is all there is.
    CHECK(one_incident("Gunmen killed six passengers near Djibo, a local official said on Friday.").event_date ==
          "2024-05-03");
}
