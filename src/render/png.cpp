#include "render/png.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <zlib.h>

#include <array>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <vector>

namespace incimap::render {
namespace {

struct Rgba {
    std::uint8_t r, g, b, a;
};

// cairo stores colour premultiplied; PNG wants it straight.
Rgba unpremultiply(std::uint32_t argb) {
    const std::uint8_t a = argb >> 24;
    if (a == 0)
        return {0, 0, 0, 0};
    auto channel = [a](std::uint32_t c) {
        return static_cast<std::uint8_t>((c * 255 + a / 2) / a);
    };
    return {channel((argb >> 16) & 0xff), channel((argb >> 8) & 0xff), channel(argb & 0xff), a};
}

void put_u32(std::string& out, std::uint32_t v) {
    out.push_back(static_cast<char>(v >> 24));
    out.push_back(static_cast<char>(v >> 16));
    out.push_back(static_cast<char>(v >> 8));
    out.push_back(static_cast<char>(v));
}

void put_chunk(std::string& out, const char* type, const void* data, std::size_t size) {
    put_u32(out, static_cast<std::uint32_t>(size));
    const auto start = out.size();
    out.append(type, 4);
    out.append(static_cast<const char*>(data), size);
    const auto crc = crc32(0, reinterpret_cast<const Bytef*>(out.data() + start),
                           static_cast<uInt>(size + 4));
    put_u32(out, static_cast<std::uint32_t>(crc));
}

// One deflate state per thread, reset between tiles: initialising one
// clears its 256 KB window, which costs as much as compressing a sparse tile.
// Run-length matching (Z_RLE) suits tiles — mostly transparent, few colours,
// rows filtered against the row above — better than the default string
// matching: faster, and the files are no larger.
class Deflater {
public:
    explicit Deflater(int level) : level_(level) {
        if (deflateInit2(&zs_, level, Z_DEFLATED, 15, 8, Z_RLE) != Z_OK)
            throw LibraryError("zlib deflateInit2 failed while encoding a PNG");
    }
    ~Deflater() { deflateEnd(&zs_); }
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;
    int level() const { return level_; }

