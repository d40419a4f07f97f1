#include "render/sprites.hpp"

#include "adapters/cairo.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <optional>

namespace incimap::render {

namespace {
// Subpixel positions are quantised to quarters of a pixel.
constexpr int steps = 4;

std::uint32_t rgba8(const Color& c) {
    const auto b = [](float v) { return static_cast<std::uint32_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255)); };
    return b(c.r) << 24 | b(c.g) << 16 | b(c.b) << 8 | b(c.a);
}
double channel(std::uint32_t rgba, int shift) { return ((rgba >> shift) & 0xff) / 255.0; }

std::uint64_t quarters(float v) {
    return static_cast<std::uint64_t>(std::clamp(std::lround(v * steps), 0l, 65535l));
}

bool same_look(const CircleItem& a, const CircleItem& b) {
    return a.radius == b.radius && a.stroke_width == b.stroke_width && a.fill == b.fill &&
           a.stroke == b.stroke;
}

// Premultiplied "over": dst = src + dst * (1 - src alpha), each channel
// rounded as (v * keep + 127) / 255; two channels per multiply, in the
// 16-bit halves of a word (255 * 255 + 383 stays below 65536).
std::uint32_t over(std::uint32_t src, std::uint32_t dst) {
    const std::uint32_t keep = 255 - (src >> 24);
    const auto scale = [keep](std::uint32_t pair) {
        const std::uint32_t t = pair * keep + 0x00800080u;
        return ((t + ((t >> 8) & 0x00ff00ffu)) >> 8) & 0x00ff00ffu;
    };
    return src + (scale(dst & 0x00ff00ffu) | scale((dst >> 8) & 0x00ff00ffu) << 8);
}

// Spreads a packed placement over the bits that pick a slot.
std::uint64_t mix64(std::uint64_t v) {
    v ^= v >> 33;
    v *= 0xff51afd7ed558ccdull;
    v ^= v >> 33;
    return v;
}
} // namespace

const DiscSprites::Recent& DiscSprites::look_of(const CircleItem& disc) {
    if (last_ != nullptr && same_look(disc, last_->disc))
        return *last_;
    std::uint32_t bits[10];
    std::memcpy(&bits[0], &disc.radius, 4);
    std::memcpy(&bits[1], &disc.stroke_width, 4);
    std::memcpy(&bits[2], &disc.fill, 16);
    std::memcpy(&bits[6], &disc.stroke, 16);
    std::uint64_t h = 0;
    for (const auto b : bits)
        h = (h ^ b) * 0x9e3779b97f4a7c15ull;
    auto& slot = recent_[(h >> 58) % recent_.size()];
    if (slot.ids == nullptr || !same_look(disc, slot.disc)) {
        const Look look{std::uint64_t(rgba8(disc.fill)) << 32 | rgba8(disc.stroke),
                        quarters(disc.radius) << 16 | quarters(disc.stroke_width)};
        auto it = looks_.find(look);
        if (it == looks_.end()) {
            Fractions none;
            none.fill(-1);
            it = looks_.emplace(look, none).first;
        }
        slot = {disc, look, &it->second};  // unordered_map nodes stay put
    }
    last_ = &slot;
    return slot;
}

