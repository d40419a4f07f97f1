// bench_tiles: the tile renderer alone, on a file of incidents (made by
// bench/bench_tiles_generate.py; bench/bench_tiles.sh runs everything and
// compares with GDAL's and Mapnik's pipelines). Tiles are rendered and
// encoded but kept in memory, so the figures are the renderer's, not the
// disk's. Prints the median of several runs, in wall time and in CPU time
// (user + system of the process, all threads): on a shared machine the CPU
// figures are the steadier ones.
//
// FILE: any OGR source of points with an event_type field, such as the
// VRT over the generated CSV that bench_tiles.sh writes.
//
// Usage: bench_tiles FILE [--minzoom 0] [--maxzoom 10] [--runs 3]
//                         [--threads 0] [--style bench/bench_tiles_style.json]
#include "render/sources.hpp"
#include "render/style.hpp"
#include "render/tiler.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <random>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <vector>

using namespace incimap;
using namespace incimap::render;

namespace {

class CountingSink final : public TileSink {
public:
    void put(TileId, const std::string& png) override {
        ++tiles;
        bytes += png.size();
    }
    void remove(TileId) override {}
    std::uint64_t tiles = 0, bytes = 0;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double load_average() {
    double load[1] = {0};
    return getloadavg(load, 1) == 1 ? load[0] : 0;
}

double peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

// A copy of one in `every` incidents, for sparse tiles.
PointFeatures sample(const PointFeatures& all, std::size_t every) {
    PointFeatures out;
    std::vector<int> columns;
    for (int c = 0; c < all.attributes.columns(); ++c)
        columns.push_back(out.attributes.add_column(all.attributes.name(c), all.attributes.kind(c)));
    for (std::size_t i = 0; i < all.size(); i += every) {
        const auto row = out.attributes.add_row();
        out.lon.push_back(all.lon[i]);
        out.lat.push_back(all.lat[i]);
        out.ids.push_back(all.ids[i]);
        for (int c = 0; c < all.attributes.columns(); ++c) {
            const auto v = all.attributes.value(c, i);
            if (const auto* d = std::get_if<double>(&v))
                out.attributes.set_number(columns[c], row, *d);
            else if (const auto* s = std::get_if<std::string_view>(&v))
                out.attributes.set_text(columns[c], row, *s);
        }
    }
    return out;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        fmt::print(stderr, "usage: bench_tiles FILE [--minzoom N] [--maxzoom N] [--runs N] [--threads N] [--style FILE]\n");
        return 2;
    }
    std::string file = argv[1], style_name = "bench/bench_tiles_style.json";
    int min_zoom = 0, max_zoom = 10, runs = 3;
    unsigned threads = 0;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--minzoom") min_zoom = std::stoi(value);
        else if (flag == "--maxzoom") max_zoom = std::stoi(value);
        else if (flag == "--runs") runs = std::stoi(value);
        else if (flag == "--threads") threads = static_cast<unsigned>(std::stoul(value));
        else if (flag == "--style") style_name = value;
        else {
            fmt::print(stderr, "bench_tiles: unknown option {}\n", flag);
            return 2;
        }
    }
    try {
        const auto style = load_style(style_name);
        auto start = std::chrono::steady_clock::now();
        IncidentSource source;
        source.input = file;
        const auto incidents = load_incidents(source, incident_attributes_of(style));
        const double load_seconds = seconds_since(start);
        const auto polygons = load_style_polygons(style, false, incidents);
        const unsigned workers = threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
        fmt::print("bench_tiles: {} incidents from {} (read in {:.2f} s), style {}, zooms {}-{}, {} threads, {} runs\n",
                   incidents.size(), file, load_seconds, style.name, min_zoom, max_zoom, workers, runs);

        TileOptions o;
        o.min_zoom = min_zoom;
        o.max_zoom = max_zoom;
        o.bbox = {-12.8, 9.0, 16.1, 25.1};
        o.with_base = false;
        o.threads = workers;
        std::vector<double> totals, cpu_totals;
        std::map<int, std::vector<double>> per_zoom;
        TileStats last;
        for (int r = 0; r < runs; ++r) {
            CountingSink sink;
            start = std::chrono::steady_clock::now();
            const double cpu_start = cpu_seconds();
            last = render_tiles(style, incidents, polygons, o, sink);
            totals.push_back(seconds_since(start));
            cpu_totals.push_back(cpu_seconds() - cpu_start);
            for (const auto& [z, s] : last.zooms)
                per_zoom[z].push_back(s.seconds);
        }
        const double total = median(totals), cpu_total = median(cpu_totals);
        fmt::print("\n{:>5} {:>9} {:>9} {:>10} {:>12} {:>14}\n", "zoom", "tiles", "empty*", "seconds", "tiles/s",
                   "ms/tile/core");
        for (const auto& [z, s] : last.zooms) {
            const double sec = median(per_zoom[z]);
            const auto range = tiles_covering(o.bbox, z);
            fmt::print("{:>5} {:>9} {:>9} {:>10.3f} {:>12.0f} {:>14.3f}\n", z, s.written,
                       range.count() - s.written, sec, s.written / sec, sec * workers * 1000 / std::max<std::uint64_t>(1, s.written));
        }
        fmt::print("* tiles of the extent with nothing in them: never drawn, never visited\n");
        fmt::print("\ntotal: {} tiles, {:.1f} MB of PNG in {:.2f} s (median of {}): {:.0f} tiles/s, "
                   "{:.3f} ms per non-empty tile per core\n",
                   last.written(), last.bytes() / 1e6, total, runs, last.written() / total,
                   total * workers * 1000 / std::max<std::uint64_t>(1, last.written()));
        fmt::print("CPU time: {:.2f} s (median of {}), {:.3f} ms of CPU per non-empty tile; "
                   "load average {:.1f}\n",
                   cpu_total, runs, cpu_total * 1000 / std::max<std::uint64_t>(1, last.written()),
                   load_average());

        // Sparse tiles: one incident in 200 leaves a few per tile at the
        // deepest zoom; one thread, so the time per tile is the tile's cost.
        const auto few = sample(incidents, 200);
        TileOptions sparse = o;
        sparse.min_zoom = sparse.max_zoom = max_zoom;
        sparse.threads = 1;
        std::vector<double> per_tile, cpu_per_tile;
        std::uint64_t sparse_tiles = 0;
        for (int r = 0; r < runs; ++r) {
            CountingSink sink;
            start = std::chrono::steady_clock::now();
            const double cpu_start = cpu_seconds();
            render_tiles(style, few, polygons, sparse, sink);
            const auto n = std::max<std::uint64_t>(1, sink.tiles);
            per_tile.push_back(seconds_since(start) * 1000 / n);
            cpu_per_tile.push_back((cpu_seconds() - cpu_start) * 1000 / n);
            sparse_tiles = sink.tiles;
        }
        fmt::print("sparse tiles (zoom {}, {} incidents in {} tiles, {:.2f} per tile): {:.3f} ms per tile "
                   "(wall), {:.3f} ms of CPU per tile, one thread\n",
                   max_zoom, few.size(), sparse_tiles, double(few.size()) / std::max<std::uint64_t>(1, sparse_tiles),
                   median(per_tile), median(cpu_per_tile));
        fmt::print("peak memory: {:.0f} MB\n", peak_rss_mb());
    } catch (const std::exception& e) {
        fmt::print(stderr, "bench_tiles: {}\n", e.what());
        return 1;
    }
    return 0;
}
