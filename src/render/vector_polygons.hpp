// Polygons in vector tiles: the admin1 regions with their incident counts,
// cut into the tiles they touch, each clipped to its tile and a buffer
// around it (so that fills and outlines join across tile edges), outer
// rings wound clockwise on screen and holes the other way, as MVT 2.1
// wants.
#pragma once

#include "render/geodata.hpp"
#include "render/mvt_encoder.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace incimap::render {

class PolygonTiler {
  public:
    // POLYGONS with those of their ATTRIBUTES the table has (the others are
    // left out). Cost: a point-in-ring test per pair of rings of a polygon,
    // to tell holes from outer rings.
    PolygonTiler(const PolygonFeatures& polygons, const std::vector<std::string>& attributes);

    // (tile_key(), polygon) for each tile of ZOOM inside RANGE that a
    // polygon's box touches, sorted by key.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> touched(int zoom,
                                                                 const TileRange& range) const;

    // Adds POLYGONS clipped to TILE and BUFFER units around it to LAYER;
    // a polygon with nothing left inside is skipped.
    void add_to(mvt::LayerEncoder& layer, TileId tile, std::span<const std::uint32_t> polygons,
                int buffer = 64) const;

    bool empty() const { return shapes_.empty(); }

  private:
    struct Part {
        std::vector<std::vector<WorldPoint>> rings; // the outer ring, then its holes
    };
    struct Shape {
        std::vector<Part> parts;
        WorldPoint min, max;
    };
    const PolygonFeatures& polygons_;
    std::vector<int> columns_;
    std::vector<Shape> shapes_;
};

// RING clipped to the square from LOW to HIGH on both axes
// (Sutherland-Hodgman; a ring may come back with fewer than 3 points).
std::vector<std::pair<double, double>> clip_ring(const std::vector<std::pair<double, double>>& ring,
                                                 double low, double high);

} // namespace incimap::render
