// One run of `incimap tiles`: renders into a folder or an MBTiles file,
// from scratch (into a temporary folder or file that replaces the output
// only when complete) or, with update, in place and only where something
// changed since the run that wrote the output's manifest. Writes the
// TileJSON document and the manifest beside the tiles.
#pragma once

#include "core/output_guard.hpp"
#include "render/progress.hpp"
#include "render/tile_output.hpp"
#include "render/tiler.hpp"

#include <filesystem>
#include <map>
#include <string>

namespace incimap::render {

struct TileJob {
    std::filesystem::path out;  // a folder, or a file ending in .mbtiles
    TileOptions options;        // its plan is set by the job
    bool update = false;
    std::string source;         // "store output/incidents.gpkg", for the description
    // Refuses outputs over the inputs, over stores and over MBTiles files
    // this program did not write; none: no such checks.
    const OutputGuard* guard = nullptr;
};

struct TileJobResult {
    TileStats stats;
    bool incremental = false;      // only changed tiles were redrawn
    std::string why_full;          // when an update had to redraw everything
    std::filesystem::path tilejson;
};

// The tiles of a TileJSON document: where the tiles are, relative to it.
std::string tiles_url(const std::filesystem::path& out, int scale);

// Throws Error naming the output when it cannot be written, UsageError when
// it is a folder of something else, OutputRefused when job.guard refuses it
// (before anything is drawn).
TileJobResult run_tile_job(const Style& style, const PointFeatures& incidents,
                           const std::map<std::string, PolygonFeatures>& polygons, TileJob job,
                           TileProgress& progress);

} // namespace incimap::render
