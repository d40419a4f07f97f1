#include "render/map_furniture.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace incimap::render {
namespace {

constexpr const char* font = "DejaVu Sans";
const cairo::Rgba ink{0.13, 0.13, 0.13, 1};
const cairo::Rgba muted{0.4, 0.4, 0.4, 1};

cairo::Rgba rgba(const Color& c) { return {c.r, c.g, c.b, c.a}; }

void text(cairo::Canvas& c, double x, double y, const std::string& s, double size, bool bold,
          const cairo::Rgba& colour) {
    c.set_font(font, bold ? cairo::FontWeight::bold : cairo::FontWeight::normal, size);
    c.set_colour(colour);
    c.new_path();
    c.move_to(x, y);
    c.show_text(s);
}

// Text shrunk (down to 7 px) and then cut with an ellipsis to fit `width`.
void fitted_text(cairo::Canvas& c, double x, double y, std::string s, double size, bool bold,
                 const cairo::Rgba& colour, double width) {
    c.set_font(font, bold ? cairo::FontWeight::bold : cairo::FontWeight::normal, size);
    double w = c.measure(s).x_advance;
    if (w > width) {
        size = std::max(7.0, size * width / w);
        c.set_font(font, bold ? cairo::FontWeight::bold : cairo::FontWeight::normal, size);
        if (c.measure(s).x_advance > width) {
            while (s.size() > 4 && c.measure(s + "…").x_advance > width) {
                s.pop_back();
                while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xc0) == 0x80)
                    s.pop_back();  // whole UTF-8 characters only
            }
            s += "…";
        }
    }
    text(c, x, y, s, size, bold, colour);
}

void swatch(cairo::Canvas& c, const LegendEntry& e, double x, double y, double w, double h) {
    c.new_path();
    switch (e.symbol) {
    case LegendEntry::Symbol::circle: {
        const double r = std::min(e.size, h / 2 + 4);
        c.circle(x + w / 2, y + h / 2, r);
        c.set_colour(rgba(e.fill));
        c.fill(true);
        c.set_colour(e.stroke.a > 0 ? rgba(e.stroke) : cairo::Rgba{1, 1, 1, 1});
        c.set_line_width(1);
        c.stroke();
        break;
    }
    case LegendEntry::Symbol::fill:
        c.rectangle(x + 2, y + 1, w - 4, h - 2);
        c.set_colour(rgba(e.fill));
        c.fill(true);
        c.set_colour(e.stroke.a > 0 ? rgba(e.stroke) : muted);
        c.set_line_width(0.5);
        c.stroke();
        break;
    case LegendEntry::Symbol::line:
        c.move_to(x + 2, y + h / 2);
        c.line_to(x + w - 2, y + h / 2);
        c.set_colour(rgba(e.stroke));
        c.set_line_width(e.size);
        c.stroke();
        break;
    case LegendEntry::Symbol::ramp: {
        std::vector<cairo::GradientStop> stops;
        for (const auto& [offset, colour] : e.ramp)
            stops.push_back({offset, rgba(colour)});
        c.rectangle(x, y + 2, w * 3, h - 4);
        c.set_linear_gradient(x, 0, x + w * 3, 0, stops);
        c.fill(true);
        c.set_colour(muted);
        c.set_line_width(0.5);
        c.stroke();
        break;
    }
    }
}

} // namespace

void draw_title(cairo::Canvas& canvas, const Box& area, const std::string& title,
                const std::string& subtitle) {
    text(canvas, area.x0, area.y0 + 24, title, 22, true, ink);
    text(canvas, area.x0, area.y0 + 44, subtitle, 12, false, muted);
}

double draw_legend(cairo::Canvas& canvas, const Box& area, const std::vector<LegendSection>& legend) {
    double y = area.y0;
    const double row = 20, sw = 22;
    const double width = area.x1 - area.x0;
    for (const auto& section : legend) {
        if (y + row * 2 > area.y1)
            break;
        // A section of one entry is one row: its swatch and the title.
        const bool single = section.entries.size() == 1 && section.entries[0].symbol != LegendEntry::Symbol::ramp;
        if (!single) {
            fitted_text(canvas, area.x0, y + 13, section.title, 11.5, true, ink, width);
            y += row;
        }
        for (const auto& e : section.entries) {
            const double h = e.symbol == LegendEntry::Symbol::circle ? std::max(row, e.size * 2 + 4) : row;
            if (y + h > area.y1)
                break;
            swatch(canvas, e, area.x0, y, sw, h);
            const double label_x = area.x0 + (e.symbol == LegendEntry::Symbol::ramp ? sw * 3 : sw) + 8;
            fitted_text(canvas, label_x, y + h / 2 + 4, single ? section.title : e.label, 11, single,
                        ink, area.x1 - label_x);
            y += h;
        }
        y += row / 2;
    }
    return y - area.y0;
}

std::string length_label(double metres) {
    if (metres >= 1000)
        return fmt::format("{} km", to_text(Value{metres / 1000}));
    return fmt::format("{} m", to_text(Value{metres}));
}

void draw_scale_bar(cairo::Canvas& canvas, double x, double y, double max_width,
                    double metres_per_pixel) {
    const double target = max_width / 5 * metres_per_pixel;
    const double magnitude = std::pow(10, std::floor(std::log10(target)));
    double length = magnitude;
    for (const double step : {1.0, 2.0, 5.0})
        if (step * magnitude <= target)
            length = step * magnitude;
    const double px = length / metres_per_pixel;
    canvas.new_path();
    canvas.rectangle(x - 4, y - 26, px + 8 + 40, 30);
    canvas.set_colour({1, 1, 1, 0.75});
    canvas.fill();
    for (int i = 0; i < 4; ++i) {
        canvas.new_path();
        canvas.rectangle(x + px * i / 4, y - 6, px / 4, 5);
        canvas.set_colour(i % 2 == 0 ? ink : cairo::Rgba{1, 1, 1, 1});
        canvas.fill(true);
        canvas.set_colour(ink);
        canvas.set_line_width(0.75);
        canvas.stroke();
    }
    text(canvas, x - 3, y - 10, "0", 10, false, ink);
    text(canvas, x + px - 3, y - 10, length_label(length), 10, false, ink);
}

Box scale_bar_box(double x, double y, double max_width) {
    // The bar is at most a fifth of the width; its panel 48 px wider, its
    // length label ("200 km") a little beyond.
    return {x - 4, y - 26, x + max_width / 5 + 60, y + 4};
}

void draw_north_arrow(cairo::Canvas& canvas, double cx, double cy, double radians) {
    canvas.save();
    canvas.translate(cx, cy);
    canvas.new_path();
    canvas.circle(0, 0, 17);
    canvas.set_colour({1, 1, 1, 0.75});
    canvas.fill();
    canvas.rotate(radians);
    canvas.new_path();
    canvas.move_to(0, -14);
    canvas.line_to(6, 8);
    canvas.line_to(0, 4);
    canvas.line_to(-6, 8);
    canvas.close_path();
    canvas.set_colour(ink);
    canvas.fill();
    text(canvas, -4, -17, "N", 10, true, ink);
    canvas.restore();
}

void draw_credits(cairo::Canvas& canvas, double x, double y, double width, const std::string& s) {
    double size = 9.5;
    canvas.set_font(font, cairo::FontWeight::normal, size);
    const double w = canvas.measure(s).x_advance;
    if (w > width)
        size = std::max(5.0, size * width / w);
    text(canvas, x, y, s, size, false, muted);
}

} // namespace incimap::render
