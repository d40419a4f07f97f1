#include "store/merge.hpp"
#include "store/particulars.hpp"
#include "store_test_support.hpp"

#include <catch2/catch.hpp>

using incimap::Incident;
using incimap::store::distance_km;
using incimap::store::fatalities_compatible;
using incimap::store::sub_events_compatible;
using incimap::store::merge_reports;
using incimap::store::same_incident;
using incimap::store_test::incident_at;

// Gao, Mali; 0.05° of latitude is about 5.6 km, 0.1° about 11 km.
constexpr double gao_lat = 16.2717, gao_lon = -0.0447;

TEST_CASE("Distances are great-circle kilometres", "[store][merge]") {
    // Bamako to Gao: about 960 km.
    CHECK(distance_km(12.6392, -8.0029, gao_lat, gao_lon) == Approx(960).margin(15));
    CHECK(distance_km(gao_lat, gao_lon, gao_lat + 0.1, gao_lon) == Approx(11.12).margin(0.05));
    CHECK(distance_km(gao_lat, gao_lon, gao_lat, gao_lon) == 0);
}

TEST_CASE("Two reports are the same incident only when every merge rule holds",
          "[store][merge]") {
    Incident stored = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "JNIM",
                                  "Military Forces of Mali", 10);

    SECTION("same day, same place, same type, same actors: merged") {
        auto report = incident_at("2024-03-02", gao_lat + 0.05, gao_lon, "Battles", "JNIM",
                                  "Military Forces of Mali", 14);
        CHECK(same_incident(stored, report).same);
    }
    SECTION("rule 1: another day is another incident") {
        auto report = incident_at("2024-03-03", gao_lat, gao_lon, "Battles", "JNIM");
        auto decision = same_incident(stored, report);
        CHECK_FALSE(decision.same);
        CHECK(decision.reason == "different day");
    }
    SECTION("rule 2: more than 10 km apart is another place") {
        auto report = incident_at("2024-03-02", gao_lat + 0.1, gao_lon, "Battles", "JNIM");
        CHECK(same_incident(stored, report).reason == "more than 10 km apart");
    }
    SECTION("rule 2: the same GeoNames place matches even when the points differ") {
        stored.geonameid = 2457163;
        auto report = incident_at("2024-03-02", gao_lat + 0.3, gao_lon, "Battles", "JNIM");
        report.geonameid = 2457163;
        CHECK(same_incident(stored, report).same);
    }
    SECTION("rule 3: another event type is another incident") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Violence against civilians",
                                  "JNIM");
        CHECK(same_incident(stored, report).reason == "different event type");
    }
    SECTION("rule 3: event types compare without regard to case") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "battles", "JNIM");
        CHECK(same_incident(stored, report).same);
    }
    SECTION("rule 5: a different actor is another incident") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "IS Sahel",
                                  "Military Forces of Mali");
        CHECK(same_incident(stored, report).reason == "incompatible actors");
    }
    SECTION("rule 5: attackers a report could not name match the named ones") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles",
                                  "Unidentified Armed Group (Mali)", "Military Forces of Mali");
        CHECK(same_incident(stored, report).same);
    }
    SECTION("rule 5: an associated actor of one report is the actor of the other") {
        stored.assoc_actors = {"Katiba Macina"};
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "Katiba Macina",
                                  "Military Forces of Mali");
        CHECK(same_incident(stored, report).same);
    }
    SECTION("rule 4: an attack and an abduction are two incidents") {
        stored = incident_at("2024-03-02", gao_lat, gao_lon, "Violence against civilians", "",
                             "Civilians (Mali)");
        stored.sub_event_type = "Attack";
        auto report = stored;
        report.sub_event_type = "Abduction/forced disappearance";
        CHECK(same_incident(stored, report).reason == "different sub-event type");
    }
    SECTION("rule 6: reports naming different groups are two incidents") {
        stored = incident_at("2024-03-02", gao_lat, gao_lon, "Protests", "Protesters (Mali)");
        stored.notes = {{"Health workers held a sit-in at the hospital in Gao.", 0, 0}};
        auto students = stored;
        students.notes = {{"Des élèves ont tenu un sit-in devant le gouvernorat de Gao.", 0, 0}};
        CHECK(same_incident(stored, students).reason == "different particulars");

        auto nurses = stored;
        nurses.notes = {{"Les infirmiers ont observé un sit-in à Gao.", 0, 0}};
        CHECK(same_incident(stored, nurses).same);

        auto media = stored;
        media.notes = {{"Media workers staged a sit-in outside the regional radio in Gao.", 0, 0}};
        auto employees = stored;
        employees.notes = {{"Les employés de la société des eaux ont observé un sit-in à Gao.", 0, 0}};
        CHECK(same_incident(media, employees).reason == "different particulars");
        auto journalists = stored;
        journalists.notes = {{"Des journalistes ont manifesté devant la radio régionale de Gao.", 0, 0}};
        CHECK(same_incident(media, journalists).same);

        auto anyone = stored;
        anyone.notes = {{"Hundreds of people protested in Gao.", 0, 0}};
        CHECK(same_incident(stored, anyone).reason == "only one says who gathered");

        auto anyone_else = anyone;
        anyone_else.notes = {{"Des centaines de personnes se sont rassemblées à Gao.", 0, 0}};
        CHECK(same_incident(anyone, anyone_else).same);
    }
    SECTION("rule 6: an attack told with and without its victims' trade is one incident") {
        stored = incident_at("2024-03-02", gao_lat, gao_lon, "Violence against civilians", "",
                             "Civilians (Mali)", 4);
        stored.notes = {{"Gunmen killed four traders on the road out of Gao.", 0, 0}};
        auto report = stored;
        report.notes = {{"Four people were shot dead near Gao on Saturday.", 0, 0}};
        CHECK(same_incident(stored, report).same);
    }
    SECTION("rule 8: a massacre and a single killing are two incidents") {
        stored = incident_at("2024-03-02", gao_lat, gao_lon, "Violence against civilians", "",
                             "Civilians (Mali)", 40);
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Violence against civilians",
                                  "", "Civilians (Mali)", 1);
        CHECK(same_incident(stored, report).reason == "contradictory death tolls");
        report.fatalities = 32;
        CHECK(same_incident(stored, report).same);
    }
    SECTION("rule 5: an actor left empty by one report is compatible") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "",
                                  "Military Forces of Mali");
        CHECK(same_incident(stored, report).same);
    }
    SECTION("rule 5: actors named the other way round are compatible") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles",
                                  "military forces of  Mali", "JNIM");
        CHECK(same_incident(stored, report).same);
    }
}

