// Measures the reader's building blocks against coded ACLED events: each
// event's `notes` is read as a report published 3 days after its
// event_date, and the date, fatalities, event type and first actor found are
// compared with the coded columns. Prints the rates, the misses, and the
// time the components took.
//
//   eval_components [--misses N] EVENTS.csv...
//
// Goals for the full extractor: date >= 95 % of dated notes (notes that
// name a month), fatalities >= 85 %, event type >= 80 %.
#include "core/error.hpp"
#include "core/calendar.hpp"
#include "extract/actors.hpp"
#include "extract/dates.hpp"
#include "extract/event_types.hpp"
#include "extract/fatalities.hpp"
#include "extract/sentences.hpp"
#include "sources/csv.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

using namespace incimap;
using namespace incimap::extract;

namespace {

struct Score {
    explicit Score(std::string n) : name(std::move(n)) {}
    std::string name;
    long hits = 0;
    long total = 0;
    std::vector<std::string> misses;

    void add(bool hit, std::string miss) {
        ++total;
        if (hit)
            ++hits;
        else
            misses.push_back(std::move(miss));
    }
    double rate() const { return total ? 100.0 * hits / total : 0; }
};

bool names_a_month(std::string_view notes) {
    static constexpr const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                             "July",    "August",   "September", "October", "November", "December"};
    for (const char* m : months)
        if (notes.find(m) != std::string_view::npos)
            return true;
    return false;
}

std::string plus_days(std::string_view iso, int days) {
    auto d = parse_iso_date(iso);
    if (!d)
        return "";
    return iso_date(std::chrono::year_month_day{std::chrono::sys_days{*d} + std::chrono::days{days}});
}

// ACLED names state forces by regime ("(2015-)", "(2015-2022)"); the
// suffix depends on when the data was exported, so it is compared apart.
std::string without_period(std::string name) {
    if (auto p = name.rfind(" ("); p != std::string::npos && name.size() > p + 3 &&
                                   name[p + 2] >= '1' && name[p + 2] <= '2')
        name.erase(p);
    return name;
}

// Event types of ACLED's older schema, in today's names.
bool same_event_type(std::string_view got, std::string_view want) {
    if (want.starts_with("Battle-"))
        return got == "Battles";
    if (want == "Riots/Protests")
        return got == "Riots" || got == "Protests";
    if (want == "Remote violence")
        return got == "Explosions/Remote violence";
    if (want == "Strategic development" || want == "Non-violent transfer of territory" ||
        want == "Headquarters or base established")
        return got == "Strategic developments";
    return got == want;
}

// The event of a report: the first sentence that has one.
std::optional<EventClassification> report_event(std::string_view notes, const ActorDictionary& actors) {
    for (const auto& s : split_sentences(notes)) {
        auto text = s.in(notes);
        if (auto c = classify_event(text, actors.find(text)))
            return c;
    }
    return std::nullopt;
}

} // namespace

