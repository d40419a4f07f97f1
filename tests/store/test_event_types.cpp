#include "core/error.hpp"
#include "store/event_types.hpp"

#include <catch2/catch.hpp>

using incimap::store::classify_event;
using incimap::store::CodedEvent;
using incimap::store::EventClass;

namespace {
std::pair<std::string, std::string> classified(CodedEvent row) {
    auto event = classify_event(row);
    return {event.event_type, event.sub_event_type};
}
using Pair = std::pair<std::string, std::string>;
} // namespace

TEST_CASE("Current ACLED event types keep their sub-event type, in canonical spelling",
          "[store][event_types]") {
    CHECK(classified({"Battles", "Armed clash"}) == Pair{"Battles", "Armed clash"});
    CHECK(classified({"explosions/remote violence", "air/drone strike"}) ==
          Pair{"Explosions/Remote violence", "Air/drone strike"});
    CHECK(classified({"Protests", ""}) == Pair{"Protests", ""});
    CHECK(classified({"", "Abduction/forced disappearance"}) ==
          Pair{"Violence against civilians", "Abduction/forced disappearance"});
}

TEST_CASE("Unknown or mismatched event types are refused with the value quoted",
          "[store][event_types]") {
    CHECK_THROWS_WITH(classify_event({"Skirmish", ""}), "unknown event_type 'Skirmish'");
    CHECK_THROWS_WITH(classify_event({"Battles", "Firefight"}),
                      "unknown sub_event_type 'Firefight'");
    CHECK_THROWS_WITH(classify_event({"Riots", "Armed clash"}),
                      "sub_event_type 'Armed clash' belongs to 'Battles', not to 'Riots'");
    CHECK_THROWS_AS(classify_event({"", ""}), incimap::InputError);
}

TEST_CASE("Event types of the pre-2020 ACLED schema map onto the current ones",
          "[store][event_types]") {
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
