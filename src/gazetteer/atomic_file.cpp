#include "gazetteer/atomic_file.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace incimap::gazetteer {
namespace {

constexpr std::string_view temporary_marker = ".tmp-";

// Creates an empty, uniquely named file next to `file` (mkstemp).
std::filesystem::path make_temporary(const std::filesystem::path& file) {
    std::string pattern = file.string() + std::string(temporary_marker) + "XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());
    if (fd < 0)
        throw Error(file.string() + ": cannot write: " + std::strerror(errno));
    ::close(fd);
    // mkstemp makes the file private; these files are data anyone may read.
    std::error_code ignored;
    std::filesystem::permissions(
        name.data(),
        std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
            std::filesystem::perms::group_read | std::filesystem::perms::others_read,
        ignored);
    return std::filesystem::path(name.data());
}

void discard(const std::filesystem::path& temporary) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
}

// Renames `temporary` over `file`, or removes it and throws.
void commit(const std::filesystem::path& temporary, const std::filesystem::path& file) {
    std::error_code error;
    std::filesystem::rename(temporary, file, error);
    if (error) {
        discard(temporary);
        throw Error(file.string() + ": cannot write: " + error.message());
    }
}

} // namespace

void write_file_atomically(const std::filesystem::path& file, std::span<const std::byte> bytes) {
    const auto temporary = make_temporary(file);
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
        const std::string reason = errno != 0 ? std::strerror(errno) : "write failed";
        discard(temporary);
        throw Error(file.string() + ": cannot write: " + reason);
    }
    commit(temporary, file);
}

void copy_file_atomically(const std::filesystem::path& from, const std::filesystem::path& to) {
    if (!std::ifstream(from, std::ios::binary))
        throw InputError(from.string(), 0, std::string("cannot open: ") + std::strerror(errno));
    const auto temporary = make_temporary(to);
    std::error_code error;
    std::filesystem::copy_file(from, temporary, std::filesystem::copy_options::overwrite_existing,
                               error);
    if (error) {
        discard(temporary);
        throw Error(to.string() + ": cannot copy " + from.string() + ": " + error.message());
    }
    std::filesystem::last_write_time(temporary, std::filesystem::last_write_time(from, error),
                                     error);
    commit(temporary, to);
}

bool is_temporary_name(const std::filesystem::path& file) {
    return file.filename().string().find(temporary_marker) != std::string::npos;
}

} // namespace incimap::gazetteer
