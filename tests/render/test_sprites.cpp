// Discs composited from sprites must look as cairo draws them, and drawing
// identical discs at one position once must not change what is on top.
#include "adapters/cairo.hpp"
#include "render/painter.hpp"
#include "render/sprites.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>

using namespace incimap;
using namespace incimap::render;

namespace {

constexpr int side = 64;

CircleItem disc(double x, double y, float radius, Color fill, float stroke_width = 0, Color stroke = {}) {
    return {x, y, radius, stroke_width, fill, stroke};
}

// Colours of whole 8-bit steps, as styles give them (sprites keep 8 bits).
Color rgb(int r, int g, int b, double alpha = 1) {
    return {r / 255.0f, g / 255.0f, b / 255.0f, static_cast<float>(alpha)};
}
const Color red = rgb(213, 94, 0), blue = rgb(0, 114, 178), white = rgb(255, 255, 255);

std::uint32_t at(cairo::Surface& s, int x, int y) {
    std::uint32_t p;
    std::memcpy(&p, s.pixels() + std::size_t(y) * s.stride() + std::size_t(x) * 4, 4);
    return p;
}

// The largest difference of any channel of any pixel.
int largest_difference(cairo::Surface& a, cairo::Surface& b) {
    int worst = 0;
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
            for (int shift = 0; shift < 32; shift += 8)
                worst = std::max(worst, std::abs(int((at(a, x, y) >> shift) & 0xff) -
                                                 int((at(b, x, y) >> shift) & 0xff)));
    return worst;
}

int coloured_pixels(cairo::Surface& s) {
    int n = 0;
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
            n += (at(s, x, y) >> 24) != 0;
    return n;
}

// The discs drawn by cairo itself, one path each.
cairo::Surface drawn_by_cairo(const std::vector<CircleItem>& discs) {
    auto surface = cairo::Surface::image(side, side);
    cairo::Canvas canvas(surface);
    for (const auto& d : discs) {
        canvas.new_path();
        canvas.circle(d.x, d.y, d.radius);
        canvas.set_colour({d.fill.r, d.fill.g, d.fill.b, d.fill.a});
        if (d.stroke_width > 0) {
            canvas.fill(true);
            canvas.set_colour({d.stroke.r, d.stroke.g, d.stroke.b, d.stroke.a});
            canvas.set_line_width(d.stroke_width);
            canvas.stroke();
        } else {
            canvas.fill();
        }
    }
    return surface;
}

// The discs queued and composited from sprites, in batches flushed one
// after the other.
cairo::Surface drawn_from_sprites(const std::vector<std::vector<CircleItem>>& batches) {
    auto surface = cairo::Surface::image(side, side);
    DiscSprites sprites(1);
    for (const auto& batch : batches) {
        for (const auto& d : batch)
            sprites.add(d, d.x, d.y);
        sprites.flush({surface.mutable_pixels(), side, side, surface.stride()});
        surface.mark_dirty();
    }
    return surface;
}

} // namespace

TEST_CASE("A disc composited from a sprite looks as cairo draws it", "[render][sprites]") {
    SECTION("on quarter-pixel positions, with and without a stroke, clipped at the edges") {
        const std::vector<CircleItem> discs{disc(20.25, 30.5, 4, red), disc(40.75, 12, 6.5f, blue, 1.5f, white),
                                            disc(1.5, 62.25, 5, red), disc(63, -2, 4, blue)};
        for (const auto& d : discs) {
            auto expected = drawn_by_cairo({d});
            auto actual = drawn_from_sprites({{d}});
            CHECK(coloured_pixels(actual) > 0);
            CHECK(largest_difference(expected, actual) == 0);
        }
    }
    SECTION("overlapping translucent discs blend as cairo's 'over' does, to one unit in 255") {
        const Color faded_red = rgb(213, 94, 0, 0.6), faded_blue = rgb(0, 114, 178, 0.7);
        const std::vector<CircleItem> discs{disc(30, 30, 8, faded_red), disc(34.5, 31.25, 8, faded_blue),
                                            disc(32, 26.75, 3, faded_red, 1, white)};
        auto expected = drawn_by_cairo(discs);
        auto actual = drawn_from_sprites({discs});
        CHECK(largest_difference(expected, actual) <= 1);
    }
}

TEST_CASE("Identical discs at one quarter-pixel position are drawn once", "[render][sprites]") {
    const auto d = disc(31.25, 30.5, 4, red);
    auto once = drawn_from_sprites({{d}});
    SECTION("a hundred in one batch give the pixels of one") {
        auto hundred = drawn_from_sprites({std::vector<CircleItem>(100, d)});
        CHECK(largest_difference(once, hundred) == 0);
    }
    SECTION("whereas drawn in two batches the antialiased rim darkens") {
        auto twice = drawn_from_sprites({{d}, {d}});
        CHECK(largest_difference(once, twice) > 10);
    }
    SECTION("positions a quarter of a pixel apart are both drawn") {
        auto apart = drawn_from_sprites({{d, disc(31.5, 30.5, 4, red)}});
        CHECK(coloured_pixels(apart) > coloured_pixels(once));
    }
}

