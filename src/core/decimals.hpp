// Numbers as JSON output shows them: rounded to a few decimals, so that a
// score reads 4.02, not 4.0200000000000005, and coordinates keep six
// decimals (about 0.1 m).
#pragma once

#include <cmath>

namespace incimap {

// VALUE rounded to DECIMALS places (half away from zero).
inline double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

} // namespace incimap
