// The reader on whole articles (tests/extract/articles/, fictitious reports
// with gold incidents): the matcher of extract/gold.hpp, and floors a little
// under the figures measured when the corpus was written, so that a change
// that makes the reader worse on whole articles fails here. Raise a floor
// when the reader gets better; bench/eval_articles --misses says where.
#include "extract/gold.hpp"

#include "extract/actors.hpp"
#include "extract/confidence.hpp"
#include "extract/extractor.hpp"
#include "gazetteer/gazetteer.hpp"

#include <catch2/catch.hpp>

using namespace incimap;
using extract::GoldField;

namespace {

extract::GoldIncident gold_djibo() {
    return {"2024-03-10", "Djibo",        14.0994, -1.62554, 1, "Battles", "Armed clash",
            "JNIM: Group for Support of Islam and Muslims", "Military Forces of Burkina Faso (2022-)", 12};
}

Incident extracted_at(std::string location, double lat, double lon, std::string date, std::string type,
                      std::string sub_type) {
    Incident i;
    i.location = std::move(location);
    i.latitude = lat;
    i.longitude = lon;
    i.event_date = std::move(date);
    i.event_type = std::move(type);
    i.sub_event_type = std::move(sub_type);
    return i;
}

} // namespace

TEST_CASE("A gold incident and an extraction match on date or place, with a compatible type", "[extract][gold]") {
    const auto gold = gold_djibo();

    SECTION("same place, another week: matches") {
        CHECK(extract::may_match(gold, extracted_at("Djibo", 14.0994, -1.62554, "2024-03-20", "Battles", "Armed clash")));
    }
    SECTION("the next day, 200 km away: matches") {
        CHECK(extract::may_match(
            gold, extracted_at("Ouagadougou", 12.36566, -1.53388, "2024-03-11", "Battles", "Armed clash")));
    }
    SECTION("two days later and 200 km away: no match") {
        CHECK_FALSE(extract::may_match(
            gold, extracted_at("Ouagadougou", 12.36566, -1.53388, "2024-03-12", "Battles", "Armed clash")));
    }
    SECTION("an attack on civilians stands for a clash, a protest does not") {
        CHECK(extract::may_match(
            gold, extracted_at("Djibo", 14.0994, -1.62554, "2024-03-10", "Violence against civilians", "Attack")));
        CHECK_FALSE(extract::may_match(
            gold, extracted_at("Djibo", 14.0994, -1.62554, "2024-03-10", "Protests", "Peaceful protest")));
        CHECK_FALSE(extract::may_match(gold, extracted_at("Djibo", 14.0994, -1.62554, "2024-03-10",
                                                          "Strategic developments", "Looting/property destruction")));
    }
}

TEST_CASE("Matching is one to one, the nearest pair first", "[extract][gold]") {
    const auto djibo = gold_djibo();
    auto dori = djibo;
    dori.location = "Dori";
    dori.latitude = 14.0354;
    dori.longitude = -0.0345;

    SECTION("two extractions at Dori and Djibo go to their own gold incident") {
        const std::vector<extract::GoldIncident> gold = {djibo, dori};
        const std::vector<Incident> extracted = {
            extracted_at("Dori", 14.0354, -0.0345, "2024-03-10", "Battles", "Armed clash"),
            extracted_at("Djibo", 14.0994, -1.62554, "2024-03-10", "Battles", "Armed clash")};
        const auto matches = extract::match_incidents(gold, extracted);
        REQUIRE(matches.size() == 2);
        for (const auto& m : matches)
            CHECK(gold[m.gold].location == extracted[m.extracted].location);
    }
    SECTION("a second extraction of the same event is spurious") {
        const std::vector<extract::GoldIncident> gold = {djibo};
        const std::vector<Incident> extracted = {
            extracted_at("Ouagadougou", 12.36566, -1.53388, "2024-03-10", "Battles", "Armed clash"),
            extracted_at("Djibo", 14.0994, -1.62554, "2024-03-10", "Battles", "Armed clash")};
        const auto matches = extract::match_incidents(gold, extracted);
        REQUIRE(matches.size() == 1);
        CHECK(matches[0].extracted == 1);

        extract::GoldScores scores;
        scores.add(gold, extracted, matches);
        CHECK(scores.recall() == 100);
        CHECK(scores.precision() == 50);
        CHECK(scores.spurious_per_report() == 1);
        CHECK(scores.accuracy(GoldField::location) == 100);
        CHECK(scores.accuracy(GoldField::fatalities) == 0);
    }
}

