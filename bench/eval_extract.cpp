// Accuracy of the reader on coded events: each ACLED row's `notes` is read
// as a report published three days after its event_date, and the incident
// with the highest confidence, of those `incimap extract` prints (at or
// above the default --min-confidence), is compared with what ACLED coded:
//   location    within 25 km of the coded point (rows with coordinates)
//   date        event_date exact, over the notes that state a day or month
//   fatalities  exact
//   event type  exact (old-schema types mapped to the current six)
//   actor1      the coded name without its periods ("(2015-2022)")
//   no incident the note gave none at all
//
// Files are scored one by one and per country inside each, then pooled
// into the tuning split and the test split (split_of()), side by side for
// Mali, Burkina Faso and Niger with the gap between them: a rule fitted to
// the notes it was written from shows as a gap. Notes of countries the
// embedded gazetteer holds only the larger towns of (Nigeria, Ghana, Chad…)
// are pooled apart. For the test split the figures are also given for the
// notes that name their coded place literally where the gazetteer holds a
// place of that name within 25 km of the point.
//
//   eval_extract [--misses] [--features OUT.tsv] [--gazetteer DUMP]...
//                [--learn FILE.csv]... FILE.csv...
//
// --gazetteer adds a GeoNames dump to the embedded gazetteer. --learn reads
// the notes with the places a store's history would teach
// (`incimap gazetteer learn`): those learned from the coded events of
// FILE.csv, never from the note scored (see LearnedLayers).
//
// The location misses of Mali, Burkina Faso and Niger are told apart by
// what the note was placed at instead (miss_kind()), as shares of each
// split's notes.
//
// --misses prints the misses of every measure, for tuning files only: the
// test split is scored, never read note by note. --features writes, for
// the tuning files, every candidate the place ranker weighed with its
// features and whether it lies within 25 km of the coded point: the
// training data of bench/fit_place_ranker.py.
#include "coded_notes.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "extract/actors.hpp"
#include "extract/confidence.hpp"
#include "extract/dates.hpp"
#include "extract/extractor.hpp"
#include "extract/place_resolver.hpp"
#include "extract/text.hpp"
#include "gazetteer/gazetteer.hpp"
#include "gazetteer/learned_places.hpp"
#include "sources/csv.hpp"
#include "store/dates.hpp"
#include "text/fold.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <unistd.h>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace incimap;

namespace {

enum class Split { tuning, test };

// The split each shared file belongs to; any other file is tuning.
Split split_of(const std::string& path) {
    const std::string name = path.substr(path.find_last_of('/') + 1);
    return name == "acled_westafrica_2021h1.csv" || name == "acled_chad_mauritania_1997-2018.csv"
               ? Split::test
               : Split::tuning;
}

// Countries whose GeoNames dump the embedded gazetteer holds whole, or with
// every populated place and unit (gazetteer/README.md); of the others it
// holds only towns of more than 500 people.
bool full_gazetteer_country(const std::string& iso) {
    static const std::set<std::string> full = {"ML", "BF", "NE", "CI", "GN", "MR", "SN"};
    return full.contains(iso);
}

bool focus_country(const std::string& iso) { return iso == "ML" || iso == "BF" || iso == "NE"; }

struct Row {
    std::string origin;  // file:line
    std::string file;
    Split split = Split::tuning;
    std::string notes, event_date, published, event_type, actor1, country, iso, location;
    std::optional<double> latitude, longitude;
    int fatalities = 0;
};

struct Measure {
    int hits = 0;
    int total = 0;
    void count(bool hit) {
        ++total;
        hits += hit ? 1 : 0;
    }
    double share() const { return total ? 100.0 * hits / total : 0; }
};

// The figures of one group of notes.
struct Figures {
    int notes = 0;
    Measure location, date, fatalities, type, actor1, none;
};

const char* const measure_names[] = {"location <= 25 km", "date (dated notes)", "fatalities exact",
                                     "event type", "actor1", "no incident"};
constexpr int measure_count = 6;

const Measure& measure(const Figures& f, int i) {
    const Measure* all[] = {&f.location, &f.date, &f.fatalities, &f.type, &f.actor1, &f.none};
    return *all[i];
}

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

// The actor without ACLED's periods, wherever they stand: "Police Forces
// of Burkina Faso (2015-) Gendarmerie" -> "Police Forces of Burkina Faso
// Gendarmerie".
std::string without_period(const std::string& actor) {
    std::string out;
    std::size_t k = 0;
    while (k < actor.size()) {
        auto open = actor.find(" (", k);
        if (open == std::string::npos)
            break;
        auto close = actor.find(')', open);
        if (close == std::string::npos || open + 2 >= actor.size() ||
            !std::isdigit(static_cast<unsigned char>(actor[open + 2]))) {
            out += actor.substr(k, open + 2 - k);
            k = open + 2;
            continue;
        }
        out += actor.substr(k, open - k);
        k = close + 1;
    }
    out += actor.substr(k);
    return out;
}

std::vector<Row> read_rows(const std::string& path, const gazetteer::Gazetteer& gazetteer) {
    std::vector<Row> rows;
    std::map<std::string, std::string> iso_of;
    for (auto& note : bench::read_coded_notes(path)) {
        Row r;
        r.file = note.file;
        r.split = split_of(path);
        r.origin = note.origin;
        r.notes = std::move(note.notes);
        r.event_date = note.event_date;
        r.published = note.published;
        r.event_type = note.column("event_type");
        r.actor1 = note.column("actor1");
        r.country = note.column("country");
        r.location = note.column("location");
        if (!iso_of.contains(r.country)) {
            const auto c = gazetteer.country(r.country);
            iso_of[r.country] = c ? c->iso2 : "";
        }
        r.iso = iso_of[r.country];
        r.latitude = number(note.column("latitude"));
        r.longitude = number(note.column("longitude"));
        r.fatalities = static_cast<int>(number(note.column("fatalities")).value_or(0));
        rows.push_back(std::move(r));
    }
    return rows;
}


// The matching key of every word of a text, space-separated: "Ti-n-Zaouâtene,
// Kidal" -> "ti n zaouaten kidal".
std::string word_keys(std::string_view text) {
    std::string keys, word;
    auto flush = [&] {
        if (const std::string key = text::name_key(word); !key.empty())
            keys += (keys.empty() ? "" : " ") + key;
        word.clear();
    };
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || std::isalnum(u))
            word += c;
        else
            flush();
    }
    flush();
    return keys;
}

