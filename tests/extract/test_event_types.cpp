#include "extract/event_types.hpp"
#include "extract/event_lexicon.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace incimap::extract;

namespace {

const ActorDictionary& dictionary() {
    static const ActorDictionary dict = ActorDictionary::builtin();
    return dict;
}

// "Event type/Sub-event type" of a sentence, "" when none.
std::string event_of(const std::string& sentence) {
    auto c = classify_event(sentence, dictionary().find(sentence));
    if (!c)
        return "";
    return std::string(c->type.event_type) + "/" + std::string(c->type.sub_event_type);
}

} // namespace

TEST_CASE("battles", "[extract][events]") {
    CHECK(event_of("JNIM militants clashed with FAMa near Boni.") == "Battles/Armed clash");
    CHECK(event_of("Heavy fighting was reported between the army and rebels.") == "Battles/Armed clash");
    CHECK(event_of("Gunmen ambushed a military convoy.") == "Battles/Armed clash");
    CHECK(event_of("Des affrontements ont opposé les FAMa aux jihadistes.") == "Battles/Armed clash");
}

TEST_CASE("an attack is a battle or violence against civilians by its target", "[extract][events]") {
    CHECK(event_of("JNIM fighters attacked the gendarmerie post of Boni.") == "Battles/Armed clash");
    CHECK(event_of("ISGS militants attacked a village and killed 12 civilians.") ==
          "Violence against civilians/Attack");
    CHECK(event_of("Militants killed a herder beside the well.") == "Violence against civilians/Attack");
    CHECK(event_of("Burkinabe forces killed a suspected ISGS commander.") == "Battles/Armed clash");
    CHECK(event_of("Three civilians were killed by gunmen.") == "Violence against civilians/Attack");
    CHECK(event_of("Two soldiers were killed.") == "Battles/Armed clash");
}

TEST_CASE("territory changes hands by the actor who takes it", "[extract][events]") {
    CHECK(event_of("The Malian army and Wagner seized control of Kidal.") == "Battles/Government regains territory");
    CHECK(event_of("FAMa recaptured the town of Anefis.") == "Battles/Government regains territory");
    CHECK(event_of("JNIM militants took control of the town of Boulkessi.") ==
          "Battles/Non-state actor overtakes territory");
    CHECK(event_of("The CSP-PSD captured the military camp of Ber.") == "Battles/Non-state actor overtakes territory");
    CHECK(event_of("JNIM took control of the village without a fight.") ==
          "Strategic developments/Non-violent transfer of territory");
}

TEST_CASE("explosions and remote violence", "[extract][events]") {
    CHECK(event_of("A drone strike hit a wedding in Tin Hama.") == "Explosions/Remote violence/Air/drone strike");
    CHECK(event_of("The air force launched airstrikes against a militant hideout.") ==
          "Explosions/Remote violence/Air/drone strike");
    CHECK(event_of("A vehicle hit an IED near Gao.") == "Explosions/Remote violence/Remote explosive/landmine/IED");
    CHECK(event_of("A roadside bomb killed three soldiers.") ==
          "Explosions/Remote violence/Remote explosive/landmine/IED");
    CHECK(event_of("A landmine exploded under a bus.") == "Explosions/Remote violence/Remote explosive/landmine/IED");
    CHECK(event_of("A suicide bomber drove into the base.") == "Explosions/Remote violence/Suicide bomb");
    CHECK(event_of("Militants fired mortar rounds at the MINUSMA camp.") ==
          "Explosions/Remote violence/Shelling/artillery/missile attack");
    CHECK(event_of("Rockets struck the airport.") == "Explosions/Remote violence/Shelling/artillery/missile attack");
    CHECK(event_of("A grenade was thrown into a bar.") == "Explosions/Remote violence/Grenade");
}

TEST_CASE("violence against civilians", "[extract][events]") {
    CHECK(event_of("Gunmen kidnapped a village chief.") ==
          "Violence against civilians/Abduction/forced disappearance");
    CHECK(event_of("JNIM militants abducted three farmers.") ==
          "Violence against civilians/Abduction/forced disappearance");
    CHECK(event_of("Militants abducted and killed a farmer.") == "Violence against civilians/Attack");
    CHECK(event_of("A massacre took place in Solhan.") == "Violence against civilians/Attack");
    CHECK(event_of("Soldiers raped two women.") == "Violence against civilians/Sexual violence");
    CHECK(event_of("Des hommes armés ont enlevé un commerçant.") ==
          "Violence against civilians/Abduction/forced disappearance");
}

