#include "core/acled_codebook.hpp"

#include "core/error.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

namespace acled = incimap::acled;
using acled::CodedEvent;
using acled::EventClass;

namespace {
std::pair<std::string, std::string> classified(CodedEvent row) {
    auto event = acled::classify(row);
    return {event.event_type, event.sub_event_type};
}
using Pair = std::pair<std::string, std::string>;
} // namespace

TEST_CASE("The codebook's event types are ACLED's, spelt as ACLED spells them", "[core][acled]") {
    CHECK(acled::event_types().size() == 6);
    CHECK(acled::sub_event_types().size() == 25);
    std::set<std::string_view> types(acled::event_types().begin(), acled::event_types().end());
    for (const auto& s : acled::sub_event_types())
        CHECK(types.count(s.event_type) == 1);
    CHECK(acled::event_type_of("Air/drone strike") == "Explosions/Remote violence");
    CHECK(acled::event_type_of("Shelling/artillery/missile attack") == "Explosions/Remote violence");
    CHECK(acled::event_type_of("Excessive force against protesters") == "Protests");
    CHECK(acled::event_type_of("Headquarters or base established") == "Strategic developments");
    CHECK(acled::event_type_of("Non-violent transfer of territory") == "Strategic developments");
    CHECK_FALSE(acled::event_type_of("Riot").has_value());
    CHECK(acled::sub_event_type("Grenade").event_type == acled::explosions);
    CHECK_THROWS_AS(acled::sub_event_type("Skirmish"), std::out_of_range);
    SECTION("matched without regard to case where rows and options name them") {
        CHECK(acled::canonical_event_type(" battles ") == acled::battles);
        CHECK(acled::canonical_sub_event_type("MOB VIOLENCE")->event_type == acled::riots);
        CHECK_FALSE(acled::canonical_event_type("Battle").has_value());
    }
}

TEST_CASE("The inter codes are ACLED's actor categories", "[core][acled]") {
    CHECK(acled::category_names().size() == 8);
    CHECK(acled::category_name(acled::ActorCategory::state_forces) == "state forces");
    CHECK(acled::category_name(acled::ActorCategory::external_forces) == "external/other forces");
    CHECK(acled::parse_category("civilians") == acled::ActorCategory::civilians);
    CHECK(acled::inter_code(acled::ActorCategory::civilians) == 7);
    CHECK_FALSE(acled::parse_category("soldiers").has_value());
}

TEST_CASE("Codes that follow from others: interaction and disorder type", "[core][acled]") {
    CHECK(acled::interaction(1, 7) == 17);
    CHECK(acled::interaction(7, 1) == 17);
    CHECK(acled::interaction(3, 0) == 30);
    CHECK(acled::interaction(0, 2) == 0);
    CHECK(acled::disorder_type("Battles", "Armed clash") == "Political violence");
    CHECK(acled::disorder_type("Riots", "Mob violence") == "Political violence; Demonstrations");
    CHECK(acled::disorder_type("Protests", "Excessive force against protesters") ==
          "Political violence; Demonstrations");
    CHECK(acled::disorder_type("Protests", "Peaceful protest") == "Demonstrations");
    CHECK(acled::disorder_type("Strategic developments", "Arrests") == "Strategic developments");
    CHECK(acled::disorder_type("Ambush", "").empty());
    CHECK(acled::is_political_violence("Violence against civilians"));
    CHECK_FALSE(acled::is_political_violence("Riots"));
}

TEST_CASE("Current ACLED event types keep their sub-event type, in canonical spelling",
          "[core][acled]") {
    CHECK(classified({"Battles", "Armed clash"}) == Pair{"Battles", "Armed clash"});
    CHECK(classified({"explosions/remote violence", "air/drone strike"}) ==
          Pair{"Explosions/Remote violence", "Air/drone strike"});
    CHECK(classified({"Protests", ""}) == Pair{"Protests", ""});
    CHECK(classified({"", "Abduction/forced disappearance"}) ==
          Pair{"Violence against civilians", "Abduction/forced disappearance"});
}

TEST_CASE("Unknown or mismatched event types are refused with the value quoted",
          "[core][acled]") {
    CHECK_THROWS_WITH(acled::classify({"Skirmish", ""}), "unknown event_type 'Skirmish'");
    CHECK_THROWS_WITH(acled::classify({"Battles", "Firefight"}),
                      "unknown sub_event_type 'Firefight'");
    CHECK_THROWS_WITH(acled::classify({"Riots", "Armed clash"}),
                      "sub_event_type 'Armed clash' belongs to 'Battles', not to 'Riots'");
    CHECK_THROWS_AS(acled::classify({"", ""}), incimap::InputError);
}

TEST_CASE("Event types of the pre-2020 ACLED schema map onto the current ones",
          "[core][acled]") {
    CHECK(classified({"Battle-No change of territory", ""}) == Pair{"Battles", "Armed clash"});
    CHECK(classified({"Battle-Government regains territory", ""}) ==
          Pair{"Battles", "Government regains territory"});
    CHECK(classified({"Battle-Non-state actor overtakes territory", ""}) ==
          Pair{"Battles", "Non-state actor overtakes territory"});
    CHECK(classified({"Remote violence", ""}) == Pair{"Explosions/Remote violence", ""});
    CHECK(classified({"Violence against civilians", ""}) == Pair{"Violence against civilians", ""});
    CHECK(classified({"Strategic development", ""}) == Pair{"Strategic developments", ""});
    CHECK(classified({"Headquarters or base established", ""}) ==
          Pair{"Strategic developments", "Headquarters or base established"});
    CHECK(classified({"Non-violent transfer of territory", ""}) ==
          Pair{"Strategic developments", "Non-violent transfer of territory"});

    SECTION("Riots/Protests splits by who acted and who faced them") {
        CodedEvent protest{"Riots/Protests", "", "Protesters (Mali)", 6, 0, 0};
        CHECK(classified(protest) == Pair{"Protests", "Peaceful protest"});
        protest.inter2 = 1;
        CHECK(classified(protest) == Pair{"Protests", "Protest with intervention"});
        protest.fatalities = 2;
        CHECK(classified(protest) == Pair{"Protests", "Excessive force against protesters"});

        CodedEvent riot{"Riots/Protests", "", "Rioters (Burkina Faso)", 5, 1, 0};
        CHECK(classified(riot) == Pair{"Riots", "Violent demonstration"});
        riot.inter2 = 5;
        CHECK(classified(riot) == Pair{"Riots", "Mob violence"});

        CodedEvent unclear{"Riots/Protests", "", "Students (Niger)", 0, 0, 0};
        CHECK(classified(unclear) == Pair{"Protests", ""});
    }
}
