// One run of `incimap tiles --vector`: Mapbox Vector Tiles of the incidents
// (render/vector_tiles.hpp) into a folder of {z}/{x}/{y}.pbf, an MBTiles
// file or a PMTiles archive, always from scratch, through the same output
// handling as the raster tiles (render/tile_job.hpp): the guard, the lock,
// the temporary output that replaces the old one when complete, and the
// TileJSON document beside it, here with its `vector_layers`.
//
// Tiles in MBTiles and PMTiles are gzip-compressed, as the MBTiles 1.3 spec
// and PMTiles clients expect (the archive's header says so); tiles in a
// folder are not, so that any static server can hand them out as they are.
#pragma once

#include "render/tile_job.hpp"
#include "render/vector_fields.hpp"

#include <cstddef>
#include <vector>

namespace incimap::render {

// The deepest zoom of the vector tiles' layer of regions.
inline constexpr int admin1_max_zoom = 8;

struct VectorTileJob {
    // out, source, url_base, guard, lock timeout; of the options only
    // min_zoom, max_zoom, bbox, threads and temp_folder count.
    TileJob tiles;
    std::vector<VectorField> fields;
    // Admin-1 regions with incident counts for a layer `admin1` up to
    // admin1_max_zoom (or max_zoom), or none.
    const PolygonFeatures* regions = nullptr;
    std::size_t max_tile_bytes = 500 * 1024;
};

// Throws as run_tile_job() does.
TileJobResult run_vector_tile_job(const PointFeatures& incidents, const VectorTileJob& job,
                                  TileProgress& progress);

} // namespace incimap::render
