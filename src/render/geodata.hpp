// The features a map is drawn from, in geographic coordinates: incidents
// (points with the attributes the style reads) and polygon layers
// (boundaries, aggregates). Reading them is in render/sources.hpp.
#pragma once

#include "core/mapped_vector.hpp"
#include "render/attributes.hpp"
#include "render/tile.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::render {

using LonLat = std::array<double, 2>;

// Incident ids end to end in one buffer: a million short ids take a few MB
// rather than a std::string (32 bytes and often an allocation) each, and
// that buffer lives in a temporary file in `temp_folder` once it is large
// (core/mapped_vector.hpp).
class IdColumn {
public:
    explicit IdColumn(const std::filesystem::path& temp_folder = {})
        : text_(temp_folder), ends_(temp_folder) {}
    void reserve(std::size_t n) { ends_.reserve(n); }
    void push_back(std::string_view id) {
        text_.append(id.data(), id.size());
        ends_.push_back(text_.size());
    }
    std::string_view operator[](std::size_t i) const {
        const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
        return {text_.data() + begin, ends_[i] - begin};
    }
    std::size_t size() const { return ends_.size(); }

private:
    MappedVector<char> text_;
    MappedVector<std::size_t> ends_;
};

// Incidents column by column. Every column has one entry per incident and
// is kept in a temporary file in `temp_folder` once it outgrows a small heap
// buffer, so that the heap does not grow with the number of incidents; an
// empty folder is TMPDIR, else /tmp.
struct PointFeatures {
    explicit PointFeatures(const std::filesystem::path& temp_folder = {})
        : lon(temp_folder), lat(temp_folder), ids(temp_folder), attributes(temp_folder) {}
    MappedVector<double> lon, lat;
    // Stable identity of each incident across runs (the store's id, the
    // GeoJSON feature id or event_id_cnty), for `tiles --update`.
    IdColumn ids;
    AttributeTable attributes;
    std::size_t size() const { return lon.size(); }
    const std::filesystem::path& temp_folder() const { return lon.temp_folder(); }
};

// One feature's geometry: a (multi)polygon, or (multi)line or (multi)point
// of a source that holds them.
struct Polygon {
    // Outer rings and holes of every part; drawn with the even-odd rule,
    // which is right for valid (multi)polygons. The parts of a line, which
    // are stroked and never closed nor filled, when `lines`.
    std::vector<std::vector<LonLat>> rings;
    bool lines = false;
    std::vector<LonLat> points;  // a point or multipoint: drawn as circles
    LonLatBox bbox;
    // Inside the largest part, for its name; the middle of the longest
    // line; the first point.
    LonLat label_point{};
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
