#include "extract/dates.hpp"

#include "core/calendar.hpp"
#include "extract/numbers.hpp"
#include "extract/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <span>

namespace incimap::extract {
namespace {

using namespace std::chrono;
using Day = sys_days;

struct MonthName {
    std::string_view name;
    unsigned month;
    bool english;      // English names are only months when capitalised
    bool abbreviation;  // needs a day or a year beside it
};

constexpr MonthName month_names[] = {
    {"january", 1, true, false},   {"jan", 1, true, true},        {"janvier", 1, false, false},
    {"janv", 1, false, true},      {"february", 2, true, false},  {"feb", 2, true, true},
    {"fevrier", 2, false, false},  {"fev", 2, false, true},       {"fevr", 2, false, true},
    {"march", 3, true, false},     {"mar", 3, true, true},        {"mars", 3, false, false},
    {"april", 4, true, false},     {"apr", 4, true, true},        {"avril", 4, false, false},
    {"avr", 4, false, true},       {"may", 5, true, false},       {"mai", 5, false, false},
    {"june", 6, true, false},      {"jun", 6, true, true},        {"juin", 6, false, false},
    {"july", 7, true, false},      {"jul", 7, true, true},        {"juillet", 7, false, false},
    {"juil", 7, false, true},      {"august", 8, true, false},    {"aug", 8, true, true},
    {"aout", 8, false, false},     {"september", 9, true, false}, {"sep", 9, true, true},
    {"sept", 9, true, true},       {"septembre", 9, false, false}, {"october", 10, true, false},
    {"oct", 10, true, true},       {"octobre", 10, false, false}, {"november", 11, true, false},
    {"nov", 11, true, true},       {"novembre", 11, false, false}, {"december", 12, true, false},
    {"dec", 12, true, true},       {"decembre", 12, false, false}, {"sept", 9, false, true},
    {"dec", 12, false, true},      {"nov", 11, false, true},      {"oct", 10, false, true},
};

// The first letters of the month names: most tokens are rejected on them.
const std::array<bool, 256>& month_initials() {
    static const std::array<bool, 256> initials = [] {
        std::array<bool, 256> out{};
        for (const auto& name : month_names)
            out[static_cast<unsigned char>(name.name.front())] = true;
        return out;
    }();
    return initials;
}

constexpr std::array<std::pair<std::string_view, unsigned>, 14> weekday_names = {{
    {"sunday", 0}, {"monday", 1}, {"tuesday", 2}, {"wednesday", 3}, {"thursday", 4},
    {"friday", 5}, {"saturday", 6}, {"dimanche", 0}, {"lundi", 1}, {"mardi", 2},
    {"mercredi", 3}, {"jeudi", 4}, {"vendredi", 5}, {"samedi", 6},
}};

// The words each pattern may open with, besides numbers, month and weekday
// names. Each pattern checks its own list first, and the scanner tries at a
// token only the patterns that it may open (date_openers()): most tokens of
// a text open none.
constexpr auto range_openers = std::to_array<std::string_view>({"between", "from", "entre", "du"});
constexpr auto day_words = std::to_array<std::string_view>({"premier"});
constexpr auto month_cues = std::to_array<std::string_view>({"in", "en", "during", "since", "until", "last"});
constexpr auto part_openers = std::to_array<std::string_view>({"early", "debut", "mid", "mi", "late", "fin"});
constexpr auto year_openers = std::to_array<std::string_view>({
    "early", "debut", "beginning", "mid", "mi", "late", "fin", "end", "in", "en", "during"});
constexpr auto relative_openers = std::to_array<std::string_view>({
    "the", "avant", "yesterday", "hier", "last", "la", "today", "aujourd", "il", "this", "past", "over",
    "earlier", "le", "l"});
constexpr auto weekday_cues = std::to_array<std::string_view>({"on", "this", "ce", "le", "last"});

// The patterns of DateScanner::match_at, as bits.
enum Pattern : std::uint8_t {
    numeric_pattern = 1,
    range_pattern = 2,
    day_month_pattern = 4,
    month_day_pattern = 8,
    month_pattern = 16,
    year_pattern = 32,
    relative_pattern = 64,
    weekday_pattern = 128,
};
// What a number may open: a numeric date, a range or a day ("17 May"), "3 days ago".
constexpr std::uint8_t number_patterns = numeric_pattern | range_pattern | day_month_pattern | relative_pattern;

// The words that open a date, each with the patterns it may open.
struct DateOpeners {
    WordSet words;
    std::vector<std::uint8_t> patterns;  // patterns[k]: those that words.words()[k] may open
};

const DateOpeners& date_openers() {
    static const DateOpeners openers = [] {
        std::vector<std::pair<std::string_view, std::uint8_t>> entries;
        auto add = [&](std::span<const std::string_view> words, std::uint8_t patterns) {
            for (std::string_view w : words)
                entries.emplace_back(w, patterns);
        };
        for (const auto& name : month_names)
            entries.emplace_back(name.name, month_day_pattern | month_pattern);
        for (const auto& [name, wd] : weekday_names)
            entries.emplace_back(name, day_month_pattern | month_day_pattern | weekday_pattern);
        add(range_openers, range_pattern);
        add(day_words, range_pattern | day_month_pattern);
        add(month_cues, month_pattern);
        add(part_openers, month_pattern);
        add(year_openers, year_pattern);
        add(relative_openers, relative_pattern);
        add(quantity_openers().words(), relative_pattern);  // "two days ago"
        add(weekday_cues, weekday_pattern);
        std::vector<std::string_view> words;
        for (const auto& entry : entries)
            words.push_back(entry.first);
        DateOpeners out{WordSet(std::move(words)), {}};
        out.patterns.resize(out.words.words().size());
        for (const auto& [word, patterns] : entries)
            out.patterns[out.words.find(word)] |= patterns;
        return out;
    }();
    return openers;
}

Day last_day_of(year y, month m) { return sys_days{y / m / last}; }

// What a pattern recognised: the days it covers.
struct Match {
    Day first;
    Day last;
    DateForm form;
    std::size_t end;  // token index after the expression
    std::optional<TimePrecision> precision = std::nullopt;  // else from the extent
};

// Words after which a date is when something was said, not done.
const WordSet& reporting_words() {
    static const WordSet words({"said", "says", "told", "announced", "stated", "reported", "claimed",
                                "confirmed", "added", "statement", "declared", "dit", "annonce", "declare",
                                "indique", "affirme", "precise", "confirme", "ajoute", "rapporte",
                                "revendique", "revendiquee", "communique"});
    return words;
}

class DateScanner {
public:
    DateScanner(const Words& words, std::optional<year_month_day> published) : t_(words), pub_(published) {
        if (pub_)
            pub_day_ = sys_days{*pub_};
    }