std::int32_t DiscSprites::sprite(const Look& look, Fractions& ids, int fx, int fy) {
    auto& id = ids[static_cast<std::size_t>(fx * steps + fy)];
    if (id >= 0)
        return id;
    const auto fill = static_cast<std::uint32_t>(look.colours >> 32);
    const auto stroke = static_cast<std::uint32_t>(look.colours);
    const double radius = double(look.shape >> 16) / steps;
    const double width = double(look.shape & 0xffff) / steps;
    auto s = std::make_unique<Sprite>();
    const double reach = (radius + width / 2) * scale_;
    s->centre = static_cast<int>(std::ceil(reach)) + 1;
    s->size = 2 * s->centre + 2;
    auto surface = cairo::Surface::image(s->size, s->size);
    {
        cairo::Canvas canvas(surface);
        canvas.translate(s->centre + double(fx) / steps, s->centre + double(fy) / steps);
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
    s->argb.resize(std::size_t(s->size) * s->size);
    for (int y = 0; y < s->size; ++y) {
        auto* row = &s->argb[std::size_t(y) * s->size];
        std::memcpy(row, data + std::size_t(y) * surface.stride(), std::size_t(s->size) * 4);
        // Runs of opaque pixels and runs of translucent ones; fully
        // transparent pixels are left out.
        const auto kind = [](std::uint32_t p) { return (p >> 24) == 0 ? 0 : (p >> 24) == 255 ? 2 : 1; };
        for (int x = 0; x < s->size;) {
            const int k = kind(row[x]);
            int end = x + 1;
            while (end < s->size && kind(row[end]) == k)
                ++end;
            if (k != 0)
                s->runs.push_back({static_cast<std::int16_t>(y), static_cast<std::int16_t>(x),
                                   static_cast<std::int16_t>(end), k == 2});
            x = end;
        }
        if (!s->runs.empty() && s->runs.back().y == y) {
            Run span = s->runs.back();
            for (auto r = s->runs.rbegin(); r != s->runs.rend() && r->y == y; ++r)
                span.x0 = r->x0;
            s->rows.push_back(span);
        }
    }
    sprites_.push_back(std::move(s));
    id = static_cast<std::int32_t>(sprites_.size() - 1);
    return id;
}

void DiscSprites::add(const CircleItem& disc, double x, double y) {
    const double ix = std::floor(x), iy = std::floor(y);
    // The nearest quarter (x - ix is in [0, 1)).
    int fx = static_cast<int>((x - ix) * steps + 0.5), fy = static_cast<int>((y - iy) * steps + 0.5);
    int px = static_cast<int>(ix), py = static_cast<int>(iy);
    if (fx == steps) {
        fx = 0;
        ++px;
    }
    if (fy == steps) {
        fy = 0;
        ++py;
    }
    const auto& look = look_of(disc);
    const auto id = sprite(look.look, *look.ids, fx, fy);
    const auto& s = *sprites_[static_cast<std::size_t>(id)];
    queue_.push_back({id, px - s.centre, py - s.centre});
    if (slots_.size() < 2 * queue_.size())
        index_placements(std::bit_ceil(std::max<std::size_t>(1024, 4 * queue_.size())));
    else
        index_placement(queue_.size() - 1);
    // Mostly replaced discs (a low zoom's tile): drop them, so that the
    // queue holds about as many discs as there are distinct placements,
    // however many are added.
    if (replaced_ >= 4096 && replaced_ * 2 >= queue_.size())
        drop_replaced();
}

namespace {
// A placement packed into 64 bits; none when too far out to pack (such a
// disc is always drawn).
constexpr std::int32_t reach = 1 << 19;  // positions packed in 20 bits each
std::optional<std::uint64_t> placement_key(std::int32_t sprite, std::int32_t left, std::int32_t top) {
    if (left <= -reach || left >= reach || top <= -reach || top >= reach)
        return std::nullopt;
    return std::uint64_t(std::uint32_t(sprite)) << 40 | std::uint64_t(left + reach) << 20 |
           std::uint64_t(top + reach);
}
} // namespace

// Files queue_[i] under its placement; an identical disc queued before it
// is marked replaced.
void DiscSprites::index_placement(std::size_t i) {
    const auto& p = queue_[i];
    const auto key = placement_key(p.sprite, p.left, p.top);
    if (!key)
        return;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = mix64(*key) & mask;; slot = (slot + 1) & mask) {
        if (slots_[slot] == 0) {
            slots_[slot] = static_cast<std::uint32_t>(i + 1);
            return;
        }
        auto& other = queue_[slots_[slot] - 1];
        if (placement_key(other.sprite, other.left, other.top) == key) {
            other.sprite = replaced;
            ++replaced_;
            slots_[slot] = static_cast<std::uint32_t>(i + 1);
            return;
        }
    }
}

// Rebuilds the placement index, `size` slots long, over the queue.
void DiscSprites::index_placements(std::size_t size) {
    slots_.assign(size, 0);
    for (std::size_t i = 0; i < queue_.size(); ++i)
        if (queue_[i].sprite != replaced)
            index_placement(i);
}

void DiscSprites::drop_replaced() {
    std::erase_if(queue_, [](const Placed& p) { return p.sprite == replaced; });
    replaced_ = 0;
    index_placements(slots_.size());
}