// Whether the note names ACLED's coded location literally (as whole words,
// case and accents aside) and the gazetteer holds a place of that name
// within 25 km of the coded point: a note a reader can place by its words.
bool names_its_place(const gazetteer::Gazetteer& gazetteer, const Row& row) {
    if (row.location.empty() || !row.latitude || !row.longitude)
        return false;
    const std::string note = " " + word_keys(row.notes) + " ";
    const std::string place = " " + word_keys(row.location) + " ";
    if (note.find(place) == std::string::npos)
        return false;
    for (const auto& c : gazetteer.resolve(gazetteer::Query{row.location, {}, {}, 1000, false}))
        if (extract::distance_km(c.place.latitude, c.place.longitude, *row.latitude, *row.longitude) <= 25)
            return true;
    return false;
}

struct Outcome {
    bool located = false, has_point = false, dated = false, date = false, fatalities = false, type = false,
         actor1 = false, none = false;
    std::string got_place, got_date, got_fatalities, got_type, got_actor;
    std::string location_miss;  // what a location miss placed, see miss_kind()
};

// What a note placed more than 25 km from its coded point got instead.
std::string miss_kind(const Incident* best, const std::string& coded_location) {
    if (!best)
        return "no incident";
    if (best->geo_precision == GeoPrecision::region)
        return "a region or the country (precision 3)";
    if (text::name_key(best->location) == text::name_key(coded_location))
        return "the coded name, elsewhere";
    if (best->geo_precision == GeoPrecision::near)
        return "near another name (precision 2)";
    return "another name";
}

void add(Figures& f, const Outcome& o) {
    ++f.notes;
    if (o.has_point)
        f.location.count(o.located);
    if (o.dated)
        f.date.count(o.date);
    f.fatalities.count(o.fatalities);
    f.type.count(o.type);
    f.actor1.count(o.actor1);
    f.none.count(o.none);
}

void print_header(const char* first) {
    std::printf("%-44s %6s", first, "notes");
    for (int i = 0; i < measure_count; ++i)
        std::printf(" %9.9s", measure_names[i]);
    std::printf("\n");
}

void print_figures(const std::string& label, const Figures& f) {
    std::printf("%-44.44s %6d", label.c_str(), f.notes);
    for (int i = 0; i < measure_count; ++i) {
        const Measure& m = measure(f, i);
        if (m.total)
            std::printf(" %8.1f%%", m.share());
        else
            std::printf(" %9s", "-");
    }
    std::printf("\n");
}

// The goals for Mali, Burkina Faso and Niger notes of the test split; "no
// incident" is a ceiling, the others floors.
const double goals[measure_count] = {85, 95, 88, 85, 75, 3};