    std::vector<DateMention> scan() {
        std::vector<DateMention> out;
        std::optional<Day> told;  // the last single day stated so far
        for (std::size_t i = 0; i < t_.size();) {
            auto m = match_at(i);
            if (!m && told && opens_clause(i)) {
                m = day_told_before(i, *told);
                // "Le lendemain, dimanche": the day named wins.
                if (m && match_at(is(m->end, ",") ? m->end + 1 : m->end))
                    m.reset();
            }
            if (!m) {
                ++i;
                continue;
            }
            // The day a statement or claim came out tells nothing of the
            // days after it: "said on Monday", "revendiquée mercredi", "a
            // statement read on state television on Sunday".
            const bool reported = told_in_report(i);
            if (m->first == m->last && !reported)
                told = m->first;
            out.push_back(mention(*m, i));
            out.back().reported = reported;
            i = m->end;
        }
        return out;
    }

private:
    Words t_;
    std::optional<year_month_day> pub_;
    Day pub_day_{};

    // -- token tests -------------------------------------------------------
    std::string_view word(std::size_t i) const { return i < t_.size() ? t_[i].text : std::string_view{}; }
    bool is(std::size_t i, std::string_view w) const { return same_word(word(i), w); }
    bool glued(std::size_t i) const { return i < t_.size() && !t_[i].space_before; }
    bool capitalised(std::size_t i) const { return is_ascii_upper(t_.folded->cased[t_[i].begin]); }

