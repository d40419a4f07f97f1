// Discs drawn by compositing small pre-rendered images instead of filling a
// path per disc: cairo spends microseconds setting up each small circle,
// which dominates tiles holding thousands of incidents. Each look (radius,
// stroke, colours, and the position's fraction of a pixel in quarters) is
// rendered once with cairo — so it looks exactly as cairo draws it — and
// then blended with the "over" operator onto the tile's pixels.
//
// Discs are queued, then composited together: of identical discs at the
// same quarter-pixel position only the last one queued is drawn. Drawing
// it again would only darken its antialiased rim, and at low zooms a
// million incidents land on a few thousand such positions. A disc whose
// every visible pixel the opaque pixels of discs queued after it cover is
// not drawn either: those pixels replace it whole, so the tile comes out
// the same. Where thousands of discs pile up on a tile, most are such.
//
// Not thread-safe: one DiscSprites per worker.
#pragma once

#include "render/scene.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

namespace incimap::render {

// Pixels as cairo's ARGB32 image surfaces hold them: premultiplied,
// native-endian 32-bit words, `stride` bytes per row.
struct PixelTarget {
    std::uint8_t* pixels = nullptr;
    int width = 0, height = 0, stride = 0;
};

class DiscSprites {
public:
    // `scale`: output pixels per scene pixel.
    explicit DiscSprites(double scale) : scale_(scale) {}

    // Queues the disc centred at (x, y) output pixels, replacing an
    // identical disc queued at the same quarter-pixel position (one hash
    // lookup). The queue holds about as many discs as distinct positions,
    // however many are added: replaced ones are dropped as they pile up.
    void add(const CircleItem& disc, double x, double y);

    // Composites the queued discs onto `target` in the order they were
    // queued, skipping any disc that an identical one at the same
    // quarter-pixel position queued later replaces, or that later discs
    // hide, and empties the queue. Cost: a pass from the last disc to the
    // first over a byte per pixel telling which pixels are hidden, then the
    // opaque rows of each drawn disc copied and its rim blended.
    void flush(const PixelTarget& target);

    bool empty() const { return queue_.empty(); }
    // Discs held in the queue, replaced ones not yet dropped included.
    std::size_t queued() const { return queue_.size(); }

    // Distinct sprites rendered so far (a look at one quarter-pixel fraction).
    std::size_t sprites() const { return sprites_.size(); }
    // Discs composited so far (not those left out as replaced or hidden).
    std::size_t composited() const { return composited_; }

private:
    // A stretch of one sprite row: all opaque, or to be blended.
    struct Run {
        std::int16_t y = 0, x0 = 0, x1 = 0;  // [x0, x1)
        bool opaque = false;
    };
    struct Sprite {
        int size = 0;    // square
        int centre = 0;  // the disc's centre sits at (centre, centre) + fraction
        std::vector<std::uint32_t> argb;
        std::vector<Run> runs;  // the pixels that are not fully transparent
        // Per row, from its first such pixel to its last (a disc's pixels
        // are one stretch per row).
        std::vector<Run> rows;
    };
    // A look without its position: colours as 8-bit RGBA, radius and
    // stroke width in quarters of a pixel.
    struct Look {
        std::uint64_t colours = 0, shape = 0;
        bool operator==(const Look&) const = default;
    };
    struct LookHash {
        std::size_t operator()(const Look& k) const {
            return std::hash<std::uint64_t>{}(k.colours * 0x9e3779b97f4a7c15ull ^ k.shape);
        }
    };
    // The sprite ids of a look at each quarter-pixel fraction (-1: not yet
    // rendered).
    using Fractions = std::array<std::int32_t, 16>;
    // A recent disc's look (looked up by its style's bits, so that colours
    // and sizes are converted once per style, not per disc).
    struct Recent {
        CircleItem disc;
        Look look;
        Fractions* ids = nullptr;
    };
    struct Placed {
        std::int32_t sprite;
        std::int32_t left, top;
    };

    const Recent& look_of(const CircleItem& disc);
    std::int32_t sprite(const Look& look, Fractions& ids, int fx, int fy);
    void composite(const Sprite& s, int left, int top, const PixelTarget& target) const;
    void index_placement(std::size_t i);
    void index_placements(std::size_t size);
    void drop_replaced();
    // Leaves out of `keep` the discs that later ones hide on `target`.
    void drop_hidden(std::vector<bool>& keep, const PixelTarget& target);
    bool hidden(const Sprite& s, int left, int top, int width, int height) const;
    void hide_under(const Sprite& s, int left, int top, int width, int height);

    double scale_;
    std::unordered_map<Look, Fractions, LookHash> looks_;
    std::vector<std::unique_ptr<Sprite>> sprites_;
    std::array<Recent, 64> recent_{};  // by a hash of the style's bits
    const Recent* last_ = nullptr;
    // A queued disc that an identical one queued later replaces.
    static constexpr std::int32_t replaced = -1;
    std::vector<Placed> queue_;
    std::size_t replaced_ = 0;  // queued discs marked replaced
    // The latest queued disc of each placement: open addressing, queue
    // index + 1 per slot (0: empty), a power of two long.
    std::vector<std::uint32_t> slots_;
    std::vector<bool> keep_;  // scratch of flush()
    // Scratch of drop_hidden(): per pixel of the target, 1 when an opaque
    // pixel of a disc already looked at covers it.
    std::vector<std::uint8_t> covered_;
    std::size_t composited_ = 0;
};

} // namespace incimap::render
