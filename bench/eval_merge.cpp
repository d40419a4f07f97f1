// How well the store merges reports of the same event, end to end (reader,
// then IncidentStore::add through store::Ingestion):
//
//   precision: each ACLED row's `notes` is read as a report published three
//     days after its event_date and ingested into a new store; ACLED codes
//     every row as a separate event, so an incident holding the reports of
//     two distinct event_id_cnty is an over-merge. Prints the share of
//     events kept apart from every other event (goal: at least 99 %), and
//     the time ingest took.
//   pairs: a file of report pairs (store/report_pairs.hpp): the share of
//     same-event pairs merged (goal: at least 95 %) and of look-alike pairs
//     of different events kept apart.
//
//   eval_merge [--merged] [--pairs FILE] [ACLED.csv...]
//
// --merged prints the groups of events merged together and the misses of
// the pairs (for the tuning split and the fixtures only).
#include "coded_notes.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "extract/actors.hpp"
#include "extract/confidence.hpp"
#include "extract/extractor.hpp"
#include "gazetteer/gazetteer.hpp"
#include "sources/csv.hpp"
#include "store/content_hash.hpp"
#include "store/dates.hpp"
#include "store/incident_store.hpp"
#include "store/ingest.hpp"
#include "store/particulars.hpp"
#include "store/report_pairs.hpp"

#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <cctype>
#include <string>
#include <vector>

#include <stdlib.h>

using namespace incimap;
namespace fs = std::filesystem;

namespace {

struct Row {
    std::string event_id;  // event_id_cnty, or file:line when it has none
    std::string notes, published;
};

std::vector<Row> read_rows(const std::string& path) {
    std::vector<Row> rows;
    for (auto& note : bench::read_coded_notes(path)) {
        Row r;
        r.event_id = note.column("event_id_cnty");
        if (r.event_id.empty())
            r.event_id = note.origin;
        r.notes = std::move(note.notes);
        r.published = note.published;
        rows.push_back(std::move(r));
    }
    return rows;
}

// The lowercase words of a note, for telling one note coded as several
// events (the same text, or nearly) from different notes merged.
std::set<std::string> words_of(const std::string& text) {
    std::set<std::string> words;
    std::string word;
    for (char c : text + " ") {
        if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!word.empty()) {
            words.insert(word);
            word.clear();
        }
    }
    return words;
}

double overlap(const std::set<std::string>& a, const std::set<std::string>& b) {
    std::size_t shared = 0;
    for (const auto& w : a)
        shared += b.count(w);
    const std::size_t all = a.size() + b.size() - shared;
    return all == 0 ? 1.0 : double(shared) / double(all);
}

