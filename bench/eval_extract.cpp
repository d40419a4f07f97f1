// Accuracy of the reader on coded events: each ACLED row's `notes` is read
// as a report published three days after its event_date, and the incident
// with the highest confidence is compared with what ACLED coded:
//   location   within 25 km of the coded point (rows with coordinates)
//   date       event_date exact, over the notes that state a date and over all
//   fatalities exact
//   event type exact (old-schema types mapped to the current six)
//   actor1     exact coded name, and the same name without its period
// A naive geoparser — the most populous gazetteer match of the first
// capitalised name — is measured on the same rows for comparison.
//
//   eval_extract [--misses] FILE.csv...
//
// Prints the misses of every measure with --misses, then the figures: over
// all rows, and over the first and the second half of each file's rows (a
// rule tuned on one half should hold on the other).
#include "core/error.hpp"
#include "core/calendar.hpp"
#include "extract/actors.hpp"
#include "extract/dates.hpp"
#include "extract/extractor.hpp"
#include "extract/place_resolver.hpp"
#include "extract/text.hpp"
#include "gazetteer/gazetteer.hpp"
#include "sources/csv.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace incimap;

namespace {

struct Row {
    std::string origin;  // file:line
    std::string notes, event_date, event_type, actor1;
    std::optional<double> latitude, longitude;
    int fatalities = 0;
    int half = 0;  // 0: the first half of its file's rows, 1: the second
};

struct Measure {
    explicit Measure(std::string measure) : name(std::move(measure)) {}
    std::string name;
    int hits = 0;
    int total = 0;
    std::vector<std::string> misses;
    int half_hits[2] = {0, 0};
    int half_total[2] = {0, 0};

    void count(bool hit, const std::string& miss, int half) {
        ++total;
        ++half_total[half];
        if (hit) {
            ++hits;
            ++half_hits[half];
        } else {
            misses.push_back(miss);
        }
    }
    double share() const { return total ? 100.0 * hits / total : 0; }
    double half_share(int half) const {
        return half_total[half] ? 100.0 * half_hits[half] / half_total[half] : 0;
    }
};

std::optional<double> number(const std::string& s) {
    if (s.empty())
        return std::nullopt;
    try {
        return std::stod(s);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// ACLED's event types before 2019 ("Battle-No change of territory", "Remote
// violence", "Riots/Protests") in the current six.
std::vector<std::string> current_event_types(const std::string& coded) {
    if (coded.starts_with("Battle"))
        return {"Battles"};
    if (coded == "Remote violence")
        return {"Explosions/Remote violence"};
    if (coded == "Riots/Protests")
        return {"Protests", "Riots"};
    if (coded == "Strategic development" || coded == "Non-violent transfer of territory" ||
        coded == "Headquarters or base established")
        return {"Strategic developments"};
    return {coded};
}

std::string without_period(const std::string& actor) {
    auto open = actor.rfind(" (");
    if (open != std::string::npos && actor.back() == ')' &&
        std::isdigit(static_cast<unsigned char>(actor[open + 2])))
        return actor.substr(0, open);
    return actor;
}

// ACLED's export tool writes "03 December 2020": the ISO day it means, or
// the text unchanged when it is not of that form.
std::string iso_event_date(const std::string& date) {
    static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    int day = 0, year = 0;
    char month[16] = {};
    if (std::sscanf(date.c_str(), "%2d %15s %4d", &day, month, &year) != 3)
        return date;
    for (int m = 0; m < 12; ++m)
        if (std::string_view(month) == months[m]) {
            char iso[16];
            std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, m + 1, day);
            return iso;
        }
    return date;
}

std::vector<Row> read_rows(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw Error("cannot read " + path);
    sources::CsvReader csv(in, path);
    std::vector<std::string> header, fields;
    if (!csv.next(header))
        return {};
    auto col = [&](std::string_view name) { return sources::column_index(header, name); };
    const auto notes = col("notes"), date = col("event_date"), type = col("event_type"),
               actor1 = col("actor1"), lat = col("latitude"), lon = col("longitude"),
               fatalities = col("fatalities");
    if (!notes || !date)
        return {};
    std::vector<Row> rows;
    while (csv.next(fields)) {
        auto field = [&](std::optional<std::size_t> c) {
            return c && *c < fields.size() ? fields[*c] : std::string();
        };
        Row r;
        r.origin = path.substr(path.find_last_of('/') + 1) + ":" + std::to_string(csv.line());
        r.notes = field(notes);
        r.event_date = field(date);
        r.event_type = field(type);
        r.actor1 = field(actor1);
        r.latitude = number(field(lat));
        r.longitude = number(field(lon));
        r.fatalities = static_cast<int>(number(field(fatalities)).value_or(0));
        r.event_date = iso_event_date(r.event_date);
        if (!r.notes.empty() && parse_iso_date(r.event_date))
            rows.push_back(std::move(r));
    }
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i].half = 2 * i < rows.size() ? 0 : 1;
    return rows;
}

std::string days_after(const std::string& iso, int days) {
    auto day = parse_iso_date(iso);
    return iso_date(std::chrono::year_month_day(std::chrono::sys_days(*day) + std::chrono::days(days)));
}

// The runs of capitalised words in a text, from each capitalised word to
// the end of its run ("Fada N'gourma", then "N'gourma"), in order.
std::vector<std::string> capitalised_names(const std::string& text) {
    const auto folded = extract::fold(text);
    const auto tokens = extract::tokenize(folded);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].kind != extract::TokenKind::word ||
            !extract::is_ascii_upper(folded.cased[tokens[i].begin]))
            continue;
        std::size_t j = i;
        while (j + 1 < tokens.size() && tokens[j + 1].kind == extract::TokenKind::word &&
               extract::is_ascii_upper(folded.cased[tokens[j + 1].begin]))
            ++j;
        names.push_back(folded.cased.substr(tokens[i].begin, tokens[j].end - tokens[i].begin));
    }
    return names;
}

