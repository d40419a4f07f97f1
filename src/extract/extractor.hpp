// The reader: a document in, geolocated, dated, typed incidents out, coded
// after ACLED's conventions (core/incident.hpp).
//
// A sentence reports an incident when a trigger says what happened
// (classify_event) and it names where (place_mentions + place_resolver,
// the whole document resolved together). It gives one incident per place:
// "attacks on Djibo and Arbinda" two, "the school and the airport in
// Bamako" one. Of the places of a sentence, those with a strong cue ("in",
// "at", "near", "the village of") win over those with a weak one ("from",
// "to") or none; regions named beside a town only hint at where the town
// is; references ("Kolo, near Diffa") are never incident places.
//
// Incidents are one per place and day: a later sentence naming the same
// place on the same day adds its evidence to the incident. A sentence with
// an event or a death figure but no place of its own ("More than 70 people
// were killed.") adds to the incidents of the sentence before it; one that
// comes before any incident is coded at the place of the title, if any.
//
// Fields:
//  * event_date: the date expression of the sentence nearest its trigger,
//    else the last one in the earlier sentences of the paragraph, else the
//    publication date; time_precision as dates.hpp codes it (1 for the
//    publication date).
//  * event_type, sub_event_type: the deciding trigger of the sentence that
//    created the incident.
//  * actor1: the first named actor before the trigger (or after "by" in a
//    passive sentence), actor2 the first after it, assoc_actors the other
//    named actors on actor1's side; names coded with the incident's country
//    and date. A violent event with no perpetrator named is coded
//    "Unidentified Armed Group (country)".
//  * fatalities: count_fatalities over the incident's sentences (ACLED's
//    most conservative figure); a sentence shared by several incidents
//    gives its deaths to the first of them only, so totals are not
//    counted twice.
//  * notes: the evidence sentences with their byte offsets in the text.
//  * confidence: confidence.hpp.
#pragma once

#include "core/incident.hpp"
#include "extract/actors.hpp"
#include "extract/place_resolver.hpp"
#include "gazetteer/gazetteer.hpp"
#include "sources/document.hpp"

#include <map>
#include <string>
#include <vector>

namespace incimap::extract {

// What a reading left out, for `incimap extract -v` and the benchmarks.
struct ExtractTrace {
    // Sentences that report an event but could not be placed anywhere, not
    // even in a country: "sentence 3: no place for 'Gunmen attacked a
    // convoy.'"
    std::vector<std::string> unplaced;
    // Filled only when keep_ranking is set: how the place ranker weighed
    // every name with two or more candidates (bench/eval_extract --features).
    bool keep_ranking = false;
    std::vector<RankedGroup> ranking;
};

// What the reports read so far in one run (a batch, a folder, an ingest)
// say about where they are: the countries of the incidents they placed by
// a named town. A report that names and implies no country is read as
// being about the run's main country, as an analyst reading a stream of
// reports on one country would. The caller owns it; one per run, used
// from one thread.
class RunContext {
public:
    // Counts the countries of the incidents placed by a town or a place
    // near one (precision 1 or 2), not those placed by a fallback.
    void add(const std::vector<Incident>& incidents);
    // The country most incidents of the run are in, "" before any.
    std::string main_country() const;

private:
    std::map<std::string, int> countries_;
};

class Extractor {
public:
    // Both must outlive the extractor. const member functions may run in
    // several threads at once.
    Extractor(const gazetteer::Gazetteer& gazetteer, const ActorDictionary& actors)
        : gazetteer_(gazetteer), actors_(actors) {}

    // The incidents of a document, in the order of their first evidence,
    // every confidence included (callers filter). document.published (ISO)
    // anchors relative dates; without it only dates that carry a year are
    // read and incidents without a stated date are dropped. Never throws on
    // odd text. Cost: linear in the text, plus a gazetteer lookup per
    // distinct name — well under a millisecond for a 4 KB article.
    std::vector<Incident> extract(const sources::Document& document) const;
    // As extract(), also telling in TRACE what it could not code and, when
    // asked, how the place ranker weighed each name; with RUN, a report
    // that implies no country falls back on the run's main country, and
    // its incidents are added to RUN. Either may be null.
    std::vector<Incident> extract(const sources::Document& document, ExtractTrace* trace,
                                  RunContext* run = nullptr) const;

private:
    const gazetteer::Gazetteer& gazetteer_;
    const ActorDictionary& actors_;
};

} // namespace incimap::extract
