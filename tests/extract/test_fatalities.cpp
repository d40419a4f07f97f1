#include "extract/fatalities.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace incimap::extract;

namespace {
int deaths(const std::string& text) {
    INFO(text);
    return count_fatalities(text).fatalities;
}
} // namespace

TEST_CASE("throats slit and heads cut off are deaths, in French too", "[extract][fatalities]") {
    CHECK(deaths("Deux bergers ont été égorgés près du puits.") == 2);
    CHECK(deaths("Des hommes armés ont attaqué le hameau, égorgeant trois bergers.") == 3);
    CHECK(deaths("Trois otages ont été décapités.") == 3);
}

TEST_CASE("a figure before a death word", "[extract][fatalities]") {
    CHECK(deaths("The attacks left over 70 dead and many others wounded.") == 70);
    CHECK(deaths("Five soldiers were killed near Boni.") == 5);
    CHECK(deaths("At least 20 people died in the raid.") == 20);
    CHECK(deaths("Two civilians lost their lives.") == 2);
    CHECK(deaths("Residents found 12 bodies in a well.") == 12);
    CHECK(deaths("Clashes between herders and farmers: 7 killed.") == 7);
    CHECK(deaths("Three men were beaten to death.") == 3);
}

TEST_CASE("a death verb before the figure", "[extract][fatalities]") {
    CHECK(deaths("Gunmen attacked the post, killing at least 12.") == 12);
    CHECK(deaths("Militants killed seventeen members of the community.") == 17);
    CHECK(deaths("The blast claimed the lives of 9 passengers.") == 9);
    CHECK(deaths("The death toll rose to 30 on Friday.") == 30);
    CHECK(deaths("Soldiers shot dead two suspects.") == 2);
    CHECK(deaths("L'armée a neutralisé 12 terroristes près de la frontière.") == 12);
    CHECK(deaths("Army units neutralised 8 fighters in the forest.") == 8);
}

TEST_CASE("singular victims count one", "[extract][fatalities]") {
    CHECK(deaths("Militants killed a herder beside the well.") == 1);
    CHECK(deaths("Gunmen killed an off-duty gendarme.") == 1);
    CHECK(deaths("A soldier was killed by a mine.") == 1);
    CHECK(deaths("Soldiers killed a suspected commander and his son.") == 2);
}

TEST_CASE("victims listed together add up", "[extract][fatalities]") {
    CHECK(deaths("The raid ended killing 5 soldiers and 3 civilians.") == 8);
    CHECK(deaths("Five soldiers and three civilians were killed.") == 8);
    CHECK(deaths("Villagers killed two policemen who had shot dead a woman.") == 3);
}

TEST_CASE("the victims' community is part of naming them", "[extract][fatalities]") {
    CHECK(deaths("Gunmen killed a herder from the Peul community and four of his relatives.") == 5);
    CHECK(deaths("Gunmen killed an elder from the Dogon ethnic group and two of his sons.") == 3);
    CHECK(deaths("Gunmen killed a trader from the Songhai community and wounded three others.") == 1);
}

TEST_CASE("attackers who die are counted too", "[extract][fatalities]") {
    CHECK(deaths("Troops repelled the assault; two assailants were killed.") == 2);
    CHECK(deaths("Four soldiers were killed. Two assailants were also killed.") == 6);
}

TEST_CASE("qualifiers keep the figure said, ranges their lower end", "[extract][fatalities]") {
    CHECK(deaths("more than 15 people were killed") == 15);
    CHECK(deaths("up to 30 people were killed") == 30);
    CHECK(deaths("nearly 40 dead") == 40);
    auto range = count_fatalities("between 10 and 15 people were killed");
    CHECK(range.fatalities == 10);
    CHECK(range.low == 10);
    CHECK(range.high == 15);
    CHECK(deaths("10 to 15 people were killed") == 10);
    CHECK(deaths("militants killed between two and four people") == 2);
}

