// Colours as styles write them: "#rgb", "#rrggbb", "#rrggbbaa",
// "rgb(r, g, b)", "rgba(r, g, b, a)" and a few CSS names.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace incimap::render {

// Straight (not premultiplied) colour, channels in 0..1.
struct Color {
    float r = 0, g = 0, b = 0, a = 1;
    bool operator==(const Color&) const = default;
};

// Nothing when the text is not a colour.
std::optional<Color> parse_color(std::string_view text);

// "#rrggbb" or "rgba(r,g,b,a)" when translucent; parse_color() reads it back.
std::string to_css(const Color& c);

// Linear interpolation in RGB space, t in 0..1.
Color mix(const Color& from, const Color& to, double t);

} // namespace incimap::render
