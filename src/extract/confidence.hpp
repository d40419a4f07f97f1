// How sure the reader is that an incident it coded happened as coded: a
// number in 0..1 that `incimap extract --min-confidence` filters on and the
// accuracy benchmark ranks by.
//
//   confidence = context × (0.15 + 0.35 × event + 0.30 × place + 0.20 × date)
//
//   event    strength of the trigger that decided the event type (0..1,
//            event_types.hpp): "clashed" 0.85, a bare "killed" 0.45;
//   place    quality of the place resolution (place_resolver.hpp): 0.5, plus
//            0.25 for a strong cue ("in", "near", "the village of") or 0.15
//            for a weak one, 0.2 when a hint confirms it, 0.1 for a clear
//            margin over other places of the name, minus 0.15 for a fuzzy
//            match; times 0.7 when the place comes from the title only;
//   date     1 when the sentence states the date, 0.8 when an earlier
//            sentence of the paragraph does, 0.5 for the publication date;
//            times 0.8 for a whole year or part of one;
//   context  the weight of the sentence's non-incident cues (context.hpp):
//            1 for a plain report, 0.2 negated, 0.4 future, 0.5
//            speculative or historical, 0.7 analysis; multiplied.
//
// A plain report of a clash in a named town on a stated day scores about
// 0.9; the same words in a sentence about plans ("JNIM will attack") stay
// under 0.4, below the default --min-confidence of 0.4.
#pragma once

namespace incimap::extract {

inline constexpr double default_min_confidence = 0.4;

// Where the date of an incident came from.
enum class DateSource { sentence, paragraph, publication };

struct ConfidenceInputs {
    double event_strength = 0;  // 0..1
    double place_quality = 0;   // 0..1
    DateSource date_source = DateSource::publication;
    bool date_is_year = false;  // "in 2023", "late 2023"
    double context_weight = 1;  // 0..1
};

double incident_confidence(const ConfidenceInputs& inputs);

} // namespace incimap::extract
