#include "render/pmtiles_format.hpp"

#include "adapters/zlib.hpp"
#include "core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace incimap::render::pmtiles {

namespace {

constexpr std::string_view magic = "PMTiles";
constexpr int version = 3;

// The tiles of all zooms above Z: (4^z - 1) / 3.
constexpr std::uint64_t tiles_above(int z) { return ((std::uint64_t{1} << (2 * z)) - 1) / 3; }

// Turns the quadrant's coordinates so that the curve's pieces join (the
// classic Hilbert curve mapping; N is the quadrant's size).
void rotate(std::uint64_t n, std::uint64_t& x, std::uint64_t& y, std::uint64_t rx, std::uint64_t ry) {
    if (ry != 0)
        return;
    if (rx != 0) {
        x = n - 1 - x;
        y = n - 1 - y;
    }
    std::swap(x, y);
}

void put_u64(std::string& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i)
        out += static_cast<char>((v >> (8 * i)) & 0xff);
}

void put_i32(std::string& out, std::int32_t v) {
    const auto u = static_cast<std::uint32_t>(v);
    for (int i = 0; i < 4; ++i)
        out += static_cast<char>((u >> (8 * i)) & 0xff);
}

std::uint64_t get_u64(std::string_view bytes, std::size_t at) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
    return v;
}

std::int32_t get_i32(std::string_view bytes, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
    return static_cast<std::int32_t>(v);
}

std::int32_t e7(double degrees) { return static_cast<std::int32_t>(std::lround(degrees * 1e7)); }

} // namespace

std::string encode_header(const Header& h) {
    std::string out(magic);
    out += static_cast<char>(version);
    for (const auto v : {h.root_offset, h.root_length, h.metadata_offset, h.metadata_length,
                         h.leaves_offset, h.leaves_length, h.data_offset, h.data_length,
                         h.addressed_tiles, h.tile_entries, h.tile_contents})
        put_u64(out, v);
    out += static_cast<char>(h.clustered ? 1 : 0);
    out += static_cast<char>(h.internal_compression);
    out += static_cast<char>(h.tile_compression);
    out += static_cast<char>(h.tile_type);
    out += static_cast<char>(h.min_zoom);
    out += static_cast<char>(h.max_zoom);
    put_i32(out, e7(h.bounds.min_lon));
    put_i32(out, e7(h.bounds.min_lat));
    put_i32(out, e7(h.bounds.max_lon));
    put_i32(out, e7(h.bounds.max_lat));
    out += static_cast<char>(h.center_zoom);
    put_i32(out, e7(h.center_lon));
    put_i32(out, e7(h.center_lat));
    return out;
}

Header decode_header(std::string_view bytes, std::string_view what) {
    if (bytes.size() < header_size || !bytes.starts_with(magic))
        throw InputError(fmt::format("{}: not a PMTiles archive (no 'PMTiles' header)", what));
    if (const int v = static_cast<unsigned char>(bytes[7]); v != version)
        throw InputError(fmt::format("{}: byte 7: PMTiles version {}; only version 3 is read", what, v));
    Header h;
    std::uint64_t* fields[] = {&h.root_offset,   &h.root_length,  &h.metadata_offset, &h.metadata_length,
                               &h.leaves_offset, &h.leaves_length, &h.data_offset,   &h.data_length,
                               &h.addressed_tiles, &h.tile_entries, &h.tile_contents};
    std::size_t at = 8;
    for (auto* field : fields) {
        *field = get_u64(bytes, at);
        at += 8;
    }
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    h.clustered = byte(96) == 1;
    h.internal_compression = static_cast<Compression>(byte(97));
    h.tile_compression = static_cast<Compression>(byte(98));
    h.tile_type = static_cast<TileType>(byte(99));
    h.min_zoom = byte(100);
    h.max_zoom = byte(101);
    h.bounds = {get_i32(bytes, 102) / 1e7, get_i32(bytes, 106) / 1e7, get_i32(bytes, 110) / 1e7,
                get_i32(bytes, 114) / 1e7};
    h.center_zoom = byte(118);
    h.center_lon = get_i32(bytes, 119) / 1e7;
    h.center_lat = get_i32(bytes, 123) / 1e7;
    return h;
}

std::uint64_t tile_id(TileId tile) {
    const auto n = std::uint64_t{1} << tile.z;
    auto x = static_cast<std::uint64_t>(tile.x), y = static_cast<std::uint64_t>(tile.y);
    std::uint64_t d = 0;
    for (auto s = n / 2; s > 0; s /= 2) {
        const std::uint64_t rx = (x & s) != 0, ry = (y & s) != 0;
        d += s * s * ((3 * rx) ^ ry);
        rotate(n, x, y, rx, ry);
    }
    return tiles_above(tile.z) + d;
}

