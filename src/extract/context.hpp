// Is a sentence reporting an incident that happened, or talking about one?
// News text mixes reports with analysis, history, speculation, rumour,
// plans, threats and denials; an event word in "JNIM could attack Bamako"
// or "the anniversary of the massacre" is no incident. assess_context()
// marks those sentences so the extractor can lower its confidence (or drop
// the sentence) instead of coding a false incident.
//
// Cues (English and French, folded):
//   negated      not, never, n't, denied, deny, ne ... pas, jamais, dementi
//   speculative  could, may, might, would, possibly, rumour(s), unconfirmed,
//                speculation, alleged(ly), threatened to, feared, pourrait,
//                aurait, auraient, rumeur(s)
//   future       will, "is expected to", "plans to", "going to", upcoming,
//                "next week/month/year", va, vont, prochain(e)
//   historical   anniversary, commemorat*, "years ago", history,
//                historically, "in the past", anniversaire, commemor*; an
//                event told after "came … after" / "intervient … après"
//   analysis     analysts, analysis, underscore(s), highlight(s), trend,
//                strategy, experts, "raising concerns", observers
//   habitual     regularly, frequently, often, routinely, "no stranger to",
//                "become common", "on the rise", "has risen", régulièrement,
//                souvent, fréquemment, "devenu fréquent", "en hausse",
//                "se multiplient": what keeps happening, not one event
//
// The weight multiplies the extractor's confidence: 1 for a plain report,
// times 0.2 if negated, 0.4 if future, 0.5 if speculative, 0.5 if
// historical, 0.7 if analysis, 0.3 if habitual. "Reportedly" and "according to" are how
// reports are written and are not cues.
#pragma once

#include "extract/text.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace incimap::extract {

enum ContextFlag : unsigned {
    context_negated = 1u << 0,
    context_speculative = 1u << 1,
    context_future = 1u << 2,
    context_historical = 1u << 3,
    context_analysis = 1u << 4,
    context_habitual = 1u << 5,
};

struct ContextCue {
    ContextFlag flag;
    std::size_t begin = 0;  // byte span of the cue
    std::size_t end = 0;
};

struct ContextAssessment {
    unsigned flags = 0;   // ContextFlag bits
    double weight = 1.0;  // 0..1, see above
    std::vector<ContextCue> cues;

    bool has(ContextFlag flag) const { return (flags & flag) != 0; }
    bool plain_report() const { return flags == 0; }
};

// trigger_begin/trigger_end, when given, are the byte span of the event
// word in sentence (EventClassification::trigger_begin/_end): a negation
// word ("not", "never", "pas") then counts only within the five words
// before the trigger, so "the attacks left 70 dead; the president did not
// speak" stays a plain report. Denials ("denied") count anywhere.
ContextAssessment assess_context(std::string_view sentence, std::size_t trigger_begin = 0,
                                 std::size_t trigger_end = 0);
// The same on a sentence's words already split; offsets as Words documents.
ContextAssessment assess_context(const Words& sentence, std::size_t trigger_begin = 0,
                                 std::size_t trigger_end = 0);

} // namespace incimap::extract
