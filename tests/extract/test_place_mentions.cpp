#include "extract/place_mentions.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace incimap::extract;

namespace {

std::vector<PlaceMention> mentions_of(std::string_view sentence) {
    static const ActorDictionary actors = ActorDictionary::builtin();
    return find_place_mentions(sentence, actors);
}

std::vector<std::string> names_of(std::string_view sentence) {
    std::vector<std::string> names;
    for (const auto& m : mentions_of(sentence))
        names.push_back(m.name);
    return names;
}

} // namespace

TEST_CASE("A place after a preposition is a mention with a strong cue and its byte span",
          "[place_mentions]") {
    const std::string sentence = "Gunmen attacked an army post in Djibo on Sunday.";
    auto mentions = mentions_of(sentence);
    REQUIRE(mentions.size() == 1);
    CHECK(mentions[0].name == "Djibo");
    CHECK(sentence.substr(mentions[0].begin, mentions[0].end - mentions[0].begin) == "Djibo");
    CHECK(mentions[0].cue == PlaceCue::strong);
    CHECK(mentions[0].scope == PlaceScope::place);
    CHECK_FALSE(mentions[0].reference);
}

TEST_CASE("Names keep their accents, hyphens and particles", "[place_mentions]") {
    CHECK(names_of("Fighting broke out near Ti-n-Zaouâtene on Saturday.") ==
          std::vector<std::string>{"Ti-n-Zaouâtene"});
    CHECK(names_of("Clashes were reported in Boucle du Mouhoun.") ==
          std::vector<std::string>{"Boucle du Mouhoun"});
    CHECK(names_of("Residents of Tillabéri fled.") == std::vector<std::string>{"Tillabéri"});
}

TEST_CASE("Words that are not places are not mentions", "[place_mentions]") {
    SECTION("actors and their acronyms") {
        CHECK(names_of("JNIM fighters and Wagner mercenaries clashed with FAMa and VDP units.").empty());
    }
    SECTION("demonyms, months and weekdays") {
        CHECK(names_of("Malian troops moved on Tuesday in September.").empty());
        CHECK(names_of("The Burkinabe army said in May that Nigerien units helped.").empty());
    }
    SECTION("people: titles, given names and surnames") {
        CHECK(names_of("President Assimi Goita visited the troops.").empty());
        CHECK(names_of("Col. Goita spoke to Mr Traore and to Said.").empty());
        CHECK(names_of("The spokesman, Amadou Koufa, denied it.").empty());
    }
    SECTION("organisations named after a place") {
        CHECK(names_of("Gunmen attacked Gao, analysts at the Timbuktu Institute said.") ==
              std::vector<std::string>{"Gao"});
        CHECK(names_of("The Soufan Centre and the International Crisis Group counted the attacks.").empty());
        CHECK(names_of("Radio Kledu reported that soldiers arrived in Mopti.") == std::vector<std::string>{"Mopti"});
        CHECK(names_of("Selon Radio Kledu et le Timbuktu Institute, l'armée est entrée à Mopti.") ==
              std::vector<std::string>{"Mopti"});
    }
    SECTION("the Sahel as a broad area, but not the Sahel region") {
        CHECK(names_of("Armed groups active across the Sahel grew stronger.").empty());
        auto mentions = mentions_of("Attacks rose in the Sahel region of Burkina Faso.");
        REQUIRE(mentions.size() == 2);
        CHECK(mentions[0].name == "Sahel");
        CHECK(mentions[0].scope == PlaceScope::region);
        CHECK(mentions[1].name == "Burkina Faso");
    }
}

TEST_CASE("A sentence-initial name is flagged, with no cue", "[place_mentions]") {
    auto mentions = mentions_of("Kidal fell to the army after days of air strikes.");
    REQUIRE(mentions.size() == 1);
    CHECK(mentions[0].sentence_start);
    CHECK(mentions[0].cue == PlaceCue::none);
}

