// Greedy radius clustering of points in pixel space, in the manner of
// supercluster: take the next unclustered point in input order, gather every
// unclustered point within `radius` pixels of it, and put the cluster at the
// members' mean position. Deterministic for a given input order.
#pragma once

#include "core/mapped_vector.hpp"
#include "render/scene.hpp"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace incimap::render {

struct Clusters {
    std::vector<Pixel> centers;
    std::vector<std::uint32_t> counts;
    // For each input point (by position in `points`), its cluster: kept in
    // a temporary file once large, like the points' grid cells while
    // clustering (core/mapped_vector.hpp; `temp_folder` empty: TMPDIR, else
    // /tmp).
    MappedVector<std::uint32_t> cluster_of;
};

// Cost: O(n log n) to sort the points into radius-sized cells, then O(n)
// (each seed scans the 3x3 cells around it, and seeds are more than
// `radius` apart). Memory beyond the result: 16 bytes a point, in a
// temporary file when large, and a few words per occupied cell.
Clusters cluster_points(std::span<const Pixel> points, double radius,
                        const std::filesystem::path& temp_folder = {});
// The same over the points pixels[rows[0]], pixels[rows[1]], …, without
// copying them.
Clusters cluster_points(std::span<const Pixel> pixels, std::span<const std::uint32_t> rows,
                        double radius, const std::filesystem::path& temp_folder = {});

// "950", "1.2k", "12k", "1.5M": the count as cluster labels show it.
std::string abbreviate_count(std::uint32_t count);

} // namespace incimap::render