    // A month name at i; sets end past it (and past the dot of "Sept.").
    // Abbreviations only count when with_number says a day or year is beside.
    std::optional<unsigned> month_at(std::size_t i, bool with_number, std::size_t& end) const {
        if (i >= t_.size() || t_[i].kind != TokenKind::word || t_[i].text.empty() ||
            !month_initials()[static_cast<unsigned char>(t_[i].text.front())])
            return std::nullopt;
        for (const auto& name : month_names) {
            if (!same_word(word(i), name.name) || (name.abbreviation && !with_number))
                continue;
            if (name.english && !capitalised(i))
                continue;
            end = i + 1;
            if (name.abbreviation && is(end, ".") && glued(end))
                ++end;
            return name.month;
        }
        return std::nullopt;
    }

    std::optional<unsigned> weekday_at(std::size_t i) const {
        for (const auto& [name, wd] : weekday_names)
            if (is(i, name))
                return wd;
        return std::nullopt;
    }

    // A day of the month at i ("17", "1st", "1er", "premier"); sets end.
    std::optional<unsigned> day_at(std::size_t i, std::size_t& end) const {
        if (among(day_words, word(i))) {
            end = i + 1;
            return 1u;
        }
        if (i >= t_.size() || t_[i].kind != TokenKind::number || t_[i].text.size() > 2)
            return std::nullopt;
        long d = token_integer(t_[i]);
        if (d < 1 || d > 31)
            return std::nullopt;
        end = i + 1;
        static constexpr std::array<std::string_view, 7> suffixes = {"st", "nd", "rd", "th", "er", "eme", "e"};
        for (auto s : suffixes)
            if (is(end, s) && glued(end)) {
                ++end;
                break;
            }
        return static_cast<unsigned>(d);
    }

    std::optional<int> year_at(std::size_t i) const {
        if (i >= t_.size() || t_[i].kind != TokenKind::number || t_[i].text.size() != 4)
            return std::nullopt;
        long y = token_integer(t_[i]);
        if (y < 1900 || y > 2100)
            return std::nullopt;
        return static_cast<int>(y);
    }

    // Optional ", 2024" / " 2024" after a date; sets end past it.
    std::optional<int> trailing_year(std::size_t i, std::size_t& end) const {
        std::size_t k = is(i, ",") ? i + 1 : i;
        if (auto y = year_at(k)) {
            end = k + 1;
            return y;
        }
        return std::nullopt;
    }

    // -- calendar -----------------------------------------------------------
    // The year that puts month/day nearest the publication date, the past
    // preferred: a day ahead weighs as six days back.
    std::optional<Day> nearest(unsigned m, unsigned d) const {
        if (!pub_)
            return std::nullopt;
        std::optional<Day> best;
        long best_cost = 0;
        for (int dy : {-1, 0, 1}) {
            year_month_day ymd{pub_->year() + years{dy}, month{m}, day{d}};
            if (!ymd.ok())
                continue;
            Day day_ = sys_days{ymd};
            long diff = (day_ - pub_day_).count();
            long cost = diff <= 0 ? -diff : 6 * diff;
            if (!best || cost < best_cost) {
                best = day_;
                best_cost = cost;
            }
        }
        return best;
    }

    std::optional<Day> dated(std::optional<int> y, unsigned m, unsigned d) const {
        if (!y)
            return nearest(m, d);
        year_month_day ymd{year{*y}, month{m}, day{d}};
        if (!ymd.ok())
            return std::nullopt;
        return sys_days{ymd};
    }

    Match month_match(int y, unsigned m, std::size_t end, int part = 0) const {
        Day first = sys_days{year{y} / month{m} / 1};
        Day last = last_day_of(year{y}, month{m});
        if (part == 1)
            last = first + days{9};
        else if (part == 2)
            first = first + days{10}, last = first + days{9};
        else if (part == 3)
            first = first + days{20};
        return Match{first, last, DateForm::month, end, TimePrecision::month};
    }

    // The latest month m that begins before the month of publication
    // (strictly before when strict, else the current month counts).
    std::optional<int> year_of_recent_month(unsigned m, bool strict) const {
        if (!pub_)
            return std::nullopt;
        int y = static_cast<int>(pub_->year());
        unsigned pm = static_cast<unsigned>(pub_->month());
        return (m < pm || (!strict && m == pm)) ? y : y - 1;
    }

