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
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
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

// The space a circle takes, its stroke and a pixel of antialiasing included.
Box circle_box(const CircleItem& c);

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
    bool open = false;  // lines, stroked without closing them
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

// Web Mercator onto a world of WORLD_PIXELS pixels a side (a zoom's tiles).
Projector web_mercator(double world_pixels);

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
    // A finished map's labels: each wholly inside `extent` (none cut by the
    // frame), and none under a circle or cluster of a layer above it.
    // Tiles keep both off: a label there may run on into the next tile.
    bool labels_inside_extent = false;
    bool labels_clear_of_symbols = false;
    // The labels of layers on the incidents name only the points within
    // this many pixels of `extent`. Tiles set it (tile_label_reach in
    // render/tiler.hpp): a name from farther off would reach in only if
    // longer than that, and a run over a window reads only the incidents
    // that near it (render/drawing_window.hpp).
    double labelled_points_within = std::numeric_limits<double>::infinity();
    // Where no label goes (a scale bar, a north arrow drawn over the map).
    std::vector<Box> reserved;
    // Where lists with an entry per incident (clustering) are kept once
    // large: temporary files (core/mapped_vector.hpp). Empty: TMPDIR, else /tmp.
    std::filesystem::path temp_folder;
};

// Circle and heatmap layers draw one item per incident and nothing that
// depends on another incident: they can be laid out a few incidents at a
// time, which the tiler does tile by tile so that memory does not grow with
// the number of incidents. Other layers (clusters, labels, polygons) are
// laid out whole.
bool draws_each_incident(const Layer& layer);

// Lays out the scene at `zoom` (the zoom style expressions see). With
// `each_incident` false, the layers that draw each incident are in the
// scene (a heatmap with its radius and colour ramp) but hold no items.
Scene build_scene(const SceneInput& input, double zoom, TextMeasure& measure,
                  bool each_incident = true);

// Replaces the items of `out` (a circle or heatmap layer of a scene built
// by build_scene) with those build_scene makes for the incidents `rows`
// (ascending): the same items, in row order. Safe to call from several
// threads at once with distinct `out`.
void lay_out_incidents(const SceneInput& input, double zoom, std::span<const std::uint32_t> rows,
                       SceneLayer& out);

// Calls visit(row, box, circle) for each item lay_out_incidents would make
// for `rows`, with the box it takes, without working out its colours (for
// binning before drawing). `circle` is the item with its size but without
// colours on circle layers, null on heatmaps.
using IncidentBoxVisitor = std::function<void(std::uint32_t row, const Box& box, const CircleItem* circle)>;
void visit_incident_boxes(const SceneInput& input, double zoom, const SceneLayer& layer,
                          std::span<const std::uint32_t> rows, const IncidentBoxVisitor& visit);

} // namespace incimap::render
