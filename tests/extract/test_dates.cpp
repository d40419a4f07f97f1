#include "extract/dates.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace incimap::extract;
using incimap::TimePrecision;

namespace {

// Published on Wednesday 18 September 2024 unless said otherwise.
constexpr const char* wednesday = "2024-09-18";

DateMention only_date(const std::string& text, const char* published = wednesday) {
    auto dates = find_dates(text, published);
    INFO(text << " (published " << published << ")");
    REQUIRE(dates.size() == 1);
    return dates[0];
}

std::string day(const std::string& text, const char* published = wednesday) {
    auto d = only_date(text, published);
    INFO(text);
    CHECK(d.precision == TimePrecision::day);
    CHECK(d.first == d.date);
    CHECK(d.last == d.date);
    return d.date;
}

} // namespace

TEST_CASE("absolute dates in English", "[extract][dates]") {
    CHECK(day("Gunmen struck on 17 September 2024 at dawn") == "2024-09-17");
    CHECK(day("on September 17, 2024, militants") == "2024-09-17");
    CHECK(day("on September 17 2024") == "2024-09-17");
    CHECK(day("on 17 Sept. 2024") == "2024-09-17");
    CHECK(day("on the 3rd August 2023") == "2023-08-03");
    CHECK(day("on Tuesday, September 17, 2024") == "2024-09-17");
}

TEST_CASE("numeric dates are read day first, or year first in ISO form", "[extract][dates]") {
    CHECK(day("le 17/09/2024 vers midi") == "2024-09-17");
    CHECK(day("17.09.2024") == "2024-09-17");
    CHECK(day("2024-09-17") == "2024-09-17");
    CHECK(find_dates("on 31/02/2024", wednesday).empty());
    CHECK(find_dates("a score of 2-1-0", wednesday).empty());
}

TEST_CASE("absolute dates in French", "[extract][dates]") {
    CHECK(day("le 17 septembre 2024, des hommes armés") == "2024-09-17");
    CHECK(day("le 1er août 2024") == "2024-08-01");
    CHECK(day("mardi 17 septembre") == "2024-09-17");
    CHECK(day("le 3 décembre 2023") == "2023-12-03");
}

TEST_CASE("a date without its year takes the year nearest the publication date", "[extract][dates]") {
    CHECK(day("on Sept. 17 a convoy") == "2024-09-17");
    CHECK(day("on 17 September") == "2024-09-17");
    SECTION("a few days ahead stays in the same year") {
        CHECK(day("elections on 22 September") == "2024-09-22");
    }
    SECTION("months ahead means last year") {
        CHECK(day("on 20 December") == "2023-12-20");
    }
    SECTION("early January read in late December is next year") {
        CHECK(day("on 2 January", "2024-12-30") == "2025-01-02");
    }
    SECTION("without a publication date it is not resolved") {
        CHECK(find_dates("on 17 September", "").empty());
    }
}

TEST_CASE("the span covers the expression in the original bytes", "[extract][dates]") {
    std::string text = "Le 1er août, l’armée a riposté.";
    auto d = only_date(text);
    CHECK(text.substr(d.begin, d.end - d.begin) == "1er août");
    std::string english = "It was on Sept. 17 that they came.";
    auto e = only_date(english);
    CHECK(english.substr(e.begin, e.end - e.begin) == "Sept. 17");
}

TEST_CASE("relative days", "[extract][dates]") {
    CHECK(day("yesterday") == "2024-09-17");
    CHECK(day("hier soir") == "2024-09-17");
    CHECK(day("avant-hier") == "2024-09-16");
    CHECK(day("the day before yesterday") == "2024-09-16");
    CHECK(day("last night") == "2024-09-17");
    CHECK(day("today") == "2024-09-18");
    CHECK(day("three days ago") == "2024-09-15");
}

TEST_CASE("a number of days ago", "[extract][dates]") {
    CHECK(day("3 days ago") == "2024-09-15");
    CHECK(day("il y a 2 jours") == "2024-09-16");
}

TEST_CASE("weekdays are the most recent such day on or before publication", "[extract][dates]") {
    CHECK(day("on Tuesday") == "2024-09-17");
    CHECK(day("on Monday") == "2024-09-16");
    CHECK(day("on Thursday") == "2024-09-12");
    CHECK(day("lundi") == "2024-09-16");
    SECTION("the publication weekday itself is that day") {
        CHECK(day("on Wednesday") == "2024-09-18");
    }
    SECTION("'last' and 'dernier' go strictly back") {
        CHECK(day("last Wednesday") == "2024-09-11");
        CHECK(day("mercredi dernier") == "2024-09-11");
        CHECK(day("last Tuesday") == "2024-09-17");
    }
}

