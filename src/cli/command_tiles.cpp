#include "cli/command_tiles.hpp"

#include "cli/option_errors.hpp"

#include "core/counted.hpp"
#include "core/error.hpp"
#include "core/stop_signal.hpp"
#include "render/drawing_window.hpp"
#include "render/extent.hpp"
#include "render/sources.hpp"
#include "render/tile_job.hpp"
#include "render/vector_tile_job.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <unistd.h>

namespace incimap::cli {

std::string_view TilesCommand::synopsis() const {
    return "Render map tiles (XYZ PNG folder, MBTiles or PMTiles) of the incidents, or vector tiles, with TileJSON";
}

std::string_view TilesCommand::examples() const {
    return "incimap tiles --out output/tiles\n"
           "incimap tiles --style heatmap --maxzoom 10 --out output/heat.mbtiles\n"
           "incimap tiles --format pmtiles --out site/incidents.pmtiles   # one file for static hosting\n"
           "incimap tiles --vector --maxzoom 12 --out site/incidents.pmtiles   # Mapbox Vector Tiles\n"
           "incimap tiles --vector --attributes event_date,event_type,fatalities --out site/vt\n"
           "incimap tiles --input incidents.geojson --bbox -12.3,9.4,4.3,25 --since 2024-01-01 --out tiles\n"
           "incimap tiles --scale 2 --no-basemap --out output/tiles-retina\n"
           "incimap tiles --update --out output/tiles\n"
           "incimap tiles --maxzoom 12 --yes --out output/tiles    # no question for a large run\n"
           "incimap tiles --out site/tiles --url-base https://example.org/maps/tiles/";
}

void TilesCommand::setup(CLI::App& app) {
    app.add_option("--out", out_, "Folder of {z}/{x}/{y}.png tiles, a FILE.mbtiles or a FILE.pmtiles")
        ->required();
    app.add_option("--format", format_,
                   "xyz (a folder), mbtiles or pmtiles (a PMTiles v3 archive, read by browsers with "
                   "HTTP range requests from any static host); default: from the name --out ends "
                   "in, which must agree")
        ->check(CLI::IsMember({"xyz", "mbtiles", "pmtiles"}));
    input_.add_to(app, "Render the tiles over minlon,minlat,maxlon,maxlat (default: the incidents' "
                       "extent); incidents outside still show where their symbols reach in. With "
                       "--maxzoom, only the store's incidents of the window the tiles are drawn from "
                       "are read (a bbox query on its spatial index), unless the style clusters them "
                       "or counts them per region at the zooms drawn (-v says which)");
    app.add_option("--minzoom", min_zoom_, "Lowest zoom level")->check(CLI::Range(0, 22))->default_val(0);
    app.add_option("--maxzoom", max_zoom_,
                   "Highest zoom level (default: from the spread of the incidents, at most 14)")
        ->check(CLI::Range(0, 22));
    app.add_option("--tile-size", tile_size_, "Tile size in pixels: 256 or 512")
        ->check(CLI::IsMember({256, 512}))
        ->default_val(256);
    app.add_option("--scale", scale_, "Pixel ratio: 2 writes {y}@2x.png tiles for high-DPI screens")
        ->check(CLI::IsMember({1, 2}))
        ->default_val(1);
    app.add_option("--threads", threads_, "Drawing threads (default: one per core)")
        ->check(CLI::Range(0u, 256u));
    app.add_flag("--update", update_,
                 "Redraw only the tiles whose incidents were added, changed or removed since the "
                 "last run into --out, and the new ones when the extent grows or a zoom is added "
                 "(everything when the style or settings changed or the extent shrank)");
    app.add_flag("--yes", yes_,
                 "Draw a run of more than 100,000 tiles without asking (on a terminal the "
                 "estimate is shown with a y/N question; elsewhere such a run stops unless "
                 "--yes is given)");
    app.add_option("--url-base", url_base_,
                   "The URL the TileJSON's folder will be published under (the tile folder, or "
                   "the folder of FILE.mbtiles or FILE.pmtiles), e.g. https://example.org/maps/tiles/: the "
                   "TileJSON's tile URLs are then absolute, as TileJSON 3.0 requires (default: "
                   "relative to the TileJSON; 'incimap serve' makes them absolute itself)");
    app.add_flag("--vector", vector_,
                 "Write Mapbox Vector Tiles 2.1 ({z}/{x}/{y}.pbf, or gzip-compressed in MBTiles and "
                 "PMTiles) instead of PNG: layer 'incidents', a point per incident with its fields; "
                 "where a tile would pass 500 KB, nearby incidents become one point with point_count, "
                 "summed fatalities and their most frequent event_type. Always written whole (no --update)");
    app.add_option("--attributes", attributes_,
                   "With --vector: the incident fields the points carry, e.g. "
                   "event_date,event_type,fatalities (default: every field of the GeoJSON export but "
                   "latitude and longitude)")
        ->delimiter(',');
    app.add_flag("--no-regions", no_regions_,
                 "With --vector: leave out the layer 'admin1' (first-level regions as ACLED codes them, "
                 "from Natural Earth, with incident_count and incident_fatalities, up to zoom 8)");
    lock_timeout_.add_to(app, "tiles to the same --out");
    app.add_option("--temp-dir", temp_dir_,
                   "Folder for the temporary files that hold what is kept per incident while "
                   "drawing (positions, attributes, tile bins), mapped into memory so that the "
                   "heap stays small (default: TMPDIR, else the folder --out is in). On a tmpfs, "
                   "as /tmp often is, they stay in RAM; give a disk folder to let the system page "
                   "them out");
    output_.add_to(app);
}

namespace {

namespace fs = std::filesystem;

// --format must agree with the name --out ends in: the manifest, TileJSON
// and later updates find the format by that name.
void check_format(const std::string& format, const std::string& out) {
    if (format.empty())
        return;
    const auto given = format == "pmtiles"   ? render::TileFormat::pmtiles
                       : format == "mbtiles" ? render::TileFormat::mbtiles
                                             : render::TileFormat::xyz;
    if (render::tile_format_of(out) == given)
        return;
    if (given == render::TileFormat::xyz)
        throw UsageError(fmt::format("--format xyz writes a folder, but --out '{}' names a {} file",
                                     out, fs::path(out).extension().string()));
    throw UsageError(fmt::format("--format {} writes one file: give --out a name ending in .{} "
                                 "(not '{}')",
                                 format, format, out));
}

// --temp-dir, else TMPDIR, else the folder the output goes in (or the
// nearest one of its parents that exists yet).
fs::path temp_folder(const std::string& option, const std::string& out) {
    if (!option.empty()) {
        std::error_code ec;
        if (!fs::is_directory(option, ec))
            throw InputError(fmt::format("--temp-dir '{}': no such folder", option));
        return option;
    }
    if (const char* tmpdir = std::getenv("TMPDIR"); tmpdir != nullptr && *tmpdir != '\0')
        return tmpdir;
    std::error_code ec;
    auto folder = fs::absolute(out, ec).parent_path();
    while (!folder.empty() && !fs::is_directory(folder, ec) && folder != folder.root_path())
        folder = folder.parent_path();
    return folder;
}

} // namespace

std::vector<render::VectorField> TilesCommand::vector_fields() const {
    if (!vector_) {
        if (!attributes_.empty() || no_regions_)
            throw UsageError(fmt::format("{} chooses what vector tiles carry: add --vector",
                                         no_regions_ ? "--no-regions" : "--attributes"));
        return {};
    }
    if (update_)
        throw UsageError("--update redraws raster tiles; vector tiles are written whole: drop --update");
    if (scale_ != 1 || tile_size_ != 256)
        throw UsageError("--scale and --tile-size size raster tiles; vector tiles have none: drop them");
    return naming_option("--attributes", [&] {
        return render::vector_fields(attributes_.empty() ? render::default_vector_attributes() : attributes_);
    });
}

render::DrawingWindow TilesCommand::window(const render::Style& style, const render::LonLatBox& bbox) const {
    // The readers of files find a column's type from the rows they keep.
    if (!input_.input.empty())
        return {std::nullopt, "an --input file is read whole, its columns typed from every row"};
    if (!max_zoom_)
        return {std::nullopt, "the deepest zoom is chosen from the spread of all of them (give --maxzoom)"};
    if (vector_)
        return render::vector_tile_window(bbox, min_zoom_, *max_zoom_,
                                          no_regions_ ? -1 : std::min(render::admin1_max_zoom, *max_zoom_));
    return render::raster_tile_window(style, !input_.no_basemap, bbox, min_zoom_, *max_zoom_, tile_size_);
}

int TilesCommand::run(const GlobalOptions& global) {
    const auto start = std::chrono::steady_clock::now();
    check_format(format_, out_);
    const auto fields = vector_fields();
    render::TileProgress progress(global.quiet);
    auto guard = output_.guard();
    input_.add_inputs_to(guard);
    input_.temp_folder = temp_folder(temp_dir_, out_);
    std::vector<std::string> extra{"event_date", "fatalities", "event_type", "id"};
    for (const auto& f : fields)
        extra.push_back(f.name);
    auto loaded = input_.load(false, extra, vector_ ? render::StylePolygons::none : render::StylePolygons::load,
                              [&](const render::Style& style, const render::LonLatBox& bbox) { return window(style, bbox); });
    if (loaded.bbox && global.verbose > 0) {
        if (const auto& w = loaded.window.box)
            progress.message(fmt::format("read {} in the window {:.4f},{:.4f},{:.4f},{:.4f} of the {}, "
                                         "which the tiles over --bbox are drawn from",
                                         counted(loaded.incidents.size(), "incident"), w->min_lon, w->min_lat,
                                         w->max_lon, w->max_lat, loaded.source));
        else
            progress.message(fmt::format("read every incident of the {}: {}", loaded.source,
                                         loaded.window.whole_because));
    }
    const auto extent = loaded.bbox ? loaded.bbox : render::data_extent(loaded.incidents);
    if (!extent)
        throw InputError(fmt::format("no incidents in {} pass the filters; give --bbox to draw the "
                                     "basemap alone",
                                     loaded.source));
    render::TileJob job;
    if (!url_base_.empty()) {
        try {
            job.url_base = render::url_base(url_base_);
        } catch (const UsageError& e) {
            throw UsageError(fmt::format("--url-base {}", e.what()));
        }
    } else if (global.verbose > 0) {
        progress.message("the TileJSON's tile URLs are relative to it; TileJSON 3.0 wants absolute "
                         "ones: give --url-base with the URL the tiles will be published under "
                         "('incimap serve' makes them absolute itself)");
    }
    job.out = out_;
    job.update = update_;
    job.source = loaded.source;
    job.guard = &guard;
    job.lock_timeout = lock_timeout_.duration();
    job.on_wait = lock_timeout_.on_wait("the tiles", out_);
    auto& o = job.options;
    o.min_zoom = min_zoom_;
    o.bbox = *extent;
    o.tile_size = tile_size_;
    o.scale = scale_;
    o.with_base = loaded.with_base;
    o.threads = threads_;
    o.temp_folder = input_.temp_folder;
    if (max_zoom_) {
        o.max_zoom = *max_zoom_;
    } else {
        std::string why;
        o.max_zoom = std::max(min_zoom_, render::suggest_max_zoom(loaded.incidents, tile_size_, why));
        progress.message("maximum " + why + " (--maxzoom to choose)");
    }
    if (o.max_zoom < o.min_zoom)
        throw UsageError(fmt::format("--maxzoom {} is below --minzoom {}", o.max_zoom, o.min_zoom));
    if (!vector_)  // vector tiles are written only where incidents are: at most one per incident and zoom
        confirm_large_run(o, yes_, "tiles", "fewer zooms (--maxzoom) or a smaller --bbox");
    progress.message(fmt::format("{} from {}; zooms {}-{} over {:.4f},{:.4f},{:.4f},{:.4f}",
                                 counted(loaded.incidents.size(), "incident"), loaded.source, o.min_zoom, o.max_zoom,
                                 o.bbox.min_lon, o.bbox.min_lat, o.bbox.max_lon, o.bbox.max_lat));

    // SIGINT and SIGTERM stop the drawing; the unfinished folder or file is
    // removed on the way out.
    StopOnSignal stop_on_signal;
    naming_option("--out", [&] { render::check_tile_output(job.out); });
    std::optional<render::PolygonFeatures> regions;
    if (vector_ && !no_regions_)
        regions = render::load_polygons_with_counts("admin1", "", loaded.incidents);
    const auto result =
        vector_ ? render::run_vector_tile_job(loaded.incidents, {job, fields, regions ? &*regions : nullptr}, progress)
                : render::run_tile_job(loaded.style, loaded.incidents, loaded.polygons, job, progress);
    if (update_ && !result.incremental)
        progress.message("redrew every tile: " + result.why_full);
    std::uint64_t removed = 0, blank = 0, clustered = 0;
    for (const auto& [z, s] : result.stats.zooms) {
        removed += s.removed;
        blank += s.blank;
        clustered += s.clustered;
    }
    if (clustered > 0)
        progress.message(fmt::format("{} merged nearby incidents into clusters to stay under 500 KB",
                                     counted(clustered, "tile")));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress.message(fmt::format(
        "{} {} ({:.1f} MB) into {} in {:.1f} s{}; empty tiles are not written{}; TileJSON: {}",
        result.incremental ? "redrew" : "wrote", counted(result.stats.written(), "tile"),
        result.stats.bytes() / 1e6, out_, seconds,
        removed > 0 ? fmt::format(", removed {} that became empty", removed) : "",
        blank > 0 ? fmt::format(" ({} came out blank)", blank) : "", result.tilejson.string()));
    return exit_ok;
}

} // namespace incimap::cli
