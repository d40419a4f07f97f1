// What a report map carries around the map itself: title, legend panel,
// scale bar, north arrow and credits, drawn with cairo in style pixels.
#pragma once

#include "adapters/cairo.hpp"
#include "render/legend.hpp"
#include "render/scene.hpp"

#include <string>
#include <vector>

namespace incimap::render {

void draw_title(cairo::Canvas& canvas, const Box& area, const std::string& title,
                const std::string& subtitle);

// The legend in a panel; returns the height used.
double draw_legend(cairo::Canvas& canvas, const Box& area, const std::vector<LegendSection>& legend);

// A bar of a round length (1, 2 or 5 x 10^k m or km) about a fifth of
// `max_width`, with its lower-left corner at (x, y).
void draw_scale_bar(cairo::Canvas& canvas, double x, double y, double max_width,
                    double metres_per_pixel);
// The space draw_scale_bar() takes at most (its panel and its last label).
Box scale_bar_box(double x, double y, double max_width);

// An arrow pointing to north, rotated by `radians` clockwise from up.
void draw_north_arrow(cairo::Canvas& canvas, double cx, double cy, double radians);

// One line of small text, shrunk to fit `width`.
void draw_credits(cairo::Canvas& canvas, double x, double y, double width, const std::string& text);

// "50 km", "500 m": the label of a length.
std::string length_label(double metres);

} // namespace incimap::render
