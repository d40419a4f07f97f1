#include "core/acled_codebook.hpp"

#include "core/ascii.hpp"
#include "core/error.hpp"

#include <fmt/format.h>

#include <array>
#include <stdexcept>

namespace incimap::acled {
namespace {

constexpr std::string_view vac = violence_against_civilians;
constexpr std::string_view strategic = strategic_developments;

constexpr std::array<std::string_view, 6> event_type_list = {battles, explosions, vac, protests, riots, strategic};

constexpr std::array<SubEventType, 25> sub_event_type_list = {{
    {battles, "Armed clash"},
    {battles, "Government regains territory"},
    {battles, "Non-state actor overtakes territory"},
    {explosions, "Chemical weapon"},
    {explosions, "Air/drone strike"},
    {explosions, "Suicide bomb"},
    {explosions, "Shelling/artillery/missile attack"},
    {explosions, "Remote explosive/landmine/IED"},
    {explosions, "Grenade"},
    {vac, "Sexual violence"},
    {vac, "Attack"},
    {vac, "Abduction/forced disappearance"},
    {protests, "Peaceful protest"},
    {protests, "Protest with intervention"},
    {protests, "Excessive force against protesters"},
    {riots, "Violent demonstration"},
    {riots, "Mob violence"},
    {strategic, "Agreement"},
    {strategic, "Arrests"},
    {strategic, "Change to group/activity"},
    {strategic, "Disrupted weapons use"},
    {strategic, "Headquarters or base established"},
    {strategic, "Looting/property destruction"},
    {strategic, "Non-violent transfer of territory"},
    {strategic, "Other"},
}};

constexpr std::array<std::string_view, 8> category_name_list = {
    "state forces", "rebels",     "political militias", "identity militias",
    "rioters",      "protesters", "civilians",          "external/other forces"};

// Event types of the schema before 2019 that stand for one current event
// type and sub-event type (empty: the old code does not say which).
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

// The old "Riots/Protests" split by who the actors are: protesters make a
// protest, rioters a riot.
EventClass split_riots_protests(const CodedEvent& row) {
    const int state_forces = inter_code(ActorCategory::state_forces);
    const bool by_rioters = row.inter1 == inter_code(ActorCategory::rioters) || starts_with_word(row.actor1, "Rioters");
    const bool by_protesters =
        row.inter1 == inter_code(ActorCategory::protesters) || starts_with_word(row.actor1, "Protesters");
    if (by_rioters) {
        const bool against_state_or_nobody = row.inter2 == state_forces || row.inter2 == 0;
        return {std::string(riots), against_state_or_nobody ? "Violent demonstration" : "Mob violence"};
    }
    if (by_protesters) {
        if (row.inter2 == state_forces)
            return {std::string(protests),
                    row.fatalities > 0 ? "Excessive force against protesters" : "Protest with intervention"};
        return {std::string(protests), "Peaceful protest"};
    }
    return {std::string(protests), ""};
}

} // namespace

std::span<const std::string_view> event_types() { return event_type_list; }
std::span<const SubEventType> sub_event_types() { return sub_event_type_list; }

SubEventType sub_event_type(std::string_view name) {
    for (const auto& s : sub_event_type_list)
        if (s.sub_event_type == name)
            return s;
    throw std::out_of_range(fmt::format("'{}' is not an ACLED sub-event type", name));
}

std::optional<std::string_view> event_type_of(std::string_view sub_event_type) {
    for (const auto& s : sub_event_type_list)
        if (s.sub_event_type == sub_event_type)
            return s.event_type;
    return std::nullopt;
}

std::optional<std::string_view> canonical_event_type(std::string_view text) {
    text = trim(text);
    for (auto type : event_type_list)
        if (equal_ignoring_case(type, text))
            return type;
    return std::nullopt;
}

std::optional<EventClass> canonical_sub_event_type(std::string_view text) {
    text = trim(text);
    for (const auto& sub : sub_event_type_list)
        if (equal_ignoring_case(sub.sub_event_type, text))
            return EventClass{std::string(sub.event_type), std::string(sub.sub_event_type)};
    return std::nullopt;
}

std::span<const std::string_view> category_names() { return category_name_list; }

std::string_view category_name(ActorCategory category) {
    return category_name_list.at(static_cast<std::size_t>(category) - 1);
}

std::optional<ActorCategory> parse_category(std::string_view name) {
    for (std::size_t i = 0; i < category_name_list.size(); ++i)
        if (category_name_list[i] == name)
            return static_cast<ActorCategory>(i + 1);
    return std::nullopt;
}

EventClass classify(const CodedEvent& row) {
    const auto type_text = trim(row.event_type);
    const auto sub_text = trim(row.sub_event_type);
    if (const auto type = canonical_event_type(type_text)) {
        if (sub_text.empty())
            return {std::string(*type), ""};
        auto sub = canonical_sub_event_type(sub_text);
        if (!sub)
            throw InputError(fmt::format("unknown sub_event_type '{}'", sub_text));
        if (sub->event_type != *type)
            throw InputError(fmt::format("sub_event_type '{}' belongs to '{}', not to '{}'", sub->sub_event_type,
                                         sub->event_type, *type));
        return *sub;
    }
    if (equal_ignoring_case(type_text, "Riots/Protests"))
        return split_riots_protests(row);
    for (const auto& old : old_event_types)
        if (equal_ignoring_case(old.name, type_text))
            return {std::string(old.event_type), std::string(old.sub_event_type)};
    if (type_text.empty()) {
        if (auto sub = canonical_sub_event_type(sub_text))
            return *sub;
        throw InputError("no event_type");
    }
    throw InputError(fmt::format("unknown event_type '{}'", type_text));
}

bool is_political_violence(std::string_view event_type) {
    return event_type == battles || event_type == explosions || event_type == vac;
}

int interaction(int inter1, int inter2) {
    if (inter1 == 0)
        return 0;
    if (inter2 == 0)
        return inter1 * 10;
    return inter1 <= inter2 ? inter1 * 10 + inter2 : inter2 * 10 + inter1;
}

std::string_view disorder_type(std::string_view event_type, std::string_view sub_event_type) {
    if (is_political_violence(event_type))
        return "Political violence";
    if (sub_event_type == "Excessive force against protesters" || sub_event_type == "Mob violence")
        return "Political violence; Demonstrations";
    if (event_type == protests || event_type == riots)
        return "Demonstrations";
    if (event_type == strategic)
        return "Strategic developments";
    return {};
}

} // namespace incimap::acled
