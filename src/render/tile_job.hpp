// One run of `incimap tiles`: renders into a folder, an MBTiles file or a
// PMTiles archive, from scratch (into a temporary folder or file that
// replaces the output only when complete) or, with update, only where
// something changed since the run that wrote the output's manifest (in
// place; a PMTiles archive is written anew with its other tiles kept). Writes the
// TileJSON document and the manifest beside the tiles.
#pragma once

#include "core/output_guard.hpp"
#include "core/output_lock.hpp"
#include "render/progress.hpp"
#include "render/tile_output.hpp"
#include "render/tiler.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace incimap::render {

struct TileManifest;

struct TileJob {
    std::filesystem::path out;  // a folder, or a file ending in .mbtiles or .pmtiles
    TileOptions options;        // its plan is set by the job
    bool update = false;
    std::string source;         // "store output/incidents.gpkg", for the description
    // The URL the folder holding the TileJSON document is published under
    // ("https://example.org/maps/"), from url_base(); empty: the TileJSON's
    // tile URLs are relative to it.
    std::string url_base;
    // Refuses outputs over the inputs, over stores and over MBTiles files
    // this program did not write; none: no such checks.
    const OutputGuard* guard = nullptr;
    // How long to wait while another process writes to `out`
    // (core/output_lock.hpp), and what to say when waiting starts.
    std::chrono::milliseconds lock_timeout{30000};
    OutputLock::OnWait on_wait;
};

struct TileJobResult {
    TileStats stats;
    bool incremental = false;      // only changed tiles were redrawn
    std::string why_full;          // when an update had to redraw everything
    std::filesystem::path tilejson;
};

// The tiles of a TileJSON document: where the tiles are, relative to it,
// or absolute under URL_BASE when it is not empty.
std::string tiles_url(const std::filesystem::path& out, int scale, std::string_view url_base = {},
                      std::string_view extension = "png");

// Where the TileJSON document of OUT goes: OUT/tiles.json for a folder,
// OUT.json beside a file.
std::filesystem::path tilejson_path(const std::filesystem::path& out);

// What a run from scratch would draw at most: every tile of the zooms over
// the extent (empty ones are not written, so a run writes fewer), and the
// bytes that would take at a typical size per tile.
struct TileEstimate {
    std::uint64_t tiles = 0;
    std::uint64_t bytes = 0;
};
// Cost: one step per zoom.
TileEstimate estimate_tiles(const LonLatBox& bbox, int min_zoom, int max_zoom, int tile_size,
                            int scale);

// TEXT as a base for absolute URLs: an http or https URL with a host,
// ending in '/' (added when missing). Throws UsageError quoting TEXT.
std::string url_base(std::string_view text);

// A folder rendered from scratch replaces OUT only if OUT is missing, empty,
// or a tile folder this program wrote: never someone's documents. Throws
// UsageError quoting OUT when it is anything else (an .mbtiles or .pmtiles
// file passes).
void check_tile_output(const std::filesystem::path& out);

// Holds the output's lock from before the manifest of the last run is read
// until the TileJSON and the manifest are written, so that runs into one
// output follow each other. Throws Error naming the output when it cannot
// be written, UsageError when it is a folder of something else,
// OutputRefused when job.guard refuses it and OutputBusy when another
// process writes it past job.lock_timeout (before anything is drawn).
// What a run writes into the TileJSON document and the metadata of an
// MBTiles file or PMTiles archive: name, description (how many incidents,
// from where, which days), attribution, zooms, bounds, centre, tile URLs.
TileSetInfo describe_tiles(std::string_view style_name, const PointFeatures& incidents, const TileJob& job);

// Checks the outputs of JOB with its guard, then takes the output's lock.
// Throws as run_tile_job() does before anything is drawn.
OutputLock lock_tile_output(const TileJob& job);

// Writes the tiles DRAW puts into a sink for job.out (a folder of
// {y}.FORMAT files, an MBTiles file or a PMTiles archive, as INFO.format
// says), from scratch into a temporary folder or file that replaces the
// output when complete, or in place when INCREMENTAL; then the TileJSON
// document and the metadata of INFO, and MANIFEST beside the tiles (when
// null, a manifest left by an earlier run is removed, so that no update
// draws over tiles it did not make). Call with the output's lock held.
// Throws what DRAW and writing throw; the output is unchanged then (but
// for tiles already updated in place).
TileStats write_tile_output(const TileJob& job, bool incremental, const TileSetInfo& info,
                            const TileManifest* manifest, const std::function<TileStats(TileSink&)>& draw,
                            TileProgress& progress);

TileJobResult run_tile_job(const Style& style, const PointFeatures& incidents,
                           const std::map<std::string, PolygonFeatures>& polygons, TileJob job,
                           TileProgress& progress);

} // namespace incimap::render
