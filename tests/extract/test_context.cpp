#include "extract/context.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace incimap::extract;

TEST_CASE("a plain report of a past event has full weight", "[extract][context]") {
    auto c = assess_context("On Tuesday, JNIM militants reportedly attacked a gendarmerie post in Kati.");
    CHECK(c.plain_report());
    CHECK(c.weight == Approx(1.0));
    CHECK(assess_context("According to local sources, in May 2020 two soldiers were killed.").plain_report());
}

TEST_CASE("negations and denials", "[extract][context]") {
    CHECK(assess_context("The army denied that civilians were killed.").has(context_negated));
    CHECK(assess_context("The rebels did not attack the town.").has(context_negated));
    CHECK(assess_context("The rebels didn’t attack the town.").has(context_negated));
    CHECK(assess_context("Les FAMa n'ont pas attaqué le village.").has(context_negated));
    CHECK(assess_context("The army denied it.").weight == Approx(0.2));
}

TEST_CASE("speculation, rumours and threats", "[extract][context]") {
    CHECK(assess_context("JNIM could attack Bamako again.").has(context_speculative));
    CHECK(assess_context("Rumours of a massacre spread on social media.").has(context_speculative));
    CHECK(assess_context("The group threatened to attack the convoy.").has(context_speculative));
    CHECK(assess_context("Des jihadistes auraient tué dix civils.").has(context_speculative));
}

TEST_CASE("the future", "[extract][context]") {
    CHECK(assess_context("The rebels will attack the town.").has(context_future));
    CHECK(assess_context("Fighting will likely spread to the south over the coming weeks.").has(context_future));
    CHECK_FALSE(assess_context("On 9 May, gunmen attacked the town.").has(context_future));
    CHECK_FALSE(assess_context("He bent to the will of the junta.").has(context_future));
}

TEST_CASE("history and anniversaries", "[extract][context]") {
    CHECK(assess_context("The attack coincided with the anniversary of the National Gendarmerie.").has(context_historical));
    CHECK(assess_context("The town was sacked twenty years ago.").has(context_historical));
}

TEST_CASE("an event a report says another came after is an earlier one", "[extract][context]") {
    const std::string en = "The raid came a week after gunmen attacked the police post, killing four officers.";
    const auto attacked = en.find("attacked");
    CHECK(assess_context(en, attacked, attacked + 8).has(context_historical));
    const std::string fr = "Ce raid intervient deux jours après l'attaque du poste de police.";
    const auto attaque = fr.find("attaque");
    CHECK(assess_context(fr, attaque, attaque + 7).has(context_historical));
    // The event the sentence opens with is the one it reports.
    const auto raid = en.find("raid");
    CHECK_FALSE(assess_context(en, raid, raid + 4).has(context_historical));
}

TEST_CASE("analysis", "[extract][context]") {
    auto c = assess_context("These attacks underscore the group's ability to strike the capital.");
    CHECK(c.has(context_analysis));
    CHECK(c.weight == Approx(0.7));
}

TEST_CASE("what keeps happening is no single event", "[extract][context]") {
    CHECK(assess_context("The road to the mine is regularly the target of ambushes.").has(context_habitual));
    CHECK(assess_context("Kidnappings for ransom have become common in the area.").has(context_habitual));
    CHECK(assess_context("The market town is no stranger to raids by gunmen.").has(context_habitual));
    CHECK(assess_context("L'axe est régulièrement la cible d'attaques.").has(context_habitual));
    CHECK(assess_context("Les enlèvements se multiplient dans la région.").has(context_habitual));
    CHECK(assess_context("Ce type de tirs est devenu fréquent depuis un an.").weight == Approx(0.3));
    // A period that makes the sentence a tally or a trend, wherever it stands.
    CHECK(assess_context("More than 150 people were abducted in the region since the start of the year.", 26, 34)
              .has(context_habitual));
    CHECK(assess_context("Plus de 150 personnes ont été enlevées dans la région depuis le début de l'année.", 32, 41)
              .has(context_habitual));
    CHECK(assess_context("L'armée a annoncé ces derniers mois plusieurs opérations dans la zone.").has(context_habitual));
    // A one-off event in a sentence that says what usually happens elsewhere.
    CHECK_FALSE(assess_context("On 3 May, gunmen attacked the market of Tessit, where traders often sell cattle.",
                               17, 25)
                    .has(context_habitual));
}

TEST_CASE("several cues multiply and carry their spans", "[extract][context]") {
    std::string s = "Analysts say the rebels could attack next month.";
    auto c = assess_context(s);
    CHECK(c.has(context_analysis));
    CHECK(c.has(context_speculative));
    CHECK(c.has(context_future));
    CHECK(c.weight == Approx(0.7 * 0.5 * 0.4));
    REQUIRE_FALSE(c.cues.empty());
    CHECK(s.substr(c.cues[0].begin, c.cues[0].end - c.cues[0].begin) == "Analysts");
}

TEST_CASE("a negation counts only near the event word when that is known", "[extract][context]") {
    std::string s = "The attacks left over 70 dead, yet the president did not address the nation.";
    auto trigger = s.find("attacks");
    CHECK(assess_context(s).has(context_negated));
    CHECK_FALSE(assess_context(s, trigger, trigger + 7).has(context_negated));
    std::string t = "The rebels did not attack the town.";
    auto at = t.find("attack");
    CHECK(assess_context(t, at, at + 6).has(context_negated));
    std::string d = "The army denied that soldiers attacked the village.";
    auto da = d.find("attacked");
    CHECK(assess_context(d, da, da + 8).has(context_negated));
}

TEST_CASE("a modal or a time word counts where it speaks of the event's word", "[extract][context]") {
    const std::string law = "Teachers marched against a law that would cut their pay.";
    const auto marched = law.find("marched");
    CHECK(assess_context(law).has(context_speculative));
    CHECK_FALSE(assess_context(law, marched, marched + 7).has(context_speculative));
    const std::string threat = "The group could attack the town again.";
    const auto attack = threat.find("attack");
    CHECK(assess_context(threat, attack, attack + 6).has(context_speculative));
    const std::string old = "The town was sacked years ago.";
    const auto sacked = old.find("sacked");
    CHECK(assess_context(old, sacked, sacked + 6).has(context_historical));
}
