#include "core/input_kind.hpp"

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

bool is_stream_device(const std::filesystem::path& path) {
    std::error_code ec;
    const auto type = std::filesystem::status(path, ec).type();
    return type == std::filesystem::file_type::fifo || type == std::filesystem::file_type::character;
}

} // namespace incimap
