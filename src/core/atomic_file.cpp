#include "core/atomic_file.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
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

void write_new_file(const fs::path& path, std::string_view content) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        throw Error(fmt::format("{}: cannot create: {}", path.string(), std::strerror(errno)));
    int failure = 0;
    for (std::size_t done = 0; done < content.size() && failure == 0;) {
        const auto n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno != EINTR)
            failure = errno;
        else if (n > 0)
            done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0 && failure == 0)
        failure = errno;
    if (failure != 0) {
        discard(path);
        throw Error(fmt::format("{}: cannot write: {}", path.string(), std::strerror(failure)));
    }
}

fs::path output_target(const fs::path& path) {
    fs::path target = path;
    std::error_code ec;
    for (int links = 0; fs::is_symlink(target, ec); ++links) {
        if (links == 40)
            throw Error(fmt::format("{}: too many symbolic links", path.string()));
        const auto next = fs::read_symlink(target, ec);
        if (ec)
            throw Error(fmt::format("{}: cannot read the link: {}", path.string(), ec.message()));
        target = next.is_absolute() ? next : target.parent_path() / next;
    }
    return target;
}

bool is_stream_file(const fs::path& path) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    return !ec && (status.type() == fs::file_type::character || status.type() == fs::file_type::fifo);
}

fs::path temporary_beside(const fs::path& path, std::string_view infix, std::string_view suffix) {
    const auto target = output_target(path);
    const auto name = fmt::format("{}{}{}{}", target.filename().string(), infix, ::getpid(), suffix);
    if (!is_stream_file(target))
        return fs::path(target).replace_filename(name);
    std::error_code ec;
    auto folder = fs::temp_directory_path(ec);
    return (ec ? fs::path("/tmp") : folder) / name;
}

void move_into_place(const fs::path& temporary, const fs::path& path) {
    const auto target = output_target(path);
    if (!is_stream_file(target)) {
        commit(temporary, target);
        return;
    }
    std::ifstream in(temporary, std::ios::binary);
    std::ofstream out(target, std::ios::binary);
    if (in && out)
        out << in.rdbuf();
    out.flush();
    const bool written = in && out;
    discard(temporary);
    if (!written)
        throw Error(fmt::format("{}: cannot write: {}", path.string(), std::strerror(errno)));
}

void write_file_atomically(const fs::path& path, const std::function<void(std::ostream&)>& write) {
    const auto target = output_target(path);
    if (is_stream_file(target)) {
        std::ofstream out(target, std::ios::binary);
        if (!out)
            throw Error(fmt::format("{}: cannot open: {}", path.string(), std::strerror(errno)));
        write(out);
        out.flush();
        if (!out)
            throw Error(fmt::format("{}: cannot write: {}", path.string(), std::strerror(errno)));
        return;
    }
    const auto temporary = temporary_for(target);
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
    commit(temporary, target);
}

void copy_file_atomically(const fs::path& from, const fs::path& to) {
    if (!std::ifstream(from, std::ios::binary))
        throw InputError(from.string(), 0, std::string("cannot open: ") + std::strerror(errno));
    const auto target = output_target(to);
    const auto temporary = temporary_for(target);
    std::error_code error;
    fs::copy_file(from, temporary, fs::copy_options::overwrite_existing, error);
    if (error) {
        discard(temporary);
        throw Error(fmt::format("{}: cannot copy {}: {}", to.string(), from.string(), error.message()));
    }
    fs::last_write_time(temporary, fs::last_write_time(from, error), error);
    move_into_place(temporary, to);
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
