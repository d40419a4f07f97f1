#include "render/cluster.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <unordered_map>

namespace incimap::render {

namespace {

// `at(i)`: the position of the i-th of `count` points.
template <class At> Clusters cluster(std::uint32_t count, At at, double radius) {
    constexpr auto none = std::numeric_limits<std::uint32_t>::max();
    Clusters out;
    out.cluster_of.assign(count, none);
    const auto cell = [radius](double v) { return static_cast<std::int64_t>(std::floor(v / radius)); };
    const auto key = [](std::int64_t cx, std::int64_t cy) { return (cx << 32) ^ (cy & 0xffffffff); };
    std::unordered_map<std::int64_t, std::vector<std::uint32_t>> grid;
    for (std::uint32_t i = 0; i < count; ++i)
        grid[key(cell(at(i).x), cell(at(i).y))].push_back(i);

    const double r2 = radius * radius;
    for (std::uint32_t seed = 0; seed < count; ++seed) {
        if (out.cluster_of[seed] != none)
            continue;
        const auto id = static_cast<std::uint32_t>(out.centers.size());
        const Pixel p = at(seed);
        double sx = 0, sy = 0;
        std::uint32_t n = 0;
        const auto cx = cell(p.x), cy = cell(p.y);
        for (auto gx = cx - 1; gx <= cx + 1; ++gx) {
            for (auto gy = cy - 1; gy <= cy + 1; ++gy) {
                auto it = grid.find(key(gx, gy));
                if (it == grid.end())
                    continue;
                auto& members = it->second;
                // Compact as we go: clustered points leave the cell for good.
                std::size_t kept = 0;
                for (const auto m : members) {
                    if (out.cluster_of[m] != none)
                        continue;
                    const Pixel q = at(m);
                    const double dx = q.x - p.x, dy = q.y - p.y;
                    if (dx * dx + dy * dy <= r2) {
                        out.cluster_of[m] = id;
                        sx += q.x;
                        sy += q.y;
                        ++n;
                    } else {
                        members[kept++] = m;
                    }
                }
                members.resize(kept);
            }
        }
        out.centers.push_back({sx / n, sy / n});
        out.counts.push_back(n);
    }
    return out;
}

} // namespace

Clusters cluster_points(std::span<const Pixel> points, double radius) {
    return cluster(static_cast<std::uint32_t>(points.size()),
                   [points](std::uint32_t i) { return points[i]; }, radius);
}

Clusters cluster_points(std::span<const Pixel> pixels, std::span<const std::uint32_t> rows,
                        double radius) {
    return cluster(static_cast<std::uint32_t>(rows.size()),
                   [pixels, rows](std::uint32_t i) { return pixels[rows[i]]; }, radius);
}

std::string abbreviate_count(std::uint32_t count) {
    if (count < 1000)
        return std::to_string(count);
    if (count < 10000)
        return fmt::format("{:.1f}k", count / 1000.0);
    if (count < 1000000)
        return fmt::format("{}k", (count + 500) / 1000);
    return fmt::format("{:.1f}M", count / 1e6);
}

} // namespace incimap::render