TEST_CASE("killings told as throats slit, beheadings, murders and bodies found", "[extract][events]") {
    for (const char* text : {"Gunmen slit the throats of three herders.", "Deux bergers ont été égorgés.",
                             "Des hommes armés ont décapité un berger.", "A teacher was found murdered.",
                             "Two traders were found dead near the market."}) {
        INFO(text);
        CHECK(event_of(text) == "Violence against civilians/Attack");
    }
}

TEST_CASE("people seized are abducted; goods seized are looted", "[extract][events]") {
    CHECK(event_of("Gunmen seized 14 people at a weekly market.") ==
          "Violence against civilians/Abduction/forced disappearance");
    CHECK(event_of("Gunmen seized two traders on the road.") ==
          "Violence against civilians/Abduction/forced disappearance");
    CHECK(event_of("Gunmen seized 60 cattle near the well.") == "Strategic developments/Looting/property destruction");
}

TEST_CASE("protests and riots", "[extract][events]") {
    CHECK(event_of("Hundreds of residents protested against high fuel prices.") == "Protests/Peaceful protest");
    CHECK(event_of("Gendarmes broke up the demonstration with tear gas.") == "Protests/Protest with intervention");
    CHECK(event_of("Security forces fired live rounds at protesters, killing two.") ==
          "Protests/Excessive force against protesters");
    CHECK(event_of("The demonstrators burned the police station.") == "Riots/Violent demonstration");
    CHECK(event_of("Rioters looted shops in the market.") == "Riots/Violent demonstration");
    CHECK(event_of("A mob lynched a suspected thief.") == "Riots/Mob violence");
}

TEST_CASE("strategic developments", "[extract][events]") {
    CHECK(event_of("Militants looted shops and seized livestock.") ==
          "Strategic developments/Looting/property destruction");
    CHECK(event_of("JNIM militants burned farmland near Nare.") ==
          "Strategic developments/Looting/property destruction");
    CHECK(event_of("Gendarmes arrested five suspects in Dori.") == "Strategic developments/Arrests");
    CHECK(event_of("A mixed unit discovered and destroyed an IED.") == "Strategic developments/Disrupted weapons use");
    CHECK(event_of("The parties signed a ceasefire agreement in Algiers.") == "Strategic developments/Agreement");
    CHECK(event_of("French forces withdrew from the base.") ==
          "Strategic developments/Non-violent transfer of territory");
    CHECK(event_of("JNIM established a base near the forest.") ==
          "Strategic developments/Headquarters or base established");
    CHECK(event_of("Militants ordered residents to leave the village.") == "Strategic developments/Other");
}

TEST_CASE("no trigger, no event", "[extract][events]") {
    CHECK(event_of("The minister met his counterpart in Niamey.") == "");
    CHECK(event_of("According to the report, the region is calm.") == "");
}

TEST_CASE("the deciding trigger and its span", "[extract][events]") {
    std::string s = "On Monday, a drone strike killed five people.";
    auto c = classify_event(s, dictionary().find(s));
    REQUIRE(c);
    CHECK(s.substr(c->trigger_begin, c->trigger_end - c->trigger_begin) == "drone strike");
    CHECK(c->strength > 0.9);
    auto triggers = find_event_triggers(s);
    REQUIRE(triggers.size() == 2);
    CHECK(triggers[1].generic_attack);
    CHECK(triggers[1].type.sub_event_type == "Armed clash");
}

TEST_CASE("off-duty and unarmed members of armed groups are civilians", "[extract][events]") {
    CHECK(event_of("Militants killed a VDP fighter who was off-duty on his farm.") == "Violence against civilians/Attack");
    CHECK(event_of("Militants killed two VDP fighters in an ambush.") == "Battles/Armed clash");
}

TEST_CASE("a killing of an unknown victim is violence against civilians", "[extract][events]") {
    CHECK(event_of("Unknown gunmen assassinated a local official in Gao.") ==
          "Violence against civilians/Attack");
    CHECK(event_of("Gunmen fired gunshots toward a gendarmerie brigade.") == "Battles/Armed clash");
}

TEST_CASE("demonstrators who fight or barricade make a riot", "[extract][events]") {
    CHECK(event_of("Residents demonstrated and put up barricades on the main road.") == "Riots/Violent demonstration");
    CHECK(event_of("Protesters clashed with rival groups.") == "Riots/Violent demonstration");
}

TEST_CASE("every trigger names one of ACLED's sub-event types", "[extract][events]") {
    for (const auto& entry : trigger_lexicon()) {
        INFO(entry.phrase);
        if (entry.sub_event_type.empty()) {  // a look-alike, matched to be skipped
            CHECK(entry.strength == 0);
            continue;
        }
        CHECK(incimap::acled::event_type_of(entry.sub_event_type).has_value());
        CHECK(entry.strength > 0);
        CHECK(entry.strength <= 1);
    }
}

