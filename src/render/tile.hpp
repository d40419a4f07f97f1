// Web Mercator tile arithmetic (EPSG:3857, the XYZ scheme of OSM, Leaflet,
// MapLibre and MBTiles). Positions are handled as "world coordinates":
// x and y in [0, 1) across the whole square map, x growing east, y growing
// south, so a tile of zoom z spans 1/2^z of it. Pure functions, no state.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace incimap::render {

// The latitude limit of the square Web Mercator map: atan(sinh(pi)).
inline constexpr double max_mercator_latitude = 85.05112877980659;
inline constexpr int max_zoom = 22;

// A position on the unit square map.
struct WorldPoint {
    double x = 0;
    double y = 0;
};

// Geographic bounds in degrees (WGS84 longitude/latitude).
struct LonLatBox {
    double min_lon = 0;
    double min_lat = 0;
    double max_lon = 0;
    double max_lat = 0;
    bool operator==(const LonLatBox&) const = default;
};

// Longitude/latitude to world coordinates; latitudes beyond +-85.0511 are
// clamped to the map's edge.
WorldPoint to_world(double lon, double lat);
// World coordinates back to longitude/latitude.
void to_lon_lat(WorldPoint p, double& lon, double& lat);

// One tile in the XYZ scheme: row y counts from the north edge.
struct TileId {
    int z = 0;
    int x = 0;
    int y = 0;
    bool operator==(const TileId&) const = default;
    auto operator<=>(const TileId&) const = default;
};

// The tile holding a position at zoom z (positions on the east or south edge
// fall into the last tile).
TileId tile_at(double lon, double lat, int z);

// The geographic bounds of a tile.
LonLatBox tile_bounds(TileId tile);

// TMS (MBTiles) rows count from the south: the same operation both ways.
int flip_row(int z, int y);

// A packed key that sorts tiles by zoom, then x, then y.
std::uint64_t tile_key(TileId tile);
TileId tile_from_key(std::uint64_t key);

// An inclusive rectangle of tiles at one zoom.
struct TileRange {
    int z = 0;
    int min_x = 0;
    int min_y = 0;
    int max_x = -1;
    int max_y = -1;
    bool empty() const { return max_x < min_x || max_y < min_y; }
    bool contains(TileId t) const {
        return t.z == z && t.x >= min_x && t.x <= max_x && t.y >= min_y && t.y <= max_y;
    }
    std::uint64_t count() const {
        return empty() ? 0
                       : std::uint64_t(max_x - min_x + 1) * std::uint64_t(max_y - min_y + 1);
    }
};

// The tiles at zoom z that intersect a bounding box.
TileRange tiles_covering(const LonLatBox& box, int z);

// "z/x/y", for messages.
std::string to_string(TileId tile);

} // namespace incimap::render
