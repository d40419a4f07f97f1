// Reported deaths in English and French news text, counted by ACLED's
// rules: only deaths ("killed", "dead", "died", "bodies", "lost their
// lives", "tués", "morts", "ont péri"), never the wounded, abducted, missing
// or arrested; everyone who died counts, attackers included ("two
// assailants were killed"); the most conservative figure reported.
//
// A mention is one figure and the death word it goes with:
//   "over 70 dead", "five soldiers were killed", "killing at least 12",
//   "killed 5 soldiers and 3 civilians" (one mention, 8), "killed a farmer"
//   (1), "death toll rose to 30", "deux soldats ont été tués", "no one was
//   killed" (0).
// Qualifiers keep the figure they qualify ("at least 20", "over 70", "more
// than 15", "up to 30", "nearly 40" all give the number said: ACLED codes
// the figure reported, never a guess above or below it). A range ("between
// 10 and 15", "10 to 15", "10 or 15") gives its lower end. Vague words take
// the values numbers.hpp documents ("dozens" 12, "several" 10).
//
// A whole report (or any span of it): mentions in one sentence add up
// (different victims), unless the sentence sets sources against each other
// ("while", "whereas", "other sources", "alors que"), when the lowest
// figure is kept. A later sentence adds to the count when it says so
// ("also", "another", "other", "further", "aussi", "autres"); otherwise it
// is taken as another report of the same deaths and the lowest total wins.
//
// A figure is not read from a date ("On 5 March, 44 civilians" is 44), from
// the sources that report it ("Selon une source, onze soldats": 11, not
// 12) or from a running tally: a clause that counts deaths "since January",
// "this year", "so far", "over the past months", "across the Sahel",
// "depuis le debut de l'annee", "cette annee", "a travers le pays" reports
// many events at once and is flagged, never added to an incident's count.
// The clause is the comma-separated part of the sentence that holds the
// figure, with a short opening phrase before it ("Since January, attacks
// have killed 300").
//
// Coders' notes (ACLED's own) state their conventions in words, and those
// decide: a figure the note says is "coded as N" (or coded at a low
// estimate of N) is the figure, whatever else the text says; deaths said
// to be split across N events divide the total reported among them
// (rounded down), as each event of the note is coded with its share.
#pragma once

#include "extract/text.hpp"

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace incimap::extract {

struct FatalityMention {
    int count = 0;       // deaths this mention reports (its parts summed)
    int high = 0;        // the upper end when a range was given, else count
    bool vague = false;  // the figure comes from a word such as "dozens"
    bool stated_code = false;  // "fatalities coded as 10": the figure to code
    // A running tally ("since January", "this year", "across the Sahel"):
    // deaths of many events, never counted as one incident's.
    bool tally = false;
    std::size_t begin = 0;  // byte span of the figure and its death word
    std::size_t end = 0;
    // Byte span of the clause that reports the mention (for a tally: the
    // words it covers, an event word among them included).
    std::size_t clause_begin = 0;
    std::size_t clause_end = 0;
};

struct FatalityCount {
    int fatalities = 0;  // the figure to code
    int low = 0;         // lowest and highest totals the text supports
    int high = 0;
    bool reported = false;  // false: the text mentions no death at all
    std::vector<FatalityMention> mentions;  // the evidence, in text order
};

// Every death mention of text, in order. Linear in the text. The Words
// form reads words already split (offsets as Words documents).
std::vector<FatalityMention> find_fatalities(std::string_view text);
std::vector<FatalityMention> find_fatalities(const Words& words);

// The ACLED fatality count of a report (or of the sentences of one event).
FatalityCount count_fatalities(std::string_view text);
// The same over the words of its sentences, in order (no death mention
// runs across two of them).
FatalityCount count_fatalities(std::span<const Words> sentences);

} // namespace incimap::extract