void print_comparison(const Figures& tuning, const Figures& test) {
    std::printf("\n== Mali, Burkina Faso, Niger: tuning split vs test split\n");
    std::printf("%-22s %12s %12s %8s %8s\n", "measure", "tuning", "test", "gap", "goal");
    for (int i = 0; i < measure_count; ++i) {
        const double a = measure(tuning, i).share(), b = measure(test, i).share();
        const bool ceiling = i == measure_count - 1;
        const bool met = ceiling ? b <= goals[i] : b >= goals[i];
        std::printf("%-22s %11.1f%% %11.1f%% %+7.1f %s%6.0f%% %s\n", measure_names[i], a, b, b - a,
                    ceiling ? "<=" : ">=", goals[i], met ? "met" : "not met");
    }
    std::printf("%-22s %12d %12d\n", "notes", tuning.notes, test.notes);
}

void print_misses(const std::string& name, const std::vector<std::string>& misses) {
    std::printf("\n== misses: %s (%zu)\n", name.c_str(), misses.size());
    for (const auto& miss : misses)
        std::printf("%s\n", miss.c_str());
}

// Writes each candidate the place ranker weighed for a note, with whether
// it is the place meant (see write()), as one TSV row:
//   note  group  label  feature...
class FeatureWriter {
public:
    explicit FeatureWriter(const std::string& path) : out_(path) {
        if (!out_)
            throw Error("cannot write " + path);
        out_ << "note\tgroup\tlabel\tedits";
        for (const auto& name : extract::place_feature_names())
            out_ << '\t' << name;
        out_ << '\n';
    }
    void write(const Row& row, const std::vector<extract::RankedGroup>& groups) {
        ++note_;
        for (const auto& group : groups) {
            ++group_;
            // The candidates within 25 km of the coded point are the place
            // meant; so is the nearest within 100 km (a province or region
            // named as a hint is rarely within 25 km of its village).
            std::vector<double> km;
            for (const auto& c : group.candidates)
                km.push_back(extract::distance_km(c.latitude, c.longitude, *row.latitude, *row.longitude));
            const double nearest = *std::min_element(km.begin(), km.end());
            for (std::size_t i = 0; i < group.candidates.size(); ++i) {
                const auto& c = group.candidates[i];
                const bool meant = km[i] <= 25 || (km[i] == nearest && km[i] <= 100);
                out_ << note_ << '\t' << group_ << '\t' << (meant ? 1 : 0) << '\t' << c.edits;
                for (double v : c.features)
                    out_ << '\t' << v;
                out_ << '\n';
            }
        }
    }

private:
    std::ofstream out_;
    long note_ = 0, group_ = 0;
};

// Places learned from coded events (--learn FILE), as a store's history
// gives them (`incimap gazetteer learn`). A note is never scored with a
// place learned from itself: the notes of the learning files are split in
// two folds by their order, and each fold is scored with what the other
// taught; notes of other files with what all of them taught.
struct LearnedLayers {
    std::vector<gazetteer::Gazetteer> gazetteers;  // all, then folds 0 and 1's teachers
    std::map<std::string, int> fold_of;            // origin -> fold

    LearnedLayers(const std::vector<std::string>& files, const gazetteer::Gazetteer& known,
                  const gazetteer::Sources& sources) {
        if (files.empty())
            return;
        std::vector<gazetteer::CodedPlace> all, fold[2];
        for (const auto& file : files)
            for (const auto& note : bench::read_coded_notes(file)) {
                gazetteer::CodedPlace place{note.column("location"), note.column("country"), note.column("admin1"),
                                            note.column("admin2"),   note.column("admin3"),  number(note.column("latitude")).value_or(NAN),
                                            number(note.column("longitude")).value_or(NAN),
                                            static_cast<int>(number(note.column("geo_precision")).value_or(1))};
                const int f = static_cast<int>(fold_of.size() % 2);
                fold_of[note.origin] = f;
                fold[f].push_back(place);
                all.push_back(std::move(place));
            }
        const auto folder = std::filesystem::temp_directory_path();
        const std::vector<gazetteer::CodedPlace>* teachers[] = {&all, &fold[1], &fold[0]};
        for (int k = 0; k < 3; ++k) {
            const auto learned = gazetteer::learn_places(*teachers[k], known);
            const auto dump = folder / ("eval_extract_learned_" + std::to_string(::getpid()) + "_" +
                                        std::to_string(k) + ".txt");
            {
                std::ofstream out(dump);
                gazetteer::write_geonames_rows(learned.places, out);
            }
            auto with = sources;
            with.dumps.push_back(dump);
            gazetteers.push_back(gazetteer::Gazetteer::load(with));
            std::filesystem::remove(dump);
            if (k == 0)
                std::fprintf(stderr, "learned %zu places from %zu coded events (%zu names already known)\n",
                             learned.places.size(), learned.events_used, learned.names_known);
        }
    }

