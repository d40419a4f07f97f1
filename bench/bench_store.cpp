// Store benchmark: `incimap import` of an ACLED-style CSV against
// `ogr2ogr -f GPKG` on the same file, `incimap export` to GeoJSON against
// `ogr2ogr -f GeoJSON` from the same store, and `incimap aggregate --by
// admin1`. Each is run as a separate process, a few times; the medians of
// wall time and of peak memory (max RSS of the child) are printed with the
// ratios incimap / peer (goal: at most 1.0).
//
// usage: bench_store CSV [--runs N] [--incimap PATH] [--work DIR]
// The CSV comes from bench/make_synthetic_acled.py (bench/run_store_bench.sh
// makes it and builds everything).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

extern char** environ;

namespace fs = std::filesystem;

namespace {

struct Run {
    double seconds;      // wall clock
    double cpu_seconds;  // user + system of the child
    long max_rss_kb;
};

// Runs ARGS (PATH lookup), output to /dev/null; throws when it fails.
Run run(std::vector<std::string> args) {
    std::vector<char*> argv;
    for (auto& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
        throw std::runtime_error("cannot start " + args[0]);
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error(fmt::format("{} failed", fmt::join(args, " ")));
    auto cpu = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    return {seconds, cpu(usage.ru_utime) + cpu(usage.ru_stime), usage.ru_maxrss};
}

template <typename T>
T median(std::vector<T> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

struct Measure {
    std::string name;
    std::vector<Run> runs;
    double seconds() const {
        std::vector<double> s;
        for (auto r : runs)
            s.push_back(r.seconds);
        return median(s);
    }
    double cpu_seconds() const {
        std::vector<double> s;
        for (auto r : runs)
            s.push_back(r.cpu_seconds);
        return median(s);
    }
    long rss_mb() const {
        std::vector<long> m;
        for (auto r : runs)
            m.push_back(r.max_rss_kb);
        return median(m) / 1024;
    }
};

// One line: wall time, CPU time and peak memory, and the ratios to the peer
// (wall and CPU: on a busy machine the CPU ratio is the steadier one).
void print(const Measure& ours, const Measure* peer) {
    auto figures = [](const Measure& m) {
        return fmt::format("{:<32} {:8.2f} s wall {:8.2f} s cpu {:5} MB", m.name, m.seconds(),
                           m.cpu_seconds(), m.rss_mb());
    };
    if (peer)
        fmt::print("{}\n{}\n{:<32} {:8.2f}  wall    {:8.2f}  cpu\n", figures(ours), figures(*peer),
                   "  ratio incimap / peer", ours.seconds() / peer->seconds(),
                   ours.cpu_seconds() / peer->cpu_seconds());
    else
        fmt::print("{}\n", figures(ours));
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        fmt::print(stderr, "usage: bench_store CSV [--runs N] [--incimap PATH] [--work DIR]\n");
        return 2;
    }
    fs::path csv = argv[1];
    int runs = 3;
    fs::path incimap = fs::path(argv[0]).parent_path().parent_path() / "incimap";
    fs::path work = fs::temp_directory_path() / "incimap-bench-store";
    for (int i = 2; i + 1 < argc; i += 2) {
        std::string option = argv[i];
        if (option == "--runs")
            runs = std::max(1, std::atoi(argv[i + 1]));
        else if (option == "--incimap")
            incimap = argv[i + 1];
        else if (option == "--work")
            work = argv[i + 1];
    }
    fs::create_directories(work);
    auto ours_store = (work / "incimap.gpkg").string();
    auto peer_store = (work / "ogr2ogr.gpkg").string();

    try {
        Measure import{"incimap import", {}}, ogr_import{"ogr2ogr -f GPKG", {}};
        Measure exported{"incimap export --format geojson", {}}, ogr_export{"ogr2ogr -f GeoJSON", {}};
        Measure admin1{"incimap aggregate --by admin1", {}}, hex{"incimap aggregate --by hex:25", {}};
        for (int r = 0; r < runs; ++r) {
            fs::remove(ours_store);
            fs::remove(peer_store);
            import.runs.push_back(run({incimap.string(), "import", "-q", "--store", ours_store, csv.string()}));
            ogr_import.runs.push_back(run({"ogr2ogr", "-f", "GPKG", peer_store, csv.string(), "-oo",
                                           "X_POSSIBLE_NAMES=longitude", "-oo",
                                           "Y_POSSIBLE_NAMES=latitude", "-oo",
                                           "AUTODETECT_TYPE=YES", "-a_srs", "EPSG:4326", "-nln",
                                           "incidents"}));
        }
        for (int r = 0; r < runs; ++r) {
            auto ours_out = (work / "incimap.geojson").string();
            auto peer_out = (work / "ogr2ogr.geojson").string();
            fs::remove(ours_out);
            fs::remove(peer_out);
            exported.runs.push_back(run({incimap.string(), "export", "-q", "--no-style", "--store",
                                         ours_store, "--out", ours_out}));
            ogr_export.runs.push_back(
                run({"ogr2ogr", "-f", "GeoJSON", peer_out, ours_store, "incidents"}));
            admin1.runs.push_back(run({incimap.string(), "aggregate", "-q", "--by", "admin1",
                                       "--store", ours_store, "--out",
                                       (work / "admin1.geojson").string()}));
            hex.runs.push_back(run({incimap.string(), "aggregate", "-q", "--by", "hex:25",
                                    "--store", ours_store, "--out",
                                    (work / "hex.geojson").string()}));
        }
        fmt::print("{} ({:.1f} MB), median of {} runs, peak RSS of each process\n", csv.string(),
                   static_cast<double>(fs::file_size(csv)) / 1e6, runs);
        print(import, &ogr_import);
        print(exported, &ogr_export);
        print(admin1, nullptr);
        print(hex, nullptr);
    } catch (const std::exception& e) {
        fmt::print(stderr, "bench_store: {}\n", e.what());
        return 1;
    }
    fs::remove_all(work);
    return 0;
}