TEST_CASE("vague figures take ACLED's conventional values", "[extract][fatalities]") {
    CHECK(deaths("Dozens of people were killed.") == 12);
    CHECK(deaths("Tens of soldiers died.") == 10);
    CHECK(deaths("Hundreds were killed in the massacre.") == 100);
    CHECK(deaths("Several civilians were killed.") == 10);
    CHECK(deaths("A few soldiers died.") == 3);
    CHECK(deaths("A dozen civilians were killed.") == 12);
    CHECK(deaths("Two dozen people died.") == 24);
    CHECK(count_fatalities("Dozens of people were killed.").mentions.at(0).vague);
}

TEST_CASE("French reports", "[extract][fatalities]") {
    CHECK(deaths("L'attaque a fait sept morts.") == 7);
    CHECK(deaths("Deux soldats ont été tués dans l'embuscade.") == 2);
    CHECK(deaths("Une dizaine de civils ont été tués.") == 10);
    CHECK(deaths("Des dizaines de personnes sont mortes.") == 10);
    CHECK(deaths("Les assaillants ont tué 12 villageois.") == 12);
    CHECK(deaths("Au moins vingt-cinq personnes ont perdu la vie.") == 25);
    CHECK(deaths("Trois soldats blessés, aucun mort.") == 0);
}

TEST_CASE("the wounded, abducted and missing are not deaths", "[extract][fatalities]") {
    CHECK_FALSE(count_fatalities("Militants wounded three policemen.").reported);
    CHECK_FALSE(count_fatalities("Twelve people were abducted and 4 are missing.").reported);
    CHECK(deaths("Gunmen killed two herders; a dozen more were wounded.") == 2);
    CHECK(deaths("Three traders were killed and several passengers were wounded.") == 3);
    CHECK(deaths("Five were injured; one died later in hospital.") == 1);
    CHECK_FALSE(count_fatalities("Trois soldats ont été blessés.").reported);
}

TEST_CASE("figures that count no people", "[extract][fatalities]") {
    CHECK_FALSE(count_fatalities("They killed livestock 5 km from the town.").reported);
    CHECK_FALSE(count_fatalities("On 9 May 2020, gunmen burned 5 vehicles.").reported);
    CHECK_FALSE(count_fatalities("Casualties unknown.").reported);
}

TEST_CASE("an explicit zero", "[extract][fatalities]") {
    auto none = count_fatalities("No one was killed in the attack.");
    CHECK(none.reported);
    CHECK(none.fatalities == 0);
    CHECK(deaths("There were no casualties.") == 0);
}

TEST_CASE("conflicting figures keep the lowest", "[extract][fatalities]") {
    auto c = count_fatalities("Local sources said 15 people were killed, while the army reported 8 dead.");
    CHECK(c.fatalities == 8);
    CHECK(c.low == 8);
    CHECK(c.high == 15);
    auto later = count_fatalities("Twenty soldiers were killed in the ambush. The army later said 12 died.");
    CHECK(later.fatalities == 12);
    CHECK(later.high == 20);
}

TEST_CASE("mentions carry the span of their evidence", "[extract][fatalities]") {
    std::string text = "On Tuesday, JNIM fighters killed 5 soldiers and 3 civilians near Gao.";
    auto mentions = find_fatalities(text);
    REQUIRE(mentions.size() == 1);
    CHECK(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin) ==
          "killed 5 soldiers and 3 civilians");
    CHECK(mentions[0].count == 8);
}

TEST_CASE("no mention of death", "[extract][fatalities]") {
    auto c = count_fatalities("Protesters marched peacefully in Ouagadougou.");
    CHECK_FALSE(c.reported);
    CHECK(c.fatalities == 0);
    CHECK(c.mentions.empty());
}

