// ACLED's codebook, once for the whole program: the 6 event types and 25
// sub-event types spelt exactly as ACLED spells them, the event types of
// ACLED's schema before 2019 (before sub_event_type existed) and what they
// stand for today, the actor categories behind the inter codes, and the
// codes that follow from others (interaction, disorder_type). The reader
// (extract/) codes what it reads into it, the importer and the filters
// (store/) check rows and options against it, and core/incident_fields
// completes an incident's codes with it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace incimap::acled {

// The event types, spelt as ACLED spells them.
inline constexpr std::string_view battles = "Battles";
inline constexpr std::string_view explosions = "Explosions/Remote violence";
inline constexpr std::string_view violence_against_civilians = "Violence against civilians";
inline constexpr std::string_view protests = "Protests";
inline constexpr std::string_view riots = "Riots";
inline constexpr std::string_view strategic_developments = "Strategic developments";

struct SubEventType {
    std::string_view event_type;      // "Battles"
    std::string_view sub_event_type;  // "Armed clash"
};

// The 6 event types, in ACLED's order.
std::span<const std::string_view> event_types();
// The 25 sub-event types with their event type, in ACLED's order.
std::span<const SubEventType> sub_event_types();
// The sub-event type spelt exactly NAME. Precondition: NAME is one of the
// 25 (a misspelling is a programming error: std::out_of_range).
SubEventType sub_event_type(std::string_view name);
// The event type of a sub-event type spelt exactly as ACLED spells it, or
// nothing if it is not one.
std::optional<std::string_view> event_type_of(std::string_view sub_event_type);

// The canonical spelling of one of the event types, matched without regard
// to case or surrounding blanks; nothing when TEXT is not one.
std::optional<std::string_view> canonical_event_type(std::string_view text);

struct EventClass {
    std::string event_type;
    std::string sub_event_type;  // empty when the row does not say
};

// The canonical spelling of one of the sub-event types together with the
// event type it belongs to, matched as canonical_event_type() matches;
// nothing when TEXT is not one.
std::optional<EventClass> canonical_sub_event_type(std::string_view text);

// ACLED's actor categories: the inter codes 1-8 (0 where there is no actor).
enum class ActorCategory : int {
    state_forces = 1,
    rebels = 2,
    political_militias = 3,
    identity_militias = 4,
    rioters = 5,
    protesters = 6,
    civilians = 7,
    external_forces = 8,
};

// "state forces", "rebels", …, "external/other forces", in the order of the codes.
std::span<const std::string_view> category_names();
std::string_view category_name(ActorCategory category);
std::optional<ActorCategory> parse_category(std::string_view name);
constexpr int inter_code(ActorCategory category) { return static_cast<int>(category); }

// What a row of an ACLED table says about its event, in the columns the
// mapping of the old schema needs; inter codes as above, 0 when absent.
struct CodedEvent {
    std::string_view event_type;
    std::string_view sub_event_type;
    std::string_view actor1{};  // {}: codes without an actor may leave it out
    int inter1 = 0;
    int inter2 = 0;
    int fatalities = 0;
};

// The current event type and sub-event type of a row, current schema or
// old: a current type keeps its sub-type (which must belong to it); an old
// type ("Battle-No change of territory", "Riots/Protests", "Remote
// violence", …) is mapped as docs/store.md's table ("import") says; a row
// naming only a sub-event type gets its type. Throws InputError (without
// position; the caller adds it) naming the unknown value.
EventClass classify(const CodedEvent& row);

// Battles, Explosions/Remote violence, Violence against civilians.
bool is_political_violence(std::string_view event_type);

// ACLED's interaction code of two inter codes (the smaller first, times
// ten; inter1 * 10 alone without a second actor); 0 without inter1.
int interaction(int inter1, int inter2);

// ACLED's disorder_type of an event ("Political violence", "Demonstrations",
// "Political violence; Demonstrations", "Strategic developments"); empty
// for an event type that is not ACLED's.
std::string_view disorder_type(std::string_view event_type, std::string_view sub_event_type);

} // namespace incimap::acled
