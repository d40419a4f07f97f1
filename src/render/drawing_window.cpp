#include "render/drawing_window.hpp"

#include "render/expression.hpp"
#include "render/sources.hpp"
#include "render/tiler.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace incimap::render {

namespace {

// Pixels a symbol of LAYER reaches from its incident's point at ZOOM, or
// nothing (with why) when the layer needs every incident.
std::optional<double> reach(const Layer& layer, int zoom, std::string& why) {
    const auto largest = [&](std::string_view property, double fallback) {
        const auto bound = largest_number(layer.property(property), zoom);
        return bound ? std::optional(std::max(*bound, fallback)) : std::nullopt;
    };
    switch (layer.type) {
    case LayerType::circle: {
        // circle_box(): the radius, half the stroke and a pixel.
        const auto radius = largest("circle-radius", 5);
        const auto stroke = largest("circle-stroke-width", 0);
        if (radius && stroke)
            return *radius + *stroke / 2 + 1;
        why = fmt::format("the size of the circles of the layer '{}' has no bound", layer.id);
        return std::nullopt;
    }
    case LayerType::heatmap: {
        // Read once per zoom, from the first incident when it reads one.
        if (layer.property("heatmap-radius")->depends_on_feature ||
            layer.property("heatmap-intensity")->depends_on_feature) {
            why = fmt::format("the heatmap '{}' takes its radius or intensity from an incident", layer.id);
            return std::nullopt;
        }
        const auto radius = largest("heatmap-radius", 30);
        return std::clamp(radius.value_or(256), 1.0, 256.0) + 1;
    }
    case LayerType::symbol: return tile_label_reach;
    case LayerType::cluster:
        why = fmt::format("the layer '{}' clusters the incidents at zoom {}", layer.id, zoom);
        return std::nullopt;
    default:
        why = fmt::format("the layer '{}' draws the incidents as a {}", layer.id, to_string(layer.type));
        return std::nullopt;
    }
}

// The tiles covering BBOX at ZOOM in world coordinates, grown by PIXELS.
struct WorldBox {
    double x0, y0, x1, y1;
};
WorldBox grown_tiles(const LonLatBox& bbox, int zoom, int tile_size, double pixels) {
    const auto range = tiles_covering(bbox, zoom);
    const double tiles = std::ldexp(1.0, zoom);
    const double margin = pixels / world_pixels(zoom, tile_size);
    return {range.min_x / tiles - margin, range.min_y / tiles - margin, (range.max_x + 1) / tiles + margin,
            (range.max_y + 1) / tiles + margin};
}

// World coordinates back to degrees; the map's edges stand for everything
// beyond them (to_world() clamps latitudes).
LonLatBox to_lon_lat_box(const WorldBox& w) {
    LonLatBox box;
    to_lon_lat({std::max(w.x0, 0.0), std::min(w.y1, 1.0)}, box.min_lon, box.min_lat);
    to_lon_lat({std::min(w.x1, 1.0), std::max(w.y0, 0.0)}, box.max_lon, box.max_lat);
    if (w.x0 <= 0)
        box.min_lon = -180;
    if (w.x1 >= 1)
        box.max_lon = 180;
    if (w.y1 >= 1)
        box.min_lat = -90;
    if (w.y0 <= 0)
        box.max_lat = 90;
    return box;
}

WorldBox joined(const std::optional<WorldBox>& a, const WorldBox& b) {
    if (!a)
        return b;
    return {std::min(a->x0, b.x0), std::min(a->y0, b.y0), std::max(a->x1, b.x1), std::max(a->y1, b.y1)};
}

} // namespace

DrawingWindow raster_tile_window(const Style& style, bool with_base, const LonLatBox& bbox, int min_zoom,
                                 int max_zoom, int tile_size) {
    DrawingWindow out;
    for (const auto& layer : style.layers)
        if ((with_base || !layer.base) && !layer.uses_incidents() && reads_incident_counts(style, layer.source)) {
            out.whole_because = fmt::format("the layer '{}' counts the incidents of each shape of '{}'",
                                            layer.id, layer.source);
            return out;
        }
    std::optional<WorldBox> window;
    for (int zoom = min_zoom; zoom <= max_zoom; ++zoom) {
        double pixels = 0;
        for (const auto& layer : style.layers) {
            if ((layer.base && !with_base) || !layer.uses_incidents() || !layer.visible_at(zoom))
                continue;
            const auto r = reach(layer, zoom, out.whole_because);
            if (!r)
                return out;
            pixels = std::max(pixels, *r);
        }
        // A pixel more: a point on the window's edge is then farther than
        // anything it draws reaches.
        window = joined(window, grown_tiles(bbox, zoom, tile_size, pixels + 1));
    }
    if (window)
        out.box = to_lon_lat_box(*window);
    return out;
}

DrawingWindow vector_tile_window(const LonLatBox& bbox, int min_zoom, int max_zoom, int regions_max_zoom) {
    DrawingWindow out;
    if (regions_max_zoom >= min_zoom) {
        out.whole_because = fmt::format("the layer 'admin1' counts the incidents of each region up to zoom {}",
                                        regions_max_zoom);
        return out;
    }
    std::optional<WorldBox> window;
    for (int zoom = min_zoom; zoom <= max_zoom; ++zoom)
        window = joined(window, grown_tiles(bbox, zoom, 256, 1));
    if (window)
        out.box = to_lon_lat_box(*window);
    return out;
}

} // namespace incimap::render
