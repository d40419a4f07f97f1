#include "render/cluster.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace incimap::render {

namespace {

// A point and the grid cell it falls in.
struct CellEntry {
    std::int64_t cell;
    std::uint32_t point;
};

// `at(i)`: the position of the i-th of `count` points.
template <class At>
Clusters cluster(std::uint32_t count, At at, double radius, const std::filesystem::path& temp_folder) {
    constexpr auto none = std::numeric_limits<std::uint32_t>::max();
    Clusters out;
    out.cluster_of = MappedVector<std::uint32_t>(temp_folder);
    out.cluster_of.assign(count, none);
    const auto cell = [radius](double v) { return static_cast<std::int64_t>(std::floor(v / radius)); };
    const auto key = [](std::int64_t cx, std::int64_t cy) { return (cx << 32) ^ (cy & 0xffffffff); };
    // The points sorted by cell, in input order within a cell; the grid
    // holds where each cell's points start and how many are still
    // unclustered (they are kept at the front of the cell's run).
    MappedVector<CellEntry> by_cell(temp_folder);
    by_cell.resize(count);
    for (std::uint32_t i = 0; i < count; ++i)
        by_cell[i] = {key(cell(at(i).x), cell(at(i).y)), i};
    std::sort(by_cell.begin(), by_cell.end(), [](const CellEntry& a, const CellEntry& b) {
        return a.cell != b.cell ? a.cell < b.cell : a.point < b.point;
    });
    struct Run {
        std::size_t begin;
        std::uint32_t left;
    };
    std::unordered_map<std::int64_t, Run> grid;
    for (std::size_t i = 0; i < by_cell.size();) {
        std::size_t j = i;
        while (j < by_cell.size() && by_cell[j].cell == by_cell[i].cell)
            ++j;
        grid.emplace(by_cell[i].cell, Run{i, static_cast<std::uint32_t>(j - i)});
        i = j;
    }

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
                auto& run = it->second;
                auto* members = by_cell.data() + run.begin;
                // Compact as we go: clustered points leave the cell for good.
                std::uint32_t kept = 0;
                for (std::uint32_t k = 0; k < run.left; ++k) {
                    const auto m = members[k].point;
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
                        members[kept++] = members[k];
                    }
                }
                run.left = kept;
            }
        }
        out.centers.push_back({sx / n, sy / n});
        out.counts.push_back(n);
    }
    return out;
}

} // namespace

Clusters cluster_points(std::span<const Pixel> points, double radius,
                        const std::filesystem::path& temp_folder) {
    return cluster(static_cast<std::uint32_t>(points.size()),
                   [points](std::uint32_t i) { return points[i]; }, radius, temp_folder);
}

Clusters cluster_points(std::span<const Pixel> pixels, std::span<const std::uint32_t> rows,
                        double radius, const std::filesystem::path& temp_folder) {
    return cluster(static_cast<std::uint32_t>(rows.size()),
                   [pixels, rows](std::uint32_t i) { return pixels[rows[i]]; }, radius, temp_folder);
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