TEST_CASE("an air strike with ground forces beside it is a battle", "[extract][events]") {
    CHECK(event_of("Airstrikes hit a militant camp while ground troops advanced on it.") == "Battles/Armed clash");
    CHECK(event_of("Airstrikes and air-landed commandos hit the militants.") == "Battles/Armed clash");
    CHECK(event_of("A drone strike hit a militant camp.") == "Explosions/Remote violence/Air/drone strike");
}

TEST_CASE("an IED that opens an ambush is a battle, an IED alone remote violence",
          "[extract][events]") {
    CHECK(event_of("Militants ambushed an army convoy with an IED and gunfire.") == "Battles/Armed clash");
    CHECK(event_of("A military truck hit an IED between two villages.") ==
          "Explosions/Remote violence/Remote explosive/landmine/IED");
}

TEST_CASE("vandalism by an armed group is property destruction, by demonstrators a riot",
          "[extract][events]") {
    CHECK(event_of("JNIM militants vandalized the town hall.") ==
          "Strategic developments/Looting/property destruction");
    CHECK(event_of("Angry youths vandalized the town hall.") == "Riots/Violent demonstration");
}

TEST_CASE("shots at a driver or into a bar target civilians", "[extract][events]") {
    CHECK(event_of("Gunmen fired gunshots at a bus driver on the road.") == "Violence against civilians/Attack");
    CHECK(event_of("Gunmen fired gunshots into a crowded bar.") == "Violence against civilians/Attack");
    CHECK(event_of("Gunmen fired gunshots at an army patrol on the road.") == "Battles/Armed clash");
}

TEST_CASE("a word that only looks like a trigger is none", "[extractor][events]") {
    CHECK(event_of("Militants closed the Protestant chapel of the town and ordered residents to leave.") ==
          "Strategic developments/Other");
}

TEST_CASE("the motive of an event is not the event", "[extractor][events]") {
    CHECK(event_of("Youths burned tyres on the main road in reaction to a trader's murder.") ==
          "Riots/Violent demonstration");
    CHECK(event_of("In retaliation for the ambush, soldiers arrested twelve suspects.") ==
          "Strategic developments/Arrests");
    SECTION("alone, it still says what the sentence is about") {
        CHECK(event_of("Officials spoke in reaction to the clashes.") == "Battles/Armed clash");
    }
}

TEST_CASE("a defusal acts on the explosive it names", "[extractor][events]") {
    CHECK(event_of("Engineers defused an IED on the road.") == "Strategic developments/Disrupted weapons use");
    CHECK(event_of("The landmine was destroyed by the army.") == "Strategic developments/Disrupted weapons use");
    CHECK(event_of("Militants planted explosives that destroyed a culvert on the road.") ==
          "Explosions/Remote violence/Remote explosive/landmine/IED");
}

TEST_CASE("demonstrators who storm or stone make a riot", "[extractor][events]") {
    CHECK(event_of("Angry demonstrators stormed the prefecture during the protest.") ==
          "Riots/Violent demonstration");
    CHECK(event_of("Police used tear gas on the marchers, who threw stones back.") ==
          "Riots/Violent demonstration");
    SECTION("force used on them is not theirs") {
        CHECK(event_of("Gendarmes fired live rounds at protesters, killing one.") ==
              "Protests/Excessive force against protesters");
    }
}

TEST_CASE("a fight among crowds is a riot, among communities a battle", "[extractor][events]") {
    CHECK(event_of("Rival merchants fought with sticks at the livestock market.") == "Riots/Mob violence");
    CHECK(event_of("Two families clashed over a plot of land.") == "Riots/Mob violence");
    CHECK(event_of("Youths clashed with the police near the stadium.") == "Riots/Violent demonstration");
    CHECK(event_of("Farmers and herders clashed over a field.") == "Battles/Armed clash");
    CHECK(event_of("Villagers from two hamlets clashed over a well.") == "Battles/Armed clash");
}

TEST_CASE("a riot named outright outranks a vague conflict word", "[extractor][events]") {
    CHECK(event_of("A dispute between two neighbourhoods turned into riots.") ==
          "Riots/Violent demonstration");
}

TEST_CASE("an attack that kills armed men is a battle", "[extractor][events]") {
    CHECK(event_of("Gunmen attacked the village and killed four volunteer fighters.") == "Battles/Armed clash");
    CHECK(event_of("Gunmen attacked the village and killed four herders.") ==
          "Violence against civilians/Attack");
}