TEST_CASE("The words around a name give its scope", "[place_mentions]") {
    auto scope_of = [](std::string_view sentence) {
        auto mentions = mentions_of(sentence);
        REQUIRE_FALSE(mentions.empty());
        return mentions.front().scope;
    };
    CHECK(scope_of("Soldiers were ambushed near Boni.") == PlaceScope::near);
    CHECK(scope_of("Gunmen attacked a camp on the outskirts of Djibo.") == PlaceScope::near);
    CHECK(scope_of("An IED exploded 20 km from Douentza.") == PlaceScope::near);
    CHECK(scope_of("An IED exploded 20 km north of Douentza.") == PlaceScope::near);
    CHECK(scope_of("Clashes took place in the Koro district.") == PlaceScope::area);
    CHECK(scope_of("Clashes took place in the Mopti region.") == PlaceScope::region);
    CHECK(scope_of("Clashes took place in the region of Mopti.") == PlaceScope::region);
    CHECK(scope_of("Clashes took place in Mopti Region.") == PlaceScope::region);
    CHECK(scope_of("Gunmen raided the village of Boni.") == PlaceScope::place);
}

TEST_CASE("The village of X is a settlement cue", "[place_mentions]") {
    auto mentions = mentions_of("Militants burned the village of Traore.");
    REQUIRE(mentions.size() == 1);
    CHECK(mentions[0].name == "Traore");
    CHECK(mentions[0].cue == PlaceCue::settlement);
}

TEST_CASE("Brackets after a name are hints or an alternative spelling", "[place_mentions]") {
    SECTION("ACLED's (admin2, admin1)") {
        auto mentions = mentions_of("Militants killed two men in Boni (Douentza, Mopti).");
        REQUIRE(mentions.size() == 1);
        CHECK(mentions[0].name == "Boni");
        CHECK(mentions[0].hints == std::vector<std::string>{"Douentza", "Mopti"});
    }
    SECTION("a region in brackets") {
        auto mentions = mentions_of("A mine exploded in Koro (Mopti region).");
        REQUIRE(mentions.size() == 1);
        CHECK(mentions[0].hints == std::vector<std::string>{"Mopti"});
    }
    SECTION("an alternative spelling in square brackets, then hints") {
        auto mentions = mentions_of("Gunmen killed herders in Kara [Tin Kara] (Amakoy, Gao).");
        REQUIRE(mentions.size() == 1);
        CHECK(mentions[0].name == "Kara");
        CHECK(mentions[0].alternate == "Tin Kara");
        CHECK(mentions[0].hints == std::vector<std::string>{"Amakoy", "Gao"});
    }
    SECTION("brackets that name no place are not hints") {
        auto mentions = mentions_of("Militants (JNIM) attacked Djibo (as reported).");
        REQUIRE(mentions.size() == 1);
        CHECK(mentions[0].hints.empty());
    }
}

TEST_CASE("Lists of places share their cue; landmarks and stretch ends are references",
          "[place_mentions]") {
    SECTION("attacks on two towns") {
        auto mentions = mentions_of("Militants launched attacks on Djibo and Arbinda.");
        REQUIRE(mentions.size() == 2);
        CHECK(mentions[1].name == "Arbinda");
        CHECK(mentions[1].cue == mentions[0].cue);
        CHECK_FALSE(mentions[1].reference);
    }
    SECTION("a list with commas") {
        auto mentions = mentions_of("The army imposed curfews in Gao, Ansongo and Menaka.");
        REQUIRE(mentions.size() == 3);
        for (const auto& m : mentions)
            CHECK(m.cue == PlaceCue::strong);
    }
    SECTION("a landmark after a comma") {
        auto mentions = mentions_of("Soldiers repelled an attack in Kolo, near Diffa.");
        REQUIRE(mentions.size() == 2);
        CHECK_FALSE(mentions[0].reference);
        CHECK(mentions[1].reference);
        CHECK(mentions[1].scope == PlaceScope::near);
    }
    SECTION("between two places") {
        auto mentions = mentions_of("A vehicle struck a mine between Wendou and Kelbo.");
        REQUIRE(mentions.size() == 2);
        CHECK(mentions[0].scope == PlaceScope::near);
        CHECK(mentions[1].reference);
    }
    SECTION("a road told by the two towns it links") {
        for (const char* sentence : {"A convoy was ambushed on the road linking Gao to Ansongo.",
                                     "A convoy was ambushed on the road from Gao to Ansongo.",
                                     "Un convoi a été attaqué sur la route nationale reliant Gao à Ansongo.",
                                     "Un convoi a été attaqué sur la route de Gao à Ansongo."}) {
            INFO(sentence);
            auto mentions = mentions_of(sentence);
            REQUIRE(mentions.size() == 2);
            CHECK(mentions[0].scope == PlaceScope::near);
            CHECK_FALSE(mentions[0].reference);
            CHECK(mentions[1].reference);
        }
        // Two places an attack hit are not a road.
        auto mentions = mentions_of("Gunmen attacked Gao and Ansongo.");
        REQUIRE(mentions.size() == 2);
        CHECK_FALSE(mentions[1].reference);
    }
    SECTION("a destination") {
        for (const char* sentence : {"Gunmen stopped a bus in Djibo and sent it back towards Kaya.",
                                     "Gunmen stopped a bus in Djibo and sent it back in the direction of Kaya.",
                                     "Des hommes armés ont arrêté un car à Djibo et l'ont renvoyé vers Kaya."}) {
            INFO(sentence);
            auto mentions = mentions_of(sentence);
            REQUIRE(mentions.size() == 2);
            CHECK_FALSE(mentions[0].reference);
            CHECK(mentions[1].name == "Kaya");
            CHECK(mentions[1].reference);
        }
    }
}