std::vector<gazetteer::Candidate> exact_matches(const gazetteer::Gazetteer& gazetteer, const std::string& name,
                                                std::size_t limit) {
    return gazetteer.resolve(gazetteer::Query{name, {}, {}, limit, false});
}

// The most populous gazetteer match of the first capitalised word (or run of
// them) that has any match.
std::optional<gazetteer::Place> naive_place(const gazetteer::Gazetteer& gazetteer, const std::string& text) {
    for (const auto& name : capitalised_names(text)) {
        auto candidates = exact_matches(gazetteer, name, 50);
        if (candidates.empty())
            continue;
        auto best = std::max_element(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
            return a.place.population < b.place.population;
        });
        return best->place;
    }
    return std::nullopt;
}

// Whether any exact gazetteer match of any capitalised name in the text, or
// of a word of one, or the capital of a country it names, lies within
// `km` of the point: what a geoparser that always picked the right sense
// among the gazetteer's places could reach. A note whose place the
// gazetteer lacks, or that names none, is beyond any choice of sense.
bool gazetteer_can_place(const gazetteer::Gazetteer& gazetteer, const std::string& text, double lat,
                         double lon, double km) {
    std::vector<std::string> names;
    for (const auto& name : capitalised_names(text)) {
        names.push_back(name);
        std::size_t from = 0;
        for (std::size_t at = 0; at <= name.size(); ++at)
            if (at == name.size() || name[at] == ' ' || name[at] == '-') {
                if (at > from && from > 0)
                    names.push_back(name.substr(from, at - from));
                if (at < name.size() && from == 0)
                    names.push_back(name.substr(0, at));
                from = at + 1;
            }
    }
    for (auto& name : names) {
        if (name.size() < 3)
            continue;
        if (gazetteer.is_country_name(name))
            if (auto country = gazetteer.country(name); country && !country->capital.empty())
                name = country->capital;
        for (const auto& c : exact_matches(gazetteer, name, 1000))
            if (extract::distance_km(c.place.latitude, c.place.longitude, lat, lon) <= km)
                return true;
    }
    return false;
}

void print_misses(const Measure& m) {
    std::printf("\n== misses: %s (%zu)\n", m.name.c_str(), m.misses.size());
    for (const auto& miss : m.misses)
        std::printf("%s\n", miss.c_str());
}

} // namespace

