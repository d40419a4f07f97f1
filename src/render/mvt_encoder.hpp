// Mapbox Vector Tile 2.1 encoding (https://github.com/mapbox/vector-tile-spec),
// written with protozero: one layer at a time, its keys and values
// deduplicated as features are added, then appended to a tile's bytes.
// Geometry is in tile coordinates, integers from 0 to the layer's extent
// (x east, y south), and may reach past the edges into a buffer.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace incimap::render::mvt {

inline constexpr std::uint32_t default_extent = 4096;

struct TilePoint {
    std::int32_t x = 0;
    std::int32_t y = 0;
};

// One layer being filled. Not thread-safe; one per worker.
class LayerEncoder {
  public:
    explicit LayerEncoder(std::string name, std::uint32_t extent = default_extent);

    // Indices into the layer's keys and values for a feature's tags: equal
    // keys and equal values (same type, same value) are stored once.
    std::uint32_t key(std::string_view name);
    std::uint32_t text(std::string_view value);
    std::uint32_t real(double value);
    // Whole numbers: uint_value when not negative, else sint_value.
    std::uint32_t whole(std::int64_t value);
    std::uint32_t boolean(bool value);

    // TAGS: key and value indices, alternating. ID: the feature's id, if any.
    void add_point(TilePoint at, std::span<const std::uint32_t> tags,
                   std::optional<std::uint64_t> id = std::nullopt);
    // Polygon rings, each closed implicitly (the first point is not
    // repeated at the end). Exterior rings must wind clockwise on screen
    // (positive area with y down) and holes the other way; see
    // ring_area(). Rings of fewer than 3 points are skipped.
    void add_polygon(const std::vector<std::vector<TilePoint>>& rings,
                     std::span<const std::uint32_t> tags,
                     std::optional<std::uint64_t> id = std::nullopt);

    std::size_t features() const { return features_count_; }
    // The bytes the layer takes so far, but for its name and extent.
    std::size_t size() const { return features_.size() + keys_.size() + values_.size(); }
    // Appends the layer (field 3 of a Tile message) to TILE; nothing when
    // it has no features.
    void append_to(std::string& tile) const;
    // Empties the layer for the next tile (name and extent stay).
    void clear();

  private:
    void add_feature(int type, std::span<const std::uint32_t> tags,
                     std::optional<std::uint64_t> id);
    // The index of a new value, whose Value message WRITE adds to the
    // writer it is given.
    template <typename Write> std::uint32_t new_value(Write write);

    std::string name_;
    std::uint32_t extent_;
    std::string features_; // Layer.features fields, as encoded
    std::size_t features_count_ = 0;
    // Layer.keys and Layer.values fields, as encoded, in index order.
    std::string keys_, values_;
    std::uint32_t keys_count_ = 0, values_count_ = 0;
    std::unordered_map<std::string, std::uint32_t> key_index_;
    // Value indices by type and value (numbers by their bits): a lookup
    // encodes nothing.
    std::unordered_map<std::string, std::uint32_t> text_index_;
    std::unordered_map<std::uint64_t, std::uint32_t> uint_index_, sint_index_, double_index_;
    std::int64_t bool_index_[2] = {-1, -1};
    std::vector<std::uint32_t> geometry_; // scratch
};

// Twice the signed area of a ring in tile coordinates: positive when it
// winds clockwise on screen (y down), as MVT wants of exterior rings.
double ring_area(std::span<const TilePoint> ring);

} // namespace incimap::render::mvt
