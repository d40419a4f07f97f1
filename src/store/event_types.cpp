#include "store/event_types.hpp"

#include "core/error.hpp"
#include "extract/event_types.hpp"
#include "core/ascii.hpp"

#include <fmt/format.h>

#include <array>

namespace incimap::store {
namespace {

constexpr std::string_view battles = "Battles";
constexpr std::string_view explosions = "Explosions/Remote violence";
constexpr std::string_view protests = "Protests";
constexpr std::string_view riots = "Riots";
constexpr std::string_view strategic = "Strategic developments";

// Event types of the ACLED schema before 2019 that map to one current
// event type and sub-event type (empty: the old code does not say which).
struct OldEventType {
    std::string_view name;
    std::string_view event_type;
    std::string_view sub_event_type;
};

constexpr std::array<OldEventType, 7> old_event_types = {{
    {"Battle-No change of territory", battles, "Armed clash"},
    {"Battle-Government regains territory", battles, "Government regains territory"},
    {"Battle-Non-state actor overtakes territory", battles, "Non-state actor overtakes territory"},
    {"Remote violence", explosions, ""},
    {"Strategic development", strategic, ""},
    {"Headquarters or base established", strategic, "Headquarters or base established"},
    {"Non-violent transfer of territory", strategic, "Non-violent transfer of territory"},
}};

bool starts_with_word(std::string_view actor, std::string_view word) {
    return actor.size() >= word.size() && equal_ignoring_case(actor.substr(0, word.size()), word);
}

// ACLED's old "Riots/Protests" split by who the actors are: protesters
// (inter 6) make a protest, rioters (inter 5) a riot.
EventClass split_riots_protests(const CodedEvent& row) {
    constexpr int state_forces = 1, rioters = 5, protesters = 6;
    bool by_rioters = row.inter1 == rioters || starts_with_word(row.actor1, "Rioters");
    bool by_protesters = row.inter1 == protesters || starts_with_word(row.actor1, "Protesters");
    if (by_rioters) {
        bool against_state_or_nobody = row.inter2 == state_forces || row.inter2 == 0;
        return {std::string(riots),
                against_state_or_nobody ? "Violent demonstration" : "Mob violence"};
    }
    if (by_protesters) {
        if (row.inter2 == state_forces)
            return {std::string(protests), row.fatalities > 0
                                               ? "Excessive force against protesters"
                                               : "Protest with intervention"};
        return {std::string(protests), "Peaceful protest"};
    }
    return {std::string(protests), ""};
}

} // namespace

// ACLED's taxonomy itself is the reader's (extract/event_types.hpp).
std::optional<std::string_view> canonical_event_type(std::string_view text) {
    text = trim(text);
    for (auto type : extract::acled_event_types())
        if (equal_ignoring_case(type, text))
            return type;
    return std::nullopt;
}

std::optional<EventClass> canonical_sub_event_type(std::string_view text) {
    text = trim(text);
    for (const auto& sub : extract::acled_sub_event_types())
        if (equal_ignoring_case(sub.sub_event_type, text))
            return EventClass{std::string(sub.event_type), std::string(sub.sub_event_type)};
    return std::nullopt;
}

EventClass classify_event(const CodedEvent& row) {
    auto type_text = trim(row.event_type);
    auto sub_text = trim(row.sub_event_type);
    if (auto type = canonical_event_type(type_text)) {
        if (sub_text.empty())
            return {std::string(*type), ""};
        auto sub = canonical_sub_event_type(sub_text);
        if (!sub)
            throw InputError(fmt::format("unknown sub_event_type '{}'", sub_text));
        if (sub->event_type != *type)
            throw InputError(fmt::format("sub_event_type '{}' belongs to '{}', not to '{}'",
                                         sub->sub_event_type, sub->event_type, *type));
        return *sub;
    }
    if (equal_ignoring_case(type_text, "Riots/Protests"))
        return split_riots_protests(row);
    for (const auto& old : old_event_types)
        if (equal_ignoring_case(old.name, type_text))
            return {std::string(old.event_type), std::string(old.sub_event_type)};
    if (type_text.empty()) {
        // A row may name only the sub-event type; it implies the type.
        if (auto sub = canonical_sub_event_type(sub_text))
            return *sub;
        throw InputError("no event_type");
    }
    throw InputError(fmt::format("unknown event_type '{}'", type_text));
}

} // namespace incimap::store