    // -- patterns -------------------------------------------------------------
    // The patterns that may start at token i (each pattern decides).
    std::uint8_t patterns_at(std::size_t i) const {
        const DateOpeners& openers = date_openers();
        const std::size_t k = openers.words.find(t_[i].text);
        return (t_[i].kind == TokenKind::number ? number_patterns : 0) |
               (k == WordSet::npos ? 0 : openers.patterns[k]);
    }

    // The first pattern that matches at i, tried in this order.
    std::optional<Match> match_at(std::size_t i) const {
        using Reader = std::optional<Match> (DateScanner::*)(std::size_t) const;
        static constexpr std::array<std::pair<Pattern, Reader>, 8> readers = {{
            {numeric_pattern, &DateScanner::numeric_date},
            {range_pattern, &DateScanner::day_range},
            {day_month_pattern, &DateScanner::day_month},
            {month_day_pattern, &DateScanner::month_day},
            {month_pattern, &DateScanner::month_expression},
            {year_pattern, &DateScanner::year_expression},
            {relative_pattern, &DateScanner::relative},
            {weekday_pattern, &DateScanner::weekday_reference},
        }};
        const std::uint8_t patterns = patterns_at(i);
        if (patterns == 0)
            return std::nullopt;
        for (const auto& [pattern, read] : readers)
            if (patterns & pattern)
                if (auto m = (this->*read)(i))
                    return m;
        return std::nullopt;
    }

    // 2024-09-17, 17/09/2024, 17-09-2024, 17.09.2024
    std::optional<Match> numeric_date(std::size_t i) const {
        if (i >= t_.size() || t_[i].kind != TokenKind::number)
            return std::nullopt;
        std::string_view s = t_[i].text;
        int a = 0, b = 0, c = 0;
        std::size_t end = i + 1;
        if (std::count(s.begin(), s.end(), '.') == 2) {
            auto p1 = s.find('.'), p2 = s.rfind('.');
            std::from_chars(s.data(), s.data() + p1, a);
            std::from_chars(s.data() + p1 + 1, s.data() + p2, b);
            std::from_chars(s.data() + p2 + 1, s.data() + s.size(), c);
            if (s.size() - p2 - 1 != 4)
                return std::nullopt;
        } else {
            if (!(i + 4 < t_.size() && (is(i + 1, "/") || is(i + 1, "-")) && word(i + 3) == word(i + 1)))
                return std::nullopt;
            for (std::size_t k = i + 1; k <= i + 4; ++k)
                if (!glued(k) || (k % 2 == i % 2 && t_[k].kind != TokenKind::number))
                    return std::nullopt;
            a = static_cast<int>(token_integer(t_[i]));
            b = static_cast<int>(token_integer(t_[i + 2]));
            c = static_cast<int>(token_integer(t_[i + 4]));
            end = i + 5;
            if (s.size() == 4)
                std::swap(a, c);  // ISO order: year first
            else if (t_[i + 4].text.size() != 4)
                return std::nullopt;
        }
        // a = day, b = month, c = year
        auto d = dated(c, static_cast<unsigned>(b), static_cast<unsigned>(a));
        if (c < 1900 || c > 2100 || b < 1 || a < 1 || !d)
            return std::nullopt;
        return Match{*d, *d, DateForm::absolute, end};
    }

