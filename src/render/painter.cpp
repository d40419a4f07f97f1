#include "render/painter.hpp"

#include "render/sprites.hpp"

#include <algorithm>
#include <cmath>

namespace incimap::render {
namespace {

cairo::Rgba rgba(const Color& c) { return {c.r, c.g, c.b, c.a}; }

// Sutherland-Hodgman clipping of a closed ring to a rectangle. cairo keeps
// coordinates in 24.8 fixed point, so rings of a country seen at zoom 14
// must be cut down before they reach it.
std::vector<Pixel> clip_ring(const std::vector<Pixel>& ring, const Box& r) {
    std::vector<Pixel> in = ring, out;
    const auto edge = [&](auto inside, auto cross) {
        out.clear();
        for (std::size_t i = 0; i < in.size(); ++i) {
            const Pixel& a = in[i];
            const Pixel& b = in[(i + 1) % in.size()];
            const bool ia = inside(a), ib = inside(b);
            if (ia)
                out.push_back(a);
            if (ia != ib)
                out.push_back(cross(a, b));
        }
        in.swap(out);
    };
    const auto at_x = [](const Pixel& a, const Pixel& b, double x) {
        return Pixel{x, a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)};
    };
    const auto at_y = [](const Pixel& a, const Pixel& b, double y) {
        return Pixel{a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y};
    };
    edge([&](const Pixel& p) { return p.x >= r.x0; }, [&](auto& a, auto& b) { return at_x(a, b, r.x0); });
    edge([&](const Pixel& p) { return p.x <= r.x1; }, [&](auto& a, auto& b) { return at_x(a, b, r.x1); });
    edge([&](const Pixel& p) { return p.y >= r.y0; }, [&](auto& a, auto& b) { return at_y(a, b, r.y0); });
    edge([&](const Pixel& p) { return p.y <= r.y1; }, [&](auto& a, auto& b) { return at_y(a, b, r.y1); });
    return in;
}

// The segment a-b cut to BOX (Liang-Barsky); false when it misses it.
bool clip_segment(Pixel& a, Pixel& b, const Box& box) {
    double t0 = 0, t1 = 1;
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double p[] = {-dx, dx, -dy, dy};
    const double q[] = {a.x - box.x0, box.x1 - a.x, a.y - box.y0, box.y1 - a.y};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return false;
    }
    const Pixel from = a;
    a = {from.x + t0 * dx, from.y + t0 * dy};
    b = {from.x + t1 * dx, from.y + t1 * dy};
    return true;
}

// Lines cut to the window, as open subpaths: what a tile shows of a line
// does not depend on the window it is drawn in.
void line_runs(cairo::Canvas& canvas, const PathItem& item, const Viewport& v, const Box& window) {
    for (const auto& line : item.rings) {
        bool drawing = false;
        for (std::size_t i = 0; i + 1 < line.size(); ++i) {
            Pixel a = line[i], b = line[i + 1];
            if (!clip_segment(a, b, window)) {
                drawing = false;
                continue;
            }
            const bool start_cut = a.x != line[i].x || a.y != line[i].y;
            if (!drawing || start_cut)
                canvas.move_to(a.x - v.x0, a.y - v.y0);
            canvas.line_to(b.x - v.x0, b.y - v.y0);
            // The next segment goes on from here when this one was not cut short.
            drawing = b.x == line[i + 1].x && b.y == line[i + 1].y;
        }
    }
}

void path_rings(cairo::Canvas& canvas, const PathItem& item, const Viewport& v, double margin) {
    const Box window{v.x0 - margin, v.y0 - margin, v.x0 + v.width + margin, v.y0 + v.height + margin};
    canvas.new_path();
    if (item.open) {
        line_runs(canvas, item, v, window);
        return;
    }
    for (const auto& ring : item.rings) {
        const bool inside = std::all_of(ring.begin(), ring.end(), [&](const Pixel& p) {
            return p.x >= window.x0 && p.x <= window.x1 && p.y >= window.y0 && p.y <= window.y1;
        });
        const auto clipped = inside ? ring : clip_ring(ring, window);
        if (clipped.size() < 2)
            continue;
        canvas.move_to(clipped[0].x - v.x0, clipped[0].y - v.y0);
        for (std::size_t i = 1; i < clipped.size(); ++i)
            canvas.line_to(clipped[i].x - v.x0, clipped[i].y - v.y0);
        canvas.close_path();
    }
}

