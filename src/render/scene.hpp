// A scene is a style applied to the features at one zoom, laid out in one
// pixel space: what to draw, layer by layer, as circles, texts, paths and
// heat points with their final colours and sizes. Tiles cut it into squares
// (render/tiler.hpp), a static map draws it whole (render/static_map.hpp).
//
// Everything that depends on more than one feature — clusters, label
// collisions, per-region counts — is decided here, once per zoom, in the
// shared pixel space; that is what keeps tiles seamless.
#pragma once

#include "render/geodata.hpp"
#include "render/style.hpp"

#include <array>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace incimap::render {

struct Pixel {
    double x = 0, y = 0;
};

struct Box {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool intersects(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

struct CircleItem {
    double x = 0, y = 0;
    float radius = 0, stroke_width = 0;
    Color fill, stroke;  // opacity folded into alpha
};

struct TextItem {
    double x = 0, y = 0;  // baseline origin
    std::string text;
    float size = 12, halo_width = 0;
    Color color, halo;
    Box box;  // the space it takes, halo included
};

struct PathItem {
    std::vector<std::vector<Pixel>> rings;
    Box box;
    Color fill, stroke;  // fill layers: fill and outline; line layers: stroke
    float width = 0;
};

struct HeatPoint {
    double x = 0, y = 0;
    float weight = 0;
};

struct SceneLayer {
    const Layer* layer = nullptr;
    std::vector<CircleItem> circles;
    std::vector<TextItem> texts;
    std::vector<PathItem> paths;
    std::vector<HeatPoint> heat;
    float heat_radius = 0, heat_intensity = 1;
    std::array<std::uint32_t, 256> heat_ramp{};  // density -> premultiplied ARGB

    // Items are numbered circles first, then texts, paths, heat points.
    std::size_t item_count() const { return circles.size() + texts.size() + paths.size() + heat.size(); }
    Box item_box(std::size_t item) const;
};

struct Scene {
    double zoom = 0;
    std::vector<SceneLayer> layers;  // in drawing order
};

// Measures text for label placement (implemented with cairo).
class TextMeasure {
public:
    virtual ~TextMeasure() = default;
    // Advance width and ink height of `text` in pixels.
    virtual std::pair<double, double> size(const std::string& font, bool bold, double px,
                                           const std::string& text) = 0;
};

// Where longitude/latitude land in the scene's pixel space; false when the
// position has no image in the projection.
using Projector = std::function<bool(double lon, double lat, double& x, double& y)>;

struct SceneInput {
    const Style* style = nullptr;
    bool with_base = true;  // draw the base style's layers
    const PointFeatures* incidents = nullptr;
    // Each incident's position in the pixel space (NaN when it has none).
    std::span<const Pixel> incident_pixels;
    // Polygon sources by name, with their incident counts.
    const std::map<std::string, PolygonFeatures>* polygons = nullptr;
    Projector project;
    // Items wholly outside this box are left out.
    Box extent;
};

// Lays out the scene at `zoom` (the zoom style expressions see).
Scene build_scene(const SceneInput& input, double zoom, TextMeasure& measure);

} // namespace incimap::render
