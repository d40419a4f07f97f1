// ACLED's event types and sub-event types (the codebook since 2019), and
// the mapping of the event types of the older ACLED schema (before
// sub_event_type existed) onto them. The importer validates every row
// against this table.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace incimap::store {

struct EventClass {
    std::string event_type;
    std::string sub_event_type;  // empty when the row does not say
};

// The canonical spelling of one of the six event types, matched without
// regard to case; nothing when TEXT is not one.
std::optional<std::string_view> canonical_event_type(std::string_view text);

// The canonical spelling of one of the 25 sub-event types together with the
// event type it belongs to; nothing when TEXT is not one.
std::optional<EventClass> canonical_sub_event_type(std::string_view text);

// What a row of an ACLED table says about its event, in the ACLED columns
// the mapping needs. inter codes are ACLED's actor categories (1 state
// forces … 5 rioters, 6 protesters, 7 civilians, 8 external), 0 when absent.
struct CodedEvent {
    std::string_view event_type;
    std::string_view sub_event_type;
    std::string_view actor1{};  // {}: codes without an actor may leave it out
    int inter1 = 0;
    int inter2 = 0;
    int fatalities = 0;
};

// Validates and normalises the event type of a row, current schema or old:
// current types keep their sub-type (which must belong to the type), old
// types ("Battle-No change of territory", "Riots/Protests", "Remote
// violence", …) are mapped as docs/store.md's table ("import") says. Throws InputError
// (without position; the caller adds it) naming the unknown value.
EventClass classify_event(const CodedEvent& row);

} // namespace incimap::store
