// The pieces of the PMTiles v3 format
// (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md), as
// render/pmtiles.hpp writes and reads archives with them:
//   - a header of 127 bytes, little-endian, with where each section lies;
//   - tile IDs that number the tiles of all zooms along a Hilbert curve per
//     zoom, zoom 0 first, so that tiles close on the map are close in the file;
//   - directories: entries sorted by tile ID, written column by column as
//     varints (tile IDs as deltas, run lengths, lengths, offsets written as 0
//     when a tile's data follows the previous entry's), each directory
//     compressed as a whole. An entry with a run length of 0 points to a
//     leaf directory instead of tile data.
#pragma once

#include "render/tile.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::render::pmtiles {

inline constexpr std::size_t header_size = 127;
// The header and the root directory lie within the first 16 KiB, which a
// reader fetches in one request.
inline constexpr std::size_t root_limit = 16384 - header_size;
inline constexpr int max_zoom = 26;  // tile IDs of deeper zooms pass 2^53

enum class Compression : std::uint8_t { unknown = 0, none = 1, gzip = 2, brotli = 3, zstd = 4 };
enum class TileType : std::uint8_t { unknown = 0, mvt = 1, png = 2, jpeg = 3, webp = 4, avif = 5 };

struct Header {
    std::uint64_t root_offset = header_size, root_length = 0;
    std::uint64_t metadata_offset = 0, metadata_length = 0;
    std::uint64_t leaves_offset = 0, leaves_length = 0;
    std::uint64_t data_offset = 0, data_length = 0;
    std::uint64_t addressed_tiles = 0;  // tiles the directories give, runs counted out
    std::uint64_t tile_entries = 0;     // entries with tile data (run length > 0)
    std::uint64_t tile_contents = 0;    // distinct pieces of tile data
    bool clustered = false;             // tile data in the order of the tile IDs
    Compression internal_compression = Compression::gzip;
    Compression tile_compression = Compression::none;
    TileType tile_type = TileType::png;
    int min_zoom = 0, max_zoom = 0;
    LonLatBox bounds;
    int center_zoom = 0;
    double center_lon = 0, center_lat = 0;
};

// The 127 bytes of HEADER. Positions are rounded to 1e-7°, as stored.
std::string encode_header(const Header& header);
// Throws InputError naming WHAT when BYTES does not start with a PMTiles v3
// header (the magic "PMTiles", version 3).
Header decode_header(std::string_view bytes, std::string_view what);

// Tile ID of a tile: the tiles of the zooms above it, then its place on the
// zoom's Hilbert curve. Precondition: 0 <= z <= max_zoom, x and y within
// the zoom. Cost: O(z).
std::uint64_t tile_id(TileId tile);
// The tile of a tile ID. Throws InputError when ID is beyond zoom max_zoom.
TileId tile_of(std::uint64_t id);

// Appends V as an unsigned LEB128 varint (7 bits a byte, low bits first).
void put_varint(std::string& out, std::uint64_t v);
// Reads a varint from the front of IN and drops it. Throws InputError naming
// WHAT when IN ends inside it or it takes more than 64 bits.
std::uint64_t take_varint(std::string_view& in, std::string_view what);

struct Entry {
    std::uint64_t tile_id = 0;
    std::uint64_t offset = 0;  // from the start of the tile data or leaf section
    std::uint32_t length = 0;
    std::uint32_t run_length = 1;  // 0: a leaf directory
    bool operator==(const Entry&) const = default;
};

// A directory's bytes before compression. Precondition: ENTRIES sorted by
// tile ID.
std::string encode_directory(std::span<const Entry> entries);
// Throws InputError naming WHAT when BYTES is no directory (cut short, bytes
// left over, tile IDs out of order).
std::vector<Entry> decode_directory(std::string_view bytes, std::string_view what);

// Tile entries made into a root directory and leaf directories, both
// gzip-compressed: the root alone when it fits within root_limit, else
// leaves of at least 4,096 entries, grown until their root fits. Leaf
// offsets count from the start of `leaves`. Precondition: ENTRIES sorted by
// tile ID, none a leaf.
struct Directories {
    std::string root;
    std::string leaves;
    std::size_t leaf_count = 0;
};
Directories build_directories(std::span<const Entry> entries);

} // namespace incimap::render::pmtiles