    // [between|from|entre (le)|du] D1 [Month1] (and|to|-|et (le)|au) D2 Month2 [Year]
    std::optional<Match> day_range(std::size_t i) const {
        std::size_t k = i;
        bool opened = among(range_openers, word(k));
        if (opened) {
            ++k;
            if (is(k, "le"))
                ++k;
        }
        std::size_t e1 = 0;
        auto d1 = day_at(k, e1);
        if (!d1)
            return std::nullopt;
        std::size_t after1 = e1;
        std::optional<unsigned> m1 = month_at(e1, true, after1);
        std::size_t j = after1;
        bool link = is(j, "-") || (opened && (is(j, "and") || is(j, "to") || is(j, "et") || is(j, "au"))) ||
                    is(j, "to") || is(j, "au");
        if (!link)
            return std::nullopt;
        ++j;
        if (is(j, "le"))
            ++j;
        std::size_t e2 = 0;
        auto d2 = day_at(j, e2);
        if (!d2)
            return std::nullopt;
        std::size_t end = 0;
        auto m2 = month_at(e2, true, end);
        if (!m2)
            return std::nullopt;
        auto y = trailing_year(end, end);
        auto last_day = dated(y, *m2, *d2);
        if (!last_day)
            return std::nullopt;
        unsigned month1 = m1.value_or(*m2);
        year_month_day ly{*last_day};
        year y1 = month1 > *m2 ? ly.year() - years{1} : ly.year();
        year_month_day fy{y1, month{month1}, day{*d1}};
        if (!fy.ok() || sys_days{fy} > *last_day)
            return std::nullopt;
        return Match{sys_days{fy}, *last_day, DateForm::range, end};
    }

    // Past "Tuesday," before a date.
    std::size_t after_weekday(std::size_t k) const {
        if (weekday_at(k)) {
            ++k;
            if (is(k, ","))
                ++k;
        }
        return k;
    }

    // The day month/d, in the year that follows at end (", 2024") if any.
    std::optional<Match> single_day(unsigned m, unsigned d, std::size_t end) const {
        auto y = trailing_year(end, end);
        auto day_ = dated(y, m, d);
        if (!day_)
            return std::nullopt;
        return Match{*day_, *day_, DateForm::absolute, end};
    }

    // [weekday[,]] D Month [[,] Year]   ("17 September 2024", "mardi 17 septembre")
    std::optional<Match> day_month(std::size_t i) const {
        std::size_t e = 0, end = 0;
        auto d = day_at(after_weekday(i), e);
        auto m = d ? month_at(e, true, end) : std::nullopt;
        return m ? single_day(*m, *d, end) : std::nullopt;
    }

    // [weekday[,]] Month D[,] [Year]   ("September 17, 2024", "Sept. 17")
    std::optional<Match> month_day(std::size_t i) const {
        std::size_t e = 0, end = 0;
        auto m = month_at(after_weekday(i), true, e);
        auto d = m ? day_at(e, end) : std::nullopt;
        if (!d)
            return std::nullopt;
        if (is(end, ":") || is(end, "."))  // "May 17." is fine, "May 17:30" is not
            if (end + 1 < t_.size() && glued(end + 1) && t_[end + 1].kind == TokenKind::number)
                return std::nullopt;
        return single_day(*m, *d, end);
    }

    // Month Year; [in|en|last|early|mid|late|fin|debut] Month [this year|last
    // year|dernier|de l'annee derniere]
    std::optional<Match> month_expression(std::size_t i) const {
        std::size_t k = i;
        std::size_t unused = 0;
        if (!among(month_cues, word(i)) && !among(part_openers, word(i)) && !month_at(i, false, unused))
            return std::nullopt;
        int part = 0;
        bool cue = false, last_cue = false;
        auto take_part = [&](std::size_t at) {
            if (is(at, "early") || is(at, "debut")) return 1;
            if (is(at, "mid") || is(at, "mi")) return 2;
            if (is(at, "late") || is(at, "fin")) return 3;
            return 0;
        };
        if (is(k, "in") || is(k, "en") || is(k, "during") || is(k, "since") || is(k, "until")) {
            cue = true;
            ++k;
        } else if (is(k, "last")) {
            cue = last_cue = true;
            ++k;
        }
        if ((part = take_part(k)) != 0) {
            cue = true;
            ++k;
            if (is(k, "-") || is(k, "of"))
                ++k;
        }
        std::size_t e = 0;
        auto m = month_at(k, false, e);
        if (!m)
            return std::nullopt;
        std::size_t end = e;
        if (auto y = trailing_year(e, end))
            return month_match(*y, *m, end, part);
        if (is(e, "this") && is(e + 1, "year") && pub_)
            return month_match(static_cast<int>(pub_->year()), *m, e + 2, part);
        if ((is(e, "last") && is(e + 1, "year")) && pub_)
            return month_match(static_cast<int>(pub_->year()) - 1, *m, e + 2, part);
        if (is(e, "de") && is(e + 1, "l") && is(e + 2, "'") && is(e + 3, "annee") && is(e + 4, "derniere") && pub_)
            return month_match(static_cast<int>(pub_->year()) - 1, *m, e + 5, part);
        if (is(e, "dernier"))
            last_cue = true, cue = true, ++e;
        if (!cue)
            return std::nullopt;
        auto y = year_of_recent_month(*m, last_cue);
        if (!y)
            return std::nullopt;
        return month_match(*y, *m, e, part);
    }