TEST_CASE("Gold files are checked as they are read", "[extract][gold]") {
    const std::string incident = R"({"event_date": "2024-03-10", "location": "Djibo", "latitude": 14.0994,
        "longitude": -1.62554, "geo_precision": 1, "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "A", "actor2": "", "fatalities": 3})";
    const auto report = [](const std::string& incidents) {
        return R"({"published": "2024-03-11", "language": "fr", "incidents": [)" + incidents + "]}";
    };
    const auto gold = extract::read_gold_report(report(incident), "x.gold.json");
    REQUIRE(gold.incidents.size() == 1);
    CHECK(gold.language == "fr");
    CHECK(gold.incidents[0].fatalities == 3);

    auto broken = incident;
    broken.replace(broken.find("Armed clash"), 11, "Attack");
    CHECK_THROWS_WITH(extract::read_gold_report(report(broken), "x.gold.json"),
                      Catch::Contains("x.gold.json: incident 1") && Catch::Contains("'Attack' is of 'Violence"));
    broken = incident;
    broken.replace(broken.find("2024-03-10"), 10, "10/03/2024");
    CHECK_THROWS_WITH(extract::read_gold_report(report(broken), "x.gold.json"),
                      Catch::Contains("'10/03/2024' is not an ISO day"));
    CHECK_THROWS_WITH(extract::read_gold_report("{\"published\": \"2024-03-11\"", "x.gold.json"),
                      Catch::Contains("x.gold.json: not JSON"));
}

TEST_CASE("The reader on the article corpus stays above its floors", "[extract][gold][articles]") {
    const auto corpus = extract::read_gold_corpus(std::string(INCIMAP_TEST_DIR) + "/extract/articles");
    const auto gazetteer = gazetteer::Gazetteer::load(gazetteer::Sources{});
    const auto actors = extract::ActorDictionary::builtin();
    const extract::Extractor extractor(gazetteer, actors);

    const auto scores = extract::score_corpus(corpus, extractor, extract::default_min_confidence);
    const auto& all = scores.all;
    const auto& en = scores.english;
    const auto& fr = scores.french;
    REQUIRE(all.reports >= 57);
    CHECK(fr.reports * 2 >= all.reports);

    // Floors a little under the figures measured with the corpus (in
    // brackets); the spurious incidents per article have a ceiling.
    CHECK(en.recall() >= 75);  // 78.8
    CHECK(fr.recall() >= 78);  // 82.0
    CHECK(en.spurious_per_report() <= 0.75);  // 0.61
    CHECK(fr.spurious_per_report() <= 0.45);  // 0.31
    CHECK(all.precision() >= 72);  // 75.9
    CHECK(all.accuracy(GoldField::date) >= 82);  // 86.6
    CHECK(all.accuracy(GoldField::location) >= 80);  // 84.1
    CHECK(all.accuracy(GoldField::event_type) >= 80);  // 84.1
    CHECK(all.accuracy(GoldField::sub_event_type) >= 74);  // 78.0
    CHECK(all.accuracy(GoldField::fatalities) >= 71);  // 75.6
    CHECK(all.accuracy(GoldField::actor1) >= 67);  // 70.7
    CHECK(all.accuracy(GoldField::actor2) >= 55);  // 58.5
}