TEST_CASE("A merged incident keeps the most conservative figure and the best precision",
          "[store][merge]") {
    Incident stored = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "JNIM", "", 20);
    stored.fatalities_low = 20;
    stored.fatalities_high = 25;
    stored.geo_precision = incimap::GeoPrecision::near;
    stored.time_precision = incimap::TimePrecision::week;
    stored.location = "Gao region";
    stored.sources = 1;
    stored.id = 7;
    stored.created = "2024-03-03T10:00:00Z";

    SECTION("fatalities: the lowest positive figure; the range widens") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "JNIM", "", 12);
        auto merged = merge_reports(stored, report);
        CHECK(merged.fatalities == 12);
        CHECK(merged.fatalities_low == 12);
        CHECK(merged.fatalities_high == 25);
    }
    SECTION("fatalities: a report without a figure lowers nothing") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "JNIM", "", 0);
        auto merged = merge_reports(stored, report);
        CHECK(merged.fatalities == 20);
        CHECK(merged.fatalities_low == 20);
        CHECK(merged.fatalities_high == 25);
    }
    SECTION("fatalities: a higher report raises only the top of the range") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "JNIM", "", 40);
        auto merged = merge_reports(stored, report);
        CHECK(merged.fatalities == 20);
        CHECK(merged.fatalities_high == 40);
    }
    SECTION("a more precise place replaces the location, a vaguer one does not") {
        auto report = incident_at("2024-03-02", gao_lat + 0.01, gao_lon, "Battles", "JNIM");
        report.geo_precision = incimap::GeoPrecision::town;
        report.location = "Gao";
        report.geonameid = 2457163;
        auto merged = merge_reports(stored, report);
        CHECK(merged.geo_precision == incimap::GeoPrecision::town);
        CHECK(merged.location == "Gao");
        CHECK(merged.latitude == gao_lat + 0.01);
        CHECK(merged.geonameid == 2457163);

        report.geo_precision = incimap::GeoPrecision::region;
        auto kept = merge_reports(stored, report);
        CHECK(kept.location == "Gao region");
        CHECK(kept.geo_precision == incimap::GeoPrecision::near);
    }
    SECTION("the better time precision wins") {
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "JNIM");
        report.time_precision = incimap::TimePrecision::day;
        CHECK(merge_reports(stored, report).time_precision == incimap::TimePrecision::day);
    }
    SECTION("empty fields are filled, associated actors united, sources counted") {
        stored.assoc_actors = {"Ansar Dine"};
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "JNIM",
                                  "Military Forces of Mali");
        report.sub_event_type = "Armed clash";
        report.assoc_actors = {"ansar dine", "Katiba Macina"};
        report.confidence = 0.8;
        auto merged = merge_reports(stored, report);
        CHECK(merged.actor2 == "Military Forces of Mali");
        CHECK(merged.sub_event_type == "Armed clash");
        CHECK(merged.assoc_actors == std::vector<std::string>{"Ansar Dine", "Katiba Macina"});
        CHECK(merged.confidence == 0.8);
        CHECK(merged.sources == 2);
        CHECK(merged.id == 7);
        CHECK(merged.created == "2024-03-03T10:00:00Z");
    }
    SECTION("an actor named in swapped order fills the matching side") {
        stored.actor1 = "";
        stored.actor2 = "JNIM";
        auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Battles", "JNIM",
                                  "Military Forces of Mali");
        auto merged = merge_reports(stored, report);
        CHECK(merged.actor1 == "Military Forces of Mali");
        CHECK(merged.actor2 == "JNIM");
    }
}

