#include "extract/actors.hpp"

#include "core/error.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

using namespace incimap::extract;

namespace {

const ActorDictionary& dictionary() {
    static const ActorDictionary dict = ActorDictionary::builtin();
    return dict;
}

// The coded name of the only actor mentioned in text ("" when none, "*" when
// more than one).
std::string actor_in(const std::string& text) {
    auto mentions = dictionary().find(text);
    INFO(text);
    if (mentions.empty())
        return "";
    if (mentions.size() > 1)
        return "*";
    return mentions[0].name;
}

constexpr const char* jnim = "JNIM: Group for Support of Islam and Muslims";
constexpr const char* is_sahel = "Islamic State (Sahel)";

} // namespace

TEST_CASE("JNIM under every name and apostrophe", "[extract][actors]") {
    CHECK(actor_in("JNIM claimed the attack") == jnim);
    CHECK(actor_in("the GSIM said") == jnim);
    CHECK(actor_in("Jama'at Nasr al-Islam wal Muslimin fighters") == jnim);
    CHECK(actor_in("Jama’at Nasr al-Islam wal Muslimin fighters") == jnim);
    CHECK(actor_in("Jamaʼat Nasr al Islam wal-Muslimin") == jnim);
    CHECK(actor_in("Jama`at Nusrat al-Islam wal-Muslimin") == jnim);
    CHECK(actor_in("Jamaat Nusrat al-Islam wal-Muslimin") == jnim);
    CHECK(actor_in("the Group for the Support of Islam and Muslims") == jnim);
    CHECK(actor_in("le Groupe de soutien a l'islam et aux musulmans") == jnim);
}

TEST_CASE("Islamic State in the Sahel under its names", "[extract][actors]") {
    CHECK(actor_in("IS Sahel fighters") == is_sahel);
    CHECK(actor_in("presumed ISGS militants") == is_sahel);
    CHECK(actor_in("the Islamic State Sahel Province") == is_sahel);
    CHECK(actor_in("the Islamic State in the Greater Sahara") == is_sahel);
    CHECK(actor_in("l'État islamique au Grand Sahara") == is_sahel);
}

TEST_CASE("state forces of Mali, Burkina Faso and Niger", "[extract][actors]") {
    CHECK(actor_in("FAMa units") == "Military Forces of Mali");
    CHECK(actor_in("the Malian Armed Forces") == "Military Forces of Mali");
    CHECK(actor_in("the Malian army said") == "Military Forces of Mali");
    CHECK(actor_in("Military Forces of Mali") == "Military Forces of Mali");
    CHECK(actor_in("les Forces armées maliennes") == "Military Forces of Mali");
    CHECK(actor_in("FDS positions") == "Military Forces of Burkina Faso");
    CHECK(actor_in("the Burkinabe army") == "Military Forces of Burkina Faso");
    CHECK(actor_in("FAN troops") == "Military Forces of Niger");  // the name and its noun are one mention
    CHECK(actor_in("the Nigerien armed forces") == "Military Forces of Niger");
    CHECK(actor_in("gendarmes and customs officers").empty() == false);
}