// A folder removed at the end.
struct TempFolder {
    fs::path path;
    TempFolder() {
        std::string pattern = (fs::temp_directory_path() / "eval-merge-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            throw Error("cannot make a temporary folder " + pattern);
        path = pattern;
    }
    ~TempFolder() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

void precision(const std::string& file, const extract::Extractor& extractor, bool print_merged) {
    const auto rows = read_rows(file);
    TempFolder folder;
    auto store = store::IncidentStore::open((folder.path / "store.gpkg").string(),
                                            store::IncidentStore::Access::write);
    store::Ingestion ingestion(store, extract::default_min_confidence);
    double extract_seconds = 0, add_seconds = 0, add_cpu_seconds = 0;
    {
        auto transaction = store.begin();
        for (const auto& row : rows) {
            auto t0 = std::chrono::steady_clock::now();
            sources::Document doc;
            doc.id = row.event_id;
            doc.text = row.notes;
            doc.published = row.published;
            auto incidents = extractor.extract(doc);
            auto t1 = std::chrono::steady_clock::now();
            const std::clock_t cpu1 = std::clock();
            store::ReportOrigin origin{row.notes, row.event_id, {}, row.published, {}};
            auto source = store::source_record(origin);
            if (!ingestion.already_ingested(source))
                ingestion.add(incidents, source);
            auto t2 = std::chrono::steady_clock::now();
            add_cpu_seconds += double(std::clock() - cpu1) / CLOCKS_PER_SEC;
            extract_seconds += std::chrono::duration<double>(t1 - t0).count();
            add_seconds += std::chrono::duration<double>(t2 - t1).count();
        }
        transaction.commit();
    }
    // The events each incident holds, and the events that share one.
    std::set<std::string> events, merged_events;
    std::map<std::string, std::set<std::string>> groups;  // for --merged
    std::map<int, std::size_t> merged_by_precision;         // events, by their incident's geo_precision
    std::map<std::string, std::size_t> merged_by_type;      // and event type
    std::map<std::string, const Row*> row_of;
    for (const auto& row : rows)
        row_of.emplace(row.event_id, &row);
    std::size_t merged_same_text = 0;  // merged with an event whose note shares most of its words
    store.scan({}, [&](const Incident& incident) {
        std::set<std::string> held;
        for (const auto& link : store.links_of(incident.id))
            held.insert(link.source.url);
        events.insert(held.begin(), held.end());
        if (held.size() > 1) {
            merged_events.insert(held.begin(), held.end());
            merged_by_precision[static_cast<int>(incident.geo_precision)] += held.size();
            merged_by_type[incident.event_type] += held.size();
            std::vector<std::set<std::string>> words;
            for (const auto& e : held)
                words.push_back(words_of(row_of.at(e)->notes));
            for (std::size_t i = 0; i < words.size(); ++i)
                for (std::size_t j = 0; j < words.size(); ++j)
                    if (i != j && overlap(words[i], words[j]) >= 0.6) {
                        ++merged_same_text;
                        break;
                    }
            if (print_merged) {
                std::string key = incident.event_date + " " + incident.location + " " + incident.event_type;
                for (const auto& e : held)
                    key += " " + e;
                groups[key] = held;
            }
        }
    });
    if (print_merged)
        for (const auto& [key, held] : groups)
            std::printf("merged: %s\n", key.c_str());
    const auto& counts = ingestion.counts();
    const std::size_t apart = events.size() - merged_events.size();
    std::printf("%s: %zu notes, %zu events stored, %zu incidents added, %zu reports merged\n",
                file.c_str(), rows.size(), events.size(), counts.added, counts.merged);
    std::printf("  events kept apart from every other event: %zu of %zu = %.2f%% "
                "(%zu merged with another)\n",
                apart, events.size(), events.empty() ? 0.0 : 100.0 * apart / events.size(),
                merged_events.size());
    std::printf("  merged events by their incident's geo_precision:");
    for (const auto& [precision, count] : merged_by_precision)
        std::printf(" %d: %zu", precision, count);
    std::printf("; %zu of them with an event whose note shares 60 %% of its words or more", merged_same_text);
    std::printf("; by event type:");
    for (const auto& [type, count] : merged_by_type)
        std::printf(" %s: %zu", type.c_str(), count);
    std::printf("\n");
    std::printf("  time: reading %.2f s, adding to the store %.2f s (%.2f ms a note; CPU %.2f s)\n",
                extract_seconds, add_seconds, rows.empty() ? 0.0 : 1000 * add_seconds / rows.size(),
                add_cpu_seconds);
}

// What the reader made of one report of a missed pair.
void print_reading(const std::string& text, const std::string& published,
                   const extract::Extractor& extractor) {
    sources::Document doc;
    doc.text = text;
    doc.published = published;
    const auto incidents = extractor.extract(doc);
    if (incidents.empty())
        std::printf("    (no incident)\n");
    for (const auto& i : incidents) {
        std::string named;
        for (const auto& n : store::particular_names(store::particulars_of(text)))
            named += " " + n;
        std::printf("    %s %s/%s %s (%lld) [%s | %s] %d dead, confidence %.2f, particulars:%s\n",
                    i.event_date.c_str(), i.event_type.c_str(), i.sub_event_type.c_str(),
                    i.location.c_str(), static_cast<long long>(i.geonameid), i.actor1.c_str(),
                    i.actor2.c_str(), i.fatalities, i.confidence, named.c_str());
    }
}

void pairs(const std::string& file, const extract::Extractor& extractor, bool print_misses) {
    std::ifstream in(file);
    if (!in)
        throw Error("cannot read " + file);
    const auto list = store::read_report_pairs(in, file);
    TempFolder folder;
    auto store = store::IncidentStore::open((folder.path / "pairs.gpkg").string(),
                                            store::IncidentStore::Access::write);
    auto score = store::score_report_pairs(list, extractor, store, extract::default_min_confidence);
    if (print_misses)
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto& outcome = score.outcomes[i];
            if (outcome.merged != list[i].same_event) {
                std::printf("miss: %s %s (%s): incidents %zu + %zu, %s\n", list[i].origin.c_str(),
                            list[i].same_event ? "same" : "different", list[i].label.c_str(),
                            outcome.incidents_a, outcome.incidents_b,
                            outcome.merged ? "merged" : "kept apart");
                print_reading(list[i].a, list[i].published, extractor);
                print_reading(list[i].b, list[i].published, extractor);
            }
        }
    std::printf("%s: same-event pairs merged %d of %d = %.1f%%; look-alike pairs kept apart %d "
                "of %d = %.1f%%\n",
                file.c_str(), score.same_merged, score.same, score.recall(), score.different_apart,
                score.different, score.apart());
}

} // namespace

int main(int argc, char** argv) {
    bool merged = false;
    std::vector<std::string> files, pair_files;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--merged")
            merged = true;
        else if (arg == "--pairs" && i + 1 < argc)
            pair_files.push_back(argv[++i]);
        else if (arg.starts_with("-")) {
            std::fprintf(stderr, "eval_merge: unknown option '%s'\n", arg.c_str());
            return 2;
        } else
            files.push_back(arg);
    }
    if (files.empty() && pair_files.empty()) {
        std::fprintf(stderr, "usage: eval_merge [--merged] [--pairs FILE] [ACLED.csv...]\n");
        return 2;
    }
    try {
        const auto gazetteer = gazetteer::Gazetteer::load(gazetteer::Sources{});
        const auto actors = extract::ActorDictionary::builtin();
        const extract::Extractor extractor(gazetteer, actors);
        for (const auto& file : pair_files)
            pairs(file, extractor, merged);
        for (const auto& file : files)
            precision(file, extractor, merged);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "eval_merge: %s\n", e.what());
        return 1;
    }
    return 0;
}
