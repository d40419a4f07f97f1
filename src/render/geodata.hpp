// The features a map is drawn from, in geographic coordinates: incidents
// (points with the attributes the style reads) and polygon layers
// (boundaries, aggregates). Reading them is in render/sources.hpp.
#pragma once

#include "render/attributes.hpp"
#include "render/tile.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::render {

using LonLat = std::array<double, 2>;

// Incident ids end to end in one buffer: a million short ids take a few MB
// rather than a std::string (32 bytes and often an allocation) each.
class IdColumn {
public:
    void reserve(std::size_t n) { ends_.reserve(n); }
    void push_back(std::string_view id) {
        text_.append(id);
        ends_.push_back(text_.size());
    }
    std::string_view operator[](std::size_t i) const {
        const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
        return std::string_view(text_).substr(begin, ends_[i] - begin);
    }
    std::size_t size() const { return ends_.size(); }

private:
    std::string text_;
    std::vector<std::size_t> ends_;
};

struct PointFeatures {
    std::vector<double> lon, lat;
    // Stable identity of each incident across runs (the store's id, the
    // GeoJSON feature id or event_id_cnty), for `tiles --update`.
    IdColumn ids;
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
