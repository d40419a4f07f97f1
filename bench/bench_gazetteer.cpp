// bench_gazetteer: how fast the gazetteer answers, and what it costs.
//
//   bench_gazetteer [INCIMAP_BINARY] [GEONAMES_TSV]
//
// GEONAMES_TSV defaults to ML.txt of the reference data beside the source
// tree (../shared/data/geonames/).
//
//  1. cold start: `incimap geocode Bamako` with the embedded default, spawned
//     again and again (median wall time; goal < 150 ms);
//  2. exact lookups per second in-process, folding of the query included
//     (goal ≥ 1,000,000/s): Gazetteer::resolve without fuzzy matching, and
//     the bare key lookup underneath;
//  3. fuzzy lookups per second (goal ≥ 50,000/s) over misspelled real names;
//  4. the size of the embedded index and the process's resident memory;
//  5. the peer: the same exact lookups with OGR SQL on a GeoNames TSV
//     (`ogrinfo -sql`), when ogrinfo and the TSV are there.
// Medians of several runs are printed; in-process rates are per second of
// this thread's CPU time, spawned programs are timed by wall clock and by
// their CPU time. INCIMAP_BINARY defaults to ../incimap next to this
// program's folder.
#include "gazetteer/embedded.hpp"
#include "gazetteer/gazetteer.hpp"
#include "text/ascii.hpp"
#include "text/fold.hpp"

#include <algorithm>
#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <random>
#include <spawn.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

using namespace incimap::gazetteer;
using Clock = std::chrono::steady_clock;

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double elapsed_ms(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this thread in seconds: the in-process rates are per second of
// CPU, so that other programs sharing the machine do not skew them.
double thread_cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

struct RunTime {
    double wall_ms = -1; // negative: could not run, or failed
    double cpu_ms = 0;   // user + system time of the child
};

// Runs a program with its output thrown away and times it.
RunTime time_run(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& e : env)
        envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    const auto start = Clock::now();
    pid_t pid = 0;
    const int error = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0)
        return {};
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    RunTime time;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return time;
    time.wall_ms = elapsed_ms(start);
    auto ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
    };
    time.cpu_ms = ms(usage.ru_utime) + ms(usage.ru_stime);
    return time;
}

std::vector<std::string> environment_with(const std::string& setting) {
    std::vector<std::string> env;
    const auto name = setting.substr(0, setting.find('=') + 1);
    for (char** e = environ; *e != nullptr; ++e)
        if (!std::string_view(*e).starts_with(name))
            env.emplace_back(*e);
    env.push_back(setting);
    return env;
}

std::string find_program(const char* name) {
    const char* path = std::getenv("PATH");
    std::string_view dirs = path != nullptr ? path : "/usr/bin";
    while (!dirs.empty()) {
        const auto colon = dirs.find(':');
        const auto candidate = std::filesystem::path(dirs.substr(0, colon)) / name;
        if (::access(candidate.c_str(), X_OK) == 0)
            return candidate.string();
        dirs = colon == std::string_view::npos ? "" : dirs.substr(colon + 1);
    }
    return {};
}

// Main names of every 7th place of the index: a realistic mix.
std::vector<std::string> sample_names(const Index& index) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < index.places().size(); i += 7)
        names.emplace_back(index.string(index.places()[i].name));
    return names;
}

// One random edit (substitution, deletion, insertion or swap) in names of
// five letters or more, plus spellings seen in the press.
std::vector<std::string> misspelled(const std::vector<std::string>& names) {
    std::mt19937 random(1834);
    std::vector<std::string> out = {
        "Tinbuktu", "Tinzaouatine", "Tombouctu", "Ouagadougu", "Niamei", "Tilaberi", "Menakka",
        "Ansogo",   "Aguelhoc",     "Boulkessi", "Douentsa",   "Sevare", "Djiboo",   "Kidall"};
    for (const auto& name : names) {
        if (name.size() < 5 || !incimap::text::is_ascii_letters(name.substr(0, 1)))
            continue;
        std::string s = name;
        std::uniform_int_distribution<std::size_t> at(1, s.size() - 2);
        const std::size_t i = at(random);
        switch (random() % 4) {
        case 0:
            s[i] = static_cast<char>('a' + random() % 26);
            break;
        case 1:
            s.erase(i, 1);
            break;
        case 2:
            s.insert(i, 1, static_cast<char>('a' + random() % 26));
            break;
        default:
            std::swap(s[i], s[i + 1]);
            break;
        }
        out.push_back(std::move(s));
    }
    return out;
}

long resident_kib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with("VmRSS:"))
            return std::stol(line.substr(6));
    return -1;
}

