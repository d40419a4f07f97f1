// Greedy radius clustering of points in pixel space, in the manner of
// supercluster: take the next unclustered point in input order, gather every
// unclustered point within `radius` pixels of it, and put the cluster at the
// members' mean position. Deterministic for a given input order.
#pragma once

#include "render/scene.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace incimap::render {

struct Clusters {
    std::vector<Pixel> centers;
    std::vector<std::uint32_t> counts;
    // For each input point (by position in `points`), its cluster.
    std::vector<std::uint32_t> cluster_of;
};

// Cost: O(n) with a grid of radius-sized cells (each seed scans the 3x3 cells
// around it, and seeds are more than `radius` apart).
Clusters cluster_points(std::span<const Pixel> points, double radius);
// The same over the points pixels[rows[0]], pixels[rows[1]], …, without
// copying them.
Clusters cluster_points(std::span<const Pixel> pixels, std::span<const std::uint32_t> rows,
                        double radius);

// "950", "1.2k", "12k", "1.5M": the count as cluster labels show it.
std::string abbreviate_count(std::uint32_t count);

} // namespace incimap::render
