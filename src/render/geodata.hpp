// The features a map is drawn from, in geographic coordinates: incidents
// (points with the attributes the style reads) and polygon layers
// (boundaries, aggregates). Reading them is in render/sources.hpp.
#pragma once

#include "render/attributes.hpp"
#include "render/tile.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace incimap::render {

using LonLat = std::array<double, 2>;

struct PointFeatures {
    std::vector<double> lon, lat;
    // Stable identity of each incident across runs (the store's id, the
    // GeoJSON feature id or event_id_cnty), for `tiles --update`.
    std::vector<std::string> ids;
    AttributeTable attributes;
    std::size_t size() const { return lon.size(); }
};

struct Polygon {
    // Outer rings and holes of every part; drawn with the even-odd rule,
    // which is right for valid (multi)polygons.
    std::vector<std::vector<LonLat>> rings;
    LonLatBox bbox;
    LonLat label_point{};  // inside the largest part, for its name
};

struct PolygonFeatures {
    std::string name;  // the source name: "admin0", "admin1", a path
    std::uint64_t content_hash = 0;  // of the file it was read from
    std::vector<Polygon> polygons;
    AttributeTable attributes;
};

// A point well inside the largest ring: the middle of the widest span of the
// ring along the horizontal line through its centroid (a centroid may fall
// outside a concave region).
LonLat label_point(const std::vector<std::vector<LonLat>>& rings);

} // namespace incimap::render