TEST_CASE("Mentions of a longer text are found within the token range given",
          "[place_mentions]") {
    const std::string text = "Gunmen attacked Djibo. They patrolled in Dori.";
    const auto folded = fold(text);
    const auto tokens = tokenize(folded);
    const auto second = static_cast<std::size_t>(
        std::find_if(tokens.begin(), tokens.end(), [](const Token& t) { return t.is("they"); }) -
        tokens.begin());
    auto mentions = find_place_mentions(text, folded, tokens, second, tokens.size(), {});
    REQUIRE(mentions.size() == 1);
    CHECK(mentions[0].name == "Dori");
    CHECK(text.substr(mentions[0].begin, 4) == "Dori");
}

TEST_CASE("Coordinates written in the text are stated points", "[place_mentions]") {
    SECTION("decimal degrees, latitude first") {
        const std::string text = "The camp (14.55455, -9.98426) was hit twice.";
        const auto points = find_coordinates(text);
        REQUIRE(points.size() == 1);
        CHECK(points[0].latitude == Approx(14.55455).margin(1e-9));
        CHECK(points[0].longitude == Approx(-9.98426).margin(1e-9));
        CHECK(text.substr(points[0].begin, points[0].end - points[0].begin) == "14.55455, -9.98426");
    }
    SECTION("degrees and minutes with their hemispheres, in French too") {
        const auto points = find_coordinates("Le poste, situé à 14°33'N 9°59'W, a été attaqué.");
        REQUIRE(points.size() == 1);
        CHECK(points[0].latitude == Approx(14 + 33 / 60.0).margin(1e-9));
        CHECK(points[0].longitude == Approx(-(9 + 59 / 60.0)).margin(1e-9));
        const auto seconds = find_coordinates("at 16°16'18\"N 0°2'41\"W");
        REQUIRE(seconds.size() == 1);
        CHECK(seconds[0].latitude == Approx(16 + 16 / 60.0 + 18 / 3600.0).margin(1e-9));
    }
    SECTION("figures that are no coordinates") {
        CHECK(find_coordinates("Gunmen killed 12 people 2.5 km from the town, 3.5 km from the river.").empty());
        CHECK(find_coordinates("Prices rose by 12.5, 13.75 and 14.25 percent.").size() <= 1);
        CHECK(find_coordinates("Latitude 95.12345, -9.98426 is out of range.").empty());
    }
}

TEST_CASE("The object of an attack verb is cued as a place", "[place_mentions]") {
    auto mentions = mentions_of("Gunmen again attacked Koutougou overnight.");
    REQUIRE(mentions.size() == 1);
    CHECK(mentions[0].name == "Koutougou");
    CHECK(mentions[0].cue == PlaceCue::weak);
    CHECK(mentions_of("Gunmen again visited Koutougou overnight.").at(0).cue == PlaceCue::none);
}

TEST_CASE("A place the report says it codes the event at is marked coded", "[place_mentions]") {
    auto mentions = mentions_of("Gunmen burned the hamlet of Bolo (coded as Djibo at geoprecision 2).");
    REQUIRE(mentions.size() == 2);
    CHECK(mentions[0].name == "Bolo");
    CHECK(mentions[0].hints.empty());
    CHECK_FALSE(mentions[0].coded);
    CHECK(mentions[1].name == "Djibo");
    CHECK(mentions[1].coded);
    CHECK(mentions[1].cue == PlaceCue::strong);
}