template <typename F>
double rate_per_second(const std::vector<std::string>& queries, int rounds, F&& lookup) {
    std::vector<double> rates;
    std::size_t sink = 0;
    for (int r = 0; r < rounds; ++r) {
        const double start = thread_cpu_seconds();
        for (const auto& q : queries)
            sink += lookup(q);
        rates.push_back(static_cast<double>(queries.size()) / (thread_cpu_seconds() - start));
    }
    if (sink == 42)
        fmt::print(""); // keeps the work observable
    return median(rates);
}

} // namespace

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    const fs::path self = fs::canonical("/proc/self/exe");
    const std::string binary =
        argc > 1 ? argv[1] : (self.parent_path().parent_path() / "incimap").string();
    // The reference data sits beside the source tree (../shared/data).
    const fs::path source_tree = self.parent_path().parent_path().parent_path();
    const std::string tsv =
        argc > 2 ? std::string(argv[2])
                 : (source_tree.parent_path() / "shared" / "data" / "geonames" / "ML.txt").string();

    const Index index = embedded_index();
    const Gazetteer gazetteer = Gazetteer::from_indexes({index});
    fmt::print("embedded index: {} places, {} name keys, {} names, {:.1f} MB\n",
               index.places().size(), index.keys().size(), index.entries().size(),
               static_cast<double>(index.size_bytes()) / 1e6);

    // 1. Cold start.
    const fs::path empty = fs::temp_directory_path() / "incimap-bench-empty-data";
    const auto env = environment_with("INCIMAP_DATA_DIR=" + empty.string());
    std::vector<double> starts, start_cpu;
    for (int i = 0; i < 31; ++i)
        if (auto run = time_run({binary, "geocode", "Bamako"}, env); run.wall_ms >= 0) {
            starts.push_back(run.wall_ms);
            start_cpu.push_back(run.cpu_ms);
        }
    if (starts.empty())
        fmt::print("cold start: cannot run {}\n", binary);
    else
        fmt::print("cold start `incimap geocode Bamako`: median {:.1f} ms wall, {:.1f} ms CPU "
                   "over {} runs (goal < 150 ms)\n",
                   median(starts), median(start_cpu), starts.size());

    // 2. Exact lookups.
    const auto names = sample_names(index);
    Query exact;
    exact.fuzzy = false;
    const double exact_rate = rate_per_second(names, 7, [&](const std::string& name) {
        exact.text = name;
        return gazetteer.resolve(exact).size();
    });
    std::string key;
    const double key_rate = rate_per_second(names, 7, [&](const std::string& name) {
        key.clear();
        incimap::text::append_name_key(name, key);
        return static_cast<std::size_t>(index.find_key(key).has_value());
    });
    fmt::print("exact resolve (fold, look up, score, top 5): {:.0f} /s of CPU over {} names "
               "(goal >= 1,000,000 /s)\n",
               exact_rate, names.size());
    fmt::print("  fold + key lookup alone: {:.0f} /s of CPU\n", key_rate);

    // 3. Fuzzy lookups.
    const auto typos = misspelled(names);
    Query fuzzy;
    std::size_t found = 0;
    const double fuzzy_rate = rate_per_second(typos, 5, [&](const std::string& name) {
        fuzzy.text = name;
        const auto n = gazetteer.resolve(fuzzy).size();
        found += n > 0;
        return n;
    });
    fmt::print("fuzzy resolve: {:.0f} /s of CPU over {} misspelled names, {:.0f} % found something "
               "(goal >= 50,000 /s)\n",
               fuzzy_rate, typos.size(), 100.0 * static_cast<double>(found) / 5 / typos.size());

    // 4. Memory.
    fmt::print("index: {:.1f} MB in read-only data; resident memory now {:.1f} MB\n",
               static_cast<double>(index.size_bytes()) / 1e6,
               static_cast<double>(resident_kib()) / 1024.0);

    // 5. Peer: OGR SQL over the TSV, one ogrinfo process per query.
    const std::string ogrinfo = find_program("ogrinfo");
    if (ogrinfo.empty() || !fs::exists(tsv)) {
        fmt::print("peer (ogrinfo -sql on a GeoNames TSV): skipped, no ogrinfo or no {}\n", tsv);
        return 0;
    }
    const fs::path copy = fs::temp_directory_path() / "incimap-bench-ML.tsv";
    fs::copy_file(tsv, copy, fs::copy_options::overwrite_existing);
    std::vector<double> peer, peer_cpu;
    for (const char* name : {"Bamako", "Kidal", "Gao", "Timbuktu", "Mopti", "Kayes", "Sikasso"})
        if (auto run = time_run({ogrinfo, "-q", "-ro", "-sql",
                                 fmt::format("SELECT GEONAMEID FROM \"{}\" WHERE NAME = '{}'",
                                             copy.stem().string(), name),
                                 copy.string()},
                                env);
            run.wall_ms >= 0) {
            peer.push_back(run.wall_ms);
            peer_cpu.push_back(run.cpu_ms);
        }
    fs::remove(copy);
    if (!peer.empty())
        fmt::print("peer ogrinfo -sql \"... WHERE NAME = '...'\" on {} ({:.1f} MB): median {:.1f} "
                   "ms wall, {:.1f} ms CPU per lookup = {:.0f} /s of CPU (exact main name only, "
                   "no folding)\n",
                   tsv, static_cast<double>(fs::file_size(tsv)) / 1e6, median(peer),
                   median(peer_cpu), 1000.0 / median(peer_cpu));
    return 0;
}
