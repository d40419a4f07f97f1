// Discs drawn by compositing small pre-rendered images instead of filling a
// path per disc: cairo spends microseconds setting up each small circle,
// which dominates tiles holding thousands of incidents. Each look (radius,
// stroke, colours, and the position's fraction of a pixel in quarters) is
// rendered once with cairo — so it looks exactly as cairo draws it — and
// then blended with the "over" operator onto the tile's pixels.
//
// Not thread-safe: one DiscSprites per worker.
#pragma once

#include "render/scene.hpp"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace incimap::render {

class DiscSprites {
public:
    // `scale`: output pixels per scene pixel.
    explicit DiscSprites(double scale) : scale_(scale) {}

    // Composites the disc centred at (x, y) output pixels onto a cairo
    // ARGB32 buffer (premultiplied, native-endian words).
    void draw(const CircleItem& disc, double x, double y, std::uint8_t* pixels, int width,
              int height, int stride);

    std::size_t looks() const { return cache_.size(); }

private:
    struct Sprite {
        int size = 0;    // square
        int centre = 0;  // the disc's centre sits at (centre, centre) + fraction
        std::vector<std::uint32_t> argb;
    };
    // A look: colours as 8-bit RGBA, radius and stroke in quarters of a
    // pixel, and the position's fraction.
    struct Key {
        std::uint64_t colours = 0, shape = 0;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const {
            return std::hash<std::uint64_t>{}(k.colours * 0x9e3779b97f4a7c15ull ^ k.shape);
        }
    };
    const Sprite& sprite(const Key& key);

    double scale_;
    std::unordered_map<Key, Sprite, KeyHash> cache_;
    Key last_key_;
    const Sprite* last_ = nullptr;
};

} // namespace incimap::render