    // in 2023, en 2023, early/mid/late 2023, mid-2023, end of 2023, fin 2023
    std::optional<Match> year_expression(std::size_t i) const {
        if (!among(year_openers, word(i)))
            return std::nullopt;
        std::size_t k = i;
        int part = 0;
        if (is(k, "early") || is(k, "debut") || (is(k, "beginning") && is(k + 1, "of")))
            part = 1;
        else if (is(k, "mid") || is(k, "mi"))
            part = 2;
        else if (is(k, "late") || is(k, "fin") || (is(k, "end") && is(k + 1, "of")))
            part = 3;
        else if (!(is(k, "in") || is(k, "en") || is(k, "during")))
            return std::nullopt;
        ++k;
        if (is(k, "of") || is(k, "-"))
            ++k;
        auto y = year_at(k);
        if (!y)
            return std::nullopt;
        // "in 2023 people" is fine; "in 2023-24" or "in 2,023" are not years.
        if (is(k + 1, "-") && glued(k + 1))
            return std::nullopt;
        year yy{*y};
        Day first = sys_days{yy / January / 1};
        Day last = sys_days{yy / December / 31};
        if (part == 1)
            last = sys_days{yy / April / 30};
        else if (part == 2)
            first = sys_days{yy / May / 1}, last = sys_days{yy / August / 31};
        else if (part == 3)
            first = sys_days{yy / September / 1};
        return Match{first, last, DateForm::year, k + 1, TimePrecision::month};
    }

