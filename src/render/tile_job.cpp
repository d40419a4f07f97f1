#include "render/tile_job.hpp"

#include "core/abandoned_files.hpp"
#include "core/counted.hpp"
#include "core/error.hpp"
#include "core/folders.hpp"
#include "render/extent.hpp"
#include "render/hash.hpp"
#include "render/mbtiles.hpp"
#include "render/pmtiles.hpp"
#include "render/tile_manifest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include <unistd.h>

namespace incimap::render {

namespace fs = std::filesystem;

namespace {

// An MBTiles file or a PMTiles archive, rather than a folder.
bool is_tile_file(const fs::path& out) { return tile_format_of(out) != TileFormat::xyz; }

struct JoinOnExit {
    std::thread& thread;
    ~JoinOnExit() {
        if (thread.joinable())
            thread.join();
    }
};

std::uint64_t settings_of(const Style& style, const std::map<std::string, PolygonFeatures>& polygons,
                          const TileOptions& o) {
    Fingerprint f;
    f.add(style.canonical);
    for (const auto& [name, p] : polygons)
        f.add(name).add(static_cast<double>(p.content_hash));
    f.add(double(o.tile_size)).add(double(o.scale)).add(double(o.with_base));
    return f.value();
}

// Whether the tiles drawn before are all still wanted: an update may add
// zooms and grow the extent (drawing the new tiles in full), but tiles
// outside the new zooms or extent would be left behind stale.
bool still_covers(const TileManifest& before, const TileOptions& o) {
    if (before.max_zoom < before.min_zoom)
        return false;
    if (before.min_zoom < o.min_zoom || before.max_zoom > o.max_zoom)
        return false;
    for (int z = before.min_zoom; z <= before.max_zoom; ++z) {
        const auto old_range = tiles_covering(before.bounds, z), range = tiles_covering(o.bbox, z);
        if (old_range.min_x < range.min_x || old_range.min_y < range.min_y ||
            old_range.max_x > range.max_x || old_range.max_y > range.max_y)
            return false;
    }
    return true;
}

// The tiles with something drawn on them outside what the last run covered
// at their zoom.
void add_new_ground(const TileManifest& before, int zoom, const std::vector<std::uint64_t>& drawn,
                    std::vector<std::uint64_t>& tiles) {
    const auto old_range = tiles_covering(before.bounds, zoom);
    for (const auto key : drawn)
        if (!old_range.contains(tile_from_key(key)))
            tiles.push_back(key);
}

} // namespace

fs::path tilejson_path(const fs::path& out) {
    return is_tile_file(out) ? fs::path(out).concat(".json") : out / "tiles.json";
}

void check_tile_output(const fs::path& out) {
    if (is_tile_file(out))
        return;
    std::error_code ec;
    if (!fs::exists(out, ec))
        return;
    if (!fs::is_directory(out, ec))
        throw UsageError(fmt::format("'{}' is a file; give a folder, or a name ending in "
                                     ".mbtiles or .pmtiles",
                                     out.string()));
    if (fs::is_empty(out, ec) || fs::exists(manifest_path(out), ec) ||
        fs::exists(out / "tiles.json", ec))
        return;
    throw UsageError(fmt::format("'{}' is a folder of other files; give a new or empty "
                                 "folder",
                                 out.string()));
}

namespace {

void swap_in(const fs::path& staging, const fs::path& out) {
    std::error_code ec;
    const auto old = fs::path(out).concat(fmt::format(".old{}", ::getpid()));
    const bool had_old = fs::exists(out, ec);
    if (had_old) {
        fs::rename(out, old, ec);
        if (ec)
            throw Error(fmt::format("{}: cannot move the old tiles aside: {}", out.string(), ec.message()));
    }
    fs::rename(staging, out, ec);
    if (ec)
        throw Error(fmt::format("{}: cannot move the new tiles into place: {}", out.string(), ec.message()));
    if (had_old)
        fs::remove_all(old, ec);
}

// What the guard says of every file the job writes; an existing MBTiles
// file or PMTiles archive is replaced only when this program wrote it.
void check_outputs(const TileJob& job) {
    if (!job.guard)
        return;
    const auto& guard = *job.guard;
    std::error_code ec;
    if (const auto format = tile_format_of(job.out); format != TileFormat::xyz) {
        const bool mbtiles = format == TileFormat::mbtiles;
        const bool ours = mbtiles ? is_incimap_mbtiles(job.out) : is_incimap_pmtiles(job.out);
        guard.check(job.out, ours);
        const auto status = fs::status(job.out, ec);
        if (!ours && fs::exists(status) && !fs::is_character_file(status) && !fs::is_fifo(status))
            guard.refuse_unless_overwrite(job.out, mbtiles ? "it is not an MBTiles file incimap wrote"
                                                           : "it is not a PMTiles archive incimap wrote");
    } else {
        guard.check(job.out);
        guard.check_folder(job.out);  // an update may still replace it whole
    }
    guard.check(tilejson_path(job.out));
    guard.check(manifest_path(job.out));
}

} // namespace

TileSetInfo describe_tiles(std::string_view style_name, const PointFeatures& incidents, const TileJob& job) {
    TileSetInfo info;
    info.name = fmt::format("incimap {}", style_name);
    // The incidents inside the bounds: those beyond, read for the symbols
    // reaching in, are not the tile set's.
    const auto inside = rows_inside(incidents, job.options.bbox);
    const auto in_bounds = [&inside](std::size_t row) { return bool(inside[row]); };
    const auto dates = date_range(incidents, in_bounds);
    info.incidents = static_cast<std::size_t>(std::count(inside.begin(), inside.end(), true));
    info.description = fmt::format(
        "{} from {}{}, drawn with the style '{}'. Empty tiles are not written: a "
        "missing tile is transparent.",
        counted(info.incidents, "incident"), job.source,
        dates ? fmt::format(", {} to {}", dates->first, dates->second) : std::string(), style_name);
    DrawnData drawn;
    drawn.drawn_row = in_bounds;
    info.attribution = escape_html(attribution(incidents, drawn));
    info.min_zoom = job.options.min_zoom;
    info.max_zoom = job.options.max_zoom;
    info.bounds = job.options.bbox;
    info.center_lon = (info.bounds.min_lon + info.bounds.max_lon) / 2;
    info.center_lat = (info.bounds.min_lat + info.bounds.max_lat) / 2;
    info.center_zoom = std::min(job.options.max_zoom, std::max(job.options.min_zoom, 5));
    info.tiles_url = tiles_url(job.out, job.options.scale, job.url_base);
    info.tile_size = job.options.tile_size;
    return info;
}

std::string tiles_url(const fs::path& out, int scale, std::string_view url_base, std::string_view extension) {
    const std::string file = scale == 1 ? fmt::format("{{y}}.{}", extension) : fmt::format("{{y}}@{}x.{}", scale, extension);
    const std::string relative =
        is_tile_file(out) ? out.filename().string() + "/{z}/{x}/" + file : "{z}/{x}/" + file;
    return std::string(url_base) + relative;
}

TileEstimate estimate_tiles(const LonLatBox& bbox, int min_zoom, int max_zoom, int tile_size,
                            int scale) {
    // A tile of 256 by 256 pixels with the basemap and a few symbols takes
    // about 8 KB as incimap encodes it; bigger tiles grow with their pixels.
    constexpr std::uint64_t bytes_per_256_tile = 8000;
    const auto pixels = static_cast<std::uint64_t>(tile_size / 256 * scale);
    TileEstimate estimate;
    for (int z = min_zoom; z <= max_zoom; ++z)
        estimate.tiles += tiles_covering(bbox, z).count();
    estimate.bytes = estimate.tiles * bytes_per_256_tile * pixels * pixels;
    return estimate;
}

std::string url_base(std::string_view text) {
    const auto scheme = text.find("://");
    const auto name = scheme == std::string_view::npos ? std::string_view() : text.substr(0, scheme);
    const auto host = scheme == std::string_view::npos ? std::string_view() : text.substr(scheme + 3);
    if ((name != "http" && name != "https") || host.empty() || host.front() == '/' ||
        text.find_first_of(" \t\n\r\"<>{}") != std::string_view::npos || text.find('?') != std::string_view::npos ||
        text.find('#') != std::string_view::npos)
        throw UsageError(fmt::format("'{}': expected an http or https URL such as "
                                     "https://example.org/maps/ (no query or fragment)",
                                     text));
    std::string base(text);
    if (base.back() != '/')
        base += '/';
    return base;
}

OutputLock lock_tile_output(const TileJob& job) {
    check_outputs(job);
    create_folder_of(job.out);
    return OutputLock::acquire(job.out, job.lock_timeout, "tile output", job.on_wait);
}

TileStats write_tile_output(const TileJob& job, bool incremental, const TileSetInfo& info,
                            const TileManifest* manifest, const std::function<TileStats(TileSink&)>& draw,
                            TileProgress& progress) {
    const auto document = tilejson(info);
    const auto extension = info.format;
    TileStats stats;
    const auto finish_beside = [&](const fs::path& out) {
        write_file_atomically(tilejson_path(out), document);
        if (manifest) {
            write_manifest(manifest_path(out), *manifest);
        } else {
            // A manifest of other tiles would let a later --update redraw into these.
            std::error_code ec;
            fs::remove(manifest_path(out), ec);
        }
    };
    if (tile_format_of(job.out) == TileFormat::mbtiles) {
        auto sink = incremental ? MbtilesSink::update(job.out) : MbtilesSink::create(job.out);
        stats = draw(sink);
        sink.set_metadata(info);
        sink.finish();
    } else if (tile_format_of(job.out) == TileFormat::pmtiles) {
        auto sink = incremental ? PmtilesSink::update(job.out) : PmtilesSink::create(job.out);
        stats = draw(sink);
        sink.set_metadata(info);
        const auto header = sink.finish();
        progress.message(fmt::format("PMTiles: {} stored as {} distinct, {}",
                                     counted(header.addressed_tiles, "tile"), header.tile_contents,
                                     counted(header.tile_entries, "directory entry", "directory entries")));
    } else if (incremental) {
        // Tiles, TileJSON or manifest a killed run was writing (named by
        // write_file_atomically).
        remove_abandoned_below(job.out, ".tmp");
        DirectorySink sink(job.out, job.options.scale, extension);
        stats = draw(sink);
    } else {
        check_tile_output(job.out);
        // The folders of killed runs may hold millions of tiles: they go
        // while this run draws, not before.
        std::thread sweeper([out = job.out] {
            remove_abandoned_beside(out, ".tmp");
            remove_abandoned_beside(out, ".old");
        });
        const JoinOnExit join_sweeper{sweeper};
        const auto staging = fs::path(job.out).concat(fmt::format(".tmp{}", ::getpid()));
        std::error_code ec;
        fs::remove_all(staging, ec);
        create_folders(staging);
        try {
            DirectorySink sink(staging, job.options.scale, extension, TileWrites::into_new_folder);
            stats = draw(sink);
            finish_beside(staging);
        } catch (...) {
            fs::remove_all(staging, ec);
            throw;
        }
        swap_in(staging, job.out);
        return stats;
    }
    finish_beside(job.out);
    return stats;
}

TileJobResult run_tile_job(const Style& style, const PointFeatures& incidents,
                           const std::map<std::string, PolygonFeatures>& polygons, TileJob job,
                           TileProgress& progress) {
    const auto lock = lock_tile_output(job);
    TileJobResult result;
    const auto settings = settings_of(style, polygons, job.options);
    std::optional<TileManifest> before;
    if (job.update) {
        std::error_code ec;
        before = fs::exists(job.out, ec)
                     ? read_manifest(manifest_path(job.out), job.options.temp_folder)
                     : std::nullopt;
        if (!before)
            result.why_full = "no manifest of an earlier run beside the output";
        else if (before->settings != settings)
            result.why_full = "the style, the polygons or the tile size changed";
        else if (!still_covers(*before, job.options))
            result.why_full = "the zooms or the extent shrank";
        result.incremental = result.why_full.empty();
    }
    TileManifest after;
    after.settings = settings;
    after.min_zoom = job.options.min_zoom;
    after.max_zoom = job.options.max_zoom;
    after.bounds = job.options.bbox;
    record_incidents(incidents, after);
    job.options.plan = [&](const Scene& scene, int zoom, const TileRange& range,
                           const std::vector<std::uint64_t>& drawn)
        -> std::optional<std::vector<std::uint64_t>> {
        record_scene(scene, zoom, after);
        if (!result.incremental || zoom < before->min_zoom || zoom > before->max_zoom)
            return std::nullopt;  // everything, or a zoom the last run did not draw
        auto tiles = changed_tiles(*before, after, zoom, job.options.tile_size, range);  // sorted
        const auto changed = tiles.size();
        add_new_ground(*before, zoom, drawn, tiles);
        if (tiles.size() != changed) {
            std::sort(tiles.begin(), tiles.end());
            tiles.erase(std::unique(tiles.begin(), tiles.end()), tiles.end());
        }
        return tiles;
    };
    job.options.on_progress = [&](int zoom, std::uint64_t done, std::uint64_t total) {
        progress.update(zoom, done, total);
    };
    job.options.on_zoom_done = [&](int zoom, const ZoomStats& s) {
        progress.zoom_done(zoom, s.written, s.seconds);
    };
    result.stats = write_tile_output(job, result.incremental, describe_tiles(style.name, incidents, job), &after,
                                     [&](TileSink& sink) {
                                         return render_tiles(style, incidents, polygons, job.options, sink);
                                     },
                                     progress);
    result.tilejson = tilejson_path(job.out);
    return result;
}

} // namespace incimap::render