TEST_CASE("Of identical discs, the last one drawn stays on top", "[render][sprites]") {
    const auto first = disc(30, 32, 6, red), between = disc(36, 32, 6, blue);
    auto surface = drawn_from_sprites({{first, between, first}});
    auto expected = drawn_by_cairo({between, first});
    CHECK(largest_difference(surface, expected) <= 1);
    auto red_only = drawn_by_cairo({first}), blue_only = drawn_by_cairo({between});
    // Covered by both discs: red, the colour of the last.
    CHECK(at(surface, 33, 32) == at(red_only, 33, 32));
    // Covered by the blue disc only.
    CHECK(at(surface, 40, 32) == at(blue_only, 40, 32));
}

TEST_CASE("Discs queued over several layers are drawn once flushed", "[render][sprites]") {
    Layer dots;
    dots.id = "dots";
    dots.type = LayerType::circle;
    SceneLayer red_layer{&dots, {disc(20, 20, 5, red)}, {}, {}, {}};
    SceneLayer blue_layer{&dots, {disc(24, 20, 5, blue)}, {}, {}, {}};
    auto surface = cairo::Surface::image(side, side);
    cairo::Canvas canvas(surface);
    DiscSprites sprites(1);
    const Viewport view{0, 0, side, side, 1};
    const RasterTarget queued{&surface, &sprites, true};
    paint_layer(canvas, red_layer, {}, true, view, queued);
    paint_layer(canvas, blue_layer, {}, true, view, queued);
    CHECK(coloured_pixels(surface) == 0);
    flush_discs(queued);
    auto expected = drawn_by_cairo({red_layer.circles[0], blue_layer.circles[0]});
    CHECK(coloured_pixels(surface) > 0);
    CHECK(largest_difference(surface, expected) <= 1);
    CHECK(sprites.empty());
}

TEST_CASE("Discs that later discs hide are left out, and the tile is the same", "[render][sprites]") {
    // A pile: small discs of both colours on one spot, then large opaque
    // discs over them, then a few translucent ones whose rims blend with
    // what is under them; no two at one quarter-pixel position.
    std::vector<CircleItem> pile;
    for (int i = 0; i < 80; ++i)
        pile.push_back(disc(28 + (i % 16) * 0.25, 30 + (i / 16) * 0.25, 3, i % 2 == 0 ? red : blue));
    // Specks on the rim of the next disc: only its translucent pixels
    // cover them, so they show through.
    for (int a = 0; a < 16; ++a)
        pile.push_back(disc(29.5 + 9.75 * std::cos(a * 0.3927), 30.5 + 9.75 * std::sin(a * 0.3927), 0.5f, red));
    pile.push_back(disc(29.5, 30.5, 9, blue, 1, white));
    pile.push_back(disc(31, 31, 8.5f, red));
    pile.push_back(disc(36.25, 31, 5, rgb(0, 114, 178, 0.5)));
    pile.push_back(disc(60, 2, 4, red));  // over the edge, alone
    std::vector<std::vector<CircleItem>> one_by_one;
    for (const auto& d : pile)
        one_by_one.push_back({d});  // batches too small to leave any out

    auto all_drawn = drawn_from_sprites(one_by_one);
    auto surface = cairo::Surface::image(side, side);
    DiscSprites sprites(1);
    for (const auto& d : pile)
        sprites.add(d, d.x, d.y);
    sprites.flush({surface.mutable_pixels(), side, side, surface.stride()});
    surface.mark_dirty();

    CHECK(largest_difference(surface, all_drawn) == 0);
    CHECK(sprites.composited() < 30);  // the 80 small discs are all under the large ones
    CHECK(sprites.composited() >= 4);
}

TEST_CASE("The queue holds about one disc per distinct position, however many are added",
          "[render][sprites]") {
    // A low zoom's tile: a hundred thousand incidents on a few dozen
    // positions, in two colours.
    std::vector<CircleItem> distinct;
    for (int i = 0; i < 40; ++i)
        distinct.push_back(disc(10 + (i % 8) * 6.25, 12 + (i / 8) * 9.5, 3, i % 3 == 0 ? blue : red));
    DiscSprites sprites(1);
    std::size_t most = 0;
    for (int n = 0; n < 100000; ++n) {
        const auto& d = distinct[std::size_t(n * 7) % distinct.size()];
        sprites.add(d, d.x, d.y);
        most = std::max(most, sprites.queued());
    }
    CHECK(most < 10000);
    auto surface = cairo::Surface::image(side, side);
    sprites.flush({surface.mutable_pixels(), side, side, surface.stride()});
    surface.mark_dirty();
    // The same as the last of each position drawn once, in the order added.
    std::vector<CircleItem> last_of_each;
    for (int n = 100000 - int(distinct.size()); n < 100000; ++n)
        last_of_each.push_back(distinct[std::size_t(n * 7) % distinct.size()]);
    auto expected = drawn_from_sprites({last_of_each});
    CHECK(largest_difference(surface, expected) == 0);
    CHECK(sprites.composited() <= distinct.size());
}
