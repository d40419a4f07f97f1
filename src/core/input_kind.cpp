#include "core/input_kind.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace incimap {

std::string why_not_readable_file(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    switch (status.type()) {
    case fs::file_type::regular:
    case fs::file_type::fifo:
    case fs::file_type::character:
        return "";
    case fs::file_type::not_found:
        return "no such file";
    case fs::file_type::directory:
        return "is a directory";
    case fs::file_type::socket:
        return "is a socket";
    case fs::file_type::block:
        return "is a block device";
    default:
        return ec ? "cannot be examined: " + ec.message() : "not a file";
    }
}

std::string why_not_regular_file(const std::filesystem::path& path) {
    std::error_code ec;
    switch (std::filesystem::status(path, ec).type()) {
    case std::filesystem::file_type::fifo: return "is a FIFO";
    case std::filesystem::file_type::character: return "is a character device";
    default: return why_not_readable_file(path);
    }
}

std::string read_whole_file(const std::filesystem::path& path, std::size_t limit,
                            std::string_view what) {
    if (const auto why = why_not_readable_file(path); !why.empty())
        throw InputError(path.string(), 0, fmt::format("{}, not {}", why, what));
    const bool stream = is_stream_device(path);
    std::error_code ec;
    if (!stream && std::filesystem::file_size(path, ec) > limit && !ec)
        throw InputError(path.string(), 0,
                         fmt::format("larger than {} MiB, the limit for {}", limit >> 20, what));
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path.string(), 0,
                         fmt::format("cannot open {}: {}", what, std::strerror(errno)));
    std::string bytes;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > limit)
            throw InputError(path.string(), 0,
                             fmt::format("more than {} MiB read, the limit for {}{}", limit >> 20,
                                         what, stream ? ": an input that reads no end?" : ""));
    }
    if (in.bad())
        throw InputError(path.string(), 0, fmt::format("cannot read {}", what));
    return bytes;
}

bool is_stream_device(const std::filesystem::path& path) {
    std::error_code ec;
    const auto type = std::filesystem::status(path, ec).type();
    return type == std::filesystem::file_type::fifo || type == std::filesystem::file_type::character;
}

} // namespace incimap
