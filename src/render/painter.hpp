// Draws a scene, or the part of it a tile needs, with cairo.
#pragma once

#include "adapters/cairo.hpp"
#include "render/scene.hpp"

#include <cstdint>
#include <span>

namespace incimap::render {

// The window of the scene's pixel space being drawn. The canvas's user space
// must have its origin at the window's top-left corner and one unit per
// scene pixel; raster_scale is how many output pixels a scene pixel covers
// (the resolution of heatmaps).
struct Viewport {
    double x0 = 0, y0 = 0;
    double width = 256, height = 256;
    double raster_scale = 1;
};

class DiscSprites;

// Direct access to an image surface whose device origin is the viewport's
// top-left corner: discs are then composited from sprites (sprites.hpp).
// With `queue_discs`, paint_layer leaves the discs of circle layers queued
// in `sprites` (drawn before anything cairo draws) so that identical discs
// are drawn once over several calls; the caller then calls
// flush_discs() before reading the surface.
struct RasterTarget {
    cairo::Surface* surface = nullptr;
    DiscSprites* sprites = nullptr;
    bool queue_discs = false;
};

// Composites the discs queued in the target's sprites onto its surface.
void flush_discs(const RasterTarget& raster);

// Draws the given items of one layer (all of them when `items` is empty and
// `all` is true), in order.
void paint_layer(cairo::Canvas& canvas, const SceneLayer& layer,
                 std::span<const std::uint32_t> items, bool all, const Viewport& view,
                 const RasterTarget& raster = {});

// Draws every layer of the scene.
void paint_scene(cairo::Canvas& canvas, const Scene& scene, const Viewport& view);

// Text measurement with cairo's toy font API on a scratch surface.
class CairoTextMeasure final : public TextMeasure {
public:
    CairoTextMeasure();
    std::pair<double, double> size(const std::string& font, bool bold, double px,
                                   const std::string& text) override;

private:
    cairo::Surface surface_;
    cairo::Canvas canvas_;
};

// A heatmap layer's weights over a window (`view.raster_scale` pixels per
// scene pixel), added a few heat points at a time, so a tile's points need
// not be laid out all at once: what is painted is the same as from all of
// them together. Its size depends on the window only.
class HeatGrid {
public:
    HeatGrid(const SceneLayer& layer, const Viewport& view);
    // Adds the heat points among `items` of `layer` (every item when `all`).
    void add(const SceneLayer& layer, std::span<const std::uint32_t> items, bool all);
    // Paints the density, blurred and coloured with the layer's ramp.
    void paint(cairo::Canvas& canvas, const SceneLayer& layer) const;

private:
    // Premultiplied ARGB, row after row, `width_` x `height_`.
    std::vector<std::uint32_t> raster(const SceneLayer& layer) const;

    Viewport view_;
    int width_, height_, reach_;
    std::vector<float> grid_;  // with a border of `reach_` pixels
};

} // namespace incimap::render
