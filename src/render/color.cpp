#include "render/color.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace incimap::render {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::optional<Color> parse_hex(std::string_view h) {
    const bool short_form = h.size() == 3 || h.size() == 4;
    if (!short_form && h.size() != 6 && h.size() != 8)
        return std::nullopt;
    const std::size_t width = short_form ? 1 : 2;
    float channel[4] = {0, 0, 0, 1};
    for (std::size_t i = 0; i * width < h.size(); ++i) {
        int v = 0;
        for (std::size_t k = 0; k < width; ++k) {
            const int d = hex_digit(h[i * width + k]);
            if (d < 0)
                return std::nullopt;
            v = v * 16 + d;
        }
        if (short_form)
            v = v * 17;
        channel[i] = static_cast<float>(v) / 255.0f;
    }
    return Color{channel[0], channel[1], channel[2], channel[3]};
}

std::optional<Color> parse_function(std::string_view text) {
    const bool with_alpha = text.starts_with("rgba(");
    if (!with_alpha && !text.starts_with("rgb("))
        return std::nullopt;
    if (!text.ends_with(")"))
        return std::nullopt;
    std::string_view args = text.substr(with_alpha ? 5 : 4);
    args.remove_suffix(1);
    float v[4] = {0, 0, 0, 1};
    const int wanted = with_alpha ? 4 : 3;
    for (int i = 0; i < wanted; ++i) {
        while (!args.empty() && args.front() == ' ')
            args.remove_prefix(1);
        double number = 0;
        auto [end, ec] = std::from_chars(args.data(), args.data() + args.size(), number);
        if (ec != std::errc() || !std::isfinite(number))
            return std::nullopt;
        args.remove_prefix(static_cast<std::size_t>(end - args.data()));
        while (!args.empty() && args.front() == ' ')
            args.remove_prefix(1);
        if (i < wanted - 1) {
            if (args.empty() || args.front() != ',')
                return std::nullopt;
            args.remove_prefix(1);
        }
        const double limit = i == 3 ? 1.0 : 255.0;
        if (number < 0 || number > limit)
            return std::nullopt;
        v[i] = static_cast<float>(number / limit);
    }
    if (!args.empty())
        return std::nullopt;
    return Color{v[0], v[1], v[2], v[3]};
}

} // namespace

std::optional<Color> parse_color(std::string_view text) {
    if (text.starts_with("#"))
        return parse_hex(text.substr(1));
    if (auto c = parse_function(text))
        return c;
    struct Named {
        std::string_view name;
        Color color;
    };
    static constexpr Named names[] = {
        {"black", {0, 0, 0, 1}},       {"white", {1, 1, 1, 1}},
        {"transparent", {0, 0, 0, 0}}, {"red", {1, 0, 0, 1}},
        {"gray", {0.5f, 0.5f, 0.5f, 1}}, {"grey", {0.5f, 0.5f, 0.5f, 1}},
    };
    for (const auto& n : names)
        if (text == n.name)
            return n.color;
    return std::nullopt;
}

std::string to_css(const Color& c) {
    auto byte = [](float v) { return static_cast<int>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255)); };
    if (c.a >= 1.0f)
        return fmt::format("#{:02x}{:02x}{:02x}", byte(c.r), byte(c.g), byte(c.b));
    return fmt::format("rgba({},{},{},{:.3g})", byte(c.r), byte(c.g), byte(c.b), c.a);
}

Color mix(const Color& from, const Color& to, double t) {
    const auto f = static_cast<float>(std::clamp(t, 0.0, 1.0));
    return {from.r + (to.r - from.r) * f, from.g + (to.g - from.g) * f,
            from.b + (to.b - from.b) * f, from.a + (to.a - from.a) * f};
}

} // namespace incimap::render