TEST_CASE("weeks are precision 2 with the middle day", "[extract][dates]") {
    auto last_week = only_date("last week");
    CHECK(last_week.precision == TimePrecision::week);
    CHECK(last_week.first == "2024-09-09");
    CHECK(last_week.last == "2024-09-15");
    CHECK(last_week.date == "2024-09-12");
    CHECK(only_date("la semaine dernière").date == "2024-09-12");
    auto this_week = only_date("this week");
    CHECK(this_week.first == "2024-09-16");
    CHECK(this_week.last == "2024-09-18");
    CHECK(this_week.precision == TimePrecision::week);
    auto weekend = only_date("over the weekend");
    CHECK(weekend.first == "2024-09-14");
    CHECK(weekend.last == "2024-09-15");
}

TEST_CASE("months are precision 3 with the middle day", "[extract][dates]") {
    auto july = only_date("in July this year");
    CHECK(july.precision == TimePrecision::month);
    CHECK(july.first == "2024-07-01");
    CHECK(july.last == "2024-07-31");
    CHECK(july.date == "2024-07-16");
    CHECK(july.form == DateForm::month);

    CHECK(only_date("December last year").first == "2023-12-01");
    CHECK(only_date("last December").first == "2023-12-01");
    CHECK(only_date("last December", "2024-12-20").first == "2023-12-01");
    CHECK(only_date("in December", "2024-12-20").first == "2024-12-01");
    CHECK(only_date("in July").first == "2024-07-01");
    CHECK(only_date("September 2024").date == "2024-09-15");
    CHECK(only_date("en juillet 2024").first == "2024-07-01");
    CHECK(only_date("en décembre dernier").first == "2023-12-01");
    CHECK(only_date("last month").first == "2024-08-01");
    CHECK(only_date("le mois dernier").last == "2024-08-31");

    SECTION("earlier this month runs from the first to the day before publication") {
        auto earlier = only_date("earlier this month");
        CHECK(earlier.precision == TimePrecision::month);
        CHECK(earlier.first == "2024-09-01");
        CHECK(earlier.last == "2024-09-17");
        CHECK(earlier.date == "2024-09-09");
    }
    SECTION("parts of a month") {
        CHECK(only_date("in early May 2024").last == "2024-05-10");
        CHECK(only_date("mid-May 2024").first == "2024-05-11");
        CHECK(only_date("late August").first == "2024-08-21");
        CHECK(only_date("late August").last == "2024-08-31");
    }
}

TEST_CASE("month names that are also words need a cue", "[extract][dates]") {
    CHECK(find_dates("Troops may march into town", wednesday).empty());
    CHECK(find_dates("sept soldats ont été tués", wednesday).empty());
    CHECK(only_date("in May").first == "2024-05-01");
}

TEST_CASE("years and parts of years are precision 3 with their extent", "[extract][dates]") {
    auto y = only_date("in 2023");
    CHECK(y.precision == TimePrecision::month);
    CHECK(y.form == DateForm::year);
    CHECK(y.first == "2023-01-01");
    CHECK(y.last == "2023-12-31");
    CHECK(y.date == "2023-07-02");
    auto late = only_date("in late 2023");
    CHECK(late.first == "2023-09-01");
    CHECK(late.last == "2023-12-31");
    CHECK(late.date == "2023-10-31");
    CHECK(only_date("early 2024").last == "2024-04-30");
    CHECK(only_date("mid-2023").first == "2023-05-01");
    CHECK(only_date("fin 2023").first == "2023-09-01");
    CHECK(only_date("last year").first == "2023-01-01");
    CHECK(find_dates("since 2012 the war", wednesday).empty());
    CHECK(find_dates("in 2023-24", wednesday).empty());
}

TEST_CASE("ranges of days", "[extract][dates]") {
    auto between = only_date("between 10 and 12 May");
    CHECK(between.form == DateForm::range);
    CHECK(between.precision == TimePrecision::week);
    CHECK(between.first == "2024-05-10");
    CHECK(between.last == "2024-05-12");
    CHECK(between.date == "2024-05-11");
    CHECK(only_date("from 3 to 5 June 2023").first == "2023-06-03");
    CHECK(only_date("from 4 -5 May 2020").date == "2020-05-04");
    CHECK(only_date("du 3 au 5 juin 2024").last == "2024-06-05");
    CHECK(only_date("entre le 10 et le 12 mai 2024").first == "2024-05-10");
    auto across = only_date("from 28 May to 2 June 2024");
    CHECK(across.first == "2024-05-28");
    CHECK(across.last == "2024-06-02");
    SECTION("a range longer than a week is precision 3") {
        auto long_range = only_date("from 1 to 20 June 2024");
        CHECK(long_range.precision == TimePrecision::month);
        CHECK(long_range.date == "2024-06-10");
    }
    SECTION("a count between two numbers is not a range") {
        CHECK(find_dates("between 10 and 15 people", wednesday).empty());
    }
}