TEST_CASE("militias, rebels and foreign forces", "[extract][actors]") {
    CHECK(actor_in("VDP fighters") == "VDP: Volunteer for Defense of Homeland");
    CHECK(actor_in("Volunteers for the Defense of the Homeland") == "VDP: Volunteer for Defense of Homeland");
    CHECK(actor_in("the Wagner Group") == "Wagner Group");
    CHECK(actor_in("Africa Corps") == "Wagner Group");
    CHECK(actor_in("Russian mercenaries") == "Wagner Group");
    CHECK(actor_in("the CSP-PSD") == "CSP-PSD: Permanent Strategic Framework for Peace, Security and Development");
    CHECK(actor_in("CSP-DPA") == "CSP-DPA: Strategic Framework for the Defense of the People of Azawad");
    CHECK(actor_in("the Coordination of Azawad Movements") == "CMA: Coordination of Azawad Movements");
    CHECK(actor_in("the Azawad Liberation Front") == "FLA: Azawad Liberation Front");
    CHECK(actor_in("MNLA") == "MNLA: National Movement for the Liberation of Azawad");
    CHECK(actor_in("HCUA") == "HCUA: High Council for the Unity of Azawad");
    CHECK(actor_in("GATIA") == "GATIA: Imghad Tuareg and Allies Self-Defense Group");
    CHECK(actor_in("MSA") == "MSA: Movement for the Salvation of Azawad");
    CHECK(actor_in("Dan Na Ambassagou") == "Dan Na Ambassagou");
    CHECK(actor_in("Dozo hunters") == "Dozo Communal Militia ({country})");
    CHECK(actor_in("Koglweogo") == "Koglweogo Militia");
    CHECK(actor_in("MINUSMA") == "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali");
    CHECK(actor_in("Barkhane") == "Military Forces of France");
    CHECK(actor_in("French forces") == "Military Forces of France");
    CHECK(actor_in("civilians") == "Civilians ({country})");
}

TEST_CASE("acronyms match their case, names any case", "[extract][actors]") {
    CHECK(actor_in("jnim") == "");
    CHECK(actor_in("the fan was broken") == "");
    CHECK(actor_in("a cma report") == "");
    CHECK(actor_in("THE WAGNER GROUP") == "Wagner Group");
    CHECK(actor_in("koglweogo") == "Koglweogo Militia");
}

TEST_CASE("an acronym keeps its name in the plural and with a final s in lower case", "[extract][actors]") {
    CHECK(actor_in("two VDPs were wounded") == "VDP: Volunteer for Defense of Homeland");
    CHECK(actor_in("suspected ISGs fighters") == is_sahel);
    CHECK(actor_in("the ISGS column") == is_sahel);
    CHECK(actor_in("isgs") == "");
    CHECK(actor_in("JNIMS") == "");
}

TEST_CASE("a common noun right after a name is part of that mention", "[extract][actors]") {
    CHECK(actor_in("JNIM militants") == jnim);
    CHECK(actor_in("des jihadistes") == "Unidentified Armed Group ({country})");
    CHECK(actor_in("JNIM and the militants") == "*");
}

TEST_CASE("aliases match whole words only", "[extract][actors]") {
    CHECK(actor_in("Wagnerian opera") == "");
    CHECK(actor_in("JNIMist") == "");
    CHECK(actor_in("armys") == "");
}

TEST_CASE("the longest alias wins and spans point into the text", "[extract][actors]") {
    std::string text = "Les Forces armées maliennes (FAMa) et le groupe Wagner ont repris Kidal.";
    auto mentions = dictionary().find(text);
    REQUIRE(mentions.size() == 3);
    CHECK(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin) == "Forces armées maliennes");
    CHECK(text.substr(mentions[1].begin, mentions[1].end - mentions[1].begin) == "FAMa");
    CHECK(text.substr(mentions[2].begin, mentions[2].end - mentions[2].begin) == "groupe Wagner");
    CHECK(mentions[2].category == ActorCategory::external_forces);
    CHECK_FALSE(mentions[0].generic);
}

TEST_CASE("spans point into the text across runs of spaces, hyphens and apostrophes", "[extract][actors]") {
    std::string text = "\n\n  -- Hier,  les\tjihadistes -- du   Jama\u2019at  Nusrat  al-Islam wal--Muslimin ont attaqué.";
    auto mentions = dictionary().find(text);
    REQUIRE(mentions.size() == 2);
    CHECK(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin) == "jihadistes");
    CHECK(text.substr(mentions[1].begin, mentions[1].end - mentions[1].begin) ==
          "Jama\u2019at  Nusrat  al-Islam wal--Muslimin");
    CHECK(mentions[1].name == jnim);
}

