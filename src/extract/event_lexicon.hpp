// The trigger lexicon behind classify_event() (event_types.hpp): English and
// French words and phrases that say what kind of event a sentence reports.
// Internal to extract/.
#pragma once

#include <span>
#include <string_view>

namespace incimap::extract {

// What a trigger needs before it decides (see event_types.hpp).
enum TriggerRole : unsigned {
    plain = 0,
    generic_attack = 1u << 0,  // attack, kill, ambush: Battles or VAC by target
    territory = 1u << 1,       // seized control: regains/overtakes by actor
    defusal = 1u << 2,         // defused, dismantled: Disrupted weapons use with an IED
    intervention = 1u << 3,    // tear gas, dispersed: a protest met by force
    lethal_force = 1u << 4,    // shot, live rounds: excessive force at a protest
    property = 1u << 5,        // burned, looted: riots when demonstrators do it
    peaceful_transfer = 1u << 6,  // without a fight, withdrew: non-violent transfer
    protest = 1u << 7,         // a demonstration of any kind
    lethal = 1u << 8,          // killed, shot: a killing, which outranks abduction
    resistance = 1u << 9,      // repelled, routed: armed men fought back
    blockade = 1u << 10,       // blocked the road: a protest unless armed men did it
};

struct TriggerEntry {
    // Words as written, matched on whole tokens after folding; a token
    // ending in * matches any word it begins ("clash*": clashes, clashed).
    // Hyphens in the text between words are skipped.
    std::string_view phrase;
    // An ACLED sub-event type; empty for a word that only looks like a
    // trigger ("Protestant" beside "protest*"): matched so as to be skipped.
    std::string_view sub_event_type;
    double strength;
    unsigned roles;
};

std::span<const TriggerEntry> trigger_lexicon();

} // namespace incimap::extract