TEST_CASE("Sub-event types that tell the harm or the means must agree", "[store][merge]") {
    CHECK(sub_events_compatible("Violence against civilians", "Attack", "attack"));
    CHECK(sub_events_compatible("Violence against civilians", "", "Attack"));
    CHECK_FALSE(sub_events_compatible("Violence against civilians", "Attack",
                                      "Abduction/forced disappearance"));
    CHECK_FALSE(sub_events_compatible("Explosions/Remote violence", "Air/drone strike",
                                      "Remote explosive/landmine/IED"));
    SECTION("how a protest, a riot or a fight went may be told differently") {
        CHECK(sub_events_compatible("Protests", "Peaceful protest", "Protest with intervention"));
        CHECK(sub_events_compatible("Riots", "Violent demonstration", "Mob violence"));
        CHECK(sub_events_compatible("Battles", "Armed clash", "Government regains territory"));
    }
}

TEST_CASE("Death tolls contradict only when far apart both ways", "[store][merge]") {
    CHECK(fatalities_compatible(12, 15));
    CHECK(fatalities_compatible(0, 40));   // no figure
    CHECK(fatalities_compatible(2, 9));    // five times, but close
    CHECK(fatalities_compatible(20, 60));  // far apart, but three times
    CHECK_FALSE(fatalities_compatible(1, 40));
    CHECK_FALSE(fatalities_compatible(60, 12));
}

TEST_CASE("A named actor replaces an unidentified one when reports merge", "[store][merge]") {
    Incident stored = incident_at("2024-03-02", gao_lat, gao_lon, "Violence against civilians",
                                  "Unidentified Armed Group (Mali)", "Civilians (Mali)", 9);
    auto report = incident_at("2024-03-02", gao_lat, gao_lon, "Violence against civilians",
                              "JNIM: Group for Support of Islam and Muslims", "Civilians (Mali)", 9);
    REQUIRE(same_incident(stored, report).same);
    CHECK(merge_reports(stored, report).actor1 == "JNIM: Group for Support of Islam and Muslims");
    CHECK(merge_reports(report, stored).actor1 == "JNIM: Group for Support of Islam and Muslims");
}

TEST_CASE("Reports naming two different villages first tell of two places", "[store][merge]") {
    using incimap::store::named_places;
    using incimap::store::places_compatible;
    CHECK(named_places("Gunmen burned a school in Bodiaga (Tansarga, Tapoa) on 2 August.") ==
          std::vector<std::string>{"bodiaga"});
    CHECK(named_places("Des hommes armés ont attaqué le village de Firguindi, près de Djibo.") ==
          std::vector<std::string>{"firguindi", "djibo"});
    CHECK(named_places("In January, a Fulani herder was shot at Fada N'Gourma.") ==
          std::vector<std::string>{"fada n'gourma"});
    CHECK(named_places("Gunmen attacked Djibo.").empty());

    Incident stored = incident_at("2024-03-02", gao_lat, gao_lon, "Violence against civilians",
                                  "", "Civilians (Mali)");
    stored.notes = {{"Gunmen attacked the village of Firguindi near Djibo.", 0, 0}};
    auto town = stored;
    town.notes = {{"Armed men killed villagers in Djibo.", 0, 0}};
    CHECK(same_incident(stored, town).same);
    auto other_village = stored;
    other_village.notes = {{"Gunmen attacked the village of Badinogou near Djibo.", 0, 0}};
    CHECK(same_incident(stored, other_village).reason == "different places named");
    CHECK(places_compatible({}, {"djibo"}));
}