    std::string deflate(const std::vector<std::uint8_t>& raw) {
        deflateReset(&zs_);
        std::string out(deflateBound(&zs_, static_cast<uLong>(raw.size())), '\0');
        zs_.next_in = const_cast<Bytef*>(raw.data());
        zs_.avail_in = static_cast<uInt>(raw.size());
        zs_.next_out = reinterpret_cast<Bytef*>(out.data());
        zs_.avail_out = static_cast<uInt>(out.size());
        const int rc = ::deflate(&zs_, Z_FINISH);
        if (rc != Z_STREAM_END)
            throw LibraryError(fmt::format("zlib deflate failed while encoding a PNG (code {})", rc));
        out.resize(zs_.total_out);
        return out;
    }

private:
    z_stream zs_{};
    int level_;
};

std::string deflate_rows(const std::vector<std::uint8_t>& raw, int level) {
    thread_local std::optional<Deflater> deflater;
    if (!deflater || deflater->level() != level)
        deflater.emplace(level);
    return deflater->deflate(raw);
}

void put_header(std::string& out, int width, int height, std::uint8_t colour_type) {
    static constexpr unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    out.append(reinterpret_cast<const char*>(signature), 8);
    std::string ihdr;
    put_u32(ihdr, static_cast<std::uint32_t>(width));
    put_u32(ihdr, static_cast<std::uint32_t>(height));
    ihdr.push_back(8);  // bit depth
    ihdr.push_back(static_cast<char>(colour_type));
    ihdr.append(3, '\0');  // deflate, adaptive filtering, no interlace
    put_chunk(out, "IHDR", ihdr.data(), ihdr.size());
}

// Palette indices for every pixel, or false when there are more than 256
// colours. Runs of equal pixels (the common case) skip the hash lookup.
bool index_colours(const PixelView& px, std::vector<std::uint32_t>& palette,
                   std::vector<std::uint8_t>& raw) {
    std::unordered_map<std::uint32_t, std::uint8_t> index;
    raw.assign(std::size_t(px.height) * (px.width + 1), 0);
    std::uint32_t last = 0;
    std::uint8_t last_index = 0;
    bool have_last = false;
    for (int y = 0; y < px.height; ++y) {
        std::uint8_t* row = raw.data() + std::size_t(y) * (px.width + 1);
        row[0] = 0;  // filter: none (indices do not predict well)
        for (int x = 0; x < px.width; ++x) {
            const std::uint32_t c = px.at(x, y);
            if (!have_last || c != last) {
                auto [it, added] = index.try_emplace(c, static_cast<std::uint8_t>(palette.size()));
                if (added) {
                    if (palette.size() == 256)
                        return false;
                    palette.push_back(c);
                }
                last = c;
                last_index = it->second;
                have_last = true;
            }
            row[1 + x] = last_index;
        }
    }
    return true;
}

std::string encode_palette(const PixelView& px, const std::vector<std::uint32_t>& palette,
                           const std::vector<std::uint8_t>& raw, int level) {
    std::string out;
    put_header(out, px.width, px.height, 3);
    std::vector<std::uint8_t> plte, trns;
    std::size_t last_translucent = 0;
    for (std::size_t i = 0; i < palette.size(); ++i) {
        const auto c = unpremultiply(palette[i]);
        plte.insert(plte.end(), {c.r, c.g, c.b});
        trns.push_back(c.a);
        if (c.a != 255)
            last_translucent = i + 1;
    }
    put_chunk(out, "PLTE", plte.data(), plte.size());
    if (last_translucent > 0)
        put_chunk(out, "tRNS", trns.data(), last_translucent);
    const auto idat = deflate_rows(raw, level);
    put_chunk(out, "IDAT", idat.data(), idat.size());
    put_chunk(out, "IEND", nullptr, 0);
    return out;
}

std::string encode_rgba(const PixelView& px, int level) {
    const std::size_t row_bytes = std::size_t(px.width) * 4;
    std::vector<std::uint8_t> raw(std::size_t(px.height) * (row_bytes + 1));
    std::vector<std::uint8_t> previous(row_bytes, 0), current(row_bytes);
    for (int y = 0; y < px.height; ++y) {
        for (int x = 0; x < px.width; ++x) {
            const auto c = unpremultiply(px.at(x, y));
            std::memcpy(&current[std::size_t(x) * 4], &c, 4);
        }
        // "Up" filter: map tiles repeat vertically (fills, flat areas).
        std::uint8_t* row = raw.data() + std::size_t(y) * (row_bytes + 1);
        row[0] = 2;
        for (std::size_t i = 0; i < row_bytes; ++i)
            row[1 + i] = static_cast<std::uint8_t>(current[i] - previous[i]);
        previous.swap(current);
    }
    std::string out;
    put_header(out, px.width, px.height, 6);
    const auto idat = deflate_rows(raw, level);
    put_chunk(out, "IDAT", idat.data(), idat.size());
    put_chunk(out, "IEND", nullptr, 0);
    return out;
}

} // namespace

std::string encode_png(const PixelView& pixels, const PngOptions& options) {
    if (options.allow_palette) {
        std::vector<std::uint32_t> palette;
        std::vector<std::uint8_t> raw;
        if (index_colours(pixels, palette, raw))
            return encode_palette(pixels, palette, raw, options.compression_level);
    }
    return encode_rgba(pixels, options.compression_level);
}

bool is_blank(const PixelView& pixels) {
    for (int y = 0; y < pixels.height; ++y)
        for (int x = 0; x < pixels.width; ++x)
            if (pixels.at(x, y) >> 24)
                return false;
    return true;
}

} // namespace incimap::render
