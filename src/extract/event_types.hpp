// ACLED's event taxonomy and the classification of a sentence into it.
//
// The taxonomy is ACLED's 6 event types and 25 sub-event types of the
// codebook (core/acled_codebook.hpp). A trigger lexicon (English and French,
// event_lexicon.cpp) finds the words that say what happened — "clashed",
// "ambush", "drone strike", "IED", "kidnapped", "massacre", "seized
// control", "protest", "looted", "arrested" — each with the sub-event type
// it points to and a strength (0..1: how surely the word alone says it).
//
// classify_event() picks the sentence's event, combining triggers and
// actors the way ACLED does:
//  * Violence outranks riots, riots outrank protests, protests outrank
//    strategic developments; among equals the strongest trigger wins.
//  * A generic attack ("attacked", "killed", "ambushed", "raid") on
//    civilians — the first actor after the trigger, or the only one
//    mentioned — is Violence against civilians/Attack; on armed actors
//    (state forces, rebels, militias, foreign forces) it is Battles/Armed
//    clash.
//  * Taking a place ("seized control of", "captured the town") is
//    Government regains territory when the first actor is state forces or
//    a foreign force fighting beside them, else Non-state actor overtakes
//    territory; said to happen without a fight, it is Non-violent transfer
//    of territory.
//  * A protest met by force ("tear gas", "dispersed") is Protest with
//    intervention; one where protesters are killed or shot is Excessive
//    force against protesters; demonstrators who burn or loot make a
//    Violent demonstration.
//  * "Discovered"/"defused"/"destroyed" an IED is Disrupted weapons use,
//    not an explosion.
#pragma once

#include "core/acled_codebook.hpp"
#include "extract/actors.hpp"
#include "extract/text.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace incimap::extract {

using acled::SubEventType;

// A trigger word or phrase found in a text.
struct EventTrigger {
    SubEventType type;
    double strength = 0;   // 0..1
    std::size_t begin = 0;  // byte span of the trigger in the text
    std::size_t end = 0;
    bool generic_attack = false;  // "attacked", "killed": needs the target
    bool territory = false;       // "seized control": needs the actor
    bool resistance = false;      // "repelled", "routed": armed men fought back
};

// Every trigger of text, in order. Linear in the text. The Words form reads
// words already split (offsets as Words documents).
std::vector<EventTrigger> find_event_triggers(std::string_view text);
std::vector<EventTrigger> find_event_triggers(const Words& words);

struct EventClassification {
    SubEventType type;
    double strength = 0;  // of the deciding trigger, 0..1
    std::size_t trigger_begin = 0;  // byte span of the deciding trigger
    std::size_t trigger_end = 0;
    // Decided by a generic attack word ("attacked", "raided") whose target
    // the sentence leaves unknown: a battle only if an armed side stands
    // against the attacker.
    bool unknown_target = false;
};

// The ACLED event of a sentence (or clause). actors are the mentions found
// in the same text (ActorDictionary::find on it), in order. Nothing when no
// trigger is present.
std::optional<EventClassification> classify_event(std::string_view sentence,
                                                  const std::vector<ActorMention>& actors);
// The same on a sentence's words; actors' offsets as the words report them.
std::optional<EventClassification> classify_event(const Words& sentence, const std::vector<ActorMention>& actors);

// A sentence's event (classify_event) and every trigger of it
// (find_event_triggers), its trigger words matched once for both.
struct SentenceEvents {
    std::optional<EventClassification> event;
    std::vector<EventTrigger> triggers;
};
SentenceEvents read_events(const Words& sentence, const std::vector<ActorMention>& actors);

} // namespace incimap::extract
