#include "core/output_lock.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace incimap {

namespace fs = std::filesystem;

namespace {

pid_t owner_of(int fd) {
    char digits[24] = {};
    const auto n = ::pread(fd, digits, sizeof digits - 1, 0);
    pid_t pid = 0;
    if (n > 0)
        std::from_chars(digits, digits + n, pid);
    return pid;
}

// Whether FD is still the file at PATH: the last owner removes the file
// when it lets go, and a writer that waited on the removed file must take
// the lock of the new one.
bool still_named(int fd, const fs::path& path) {
    struct stat held {}, named {};
    return ::fstat(fd, &held) == 0 && ::stat(path.c_str(), &named) == 0 &&
           held.st_dev == named.st_dev && held.st_ino == named.st_ino;
}

} // namespace

fs::path OutputLock::path_for(const fs::path& output) {
    auto path = output;
    if (!path.has_filename())
        path = path.parent_path();
    return path.parent_path() / fmt::format(".{}.lock", path.filename().string());
}

std::string busy_message(std::string_view what, const fs::path& output, pid_t owner,
                         std::chrono::milliseconds waited) {
    return fmt::format("{} '{}' is locked: another process{} is writing to it (waited {:.1f} s); "
                       "try again when it has finished",
                       what, output.string(), owner > 0 ? fmt::format(" (pid {})", owner) : "",
                       std::chrono::duration<double>(waited).count());
}

namespace {

// The path OUTPUT names through symbolic links, so that two names of one
// output share its lock: links are followed one by one (up to 40, as the
// kernel does), also to a target not made yet, which canonical forms leave
// unresolved; a loop of links stays the name given.
fs::path resolved(const fs::path& output) {
    fs::path path = output;
    for (int depth = 0; depth < 40; ++depth) {
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(path, ec)) || ec) {
            const auto real = fs::weakly_canonical(path, ec);
            return ec || real.empty() ? path : real;
        }
        const fs::path target = fs::read_symlink(path, ec);
        if (ec)
            return output;
        path = target.is_absolute() ? target : path.parent_path() / target;
    }
    return output;
}

} // namespace

OutputLock OutputLock::acquire(const fs::path& output, std::chrono::milliseconds timeout,
                               std::string_view what, const OnWait& on_wait) {
    using clock = std::chrono::steady_clock;
    const auto path = path_for(resolved(output));
    const auto start = clock::now();
    bool told = false;
    for (;;) {
        const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            throw Error(fmt::format("{}: cannot make the lock file of '{}': {}", path.string(),
                                    output.string(), std::strerror(errno)));
        // Poll rather than block: a blocking flock could not give up at the
        // timeout.
        for (;;) {
            if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
                break;
            const int error = errno;
            if (error != EWOULDBLOCK && error != EINTR) {
                ::close(fd);
                throw Error(fmt::format("{}: cannot lock '{}': {}", path.string(), output.string(),
                                        std::strerror(error)));
            }
            const auto waited =
                std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start);
            const auto owner = owner_of(fd);
            if (waited >= timeout) {
                ::close(fd);
                throw OutputBusy(busy_message(what, output, owner, waited));
            }
            if (!told && on_wait) {
                told = true;
                on_wait(owner);
            }
            std::this_thread::sleep_for(std::min(std::chrono::milliseconds(50), timeout - waited));
        }
        if (!still_named(fd, path)) {
            ::close(fd);
            continue;
        }
        const auto pid = std::to_string(::getpid());
        if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
            // The owner's id is only for messages; the lock holds without it.
        }
        return OutputLock(path, fd);
    }
}

OutputLock::OutputLock(OutputLock&& other) noexcept
    : path_(std::move(other.path_)), fd_(other.fd_) {
    other.fd_ = -1;
}

OutputLock::~OutputLock() {
    if (fd_ < 0)
        return;
    // Removed while still held, so no writer can take a file about to go.
    ::unlink(path_.c_str());
    ::close(fd_);
}

} // namespace incimap