int main(int argc, char** argv) {
    bool misses = false;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--misses")
            misses = true;
        else
            files.push_back(arg);
    }
    if (files.empty()) {
        std::fprintf(stderr, "usage: eval_extract [--misses] FILE.csv...\n");
        return 2;
    }
    try {
        const auto gazetteer = gazetteer::Gazetteer::load(gazetteer::Sources{});
        const auto actors = extract::ActorDictionary::builtin();
        const extract::Extractor extractor(gazetteer, actors);

        Measure location{"location within 25 km"}, naive{"naive geoparser within 25 km"},
            reachable{"gazetteer holds a named place within 25 km"},
            placeable{"location, of the notes the gazetteer can place"},
            dated{"event_date exact (notes stating a date)"}, date_all{"event_date exact (all notes)"},
            fatalities{"fatalities exact"}, type{"event_type"}, actor{"actor1 exact"},
            actor_loose{"actor1 without period"}, found{"an incident found"};
        for (const auto& file : files)
            for (const Row& row : read_rows(file)) {
                sources::Document doc;
                doc.id = row.origin;
                doc.text = row.notes;
                doc.published = days_after(row.event_date, 3);
                const auto incidents = extractor.extract(doc);
                const std::string head = row.origin + ": " + row.notes.substr(0, 400);
                const Incident* best = nullptr;
                for (const auto& incident : incidents)
                    if (!best || incident.confidence > best->confidence)
                        best = &incident;
                found.count(best != nullptr, head, row.half);

                if (row.latitude && row.longitude) {
                    bool near = false;
                    std::string detail = "\n    -> no incident";
                    if (best) {
                        const double km = extract::distance_km(best->latitude, best->longitude,
                                                               *row.latitude, *row.longitude);
                        char line[200];
                        std::snprintf(line, sizeof line, "\n    -> %s (%s, %s) %.4f %.4f: %.0f km",
                                      best->location.c_str(), best->admin1.c_str(), best->iso.c_str(),
                                      best->latitude, best->longitude, km);
                        near = km <= 25;
                        detail = line;
                    }
                    location.count(near, head + detail, row.half);
                    auto simple = naive_place(gazetteer, row.notes);
                    naive.count(simple && extract::distance_km(simple->latitude, simple->longitude,
                                                               *row.latitude, *row.longitude) <= 25,
                                head, row.half);
                    const bool can = gazetteer_can_place(gazetteer, row.notes, *row.latitude, *row.longitude, 25);
                    reachable.count(can, head, row.half);
                    if (can)
                        placeable.count(near, head + detail, row.half);
                }
                const std::string got_date = best ? best->event_date : "-";
                const bool states_date = !extract::find_dates(row.notes, doc.published).empty();
                const std::string date_miss = head + "\n    -> " + got_date + " coded " + row.event_date;
                if (states_date)
                    dated.count(got_date == row.event_date, date_miss, row.half);
                date_all.count(got_date == row.event_date, date_miss, row.half);
                fatalities.count(best && best->fatalities == row.fatalities,
                                 head + "\n    -> " + (best ? std::to_string(best->fatalities) : "-") +
                                     " coded " + std::to_string(row.fatalities),
                                 row.half);
                const auto types = current_event_types(row.event_type);
                const std::string got_type = best ? best->event_type + "/" + best->sub_event_type : "-";
                type.count(best && std::find(types.begin(), types.end(), best->event_type) != types.end(),
                           head + "\n    -> " + got_type + " coded " + row.event_type, row.half);
                const std::string got_actor = best ? best->actor1 : "-";
                const std::string actor_miss = head + "\n    -> '" + got_actor + "' coded '" + row.actor1 + "'";
                actor.count(best && best->actor1 == row.actor1, actor_miss, row.half);
                actor_loose.count(best && without_period(best->actor1) == without_period(row.actor1),
                                  actor_miss, row.half);
            }
        const std::vector<const Measure*> all = {&found, &location, &naive, &reachable, &placeable, &dated, &date_all,
                                                 &fatalities, &type, &actor, &actor_loose};
        if (misses)
            for (const Measure* m : all)
                if (m != &naive && m != &reachable && m != &location)
                    print_misses(*m);
        std::printf("\n%-48s %8s %8s %8s %11s %11s\n", "measure", "hits", "notes", "share",
                    "1st half", "2nd half");
        for (const Measure* m : all)
            std::printf("%-48s %8d %8d %7.1f%% %10.1f%% %10.1f%%\n", m->name.c_str(), m->hits, m->total,
                        m->share(), m->half_share(0), m->half_share(1));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "eval_extract: %s\n", e.what());
        return 1;
    }
    return 0;
}
