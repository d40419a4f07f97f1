#include "adapters/zlib.hpp"

#include "core/error.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <climits>

namespace incimap::zlib {

namespace {
// windowBits 15 + 16: a gzip header and trailer instead of zlib's.
constexpr int gzip_window = 15 + 16;

// zlib counts in uInt: feed larger inputs in slices.
uInt slice(std::size_t left) { return static_cast<uInt>(std::min<std::size_t>(left, UINT_MAX)); }
} // namespace

std::string gzip(std::string_view bytes, int level) {
    z_stream zs{};
    if (deflateInit2(&zs, level, Z_DEFLATED, gzip_window, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw LibraryError("zlib deflateInit2 failed while writing a gzip member");
    std::string out(deflateBound(&zs, static_cast<uLong>(bytes.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    std::size_t in_left = bytes.size(), out_left = out.size();
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.avail_in = slice(in_left);
        zs.avail_out = slice(out_left);
        const auto in_before = zs.avail_in, out_before = zs.avail_out;
        rc = deflate(&zs, zs.avail_in == in_left ? Z_FINISH : Z_NO_FLUSH);
        in_left -= in_before - zs.avail_in;
        out_left -= out_before - zs.avail_out;
    }
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        throw LibraryError(fmt::format("zlib deflate failed while writing a gzip member (code {})", rc));
    out.resize(out.size() - out_left);
    return out;
}

std::string gunzip(std::string_view bytes, std::string_view what, std::size_t max_size) {
    z_stream zs{};
    if (inflateInit2(&zs, gzip_window) != Z_OK)
        throw LibraryError(fmt::format("{}: zlib inflateInit2 failed", what));
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    std::size_t in_left = bytes.size();
    std::string out;
    int rc = Z_OK;
    char buffer[65536];
    while (rc == Z_OK) {
        zs.avail_in = slice(in_left);
        const auto in_before = zs.avail_in;
        zs.next_out = reinterpret_cast<Bytef*>(buffer);
        zs.avail_out = sizeof buffer;
        rc = inflate(&zs, Z_NO_FLUSH);
        in_left -= in_before - zs.avail_in;
        out.append(buffer, sizeof buffer - zs.avail_out);
        if (out.size() > max_size) {
            inflateEnd(&zs);
            throw InputError(fmt::format("{}: expands beyond {} bytes", what, max_size));
        }
    }
    const std::string message = zs.msg ? zs.msg : "";
    inflateEnd(&zs);
    if (rc != Z_STREAM_END)
        throw InputError(fmt::format("{}: not a whole gzip member ({})", what,
                                     message.empty() ? (rc == Z_BUF_ERROR ? "cut short" : "corrupt")
                                                     : message));
    if (in_left != 0)
        throw InputError(fmt::format("{}: {} bytes after the end of the gzip member", what, in_left));
    return out;
}

} // namespace incimap::zlib
