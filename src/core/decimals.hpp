// Decimal numbers as text: read from the cells of tables and options,
// written to JSON rounded to a few decimals (a score reads 4.02, not
// 4.0200000000000005; coordinates keep six decimals, about 0.1 m).
#pragma once

#include "core/ascii.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>

namespace incimap {

// The finite number TEXT holds ("14.1022", " -1.63 ", "+2", "1e3"), or
// nothing when it holds anything else (empty, "north", "1,5", "+-3", "inf",
// "nan"). Blanks around it and a leading '+' are allowed.
inline std::optional<double> parse_decimal(std::string_view text) {
    text = trim(text);
    if (text.size() > 1 && text.front() == '+' && text[1] != '-')
        text.remove_prefix(1);
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// VALUE rounded to DECIMALS places (half away from zero).
inline double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

} // namespace incimap
