#include "render/sprites.hpp"

#include "adapters/cairo.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace incimap::render {

namespace {
// Subpixel positions are quantised to quarters of a pixel.
constexpr int steps = 4;

std::uint32_t mul_div_255(std::uint32_t a, std::uint32_t b) {
    const std::uint32_t t = a * b + 128;
    return (t + (t >> 8)) >> 8;
}
} // namespace

namespace {
std::uint32_t rgba8(const Color& c) {
    const auto b = [](float v) { return static_cast<std::uint32_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255)); };
    return b(c.r) << 24 | b(c.g) << 16 | b(c.b) << 8 | b(c.a);
}
double channel(std::uint32_t rgba, int shift) { return ((rgba >> shift) & 0xff) / 255.0; }
} // namespace

const DiscSprites::Sprite& DiscSprites::sprite(const Key& key) {
    if (last_ != nullptr && key == last_key_)
        return *last_;
    auto it = cache_.find(key);
    if (it == cache_.end()) {
        const auto fill = static_cast<std::uint32_t>(key.colours >> 32);
        const auto stroke = static_cast<std::uint32_t>(key.colours);
        const double radius = double(key.shape >> 24) / steps;
        const double width = double((key.shape >> 8) & 0xffff) / steps;
        const int fx = static_cast<int>((key.shape >> 4) & 0xf), fy = static_cast<int>(key.shape & 0xf);
        Sprite s;
        const double reach = (radius + width / 2) * scale_;
        s.centre = static_cast<int>(std::ceil(reach)) + 1;
        s.size = 2 * s.centre + 2;
        auto surface = cairo::Surface::image(s.size, s.size);
        {
            cairo::Canvas canvas(surface);
            canvas.translate(s.centre + double(fx) / steps, s.centre + double(fy) / steps);
            canvas.scale(scale_, scale_);
            canvas.circle(0, 0, radius);
            canvas.set_colour({channel(fill, 24), channel(fill, 16), channel(fill, 8), channel(fill, 0)});
            if (width > 0 && (stroke & 0xff) > 0) {
                canvas.fill(true);
                canvas.set_colour({channel(stroke, 24), channel(stroke, 16), channel(stroke, 8), channel(stroke, 0)});
                canvas.set_line_width(width);
                canvas.stroke();
            } else {
                canvas.fill();
            }
        }
        const auto* data = surface.pixels();
        s.argb.resize(std::size_t(s.size) * s.size);
        for (int y = 0; y < s.size; ++y)
            std::memcpy(&s.argb[std::size_t(y) * s.size], data + std::size_t(y) * surface.stride(),
                        std::size_t(s.size) * 4);
        it = cache_.emplace(key, std::move(s)).first;
    }
    last_key_ = key;
    last_ = &it->second;  // unordered_map nodes stay put
    return *last_;
}

void DiscSprites::draw(const CircleItem& disc, double x, double y, std::uint8_t* pixels, int width,
                       int height, int stride) {
    const double ix = std::floor(x), iy = std::floor(y);
    int fx = static_cast<int>(std::lround((x - ix) * steps)), fy = static_cast<int>(std::lround((y - iy) * steps));
    int px = static_cast<int>(ix), py = static_cast<int>(iy);
    if (fx == steps) {
        fx = 0;
        ++px;
    }
    if (fy == steps) {
        fy = 0;
        ++py;
    }
    const auto quarters = [](float v) {
        return static_cast<std::uint64_t>(std::clamp(std::lround(v * steps), 0l, 65535l));
    };
    const Key key{std::uint64_t(rgba8(disc.fill)) << 32 | rgba8(disc.stroke),
                  quarters(disc.radius) << 24 | quarters(disc.stroke_width) << 8 |
                      std::uint64_t(fx) << 4 | std::uint64_t(fy)};
    const auto& s = sprite(key);
    const int left = px - s.centre, top = py - s.centre;
    const int x0 = std::max(0, -left), y0 = std::max(0, -top);
    const int x1 = std::min(s.size, width - left), y1 = std::min(s.size, height - top);
    for (int sy = y0; sy < y1; ++sy) {
        auto* row = reinterpret_cast<std::uint32_t*>(pixels + std::size_t(top + sy) * stride) + left;
        const auto* src = &s.argb[std::size_t(sy) * s.size];
        for (int sx = x0; sx < x1; ++sx) {
            const std::uint32_t p = src[sx];
            const std::uint32_t a = p >> 24;
            if (a == 0)
                continue;
            if (a == 255) {
                row[sx] = p;
                continue;
            }
            // Premultiplied "over": dst = src + dst * (1 - src alpha).
            const std::uint32_t q = row[sx], keep = 255 - a;
            row[sx] = ((p >> 24) + mul_div_255(q >> 24, keep)) << 24 |
                      (((p >> 16) & 0xff) + mul_div_255((q >> 16) & 0xff, keep)) << 16 |
                      (((p >> 8) & 0xff) + mul_div_255((q >> 8) & 0xff, keep)) << 8 |
                      ((p & 0xff) + mul_div_255(q & 0xff, keep));
        }
    }
}

} // namespace incimap::render
