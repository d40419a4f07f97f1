#include "render/geodata.hpp"

#include <algorithm>
#include <cmath>

namespace incimap::render {
namespace {

double ring_area(const std::vector<LonLat>& ring) {
    double a = 0;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
        a += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    return a / 2;
}

} // namespace

LonLat label_point(const std::vector<std::vector<LonLat>>& rings) {
    const std::vector<LonLat>* largest = nullptr;
    double largest_area = -1;
    for (const auto& r : rings) {
        if (r.size() < 3)
            continue;
        const double a = std::fabs(ring_area(r));
        if (a > largest_area) {
            largest_area = a;
            largest = &r;
        }
    }
    if (largest == nullptr)
        return rings.empty() || rings[0].empty() ? LonLat{} : rings[0][0];
    const auto& ring = *largest;
    double cx = 0, cy = 0, a2 = 0;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const double cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
        a2 += cross;
        cx += (ring[j][0] + ring[i][0]) * cross;
        cy += (ring[j][1] + ring[i][1]) * cross;
    }
    if (a2 == 0)
        return ring[0];
    cx /= 3 * a2;
    cy /= 3 * a2;
    // Crossings of the horizontal line y = cy with the ring's edges.
    std::vector<double> xs;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const auto& a = ring[i];
        const auto& b = ring[j];
        if ((a[1] > cy) != (b[1] > cy))
            xs.push_back((b[0] - a[0]) * (cy - a[1]) / (b[1] - a[1]) + a[0]);
    }
    std::sort(xs.begin(), xs.end());
    double best = -1;
    LonLat point{cx, cy};
    for (std::size_t i = 0; i + 1 < xs.size(); i += 2) {
        if (xs[i + 1] - xs[i] > best) {
            best = xs[i + 1] - xs[i];
            point = {(xs[i] + xs[i + 1]) / 2, cy};
        }
    }
    return point;
}

} // namespace incimap::render
