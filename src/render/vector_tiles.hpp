// Mapbox Vector Tiles of incidents: one layer, `incidents`, of points with
// the chosen fields as attributes (render/vector_fields.hpp), for every tile
// of a range of zooms that holds an incident. A point's feature id is the
// incident's `id` attribute when loaded, else its stable id when numeric.
// With regions, a layer `admin1` before it holds the regions' polygons
// (render/vector_polygons.hpp) in every tile they touch.
//
// A tile that would pass max_tile_bytes with every incident on it gets
// clusters instead: incidents within a radius of each other (1/256 of the
// tile at first, doubled until the tile fits) become one point at their
// mean position with `point_count`, the sum of their `fatalities` and their
// most frequent `event_type`; an incident alone in its radius keeps its
// attributes. So no tile passes the limit, at any zoom.
//
// Cost: one sort of the incidents along a Z-order curve, after which each
// tile's incidents lie next to each other at every zoom; then each
// incident is encoded once per zoom (more for tiles that cluster). Memory:
// 32 bytes per incident besides the input.
#pragma once

#include "render/geodata.hpp"
#include "render/tiler.hpp"
#include "render/vector_fields.hpp"

#include <cstddef>
#include <functional>
#include <vector>

namespace incimap::render {

struct VectorTileOptions {
    int min_zoom = 0;
    int max_zoom = 14;
    // Tiles outside it are not written.
    LonLatBox bbox{-180, -max_mercator_latitude, 180, max_mercator_latitude};
    std::vector<VectorField> fields; // attributes of PointFeatures of those names
    // Regions with incident counts (load_polygons_with_counts()) for a layer
    // `admin1` under the incidents, up to regions_max_zoom; none: no such layer.
    const PolygonFeatures* regions = nullptr;
    int regions_max_zoom = 8;
    std::size_t max_tile_bytes = 500 * 1024; // of the tile before compression
    bool gzip = false;    // compress each tile (MBTiles and PMTiles store them so)
    unsigned threads = 0; // 0: one per core
    std::function<void(int zoom, std::uint64_t done, std::uint64_t total)> on_progress;
    std::function<void(int zoom, const ZoomStats&)> on_zoom_done;
};

// Throws what the sink throws (after the workers stop), and Stopped once
// SIGINT or SIGTERM came under a StopOnSignal (core/stop_signal.hpp).
TileStats write_vector_tiles(const PointFeatures& incidents, const VectorTileOptions& opt,
                             TileSink& sink);

} // namespace incimap::render
