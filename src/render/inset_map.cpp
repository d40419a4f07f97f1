#include "render/inset_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <utility>

namespace incimap::render {
namespace {

constexpr double widest_framed = 20; // degrees of longitude
constexpr double inner_margin = 8;   // between the inset and the frame's edge
constexpr double symbol_margin = 12; // around an incident's point
constexpr std::array<double, 2> sizes{140, 100};

// The region around SHOWN: six times as wide, at least 20° across, and as
// tall as it is wide on the ground at its middle latitude.
LonLatBox region_around(const LonLatBox& shown) {
    const double lon = (shown.min_lon + shown.max_lon) / 2;
    const double lat = std::clamp((shown.min_lat + shown.max_lat) / 2, -60.0, 60.0);
    const double half_lon = std::max(10.0, 3 * (shown.max_lon - shown.min_lon));
    const double half_lat = half_lon * std::cos(lat * std::numbers::pi / 180);
    return {lon - half_lon, lat - half_lat, lon + half_lon, lat + half_lat};
}

// Adds the closed path through POINTS, placed by AT (lon/lat to pixels).
template <typename Place>
void add_ring(cairo::Canvas& canvas, std::span<const LonLat> points, const Place& at) {
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto [x, y] = at(points[i]);
        if (i == 0)
            canvas.move_to(x, y);
        else
            canvas.line_to(x, y);
    }
    canvas.close_path();
}

} // namespace

std::optional<InsetPlan> place_inset(double width, double height, const LonLatBox& shown,
                                     std::span<const Pixel> pixels, std::span<const Box> reserved) {
    if (shown.max_lon - shown.min_lon > widest_framed || !(shown.max_lon > shown.min_lon))
        return std::nullopt;
    const auto region = region_around(shown);
    for (const double size : sizes) {
        if (size + 2 * inner_margin > std::min(width, height) / 2.5)
            continue; // it would take too much of the map
        const double x_left = inner_margin, x_right = width - inner_margin - size;
        const double y_top = inner_margin, y_bottom = height - inner_margin - size;
        const std::array<Box, 4> corners{{{x_left, y_top, x_left + size, y_top + size},
                                          {x_right, y_bottom, x_right + size, y_bottom + size},
                                          {x_right, y_top, x_right + size, y_top + size},
                                          {x_left, y_bottom, x_left + size, y_bottom + size}}};
        for (const auto& box : corners) {
            const Box clear{box.x0 - symbol_margin, box.y0 - symbol_margin, box.x1 + symbol_margin,
                            box.y1 + symbol_margin};
            const bool covers_incident =
                std::any_of(pixels.begin(), pixels.end(), [&](const Pixel& p) {
                    return p.x >= clear.x0 && p.x <= clear.x1 && p.y >= clear.y0 && p.y <= clear.y1;
                });
            const bool covers_reserved = std::any_of(
                reserved.begin(), reserved.end(), [&](const Box& r) { return r.intersects(box); });
            if (!covers_incident && !covers_reserved)
                return InsetPlan{box, region};
        }
    }
    return std::nullopt;
}

void draw_inset(cairo::Canvas& canvas, const Box& box, const LonLatBox& region,
                const PolygonFeatures& countries, std::span<const LonLat> outline) {
    const double w = box.x1 - box.x0, h = box.y1 - box.y0;
    const auto at = [&](const LonLat& p) {
        return std::pair{box.x0 + (p[0] - region.min_lon) / (region.max_lon - region.min_lon) * w,
                         box.y0 + (region.max_lat - p[1]) / (region.max_lat - region.min_lat) * h};
    };
    canvas.save();
    canvas.new_path();
    canvas.rectangle(box.x0, box.y0, w, h);
    canvas.set_colour({0.851, 0.890, 0.925, 1}); // the sea and what lies beyond the countries
    canvas.fill(true);
    canvas.clip();
    const int muted = countries.attributes.find("muted");
    for (std::size_t f = 0; f < countries.polygons.size(); ++f) {
        const auto& polygon = countries.polygons[f];
        if (polygon.lines || polygon.bbox.max_lon < region.min_lon ||
            polygon.bbox.min_lon > region.max_lon || polygon.bbox.max_lat < region.min_lat ||
            polygon.bbox.min_lat > region.max_lat)
            continue;
        double is_muted = 1;
        if (muted < 0 || !to_number(countries.attributes.value(muted, f), is_muted))
            is_muted = 1;
        canvas.new_path();
        for (const auto& ring : polygon.rings)
            add_ring(canvas, ring, at);
        canvas.set_even_odd_fill(true);
        canvas.set_colour(is_muted > 0 ? cairo::Rgba{0.957, 0.945, 0.918, 1}
                                       : cairo::Rgba{0.82, 0.78, 0.70, 1});
        canvas.fill(true);
        canvas.set_colour({0.55, 0.53, 0.50, 1});
        canvas.set_line_width(0.4);
        canvas.stroke();
    }
    canvas.new_path();
    add_ring(canvas, outline, at);
    canvas.set_colour({0.84, 0.15, 0.16, 1});
    canvas.set_line_width(1.5);
    canvas.stroke();
    canvas.restore();
    canvas.new_path();
    canvas.rectangle(box.x0, box.y0, w, h);
    canvas.set_colour({0.55, 0.55, 0.55, 1});
    canvas.set_line_width(0.75);
    canvas.stroke();
}

} // namespace incimap::render