void paint_circle(cairo::Canvas& canvas, const CircleItem& c, const Viewport& v) {
    canvas.new_path();
    canvas.circle(c.x - v.x0, c.y - v.y0, c.radius);
    canvas.set_colour(rgba(c.fill));
    if (c.stroke_width > 0 && c.stroke.a > 0) {
        canvas.fill(true);
        canvas.set_colour(rgba(c.stroke));
        canvas.set_line_width(c.stroke_width);
        canvas.stroke();
    } else {
        canvas.fill();
    }
}

void paint_text(cairo::Canvas& canvas, const Layer& layer, const TextItem& t, const Viewport& v) {
    canvas.set_font(layer.text_font, layer.text_bold ? cairo::FontWeight::bold : cairo::FontWeight::normal,
                    t.size);
    canvas.new_path();
    if (t.halo_width > 0 && t.halo.a > 0) {
        canvas.move_to(t.x - v.x0, t.y - v.y0);
        canvas.text_path(t.text);
        canvas.set_colour(rgba(t.halo));
        canvas.set_line_width(t.halo_width * 2);
        canvas.set_round_joins();
        canvas.stroke();
    }
    canvas.move_to(t.x - v.x0, t.y - v.y0);
    canvas.set_colour(rgba(t.color));
    canvas.show_text(t.text);
}

void paint_path(cairo::Canvas& canvas, const Layer& layer, const PathItem& p, const Viewport& v) {
    const double margin = p.width * 2 + 4;
    path_rings(canvas, p, v, margin);
    if (layer.type == LayerType::fill) {
        canvas.set_even_odd_fill(true);
        canvas.set_colour(rgba(p.fill));
        if (p.width > 0) {
            canvas.fill(true);
            canvas.set_dash({});
            // Joins as every other stroke has them: the canvas may come from
            // another tile, whose last stroke set them.
            canvas.set_round_joins();
            canvas.set_line_width(p.width);
            canvas.set_colour(rgba(p.stroke));
            canvas.stroke();
        } else {
            canvas.fill();
        }
        return;
    }
    std::vector<double> dashes;
    for (const double d : layer.line_dasharray)
        dashes.push_back(d * p.width);
    canvas.set_dash(dashes);
    canvas.set_round_joins();
    canvas.set_line_width(p.width);
    canvas.set_colour(rgba(p.stroke));
    canvas.stroke();
    canvas.set_dash({});
}

template <class F> void for_items(std::span<const std::uint32_t> items, bool all, std::size_t count, F&& f) {
    if (all)
        for (std::size_t i = 0; i < count; ++i)
            f(i);
    else
        for (const auto i : items)
            f(i);
}

} // namespace

HeatGrid::HeatGrid(const SceneLayer& layer, const Viewport& view)
    : view_(view), width_(static_cast<int>(std::lround(view.width * view.raster_scale))),
      height_(static_cast<int>(std::lround(view.height * view.raster_scale))),
      reach_(static_cast<int>(std::ceil(layer.heat_radius * view.raster_scale))),
      grid_(std::size_t(width_ + 2 * reach_) * std::size_t(height_ + 2 * reach_), 0) {}

void HeatGrid::add(const SceneLayer& layer, std::span<const std::uint32_t> items, bool all) {
    const double s = view_.raster_scale;
    const std::size_t first_heat = layer.circles.size() + layer.texts.size() + layer.paths.size();
    const long gw = width_ + 2 * reach_, gh = height_ + 2 * reach_;
    for_items(items, all, layer.item_count(), [&](std::size_t i) {
        if (i < first_heat)
            return;
        const auto& h = layer.heat[i - first_heat];
        const long gx = std::lround((h.x - view_.x0) * s - 0.5) + reach_;
        const long gy = std::lround((h.y - view_.y0) * s - 0.5) + reach_;
        if (gx >= 0 && gy >= 0 && gx < gw && gy < gh)
            grid_[std::size_t(gy) * std::size_t(gw) + std::size_t(gx)] += h.weight;
    });
}

