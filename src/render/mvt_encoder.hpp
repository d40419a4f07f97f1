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
    // The bytes the layer takes so far, near enough (features, keys, values).
    std::size_t size() const { return features_.size() + keys_bytes_ + values_bytes_; }
    // Appends the layer (field 3 of a Tile message) to TILE; nothing when
    // it has no features.
    void append_to(std::string& tile) const;
    // Empties the layer for the next tile (name and extent stay).
    void clear();

  private:
    std::uint32_t value(std::string encoded);
    void add_feature(int type, std::span<const std::uint32_t> tags,
                     std::optional<std::uint64_t> id);

    std::string name_;
    std::uint32_t extent_;
    std::string features_; // Layer.features fields, as encoded
    std::size_t features_count_ = 0;
    std::vector<std::string> keys_;
    std::unordered_map<std::string, std::uint32_t> key_index_;
    std::vector<std::string> values_; // Value messages, as encoded
    std::unordered_map<std::string, std::uint32_t> value_index_;
    std::size_t keys_bytes_ = 0, values_bytes_ = 0;
    std::vector<std::uint32_t> geometry_; // scratch
};

// Twice the signed area of a ring in tile coordinates: positive when it
// winds clockwise on screen (y down), as MVT wants of exterior rings.
double ring_area(std::span<const TilePoint> ring);

} // namespace incimap::render::mvt