TEST_CASE("of overlapping aliases of one length the earlier wins, of one span the one listed first",
          "[extract][actors]") {
    auto dict = ActorDictionary::parse("North Group\trebels\tgroupe du nord | nord mali\n"
                                       "Blue Helmets\texternal/other forces\tCasques bleus | casques bleus\n"
                                       "Helmets\tcivilians\tcasques bleus\n",
                                       "test.tsv");
    auto m = dict.find("le groupe du nord mali");
    REQUIRE(m.size() == 1);
    CHECK(m[0].name == "North Group");
    CHECK(m[0].end - m[0].begin == std::string("groupe du nord").size());
    m = dict.find("des casques bleus");
    REQUIRE(m.size() == 1);
    CHECK(m[0].name == "Blue Helmets");
    CHECK_FALSE(m[0].generic);  // "Casques bleus", a name, is listed before the common noun
}

TEST_CASE("common nouns are generic mentions", "[extract][actors]") {
    auto mentions = dictionary().find("Gunmen killed two soldiers.");
    REQUIRE(mentions.size() == 2);
    CHECK(mentions[0].name == "Unidentified Armed Group ({country})");
    CHECK(mentions[1].name == "Military Forces of {country}");
    CHECK(mentions[1].generic);
}

TEST_CASE("coded names fill in the country and the period", "[extract][actors]") {
    const auto& d = dictionary();
    CHECK(d.coded_name("Civilians ({country})", "Burkina Faso", "") == "Civilians (Burkina Faso)");
    CHECK(d.coded_name("Civilians ({country})", "", "") == "Civilians");
    CHECK(d.coded_name("Military Forces of {country}", "Mali", "2024-09-17") == "Military Forces of Mali (2021-)");
    CHECK(d.coded_name("Military Forces of Mali", "", "2020-05-09") == "Military Forces of Mali (2013-2020)");
    CHECK(d.coded_name("Military Forces of Burkina Faso", "", "2022-06-01") == "Military Forces of Burkina Faso (2022-)");
    CHECK(d.coded_name("Islamic State (Sahel)", "", "2020-04-29") == "Islamic State (Greater Sahara)");
    CHECK(d.coded_name("Islamic State (Sahel)", "", "2021-04-29") == "Islamic State (West Africa) - Greater Sahara Faction");
    CHECK(d.coded_name("Islamic State (Sahel)", "", "2023-04-29") == "Islamic State (Sahel)");
    CHECK(d.coded_name("Wagner Group", "Mali", "2024-07-27") == "Wagner Group");
}

TEST_CASE("a unit takes the period of the force it belongs to", "[extract][actors]") {
    const auto& d = dictionary();
    auto mentions = d.find("Gendarmes repelled the attack.");
    REQUIRE(mentions.size() == 1);
    CHECK(mentions[0].name == "Police Forces of {country} Gendarmerie");
    CHECK(d.coded_name(mentions[0].name, "Burkina Faso", "2019-02-11") ==
          "Police Forces of Burkina Faso (2015-2022) Gendarmerie");
    CHECK(d.coded_name(mentions[0].name, "Mali", "2022-02-11") == "Police Forces of Mali (2021-) Gendarmerie");
    CHECK(d.coded_name(mentions[0].name, "Chad", "2022-02-11") == "Police Forces of Chad Gendarmerie");
}

TEST_CASE("an actor a country line names is coded as another there", "[extract][actors]") {
    const auto& d = dictionary();
    CHECK(d.coded_name("Islamic State (West Africa)", "Mali", "2019-06-01") == "Islamic State (Greater Sahara)");
    CHECK(d.coded_name("Islamic State (West Africa)", "Nigeria", "2019-06-01") == "Islamic State (West Africa)");
    auto local = ActorDictionary::parse("@in\tWagner Group\tMali|Niger\tAfrica Corps\n", "user.tsv");
    CHECK(local.coded_name("Wagner Group", "Niger", "") == "Africa Corps");
    CHECK_THROWS_WITH(ActorDictionary::parse("@in\tWagner Group\tMali\n", "user.tsv"),
                      Catch::Contains("user.tsv:1") && Catch::Contains("4 tab-separated fields"));
}