// Whether every pixel of the sprite at (left, top) that is on the target
// is covered already.
bool DiscSprites::hidden(const Sprite& s, int left, int top, int width, int height) const {
    constexpr std::uint64_t all_covered = 0x0101010101010101ull;
    for (const auto& span : s.rows) {
        const int y = top + span.y;
        if (y < 0 || y >= height)
            continue;
        const int x0 = std::max(left + span.x0, 0), x1 = std::min(left + span.x1, width);
        const auto* p = covered_.data() + std::size_t(y) * std::size_t(width) + x0;
        int n = x1 - x0;
        for (; n >= 8; n -= 8, p += 8) {  // eight pixels at a time
            std::uint64_t v;
            std::memcpy(&v, p, 8);
            if (v != all_covered)
                return false;
        }
        for (; n > 0; --n, ++p)
            if (*p == 0)
                return false;
    }
    return true;
}

void DiscSprites::hide_under(const Sprite& s, int left, int top, int width, int height) {
    for (const auto& run : s.runs) {
        const int y = top + run.y;
        if (!run.opaque || y < 0 || y >= height)
            continue;
        const int x0 = std::max(left + run.x0, 0), x1 = std::min(left + run.x1, width);
        if (x0 < x1)
            std::memset(covered_.data() + std::size_t(y) * std::size_t(width) + x0, 1, std::size_t(x1 - x0));
    }
}

void DiscSprites::drop_hidden(std::vector<bool>& keep, const PixelTarget& target) {
    const auto w = target.width, h = target.height;
    covered_.assign(std::size_t(w) * std::size_t(h), 0);
    for (std::size_t i = queue_.size(); i-- > 0;) {
        if (!keep[i])
            continue;
        const auto& p = queue_[i];
        const auto& s = *sprites_[static_cast<std::size_t>(p.sprite)];
        if (hidden(s, p.left, p.top, w, h))
            keep[i] = false;
        else
            hide_under(s, p.left, p.top, w, h);
    }
}

void DiscSprites::flush(const PixelTarget& target) {
    if (queue_.empty())
        return;
    auto& keep = keep_;
    keep.resize(queue_.size());
    for (std::size_t i = 0; i < queue_.size(); ++i)
        keep[i] = queue_[i].sprite != replaced;
    // A handful of discs cannot hide much: not worth a pass.
    if (queue_.size() >= 64)
        drop_hidden(keep, target);
    for (std::size_t i = 0; i < queue_.size(); ++i) {
        if (!keep[i])
            continue;
        composite(*sprites_[static_cast<std::size_t>(queue_[i].sprite)], queue_[i].left,
                  queue_[i].top, target);
        ++composited_;
    }
    queue_.clear();
    replaced_ = 0;
    // A dense tile's index is not kept for the next, mostly sparser, ones.
    if (slots_.size() > (std::size_t(1) << 16))
        slots_ = {};
    else
        std::fill(slots_.begin(), slots_.end(), 0);
}

void DiscSprites::composite(const Sprite& s, int left, int top, const PixelTarget& t) const {
    if (left >= t.width || top >= t.height || left + s.size <= 0 || top + s.size <= 0)
        return;
    const bool inside = left >= 0 && top >= 0 && left + s.size <= t.width && top + s.size <= t.height;
    for (const auto& run : s.runs) {
        const int y = top + run.y;
        int x0 = run.x0, x1 = run.x1;
        if (!inside) {
            if (y < 0 || y >= t.height)
                continue;
            x0 = std::max(x0, -left);
            x1 = std::min(x1, t.width - left);
            if (x0 >= x1)
                continue;
        }
        auto* row = reinterpret_cast<std::uint32_t*>(t.pixels + std::size_t(y) * t.stride) + left;
        const auto* src = &s.argb[std::size_t(run.y) * s.size];
        if (run.opaque) {
            for (int x = x0; x < x1; ++x)  // runs of a few pixels: cheaper than calling memcpy
                row[x] = src[x];
            continue;
        }
        for (int x = x0; x < x1; ++x)
            row[x] = over(src[x], row[x]);
    }
}

} // namespace incimap::render
