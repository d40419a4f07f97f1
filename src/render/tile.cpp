#include "render/tile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace incimap::render {

WorldPoint to_world(double lon, double lat) {
    lat = std::clamp(lat, -max_mercator_latitude, max_mercator_latitude);
    const double phi = lat * std::numbers::pi / 180.0;
    return {(lon + 180.0) / 360.0,
            (1.0 - std::log(std::tan(phi) + 1.0 / std::cos(phi)) / std::numbers::pi) / 2.0};
}

void to_lon_lat(WorldPoint p, double& lon, double& lat) {
    lon = p.x * 360.0 - 180.0;
    lat = std::atan(std::sinh(std::numbers::pi * (1.0 - 2.0 * p.y))) * 180.0 / std::numbers::pi;
}

namespace {
int cell(double world, int z) {
    const int n = 1 << z;
    return std::clamp(static_cast<int>(std::floor(world * n)), 0, n - 1);
}
} // namespace

TileId tile_at(double lon, double lat, int z) {
    const auto p = to_world(lon, lat);
    return {z, cell(p.x, z), cell(p.y, z)};
}

LonLatBox tile_bounds(TileId tile) {
    const double n = static_cast<double>(1 << tile.z);
    LonLatBox box;
    to_lon_lat({tile.x / n, (tile.y + 1) / n}, box.min_lon, box.min_lat);
    to_lon_lat({(tile.x + 1) / n, tile.y / n}, box.max_lon, box.max_lat);
    return box;
}

int flip_row(int z, int y) { return (1 << z) - 1 - y; }

std::uint64_t tile_key(TileId tile) {
    return (std::uint64_t(tile.z) << 58) | (std::uint64_t(tile.x) << 29) | std::uint64_t(tile.y);
}

TileId tile_from_key(std::uint64_t key) {
    constexpr std::uint64_t mask = (std::uint64_t(1) << 29) - 1;
    return {static_cast<int>(key >> 58), static_cast<int>((key >> 29) & mask),
            static_cast<int>(key & mask)};
}

TileRange tiles_covering(const LonLatBox& box, int z) {
    const auto north_west = to_world(box.min_lon, box.max_lat);
    const auto south_east = to_world(box.max_lon, box.min_lat);
    return {z, cell(north_west.x, z), cell(north_west.y, z), cell(south_east.x, z),
            cell(south_east.y, z)};
}

std::string to_string(TileId tile) { return fmt::format("{}/{}/{}", tile.z, tile.x, tile.y); }

} // namespace incimap::render
