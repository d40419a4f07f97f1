// The tile PNG encoder: what it writes decodes to the same pixels, as a
// palette image when it can and as RGBA when it must.
#include "adapters/cairo.hpp"
#include "render/png.hpp"

#include <catch2/catch.hpp>

#include <cstring>

using namespace incimap;
using namespace incimap::render;

namespace {

PixelView view_of(cairo::Surface& s) { return {s.pixels(), s.width(), s.height(), s.stride()}; }

// The PNG colour type byte of IHDR: 3 palette, 6 RGBA.
int colour_type(const std::string& png) { return static_cast<unsigned char>(png[25]); }

void require_same_pixels(cairo::Surface& a, cairo::Surface& b) {
    REQUIRE(a.width() == b.width());
    REQUIRE(a.height() == b.height());
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const auto p = a.pixel(x, y), q = b.pixel(x, y);
            INFO("pixel " << x << "," << y);
            REQUIRE(q.a == Approx(p.a).margin(1 / 255.0));
            if (p.a > 0.2) {  // straight colour is imprecise at low alpha
                REQUIRE(q.r == Approx(p.r).margin(3 / 255.0));
                REQUIRE(q.g == Approx(p.g).margin(3 / 255.0));
                REQUIRE(q.b == Approx(p.b).margin(3 / 255.0));
            }
        }
}

} // namespace

TEST_CASE("A tile with few colours is written as a palette PNG that decodes to the same pixels",
          "[render][png]") {
    auto image = cairo::Surface::image(64, 64);
    {
        cairo::Canvas c(image);
        c.set_colour({0.835, 0.369, 0.0, 1});  // Okabe-Ito vermillion
        c.rectangle(10, 10, 20, 20);
        c.fill();
        c.set_colour({0, 0.447, 0.698, 0.5});  // translucent blue
        c.rectangle(40, 40, 10, 10);
        c.fill();
    }
    const auto png = encode_png(view_of(image));
    CHECK(png.substr(1, 3) == "PNG");
    CHECK(colour_type(png) == 3);
    auto decoded = cairo::Surface::decode_png(png, "tile");
    require_same_pixels(image, decoded);
    CHECK(decoded.pixel(5, 5).a == 0);
    CHECK(decoded.pixel(20, 20).r == Approx(0.835).margin(0.01));
}

TEST_CASE("A tile with more than 256 colours is written as RGBA", "[render][png]") {
    auto image = cairo::Surface::image(20, 20);
    auto* data = image.mutable_pixels();
    for (int y = 0; y < 20; ++y)  // 400 different opaque colours
        for (int x = 0; x < 20; ++x)
            *reinterpret_cast<std::uint32_t*>(data + y * image.stride() + x * 4) =
                0xff000000u | std::uint32_t(x * 12) << 16 | std::uint32_t(y * 12) << 8 | 0x40u;
    image.mark_dirty();
    const auto png = encode_png(view_of(image));
    CHECK(colour_type(png) == 6);
    auto decoded = cairo::Surface::decode_png(png, "tile");
    require_same_pixels(image, decoded);
}

TEST_CASE("Blank tiles are recognised", "[render][png]") {
    auto image = cairo::Surface::image(16, 16);
    CHECK(is_blank(view_of(image)));
    {
        cairo::Canvas c(image);
        c.set_colour({0, 0, 0, 1});
        c.rectangle(15, 15, 1, 1);
        c.fill();
    }
    CHECK_FALSE(is_blank(view_of(image)));
}

TEST_CASE("Broken PNG bytes are reported, not decoded", "[render][png]") {
    CHECK_THROWS_WITH(cairo::Surface::decode_png("not a png", "tile 3/4/5"),
                      Catch::Contains("tile 3/4/5"));
}