TEST_CASE("wounding is an attack, firing on a target too", "[extractor][events]") {
    CHECK(event_of("Unknown gunmen wounded a shepherd near the well.") == "Violence against civilians/Attack");
    CHECK(event_of("Militants stopped two buses, firing gunshots at the passengers.") ==
          "Violence against civilians/Attack");
    SECTION("a stronger word still decides") {
        CHECK(event_of("Two soldiers were wounded when their truck struck a landmine.") ==
              "Explosions/Remote violence/Remote explosive/landmine/IED");
    }
}

TEST_CASE("a mutiny is a riot, a coup by mutineers a development", "[extractor][events]") {
    CHECK(event_of("A mutiny broke out at the garrison over unpaid wages.") == "Riots/Violent demonstration");
    CHECK(event_of("Mutinous soldiers announced that they had seized power.") == "Strategic developments/Other");
}

TEST_CASE("a demonstration told by its march or its street is a protest", "[extract][events]") {
    CHECK(event_of("Teachers took to the streets of the capital to demand their arrears.") ==
          "Protests/Peaceful protest");
    CHECK(event_of("Market women staged a march to the governor's office.") == "Protests/Peaceful protest");
    CHECK(event_of("Des centaines de jeunes sont descendus dans la rue pour dénoncer les délestages.") ==
          "Protests/Peaceful protest");
    // The month is no march.
    CHECK(event_of("On 4 March, officials inaugurated a new bridge.") == "");
}

TEST_CASE("a road blocked by residents is a violent demonstration, by armed men no demonstration",
          "[extract][events]") {
    // ACLED counts road-blocking among a violent demonstration's acts.
    CHECK(event_of("Angry residents blocked the national road for three hours over water cuts.") ==
          "Riots/Violent demonstration");
    CHECK(event_of("Traders protested violently outside the town hall.") == "Riots/Violent demonstration");
    CHECK(event_of("Jihadists blocked the road and burned two trucks.") != "Protests/Peaceful protest");
}

TEST_CASE("violence by a crowd is a riot, against the state a violent demonstration", "[extract][events]") {
    CHECK(event_of("Residents caught two suspected thieves and beat them to death.") == "Riots/Mob violence");
    CHECK(event_of("Angry youths attacked the police station after the arrest of a trader.") ==
          "Riots/Violent demonstration");
    // A community fights as a militia, an armed group is no crowd.
    CHECK(event_of("Villagers attacked a Fulani hamlet, killing three herders.") != "Riots/Mob violence");
    CHECK(event_of("Gunmen attacked residents of the village, killing two.") ==
          "Violence against civilians/Attack");
    // A crowd that suffers the violence is its target, not its author.
    CHECK(event_of("Residents were attacked by gunmen.") == "Violence against civilians/Attack");
    CHECK(event_of("Two students were killed by unknown gunmen.") == "Violence against civilians/Attack");
    CHECK(event_of("Traders robbed by armed men lost their goods.") != "Riots/Mob violence");
}

TEST_CASE("a riot named outright outranks an attack by no armed party", "[extract][events]") {
    CHECK(event_of("Pupils rioted, smashing windows and attacking two teachers.") == "Riots/Violent demonstration");
    CHECK(event_of("During the riots, gunmen attacked a checkpoint.") == "Battles/Armed clash");
}

TEST_CASE("detonations, robberies, floggings and states of emergency are events", "[extract][events]") {
    CHECK(event_of("Militants detonated a telecommunications mast overnight.") ==
          "Explosions/Remote violence/Remote explosive/landmine/IED");
    CHECK(event_of("Gunmen robbed travellers of their phones on the road.") ==
          "Strategic developments/Looting/property destruction");
    CHECK(event_of("Militants whipped two men for smoking.") == "Violence against civilians/Attack");
    CHECK(event_of("The cabinet proclaimed a state of emergency across two regions.") ==
          "Strategic developments/Change to group/activity");
}

TEST_CASE("ransackings, explosions, hangings, sit-ins and work stoppages are events", "[extract][events]") {
    CHECK(event_of("Gunmen ransacked the health centre.") == "Strategic developments/Looting/property destruction");
    CHECK(event_of("Militants exploded a culvert on the main road.") ==
          "Explosions/Remote violence/Remote explosive/landmine/IED");
    CHECK(event_of("Nurses held sit-ins at the regional hospital.") == "Protests/Peaceful protest");
    CHECK(event_of("Bank clerks began a 48-hour work stoppage.") == "Protests/Peaceful protest");
}

TEST_CASE("an aerial operation is an air strike, an air-ground one a battle", "[extract][events]") {
    CHECK(event_of("French jets carried out an aerial operation against a militant camp.") ==
          "Explosions/Remote violence/Air/drone strike");
    CHECK(event_of("Troops led air-ground operations against a militant camp.") == "Battles/Armed clash");
}