std::vector<std::uint32_t> HeatGrid::raster(const SceneLayer& layer) const {
    const int reach = reach_, width = width_, height = height_;
    const double sigma = layer.heat_radius * view_.raster_scale / 3;
    std::vector<float> kernel(static_cast<std::size_t>(reach) + 1);
    for (int d = 0; d <= reach; ++d)
        kernel[static_cast<std::size_t>(d)] = static_cast<float>(std::exp(-d * d / (2 * sigma * sigma)));
    // The weights binned on the grid (with a border of `reach`), blurred
    // with the separable Gaussian: cost independent of the number of points.
    const int gw = width + 2 * reach, gh = height + 2 * reach;
    std::vector<float> rows(std::size_t(gh) * width, 0);
    for (int y = 0; y < gh; ++y) {
        const float* src = &grid_[std::size_t(y) * gw];
        if (std::all_of(src, src + gw, [](float v) { return v == 0; }))
            continue;
        for (int x = 0; x < width; ++x) {
            float acc = 0;
            const int cx = x + reach;
            for (int d = -reach; d <= reach; ++d)
                acc += src[cx + d] * kernel[static_cast<std::size_t>(std::abs(d))];
            rows[std::size_t(y) * width + x] = acc;
        }
    }
    std::vector<std::uint32_t> out(std::size_t(width) * height, 0);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            float acc = 0;
            for (int d = -reach; d <= reach; ++d)
                acc += rows[std::size_t(y + reach + d) * width + x] * kernel[static_cast<std::size_t>(std::abs(d))];
            const double density = std::clamp(acc * layer.heat_intensity, 0.0f, 1.0f);
            if (density > 0)
                out[std::size_t(y) * width + x] = layer.heat_ramp[static_cast<std::size_t>(std::lround(density * 255))];
        }
    }
    return out;
}

void HeatGrid::paint(cairo::Canvas& canvas, const SceneLayer& layer) const {
    const auto raster = this->raster(layer);
    const int w = width_, h = height_;
    if (std::all_of(raster.begin(), raster.end(), [](std::uint32_t p) { return p == 0; }))
        return;
    auto image = cairo::Surface::image(w, h);
    auto* data = image.mutable_pixels();
    for (int y = 0; y < h; ++y)
        std::copy_n(&raster[std::size_t(y) * w], w,
                    reinterpret_cast<std::uint32_t*>(data + std::size_t(y) * image.stride()));
    image.mark_dirty();
    canvas.save();
    canvas.scale(1 / view_.raster_scale, 1 / view_.raster_scale);
    canvas.draw_image(image, 0, 0);
    canvas.restore();
}

void flush_discs(const RasterTarget& raster) {
    if (raster.surface == nullptr || raster.sprites == nullptr || raster.sprites->empty())
        return;
    auto& surface = *raster.surface;
    // mutable_pixels() flushes cairo's drawing first.
    raster.sprites->flush({surface.mutable_pixels(), surface.width(), surface.height(), surface.stride()});
    surface.mark_dirty();
}

void paint_layer(cairo::Canvas& canvas, const SceneLayer& layer, std::span<const std::uint32_t> items,
                 bool all, const Viewport& view, const RasterTarget& raster) {
    const Layer& style = *layer.layer;
    const std::size_t circles = layer.circles.size(), texts = layer.texts.size();
    const bool blit = raster.surface != nullptr && raster.sprites != nullptr && circles > 0;
    if (blit) {
        for_items(items, all, layer.item_count(), [&](std::size_t i) {
            if (i < circles) {
                const auto& c = layer.circles[i];
                raster.sprites->add(c, (c.x - view.x0) * view.raster_scale, (c.y - view.y0) * view.raster_scale);
            }
        });
    }
    const bool cairo_draws = style.type == LayerType::heatmap || !blit || texts > 0 || !layer.paths.empty();
    if (cairo_draws || !raster.queue_discs)
        flush_discs(raster);
    if (!cairo_draws)
        return;
    if (style.type == LayerType::heatmap) {
        HeatGrid grid(layer, view);
        grid.add(layer, items, all);
        grid.paint(canvas, layer);
        return;
    }
    for_items(items, all, layer.item_count(), [&](std::size_t i) {
        if (i < circles) {
            if (!blit)
                paint_circle(canvas, layer.circles[i], view);
        }
        else if (i < circles + texts)
            ;  // after every circle of the layer, so cluster counts stay on top
        else if (i < circles + texts + layer.paths.size())
            paint_path(canvas, style, layer.paths[i - circles - texts], view);
    });
    for_items(items, all, layer.item_count(), [&](std::size_t i) {
        if (i >= circles && i < circles + texts)
            paint_text(canvas, style, layer.texts[i - circles], view);
    });
    canvas.check("drawing layer '" + style.id + "'");
}

void paint_scene(cairo::Canvas& canvas, const Scene& scene, const Viewport& view) {
    for (const auto& layer : scene.layers)
        paint_layer(canvas, layer, {}, true, view);
}

CairoTextMeasure::CairoTextMeasure() : surface_(cairo::Surface::image(1, 1)), canvas_(surface_) {}

std::pair<double, double> CairoTextMeasure::size(const std::string& font, bool bold, double px,
                                                 const std::string& text) {
    canvas_.set_font(font, bold ? cairo::FontWeight::bold : cairo::FontWeight::normal, px);
    const auto e = canvas_.measure(text);
    return {e.x_advance, e.height};
}

} // namespace incimap::render