    std::optional<Match> relative(std::size_t i) const {
        if (!pub_ || !(among(relative_openers, word(i)) || (i < t_.size() && opens_quantity(t_[i]))))
            return std::nullopt;
        auto one = [&](int back, std::size_t end) {
            Day d = pub_day_ - days{back};
            return Match{d, d, DateForm::relative, end};
        };
        auto span = [&](Day first, Day last, std::size_t end, TimePrecision p) {
            return Match{first, last, DateForm::relative, end, p};
        };
        Day monday = pub_day_ - days{(weekday{pub_day_} - Monday).count()};
        year_month_day ym{pub_day_};
        Day month_start = sys_days{ym.year() / ym.month() / 1};
        auto previous_month = [&](std::size_t end) {
            Day prev_last = month_start - days{1};
            year_month_day p{prev_last};
            return span(sys_days{p.year() / p.month() / 1}, prev_last, end, TimePrecision::month);
        };

        if (is(i, "the") && is(i + 1, "day") && is(i + 2, "before") && is(i + 3, "yesterday"))
            return one(2, i + 4);
        if (is(i, "avant") && is(i + 1, "-") && is(i + 2, "hier"))
            return one(2, i + 3);
        if (is(i, "yesterday") || is(i, "hier"))
            return one(1, i + 1);
        if ((is(i, "last") && is(i + 1, "night")) || (is(i, "la") && is(i + 1, "nuit") && is(i + 2, "derniere")))
            return one(1, is(i, "la") ? i + 3 : i + 2);
        if (is(i, "today") || (is(i, "aujourd") && is(i + 1, "'") && is(i + 2, "hui")))
            return one(0, is(i, "today") ? i + 1 : i + 3);
        // N days ago / il y a N jours
        if (auto n = read_quantity(t_.tokens, i); n && !n->vague && n->value < 60 &&
                                           (is(n->end, "days") || is(n->end, "day")) && is(n->end + 1, "ago"))
            return one(static_cast<int>(n->value), n->end + 2);
        if (is(i, "il") && is(i + 1, "y") && is(i + 2, "a")) {
            if (auto n = read_quantity(t_.tokens, i + 3); n && !n->vague && n->value < 60 &&
                                                   (is(n->end, "jours") || is(n->end, "jour")))
                return one(static_cast<int>(n->value), n->end + 1);
        }
        if (is(i, "this") && is(i + 1, "week"))
            return span(monday, pub_day_, i + 2, TimePrecision::week);
        if ((is(i, "last") || is(i, "past")) && is(i + 1, "week"))
            return span(monday - days{7}, monday - days{1}, i + 2, TimePrecision::week);
        if (is(i, "la") && is(i + 1, "semaine") && (is(i + 2, "derniere") || is(i + 2, "passee")))
            return span(monday - days{7}, monday - days{1}, i + 3, TimePrecision::week);
        if (((is(i, "last") || is(i, "over")) && is(i + 1, "the") && is(i + 2, "weekend")) ||
            (is(i, "last") && is(i + 1, "weekend"))) {
            std::size_t end = is(i + 1, "weekend") ? i + 2 : i + 3;
            Day saturday = pub_day_ - days{(weekday{pub_day_} - Saturday).count()};
            if (saturday == pub_day_ && is(i, "last"))
                saturday -= days{7};
            return span(saturday, std::min(saturday + days{1}, pub_day_), end, TimePrecision::week);
        }
        if (is(i, "earlier") && is(i + 1, "this") && is(i + 2, "month"))
            return span(month_start, std::max(month_start, pub_day_ - days{1}), i + 3, TimePrecision::month);
        if (is(i, "this") && is(i + 1, "month"))
            return span(month_start, pub_day_, i + 2, TimePrecision::month);
        if (is(i, "last") && is(i + 1, "month"))
            return previous_month(i + 2);
        if (is(i, "le") && is(i + 1, "mois") && is(i + 2, "dernier"))
            return previous_month(i + 3);
        bool last_year = (is(i, "last") && is(i + 1, "year"));
        bool annee_derniere = is(i, "l") && is(i + 1, "'") && is(i + 2, "annee") && is(i + 3, "derniere");
        if (last_year || annee_derniere) {
            year y = ym.year() - years{1};
            return span(sys_days{y / January / 1}, sys_days{y / December / 31}, i + (last_year ? 2 : 4),
                        TimePrecision::month);
        }
        return std::nullopt;
    }

    // Whether the date at token i says when something was told: a
    // reporting word just before it, or a statement it dates a few words
    // on, within its clause.
    bool told_in_report(std::size_t i) const {
        if (i > 0 && reporting_words().contains(word(i - 1)))
            return true;
        for (std::size_t back = 1; back <= 6 && back <= i; ++back) {
            const Token& t = t_[i - back];
            if (t.kind == TokenKind::punct || t.kind == TokenKind::number)
                return false;
            if (t.text == "statement" || t.text == "communique" || t.text == "declaration")
                return true;
        }
        return false;
    }

    // Whether token i opens a sentence or clause, after "on", "and" or
    // "et" at most: "The same day, …", "…; on the same day …". Inside a
    // clause such a day dates what follows it ("released the following
    // day"), not the event.
    bool opens_clause(std::size_t i) const {
        if (i > 0 && (is(i - 1, "on") || is(i - 1, "and") || is(i - 1, "et")))
            --i;
        if (i == 0)
            return true;
        const std::string_view before = word(i - 1);
        return before == "." || before == ";" || before == ":" || before == "!" || before == "?";
    }