TEST_CASE("a subject is not a victim of the verb that follows it", "[extract][fatalities]") {
    CHECK(deaths("On 28 April, the army reportedly killed two suspected militants.") == 2);
    CHECK(deaths("A feud between the two clans left six people dead.") == 6);
}

TEST_CASE("other ways of saying people died", "[extract][fatalities]") {
    CHECK(deaths("About ten militants were 'neutralized' by the army.") == 10);
    CHECK(deaths("Gunmen assassinated a trader in Timbuktu.") == 1);
    CHECK(deaths("The corpses of around thirty fighters were found.") == 30);
    CHECK(deaths("Militants killed a livestock trader.") == 1);
}

TEST_CASE("attempts and objects are not deaths", "[extract][fatalities]") {
    CHECK_FALSE(count_fatalities("Gunmen attempted to kill a herder at the well.").reported);
    CHECK(deaths("Guards held off the raid, with one assailant killed and a rifle seized.") == 1);
    CHECK(deaths("Residents killed two gendarmes who had shot dead a trader during an arrest.") == 3);
}

TEST_CASE("victims named after a second verb", "[extract][fatalities]") {
    CHECK(deaths("Militiamen killed and mutilated a shepherd near the well.") == 1);
    CHECK(deaths("Gunmen killed and burned the bodies of three traders.") == 3);
    CHECK(deaths("Gunmen killed and wounded several people.") == 0);
}

TEST_CASE("a coder's note states the figure it codes", "[extract][fatalities]") {
    CHECK(deaths("An unknown number of herders died in the raid. Unknown fatalities coded as 10.") == 10);
    CHECK(deaths("A mine hit a patrol, with dead and wounded; fatalities coded at a low estimate of 3.") == 3);
    CHECK(deaths("Soldiers killed 14 militants; fatalities coded as 12 after a second source.") == 12);
}

TEST_CASE("deaths split across several events are shared out", "[extract][fatalities]") {
    CHECK(deaths("Air strikes over two days killed 30 militants. Fatalities are split across three events.") == 10);
    CHECK(deaths("Air strikes killed 7 militants; fatalities are divided between 2 events.") == 3);
    CHECK(deaths("Air strikes killed 7 militants across 2 events.") == 7);
}

TEST_CASE("a day of the month is no figure", "[extract][fatalities]") {
    CHECK(deaths("On 5 March, 44 civilians were killed in the market.") == 44);
    CHECK(deaths("On March 5, 44 civilians were killed in the market.") == 44);
    CHECK(deaths("Le 5 mars, 44 civils ont été tués au marché.") == 44);
    CHECK(deaths("Le 12 juin, trois soldats ont été tués.") == 3);
}

TEST_CASE("whoever reports a figure is not among the dead", "[extract][fatalities]") {
    CHECK(deaths("Selon une source, onze soldats ont été tués.") == 11);
    CHECK(deaths("D'après une source locale, onze soldats ont été tués.") == 11);
    CHECK(deaths("According to one source, eleven soldiers were killed.") == 11);
    CHECK(deaths("According to a source, eleven soldiers were killed.") == 11);
    // The one who speaks after the victims are listed.
    CHECK(deaths("Gunmen fired on a bus, killing six passengers, a local official said.") == 6);
    CHECK(deaths("Des hommes armés ont tiré sur un car, tuant six passagers, a indiqué vendredi un élu local.") == 6);
    CHECK(deaths("Des hommes armés ont tué six passagers, a expliqué un responsable.") == 6);
    // Listed victims still add up, and a victim after a report is a victim.
    CHECK(deaths("Gunmen killed six passengers and a driver.") == 7);
    CHECK(deaths("Gunmen killed six passengers, a driver and a trader, residents said.") == 8);
}

TEST_CASE("a figure the clause qualifies after 'left' or 'fait'", "[extract][fatalities]") {
    CHECK(deaths("The raid on the market, which reportedly left over 70 dead, shocked the town.") == 70);
    CHECK(deaths("L'embuscade, qui aurait fait plus de 70 morts, a choqué la ville.") == 70);
}

