// A PNG encoder tuned for map tiles. cairo's own writer compresses hard and
// always writes RGBA; tiles are mostly transparent with few colours, so this
// one writes an 8-bit palette PNG (with a tRNS chunk) when the image has at
// most 256 distinct colours, else 8-bit RGBA with the "up" filter, deflated
// at a low zlib level. Its tuned per-thread deflate state is the one use of
// zlib outside adapters/zlib.hpp (which writes and reads gzip members).
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace incimap::render {

// A view of pixels as cairo keeps them (CAIRO_FORMAT_ARGB32): one 32-bit word
// per pixel in native byte order, alpha in the high byte, colour
// premultiplied by alpha; `stride` bytes per row.
struct PixelView {
    const std::uint8_t* data = nullptr;
    int width = 0;
    int height = 0;
    int stride = 0;
    std::uint32_t at(int x, int y) const {
        return *reinterpret_cast<const std::uint32_t*>(data + std::size_t(y) * stride +
                                                       std::size_t(x) * 4);
    }
};

struct PngOptions {
    int compression_level = 2;  // zlib 0..9; 1-3 is the sweet spot for tiles
    bool allow_palette = true;
};

// Encodes the pixels as a PNG file image. Throws LibraryError when zlib fails.
// Cost: one pass to count colours (stops at 257), one to filter, one deflate.
std::string encode_png(const PixelView& pixels, const PngOptions& options = {});

// True when every pixel is fully transparent.
bool is_blank(const PixelView& pixels);

} // namespace incimap::render