    // A day told by the day stated before it: "the same day", "le même
    // jour", "ce jour-là" (that day); "the next day", "the following day",
    // "le lendemain" (a day later); "the previous day", "the day before",
    // "la veille" (a day earlier). "La veille de l'élection" and "the day
    // before the vote" count from something else and are left alone.
    std::optional<Match> day_told_before(std::size_t i, Day told) const {
        auto at = [&](int shift, std::size_t end) {
            const Day d = told + days{shift};
            return Match{d, d, DateForm::relative, end};
        };
        auto day = [&](std::size_t k) { return is(k, "day") || is(k, "jour"); };
        const bool article = is(i, "the") || is(i, "that") || is(i, "le");
        if (article && (is(i + 1, "same") || is(i + 1, "meme")) && day(i + 2))
            return at(0, i + 3);
        if (is(i, "le") && is(i + 1, "jour") && is(i + 2, "meme"))
            return at(0, i + 3);
        if (is(i, "that") && is(i + 1, "day"))
            return at(0, i + 2);
        if (is(i, "ce") && is(i + 1, "jour") && is(i + 2, "-") && is(i + 3, "la"))
            return at(0, i + 4);
        if (is(i, "the") && (is(i + 1, "next") || is(i + 1, "following")) && is(i + 2, "day"))
            return at(1, i + 3);
        if (is(i, "le") && is(i + 1, "lendemain"))
            return at(1, i + 2);
        if (is(i, "le") && is(i + 1, "jour") && is(i + 2, "suivant"))
            return at(1, i + 3);
        const bool of_something = is(i + 2, "de") || is(i + 2, "du") || is(i + 2, "des") || is(i + 2, "d");
        if (is(i, "la") && is(i + 1, "veille") && !of_something)
            return at(-1, i + 2);
        if (is(i, "the") && is(i + 1, "previous") && is(i + 2, "day"))
            return at(-1, i + 3);
        if (is(i, "the") && is(i + 1, "day") && is(i + 2, "before") &&
            (i + 3 >= t_.size() || t_[i + 3].kind != TokenKind::word))
            return at(-1, i + 3);
        return std::nullopt;
    }

    // [on|last|this|ce] weekday [dernier]
    std::optional<Match> weekday_reference(std::size_t i) const {
        if (!pub_)
            return std::nullopt;
        if (!among(weekday_cues, word(i)) && !weekday_at(i))
            return std::nullopt;
        std::size_t k = i;
        bool strict = false;
        if (is(k, "on") || is(k, "this") || is(k, "ce") || is(k, "le")) {
            ++k;
        } else if (is(k, "last")) {
            strict = true;
            ++k;
        }
        auto wd = weekday_at(k);
        if (!wd)
            return std::nullopt;
        // "on Tuesday, September 17": the date says which Tuesday.
        if (auto dated_ = k > i ? day_month(k) : std::nullopt; dated_)
            return dated_;
        if (auto dated_ = k > i ? month_day(k) : std::nullopt; dated_)
            return dated_;
        std::size_t end = k + 1;
        if (is(end, "dernier")) {
            strict = true;
            ++end;
        }
        long back = (weekday{pub_day_} - weekday{*wd}).count();
        if (back == 0 && strict)
            back = 7;
        Day d = pub_day_ - days{back};
        return Match{d, d, DateForm::weekday, end};
    }

    DateMention mention(const Match& m, std::size_t first_token) const {
        long extent = (m.last - m.first).count();
        TimePrecision p = m.precision ? *m.precision
                          : extent == 0 ? TimePrecision::day
                          : extent <= 6 ? TimePrecision::week
                                        : TimePrecision::month;
        Day middle = m.first + days{extent / 2};
        DateMention out;
        out.date = iso_date(year_month_day{middle});
        out.precision = p;
        out.first = iso_date(year_month_day{m.first});
        out.last = iso_date(year_month_day{m.last});
        out.form = m.form;
        out.begin = t_.source_begin(first_token);
        out.end = t_.source_end(m.end - 1);
        return out;
    }
};

} // namespace

std::vector<DateMention> find_dates(std::string_view text, std::string_view published) {
    return find_dates(read_words(text).words(), published);
}

std::vector<DateMention> find_dates(const Words& words, std::string_view published) {
    return DateScanner(words, parse_iso_date(published)).scan();
}

bool is_month_name(std::string_view folded_word) {
    if (folded_word.empty() || !month_initials()[static_cast<unsigned char>(folded_word.front())])
        return false;
    return std::any_of(std::begin(month_names), std::end(month_names),
                       [&](const MonthName& m) { return same_word(m.name, folded_word); });
}

bool is_weekday_name(std::string_view folded_word) {
    return std::any_of(weekday_names.begin(), weekday_names.end(),
                       [&](const auto& name) { return same_word(name.first, folded_word); });
}

} // namespace incimap::extract