int main(int argc, char** argv) {
    std::size_t show = 15;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--misses" && i + 1 < argc)
            show = std::strtoul(argv[++i], nullptr, 10);
        else
            files.push_back(arg);
    }
    if (files.empty()) {
        fmt::print(stderr, "usage: eval_components [--misses N] EVENTS.csv...\n");
        return 2;
    }
    const ActorDictionary actors = ActorDictionary::builtin();
    Score dated{"date (dated notes)"}, all_dates{"date (all notes)"}, fatalities{"fatalities"},
        event_type{"event type"}, whole_note{"event type (whole note)"}, sub_event{"sub-event type"}, actor1{"actor1"}, actor1_loose{"actor1 (no period)"};
    using clock = std::chrono::steady_clock;
    clock::duration t_dates{}, t_fatal{}, t_events{}, t_actors{};
    long bytes = 0;

    try {
        for (const auto& file : files) {
            sources::CsvReader csv(file, sources::BadRecords::stop);
            std::vector<std::string> header, row;
            if (!csv.next(header))
                continue;
            auto col = [&](const char* name) {
                auto c = sources::column_index(header, name);
                if (!c)
                    throw InputError(file, 1, fmt::format("no column '{}'", name));
                return *c;
            };
            std::size_t c_notes = col("notes"), c_date = col("event_date"), c_fatal = col("fatalities"),
                        c_type = col("event_type"), c_sub = col("sub_event_type"), c_actor = col("actor1"),
                        c_country = col("country");
            while (csv.next(row)) {
                if (row.size() != header.size())
                    throw InputError(file, csv.line(), fmt::format("{} fields, header has {}", row.size(), header.size()));
                const std::string& notes = row[c_notes];
                if (notes.empty())
                    continue;
                bytes += static_cast<long>(notes.size());
                std::string where = fmt::format("{}:{}", file, csv.line());
                std::string published = plus_days(row[c_date], 3);

                auto t0 = clock::now();
                auto dates = find_dates(notes, published);
                auto t1 = clock::now();
                auto count = count_fatalities(notes);
                auto t2 = clock::now();
                auto event = report_event(notes, actors);
                auto t3 = clock::now();
                auto mentions = actors.find(notes);
                auto t4 = clock::now();
                t_dates += t1 - t0, t_fatal += t2 - t1, t_events += t3 - t2, t_actors += t4 - t3;

                std::string got_date = dates.empty() ? "-" : dates.front().date;
                std::string date_miss = fmt::format("{}: want {} got {} | {}", where, row[c_date], got_date, notes);
                all_dates.add(got_date == row[c_date], date_miss);
                if (names_a_month(notes))
                    dated.add(got_date == row[c_date], date_miss);

                int want_fatal = std::atoi(row[c_fatal].c_str());
                fatalities.add(count.fatalities == want_fatal,
                               fmt::format("{}: want {} got {} | {}", where, want_fatal, count.fatalities, notes));

                std::string got_type = event ? std::string(event->type.event_type) : "-";
                std::string got_sub = event ? std::string(event->type.sub_event_type) : "-";
                event_type.add(same_event_type(got_type, row[c_type]),
                               fmt::format("{}: want {} got {} | {}", where, row[c_type], got_type, notes));
                auto whole = classify_event(notes, mentions);
                whole_note.add(same_event_type(whole ? whole->type.event_type : "-", row[c_type]), "");
                if (!row[c_sub].empty())
                    sub_event.add(got_sub == row[c_sub],
                                  fmt::format("{}: want {} got {} | {}", where, row[c_sub], got_sub, notes));

                std::string got_actor = "-";
                for (const auto& m : mentions)
                    if (!m.generic) {
                        got_actor = actors.coded_name(m.name, row[c_country], row[c_date]);
                        break;
                    }
                if (got_actor == "-" && !mentions.empty())
                    got_actor = actors.coded_name(mentions.front().name, row[c_country], row[c_date]);
                // ACLED names demonstrators after the event they make.
                if (got_type == "Protests" || got_type == "Riots")
                    got_actor = fmt::format("{} ({})", got_type == "Protests" ? "Protesters" : "Rioters", row[c_country]);
                actor1.add(got_actor == row[c_actor],
                           fmt::format("{}: want {} got {} | {}", where, row[c_actor], got_actor, notes));
                actor1_loose.add(without_period(got_actor) == without_period(row[c_actor]), "");
            }
        }
    } catch (const std::exception& e) {
        fmt::print(stderr, "eval_components: {}\n", e.what());
        return 1;
    }

    for (Score* s : {&dated, &fatalities, &event_type, &sub_event, &actor1}) {
        fmt::print("\n== misses: {} ({} of {}, first {})\n", s->name, s->misses.size(), s->total, show);
        for (std::size_t i = 0; i < s->misses.size() && i < show; ++i)
            fmt::print("  {}\n", s->misses[i].substr(0, 400));
    }
    fmt::print("\n== results ({} notes, {} KiB)\n", fatalities.total, bytes / 1024);
    for (const Score* s : {&dated, &all_dates, &fatalities, &event_type, &whole_note, &sub_event, &actor1, &actor1_loose})
        fmt::print("  {:<22} {:6.1f} %  ({} / {})\n", s->name, s->rate(), s->hits, s->total);
    auto us = [&](clock::duration d) {
        return fatalities.total ? std::chrono::duration<double, std::micro>(d).count() / fatalities.total : 0.0;
    };
    fmt::print("\n== time per note: dates {:.1f} us, fatalities {:.1f} us, event type {:.1f} us, actors {:.1f} us\n",
               us(t_dates), us(t_fatal), us(t_events), us(t_actors));
    return 0;
}