TileId tile_of(std::uint64_t id) {
    int z = 0;
    while (z <= max_zoom && id >= tiles_above(z + 1))
        ++z;
    if (z > max_zoom)
        throw InputError(fmt::format("tile ID {} is beyond zoom {}", id, max_zoom));
    auto t = id - tiles_above(z);
    std::uint64_t x = 0, y = 0;
    for (std::uint64_t s = 1; s < (std::uint64_t{1} << z); s *= 2) {
        const std::uint64_t rx = 1 & (t / 2), ry = 1 & (t ^ rx);
        rotate(s, x, y, rx, ry);
        x += s * rx;
        y += s * ry;
        t /= 4;
    }
    return {z, static_cast<int>(x), static_cast<int>(y)};
}

void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}

std::uint64_t take_varint(std::string_view& in, std::string_view what) {
    std::uint64_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        if (in.empty())
            throw InputError(fmt::format("{}: cut short inside a varint", what));
        const auto byte = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        if (shift == 63 && byte > 1)
            break;
        v |= std::uint64_t{byte & 0x7fu} << shift;
        if (byte < 0x80)
            return v;
    }
    throw InputError(fmt::format("{}: a varint longer than 64 bits", what));
}

std::string encode_directory(std::span<const Entry> entries) {
    std::string out;
    put_varint(out, entries.size());
    std::uint64_t last_id = 0;
    for (const auto& e : entries) {
        put_varint(out, e.tile_id - last_id);
        last_id = e.tile_id;
    }
    for (const auto& e : entries)
        put_varint(out, e.run_length);
    for (const auto& e : entries)
        put_varint(out, e.length);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const bool follows = i > 0 && entries[i].offset == entries[i - 1].offset + entries[i - 1].length;
        put_varint(out, follows ? 0 : entries[i].offset + 1);
    }
    return out;
}

std::vector<Entry> decode_directory(std::string_view bytes, std::string_view what) {
    const auto count = take_varint(bytes, what);
    // Each entry takes at least four bytes: a larger count is a lie.
    if (count > bytes.size() / 4)
        throw InputError(fmt::format("{}: {} entries in {} bytes", what, count, bytes.size()));
    std::vector<Entry> entries(count);
    std::uint64_t last_id = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto delta = take_varint(bytes, what);
        if (i > 0 && delta == 0)
            throw InputError(fmt::format("{}: entry {}: tile ID {} repeated", what, i, last_id));
        last_id += delta;
        entries[i].tile_id = last_id;
    }
    const auto take_u32 = [&](std::size_t i, std::string_view field) {
        const auto v = take_varint(bytes, what);
        if (v > UINT32_MAX)
            throw InputError(fmt::format("{}: entry {}: {} {} beyond 32 bits", what, i, field, v));
        return static_cast<std::uint32_t>(v);
    };
    for (std::size_t i = 0; i < entries.size(); ++i)
        entries[i].run_length = take_u32(i, "run length");
    for (std::size_t i = 0; i < entries.size(); ++i)
        entries[i].length = take_u32(i, "length");
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto v = take_varint(bytes, what);
        if (v == 0 && i == 0)
            throw InputError(fmt::format("{}: entry 0: offset 0 means 'after the previous entry'", what));
        entries[i].offset = v == 0 ? entries[i - 1].offset + entries[i - 1].length : v - 1;
    }
    if (!bytes.empty())
        throw InputError(fmt::format("{}: {} bytes after the last entry", what, bytes.size()));
    return entries;
}

namespace {

Directories leaves_of(std::span<const Entry> entries, std::size_t leaf_size) {
    Directories d;
    std::vector<Entry> root;
    for (std::size_t i = 0; i < entries.size(); i += leaf_size) {
        const auto leaf = zlib::gzip(encode_directory(entries.subspan(i, std::min(leaf_size, entries.size() - i))));
        root.push_back({entries[i].tile_id, d.leaves.size(), static_cast<std::uint32_t>(leaf.size()), 0});
        d.leaves += leaf;
    }
    d.root = zlib::gzip(encode_directory(root));
    d.leaf_count = root.size();
    return d;
}

} // namespace

Directories build_directories(std::span<const Entry> entries) {
    if (entries.size() < 16384) {
        Directories d;
        d.root = zlib::gzip(encode_directory(entries));
        if (d.root.size() <= root_limit)
            return d;
    }
    auto leaf_size = std::max<std::size_t>(4096, entries.size() / 3500);
    for (;;) {
        auto d = leaves_of(entries, leaf_size);
        if (d.root.size() <= root_limit)
            return d;
        leaf_size += leaf_size / 5;
    }
}

} // namespace incimap::render::pmtiles