TEST_CASE("running tallies are never an incident's deaths", "[extract][fatalities]") {
    SECTION("a tally alone reports no incident's deaths") {
        for (const char* text : {"Jihadists have killed almost 1,000 people across the Sahel since April.",
                                 "Since January, attacks have killed 300 people in the region.",
                                 "Over 2,000 civilians have died so far this year.",
                                 "Depuis le début de l'année, les attaques ont fait plus de 300 morts.",
                                 "Les violences ont fait 500 morts à travers le pays cette année.",
                                 "Plus de 400 civils ont été tués au cours des derniers mois.",
                                 "Plus de 600 civils y ont été tués au cours de l'année écoulée.",
                                 "Selon une ONG, 350 personnes ont été tuées l'an dernier dans la région.",
                                 "More than 700 civilians were killed there in the past year, a monitor says."}) {
            INFO(text);
            const auto count = count_fatalities(text);
            CHECK_FALSE(count.reported);
            CHECK(count.fatalities == 0);
            REQUIRE(count.mentions.size() == 1);
            CHECK(count.mentions[0].tally);
        }
    }
    SECTION("beside an incident's own deaths") {
        CHECK(deaths("Gunmen killed four villagers in the market on Sunday. Attacks have killed more "
                     "than 300 civilians in the province this year.") == 4);
        CHECK(deaths("Gunmen killed four villagers on Sunday, bringing the deaths since January to 300.") == 4);
        CHECK(deaths("Des hommes armés ont tué quatre villageois dimanche. Les violences ont fait "
                     "500 morts dans tout le pays depuis janvier.") == 4);
    }
    SECTION("a plain report is no tally") {
        CHECK(deaths("Gunmen killed four villagers on Sunday, the army said.") == 4);
        CHECK(deaths("Four soldiers died in the attack last week.") == 4);
        CHECK(deaths("Trois soldats ont été tués le mois dernier près du camp.") == 3);
    }
}

TEST_CASE("the same deaths reported twice count once", "[extract][fatalities]") {
    CHECK(deaths("12 killed in attack on army post\n"
                 "Twelve soldiers died when gunmen stormed the post at dawn on Sunday, the army said.") == 12);
    CHECK(deaths("Douze soldats tués dans une attaque\n"
                 "Douze soldats ont péri quand des hommes armés ont pris d'assaut le poste dimanche.") == 12);
}

TEST_CASE("the wounded are not dead and dead attackers count, in French too", "[extract][fatalities]") {
    CHECK(deaths("Three soldiers were killed and five wounded, and two attackers were killed.") == 5);
    CHECK(deaths("Trois soldats ont été tués et cinq blessés, et deux assaillants ont été neutralisés.") == 5);
    CHECK(deaths("Plusieurs civils ont été tués.") == 10);
    CHECK(deaths("Des dizaines de civils ont été tués.") == 10);
}

TEST_CASE("soldiers who fell died, those who fell into an ambush did not", "[extract][fatalities]") {
    CHECK(deaths("Huit gendarmes sont tombés et trois ont été blessés.") == 8);
    CHECK(deaths("Quatre militaires sont tombés au combat près de la frontière.") == 4);
    CHECK(deaths("Six soldiers fell in combat on the road to the camp.") == 6);
    CHECK(deaths("Deux patrouilleurs sont tombés dans une embuscade sans être blessés.") == 0);
    CHECK(deaths("Trois infirmiers sont tombés malades après la crue.") == 0);
    CHECK(deaths("Two guards fell into the river and were rescued.") == 0);
}

TEST_CASE("an attack named before the victims is no one", "[extract][fatalities]") {
    CHECK(deaths("Lors d'une attaque, sept villageois sont morts.") == 7);
    CHECK(deaths("In one ambush, five drivers were killed.") == 5);
}