TEST_CASE("several dates in one text come out in order", "[extract][dates]") {
    auto dates = find_dates("On 16 September 2023 the charter was signed; yesterday Bamako was hit.", wednesday);
    REQUIRE(dates.size() == 2);
    CHECK(dates[0].date == "2023-09-16");
    CHECK(dates[1].date == "2024-09-17");
}

namespace {
// The dates of a text, in order.
std::vector<std::string> dates_of(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : find_dates(text, wednesday))
        out.push_back(d.date);
    return out;
}
} // namespace

TEST_CASE("the same day, the next day and the day before count from the day told before them", "[extract][dates]") {
    using V = std::vector<std::string>;
    CHECK(dates_of("Gunmen raided a village on Monday. The same day, troops clashed with fighters nearby.") ==
          V{"2024-09-16", "2024-09-16"});
    CHECK(dates_of("Des hommes armés ont attaqué lundi un village. Le même jour, des soldats ont été pris à partie.") ==
          V{"2024-09-16", "2024-09-16"});
    CHECK(dates_of("Une embuscade a eu lieu le 10 septembre. Ce jour-là, trois soldats sont morts.") ==
          V{"2024-09-10", "2024-09-10"});
    CHECK(dates_of("A convoy was ambushed on 10 September. The next day, a mine hit a truck.") ==
          V{"2024-09-10", "2024-09-11"});
    CHECK(dates_of("Le camp a été attaqué le 10 septembre. Le lendemain, l'armée a riposté.") ==
          V{"2024-09-10", "2024-09-11"});
    CHECK(dates_of("The army struck on 12 September; the previous day, fighters had burned a school.") ==
          V{"2024-09-12", "2024-09-11"});
    CHECK(dates_of("Les renforts sont arrivés le 12 septembre. La veille, le poste avait été attaqué.") ==
          V{"2024-09-12", "2024-09-11"});
}

TEST_CASE("a day counted on from is when something was done, not when it was said", "[extract][dates]") {
    using V = std::vector<std::string>;
    // The claim came out on Wednesday; the same day is the attack's, Tuesday.
    CHECK(dates_of("Le camp a été attaqué mardi. L'attaque a été revendiquée mercredi par un groupe armé. "
                   "Le même jour, des combats ont éclaté plus au sud.") == V{"2024-09-17", "2024-09-18", "2024-09-17"});
    CHECK(dates_of("Fighters raided a market on Sunday, the army said on Tuesday. The next day, a bridge was blown up.") ==
          V{"2024-09-15", "2024-09-17", "2024-09-16"});
    // A day named right after it says which day is meant.
    CHECK(dates_of("L'ONG a été attaquée samedi, a annoncé lundi l'organisation. Le lendemain, dimanche, "
                   "des obus ont visé la ville.") == V{"2024-09-14", "2024-09-16", "2024-09-15"});
}

TEST_CASE("a date is when something was told after a reporting word or a statement", "[extract][dates]") {
    auto reported = [](const std::string& text) {
        const auto dates = find_dates(text, wednesday);
        INFO(text);
        REQUIRE(dates.size() == 1);
        return dates[0].reported;
    };
    CHECK(reported("Twelve people were killed, an official said on Monday."));
    CHECK(reported("Douze personnes ont été tuées, a indiqué lundi un responsable."));
    CHECK(reported("They opened fire, according to a statement read on state television on Monday."));
    CHECK_FALSE(reported("Gunmen opened fire on Monday."));
    CHECK_FALSE(reported("The statement came after gunmen, on Monday, opened fire."));
}

TEST_CASE("a day counted from something other than a date is not a date", "[extract][dates]") {
    // Inside a clause it dates what follows it, not the event.
    CHECK(dates_of("On 10 September, two drivers were abducted and released the following day.") ==
          std::vector<std::string>{"2024-09-10"});
    // Nothing dated before: no day to count from.
    CHECK(find_dates("The same day, troops clashed with fighters.", wednesday).empty());
    // The eve of an event, the day before a vote.
    CHECK(dates_of("Le 12 septembre, la veille de l'élection, des urnes ont été brûlées.") == std::vector<std::string>{"2024-09-12"});
    CHECK(dates_of("On 12 September, the day before the vote, ballot boxes were burned.") ==
          std::vector<std::string>{"2024-09-12"});
}