TEST_CASE("two groups a report cannot tell apart are named in the dictionary's order", "[extract][actors]") {
    const auto& d = dictionary();
    const std::string either = "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)";
    CHECK(d.either_name("Islamic State (Sahel)", "JNIM: Group for Support of Islam and Muslims", "", "2019-06-01") ==
          either);
    CHECK(d.either_name("JNIM: Group for Support of Islam and Muslims", "Islamic State (Sahel)", "", "2019-06-01") ==
          either);
    SECTION("and once when both are coded alike") {
        CHECK(d.either_name(jnim, jnim, "", "2020-06-01") == jnim);
        // Katiba Macina's attacks of 2018 are coded as JNIM's.
        CHECK(d.either_name("Katiba Macina", jnim, "", "2018-06-01") == jnim);
    }
}

TEST_CASE("categories have ACLED's names and inter codes", "[extract][actors]") {
    CHECK(category_name(ActorCategory::state_forces) == "state forces");
    CHECK(category_name(ActorCategory::external_forces) == "external/other forces");
    CHECK(parse_category("identity militias") == ActorCategory::identity_militias);
    CHECK(static_cast<int>(ActorCategory::civilians) == 7);
    CHECK_FALSE(parse_category("bandits").has_value());
}

TEST_CASE("a user dictionary adds and overrides aliases", "[extract][actors]") {
    auto user = ActorDictionary::parse("# local groups\n"
                                       "Katiba Serma\trebels\tKatiba Serma | Serma brigade\n"
                                       "Custom Name\tcivilians\tWagner\n",
                                       "user.tsv");
    ActorDictionary merged = ActorDictionary::builtin();
    merged.merge(user);
    auto m = merged.find("the Serma brigade fought Wagner");
    REQUIRE(m.size() == 2);
    CHECK(m[0].name == "Katiba Serma");
    CHECK(m[1].name == "Custom Name");
    CHECK(merged.find("the Wagner Group")[0].name == "Wagner Group");
}

TEST_CASE("actors of one country carry its code", "[extract][actors]") {
    const auto dict = ActorDictionary::builtin();
    auto m = dict.find("Dan Na Ambassagou fighters and the VDP clashed with JNIM");
    REQUIRE(m.size() == 3);
    CHECK(m[0].country == "ML");
    CHECK(m[1].country == "BF");
    CHECK(m[2].country.empty());  // JNIM fights in several countries
    auto user = ActorDictionary::parse("Kogl Guards\tpolitical militias\tKogl Guards\tBF\n", "user.tsv");
    CHECK(user.find("the Kogl Guards")[0].country == "BF");
    CHECK_THROWS_WITH(ActorDictionary::parse("X\trebels\tX\tMali\n", "user.tsv"),
                      Catch::Contains("user.tsv:1:") && Catch::Contains("'Mali'"));
}

TEST_CASE("a malformed dictionary line is reported with its place", "[extract][actors]") {
    CHECK_THROWS_WITH(ActorDictionary::parse("A\trebels\tA\nB\tbandits\tB\n", "mine.tsv"),
                      Catch::Contains("mine.tsv:2:") && Catch::Contains("unknown category 'bandits'"));
    CHECK_THROWS_WITH(ActorDictionary::parse("only one field\n", "mine.tsv"), Catch::Contains("mine.tsv:1:"));
    CHECK_THROWS_AS(ActorDictionary::parse("@period\tX\t2020\tY\n", "p.tsv"), incimap::InputError);
    CHECK_THROWS_WITH(ActorDictionary::load("/nonexistent/actors.tsv"), Catch::Contains("/nonexistent/actors.tsv"));
}

TEST_CASE("a dictionary file is loaded from disk", "[extract][actors]") {
    auto path = std::filesystem::temp_directory_path() / "incimap_test_actors.tsv";
    {
        std::ofstream out(path);
        out << "Katiba Serma\trebels\tKatiba Serma\n";
    }
    auto dict = ActorDictionary::load(path);
    std::filesystem::remove(path);
    CHECK(dict.alias_count() == 1);
    CHECK(dict.find("Katiba Serma attacked").at(0).category == ActorCategory::rebels);
}
