#include "core/atomic_file.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <unistd.h>

namespace incimap {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view temporary_marker = ".tmp";

// Unique per process and thread.
fs::path temporary_for(const fs::path& path) {
    return fs::path(path).concat(fmt::format("{}{}-{}", temporary_marker, ::getpid(),
                                             std::hash<std::thread::id>{}(std::this_thread::get_id())));
}

void discard(const fs::path& temporary) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
}

// Renames TEMPORARY over PATH, or removes it and throws.
void commit(const fs::path& temporary, const fs::path& path) {
    std::error_code error;
    fs::rename(temporary, path, error);
    if (error) {
        discard(temporary);
        throw Error(fmt::format("{}: cannot rename into place: {}", path.string(), error.message()));
    }
}

} // namespace

void write_file_atomically(const fs::path& path, std::string_view content) {
    write_file_atomically(path, [content](std::ostream& out) {
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
    });
}

void write_file_atomically(const fs::path& path, std::span<const std::byte> content) {
    write_file_atomically(path, std::string_view(reinterpret_cast<const char*>(content.data()), content.size()));
}

void write_file_atomically(const fs::path& path, const std::function<void(std::ostream&)>& write) {
    const auto temporary = temporary_for(path);
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error(fmt::format("{}: cannot create: {}", temporary.string(), std::strerror(errno)));
        try {
            write(out);
        } catch (...) {
            out.close();
            discard(temporary);
            throw;
        }
        out.close();
        if (!out) {
            discard(temporary);
            throw Error(fmt::format("{}: cannot write (disk full?)", path.string()));
        }
    }
    commit(temporary, path);
}

void copy_file_atomically(const fs::path& from, const fs::path& to) {
    if (!std::ifstream(from, std::ios::binary))
        throw InputError(from.string(), 0, std::string("cannot open: ") + std::strerror(errno));
    const auto temporary = temporary_for(to);
    std::error_code error;
    fs::copy_file(from, temporary, fs::copy_options::overwrite_existing, error);
    if (error) {
        discard(temporary);
        throw Error(fmt::format("{}: cannot copy {}: {}", to.string(), from.string(), error.message()));
    }
    fs::last_write_time(temporary, fs::last_write_time(from, error), error);
    commit(temporary, to);
}

bool is_temporary_name(const fs::path& file) {
    const auto name = file.filename().string();
    for (auto at = name.find(temporary_marker); at != std::string::npos;
         at = name.find(temporary_marker, at + 1)) {
        const auto next = at + temporary_marker.size();
        if (next < name.size() && std::isdigit(static_cast<unsigned char>(name[next])))
            return true;
    }
    return false;
}

} // namespace incimap
