#include "render/mvt_encoder.hpp"

#include <cstring>
#include <protozero/pbf_writer.hpp>

namespace incimap::render::mvt {

namespace {

// Field numbers of vector_tile.proto 2.1.
enum : protozero::pbf_tag_type {
    tile_layers = 3,
    layer_name = 1,
    layer_features = 2,
    layer_keys = 3,
    layer_values = 4,
    layer_extent = 5,
    layer_version = 15,
    feature_id = 1,
    feature_tags = 2,
    feature_type = 3,
    feature_geometry = 4,
    value_string = 1,
    value_double = 3,
    value_uint = 5,
    value_sint = 6,
    value_bool = 7,
};

enum : int { point = 1, polygon = 3 };
enum : std::uint32_t { move_to = 1, line_to = 2, close_path = 7 };

std::uint32_t command(std::uint32_t id, std::uint32_t count) {
    return (id & 0x7) | (count << 3);
}
std::uint32_t zigzag(std::int32_t n) {
    return (static_cast<std::uint32_t>(n) << 1) ^ static_cast<std::uint32_t>(n >> 31);
}

} // namespace

LayerEncoder::LayerEncoder(std::string name, std::uint32_t extent)
    : name_(std::move(name)), extent_(extent) {}

std::uint32_t LayerEncoder::key(std::string_view name) {
    const auto [it, added] = key_index_.try_emplace(std::string(name), keys_count_);
    if (added) {
        protozero::pbf_writer(keys_).add_string(layer_keys, name.data(), name.size());
        ++keys_count_;
    }
    return it->second;
}

template <typename Write> std::uint32_t LayerEncoder::new_value(Write write) {
    protozero::pbf_writer layer(values_);
    protozero::pbf_writer value(layer, layer_values);
    write(value);
    return values_count_++;
}

std::uint32_t LayerEncoder::text(std::string_view v) {
    const auto [it, added] = text_index_.try_emplace(std::string(v), values_count_);
    if (added)
        new_value(
            [v](protozero::pbf_writer& w) { w.add_string(value_string, v.data(), v.size()); });
    return it->second;
}

std::uint32_t LayerEncoder::real(double v) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    const auto [it, added] = double_index_.try_emplace(bits, values_count_);
    if (added)
        new_value([v](protozero::pbf_writer& w) { w.add_double(value_double, v); });
    return it->second;
}

std::uint32_t LayerEncoder::whole(std::int64_t v) {
    if (v >= 0) {
        const auto [it, added] =
            uint_index_.try_emplace(static_cast<std::uint64_t>(v), values_count_);
        if (added)
            new_value([v](protozero::pbf_writer& w) {
                w.add_uint64(value_uint, static_cast<std::uint64_t>(v));
            });
        return it->second;
    }
    const auto [it, added] = sint_index_.try_emplace(static_cast<std::uint64_t>(v), values_count_);
    if (added)
        new_value([v](protozero::pbf_writer& w) { w.add_sint64(value_sint, v); });
    return it->second;
}

std::uint32_t LayerEncoder::boolean(bool v) {
    auto& index = bool_index_[v ? 1 : 0];
    if (index < 0) {
        index = values_count_;
        new_value([v](protozero::pbf_writer& w) { w.add_bool(value_bool, v); });
    }
    return static_cast<std::uint32_t>(index);
}

void LayerEncoder::add_feature(int type, std::span<const std::uint32_t> tags,
                               std::optional<std::uint64_t> id) {
    protozero::pbf_writer layer(features_);
    protozero::pbf_writer feature(layer, layer_features);
    if (id)
        feature.add_uint64(feature_id, *id);
    if (!tags.empty())
        feature.add_packed_uint32(feature_tags, tags.begin(), tags.end());
    feature.add_enum(feature_type, type);
    feature.add_packed_uint32(feature_geometry, geometry_.begin(), geometry_.end());
    ++features_count_;
}

void LayerEncoder::add_point(TilePoint at, std::span<const std::uint32_t> tags,
                             std::optional<std::uint64_t> id) {
    geometry_.assign({command(move_to, 1), zigzag(at.x), zigzag(at.y)});
    add_feature(point, tags, id);
}

void LayerEncoder::add_polygon(const std::vector<std::vector<TilePoint>>& rings,
                               std::span<const std::uint32_t> tags,
                               std::optional<std::uint64_t> id) {
    geometry_.clear();
    TilePoint cursor; // positions are relative to the last one, across rings
    for (const auto& ring : rings) {
        if (ring.size() < 3)
            continue;
        geometry_.push_back(command(move_to, 1));
        geometry_.push_back(zigzag(ring[0].x - cursor.x));
        geometry_.push_back(zigzag(ring[0].y - cursor.y));
        geometry_.push_back(command(line_to, static_cast<std::uint32_t>(ring.size() - 1)));
        for (std::size_t i = 1; i < ring.size(); ++i) {
            geometry_.push_back(zigzag(ring[i].x - ring[i - 1].x));
            geometry_.push_back(zigzag(ring[i].y - ring[i - 1].y));
        }
        geometry_.push_back(command(close_path, 1));
        cursor = ring.back();
    }
    if (!geometry_.empty())
        add_feature(polygon, tags, id);
}

void LayerEncoder::append_to(std::string& tile) const {
    if (features_count_ == 0)
        return;
    std::string layer;
    layer.reserve(features_.size() + keys_.size() + values_.size() + name_.size() + 16);
    protozero::pbf_writer head(layer);
    head.add_uint32(layer_version, 2);
    head.add_string(layer_name, name_);
    layer += features_;
    layer += keys_;
    layer += values_;
    protozero::pbf_writer(layer).add_uint32(layer_extent, extent_);
    protozero::pbf_writer(tile).add_message(tile_layers, layer);
}

void LayerEncoder::clear() {
    features_.clear();
    features_count_ = 0;
    keys_.clear();
    values_.clear();
    keys_count_ = values_count_ = 0;
    key_index_.clear();
    text_index_.clear();
    uint_index_.clear();
    sint_index_.clear();
    double_index_.clear();
    bool_index_[0] = bool_index_[1] = -1;
}

double ring_area(std::span<const TilePoint> ring) {
    double sum = 0;
    if (ring.empty())
        return sum;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
        sum +=
            static_cast<double>(ring[j].x) * ring[i].y - static_cast<double>(ring[i].x) * ring[j].y;
    return sum;
}

} // namespace incimap::render::mvt