    // The gazetteer to score a note with: -1 the plain one.
    int layer_of(const std::string& origin) const {
        if (gazetteers.empty())
            return -1;
        const auto it = fold_of.find(origin);
        return it == fold_of.end() ? 0 : 1 + it->second;
    }
};

} // namespace

int main(int argc, char** argv) {
    bool misses = false;
    std::optional<std::string> features_path;
    std::vector<std::string> files;
    gazetteer::Sources sources;
    std::vector<std::string> learn_files;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--misses")
            misses = true;
        else if (arg == "--features" && i + 1 < argc)
            features_path = argv[++i];
        else if (arg == "--gazetteer" && i + 1 < argc)
            sources.dumps.emplace_back(argv[++i]);
        else if (arg == "--learn" && i + 1 < argc)
            learn_files.emplace_back(argv[++i]);
        else if (arg.starts_with("--")) {
            std::fprintf(stderr, "eval_extract: unknown option '%s'\n", arg.c_str());
            return 2;
        } else
            files.push_back(arg);
    }
    if (files.empty()) {
        std::fprintf(stderr, "usage: eval_extract [--misses] [--features OUT.tsv] [--gazetteer DUMP]... [--learn FILE.csv]... FILE.csv...\n");
        return 2;
    }
    try {
        const auto gazetteer = gazetteer::Gazetteer::load(sources);
        const auto actors = extract::ActorDictionary::builtin();
        const LearnedLayers learned(learn_files, gazetteer, sources);
        const extract::Extractor plain_extractor(gazetteer, actors);
        std::vector<extract::Extractor> learned_extractors;
        for (const auto& layer : learned.gazetteers)
            learned_extractors.emplace_back(layer, actors);
        std::optional<FeatureWriter> features;
        if (features_path)
            features.emplace(*features_path);

        std::map<std::string, Figures> by_file;
        std::map<std::pair<std::string, std::string>, Figures> by_country;
        Figures focus[2], focus_named[2], outside[2], all[2];
        // Per country of the three, all notes and those naming their place.
        std::map<std::string, Figures> focus_country_all[2], focus_country_named[2];
        std::map<std::string, std::size_t> location_misses[2];  // by miss_kind(), focus countries
        std::map<std::string, std::vector<std::string>> missed;
        const auto start = std::chrono::steady_clock::now();
        std::size_t read = 0;
        for (const auto& file : files) {
            extract::RunContext run;  // each file is read as one run, as `extract --batch` reads it
            for (const Row& row : read_rows(file, gazetteer)) {
                sources::Document doc;
                doc.id = row.origin;
                doc.text = row.notes;
                doc.published = row.published;
                extract::ExtractTrace trace;
                trace.keep_ranking = features && row.split == Split::tuning && row.latitude && row.longitude;
                const int layer = learned.layer_of(row.origin);
                const extract::Extractor& extractor =
                    layer < 0 ? plain_extractor : learned_extractors[static_cast<std::size_t>(layer)];
                const auto incidents = extractor.extract(doc, &trace, &run);
                if (trace.keep_ranking)
                    features->write(row, trace.ranking);
                ++read;
                // What a user of `incimap extract` gets: the incidents at or
                // above the default --min-confidence; the surest of them.
                const Incident* best = nullptr;
                for (const auto& incident : incidents)
                    if (incident.confidence >= extract::default_min_confidence &&
                        (!best || incident.confidence > best->confidence))
                        best = &incident;
                Outcome o;
                o.none = best == nullptr;
                if (row.latitude && row.longitude) {
                    o.has_point = true;
                    o.got_place = "no incident";
                    o.location_miss = "no incident";
                    if (best) {
                        const double km = extract::distance_km(best->latitude, best->longitude, *row.latitude,
                                                               *row.longitude);
                        o.located = km <= 25;
                        char line[300];
                        std::snprintf(line, sizeof line, "%s (%s, %s) %.0f km; coded %s", best->location.c_str(),
                                      best->admin1.c_str(), best->iso.c_str(), km, row.location.c_str());
                        o.got_place = line;
                        if (!o.located) {
                            o.location_miss = miss_kind(best, row.location);
                            if (misses && names_its_place(gazetteer, row))
                                o.got_place += " [" + o.location_miss + "; the gazetteer holds it]";
                        }
                    }
                }
                o.dated = !extract::find_dates(row.notes, doc.published).empty();
                o.got_date = best ? best->event_date : "-";
                o.date = o.got_date == row.event_date;
                o.fatalities = best && best->fatalities == row.fatalities;
                o.got_fatalities = best ? std::to_string(best->fatalities) : "-";
                const auto types = current_event_types(row.event_type);
                o.type = best && std::find(types.begin(), types.end(), best->event_type) != types.end();
                o.got_type = best ? best->event_type + "/" + best->sub_event_type : "-";
                o.actor1 = best && without_period(best->actor1) == without_period(row.actor1);
                o.got_actor = best ? best->actor1 : "-";

                const int s = row.split == Split::test ? 1 : 0;
                add(by_file[row.file], o);
                add(by_country[{row.file, row.country}], o);
                add(all[s], o);
                if (focus_country(row.iso)) {
                    add(focus[s], o);
                    add(focus_country_all[s][row.country], o);
                    if (o.has_point && !o.located)
                        ++location_misses[s][o.location_miss];
                    if (names_its_place(gazetteer, row)) {
                        add(focus_named[s], o);
                        add(focus_country_named[s][row.country], o);
                    }
                } else if (!full_gazetteer_country(row.iso)) {
                    add(outside[s], o);
                }
                if (misses && row.split == Split::tuning) {
                    const std::string head = row.origin + ": " + row.notes.substr(0, 400) + "\n    -> ";
                    if (o.has_point && !o.located)
                        missed["location"].push_back(head + o.got_place);
                    if (o.dated && !o.date)
                        missed["date"].push_back(head + o.got_date + " coded " + row.event_date);
                    if (!o.fatalities)
                        missed["fatalities"].push_back(head + o.got_fatalities + " coded " +
                                                       std::to_string(row.fatalities));
                    if (!o.type)
                        missed["event type"].push_back(head + o.got_type + " coded " + row.event_type);
                    if (!o.actor1)
                        missed["actor1"].push_back(head + "'" + o.got_actor + "' coded '" + row.actor1 + "'");
                    if (o.none)
                        missed["no incident"].push_back(row.origin + ": " + row.notes.substr(0, 400));
                }
            }
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        for (const auto& [name, list] : missed)
            print_misses(name, list);

        std::printf("\n");
        print_header("file / country");
        for (const auto& [file, figures] : by_file) {
            print_figures(file + (split_of(file) == Split::test ? " [test]" : " [tuning]"), figures);
            for (const auto& [key, country] : by_country)
                if (key.first == file && by_country.size() > 1)
                    print_figures("  " + (key.second.empty() ? std::string("(no country)") : key.second),
                                  country);
        }
        std::printf("\n");
        print_header("pooled");
        const char* split_names[] = {"tuning", "test"};
        for (int s = 0; s < 2; ++s) {
            if (!all[s].notes)
                continue;
            print_figures(std::string(split_names[s]) + ": all notes", all[s]);
            print_figures(std::string(split_names[s]) + ": Mali, Burkina Faso, Niger", focus[s]);
            print_figures(std::string(split_names[s]) + ":   naming their coded place", focus_named[s]);
            for (const auto& [country, figures] : focus_country_all[s]) {
                print_figures(std::string(split_names[s]) + ":   " + country, figures);
                print_figures(std::string(split_names[s]) + ":     naming their coded place",
                              focus_country_named[s][country]);
            }
            print_figures(std::string(split_names[s]) + ": outside the full gazetteer", outside[s]);
        }
        if (focus[0].notes && focus[1].notes)
            print_comparison(focus[0], focus[1]);
        std::printf("\n%-44s %10s %10s\n", "location misses (Mali, Burkina Faso, Niger)", "tuning", "test");
        std::set<std::string> kinds;
        for (const auto& split : location_misses)
            for (const auto& [kind, count] : split)
                kinds.insert(kind);
        for (const auto& kind : kinds) {
            auto share = [&](int s) {
                const auto it = location_misses[s].find(kind);
                const std::size_t n = it == location_misses[s].end() ? 0 : it->second;
                return focus[s].notes ? 100.0 * static_cast<double>(n) / static_cast<double>(focus[s].notes) : 0.0;
            };
            std::printf("%-44s %9.1f%% %9.1f%%\n", kind.c_str(), share(0), share(1));
        }
        std::printf("\n%zu notes read in %.1f s\n", read, seconds);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "eval_extract: %s\n", e.what());
        return 1;
    }
    return 0;
}
