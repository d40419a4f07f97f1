// Which incidents a run of tiles over a box draws from, so that a command
// reads only those (a bounding-box query on the store's spatial index, or
// OGR's spatial filter on a file) instead of the whole store: the box's
// tiles at each zoom, grown by as far as anything drawn for an incident
// outside them reaches in. Tiles drawn from the window are the same, byte
// for byte, as tiles drawn from every incident.
//
// What reaches in, in the tiles' pixels at a zoom: a circle (its largest
// radius and stroke as the style can give them, render::largest_number()),
// a heat point (its radius), a label (the points within tile_label_reach
// are named). What needs every incident: clusters (which incident seeds
// which cluster depends on the incidents in input order, however far
// off), region counts (a region's count takes its incidents beyond the
// window), a heatmap radius or intensity read from an incident.
#pragma once

#include "render/style.hpp"
#include "render/tile.hpp"

#include <optional>
#include <string>

namespace incimap::render {

struct DrawingWindow {
    std::optional<LonLatBox> box;  // nothing: every incident counts
    std::string whole_because;     // why, when there is no box: "the layer 'clusters' clusters at zoom 5"
};

// The window of a run of raster tiles of STYLE (its base layers when
// WITH_BASE) over BBOX at zooms MIN_ZOOM..MAX_ZOOM with tiles of TILE_SIZE
// pixels. Latitudes reaching the edge of Web Mercator reach the poles
// (incidents beyond are drawn at the edge). Cost: a few evaluations of the
// style's sizes per zoom.
DrawingWindow raster_tile_window(const Style& style, bool with_base, const LonLatBox& bbox, int min_zoom,
                                 int max_zoom, int tile_size);

// The window of a run of vector tiles over BBOX at zooms MIN_ZOOM..MAX_ZOOM
// (each tile holds the incidents inside it), with the layer of regions and
// their incident counts up to REGIONS_MAX_ZOOM (below MIN_ZOOM: none).
DrawingWindow vector_tile_window(const LonLatBox& bbox, int min_zoom, int max_zoom, int regions_max_zoom);

} // namespace incimap::render
