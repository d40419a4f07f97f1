// Date expressions in English and French news text, resolved against the
// document's publication date and coded after ACLED: an ISO event_date plus
// a time_precision (1 day, 2 week, 3 month).
//
// Forms understood (English and French, case and accents folded):
//   absolute   "17 September 2024", "September 17, 2024", "Sept. 17",
//              "17/09/2024" (day first), "2024-09-17", "le 1er septembre 2024",
//              "mardi 17 septembre"; a date without a year takes the year
//              that puts it nearest the publication date, the past preferred
//              (a date more than about 5 days ahead counts as farther than
//              one 30 days back: reports tell of the past).
//   relative   "yesterday"/"hier", "the day before yesterday"/"avant-hier",
//              "today", "last night", "N days ago", "this week", "last
//              week"/"la semaine derniere", "last weekend", "earlier this
//              month", "last month", "last year".
//   weekdays   "on Tuesday", "mardi": the most recent Tuesday on or before
//              the publication date — a report published on a Tuesday that
//              says "on Tuesday" means that very day; "last Tuesday"/"mardi
//              dernier" is strictly before it (7 days back on a Tuesday).
//   anaphoric  "the same day"/"le même jour"/"ce jour-là", "the next day"/
//              "le lendemain", "the previous day"/"la veille": a day from
//              the last single day stated before them in the text.
//   months     "in July", "last December" (the latest December before the
//              month of publication), "December last year", "in July this
//              year", "July 2024", "en juillet 2024", "early/mid/late May"
//              (days 1-10, 11-20, 21-end).
//   years      "in 2023", "early 2024", "mid-2023", "late 2023", "fin 2023".
//   ranges     "between 10 and 12 May", "from 3 to 5 June", "3-5 June 2024",
//              "du 3 au 5 juin", "from 28 May to 2 June".
//
// Precision. A single day is 1. A week ("last week") or a range of at most
// 7 days is 2. A month, a longer range, a part of a month, a year or a part
// of a year is 3 — ACLED has nothing coarser, so a whole year (or "late
// 2023") is coded 3 as well; `first` and `last` keep the real extent so a
// caller can tell a month from a year and lower its confidence. The date of
// a week, range, month or year is its middle day (rounded down), as ACLED
// codes them; "early" is January-April, "mid" May-August, "late"
// September-December.
#pragma once

#include "core/incident.hpp"
#include "extract/text.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::extract {

enum class DateForm {
    absolute,  // a calendar date with or without its year
    relative,  // yesterday, last week, earlier this month, N days ago
    weekday,   // on Tuesday
    month,     // a month or part of one
    year,      // a year or part of one
    range,     // between two days
};

struct DateMention {
    std::string date;  // ISO YYYY-MM-DD: the day, or the middle of the span
    TimePrecision precision = TimePrecision::day;
    std::string first;  // ISO: first and last day the expression covers
    std::string last;
    DateForm form = DateForm::absolute;
    std::size_t begin = 0;  // byte span of the expression in the text
    std::size_t end = 0;
    // When something was said or claimed, not done: the date follows a
    // reporting word ("said on Monday", "a indiqué vendredi").
    bool reported = false;
};

// Every date expression of text, in order, none overlapping. published is
// the ISO publication date; when empty (or not a valid date) only
// expressions that carry their own year are returned. Linear in the text.
std::vector<DateMention> find_dates(std::string_view text, std::string_view published);
// The same on words already split (offsets as Words documents).
std::vector<DateMention> find_dates(const Words& words, std::string_view published);

// Whether a folded word names a month, English or French, abbreviations
// included ("march", "mars", "sept"): a number beside one is a day.
bool is_month_name(std::string_view folded_word);
// Whether a folded word names a day of the week, English or French.
bool is_weekday_name(std::string_view folded_word);

} // namespace incimap::extract
