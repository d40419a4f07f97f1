#include "core/temp_mapping.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

namespace incimap {

namespace fs = std::filesystem;

namespace {

std::string errno_text(int error) { return std::strerror(error); }

// What an error says of where the folder came from: the caller knows when
// it gave one; otherwise TMPDIR chose it.
std::string_view folder_hint(bool folder_given) {
    return folder_given ? "" : " (TMPDIR chooses the folder)";
}

// An unnamed file in `folder`, open for reading and writing.
int create_unnamed_file(const fs::path& folder, bool folder_given, std::size_t bytes) {
    const auto fail = [&](int error) {
        return Error(fmt::format("cannot create a temporary file for {} bytes in '{}': {}{}", bytes,
                                 folder.string(), errno_text(error), folder_hint(folder_given)));
    };
    int fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0)
        return fd;
    if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
        throw fail(errno);
    // The file system has no unnamed files: name one and unlink it at once.
    std::string name = (folder / "incimap-XXXXXX").string();
    fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0)
        throw fail(errno);
    ::unlink(name.c_str());
    return fd;
}

} // namespace

TempMapping::TempMapping(fs::path folder) : folder_(std::move(folder)), folder_given_(!folder_.empty()) {}

TempMapping::~TempMapping() { release(); }

TempMapping::TempMapping(TempMapping&& other) noexcept
    : folder_(std::move(other.folder_)), folder_given_(other.folder_given_), fd_(std::exchange(other.fd_, -1)),
      data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

TempMapping& TempMapping::operator=(TempMapping&& other) noexcept {
    if (this != &other) {
        release();
        folder_ = std::move(other.folder_);
        folder_given_ = other.folder_given_;
        fd_ = std::exchange(other.fd_, -1);
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

void TempMapping::release() noexcept {
    if (data_ != nullptr)
        ::munmap(data_, size_);
    if (fd_ >= 0)
        ::close(fd_);
    data_ = nullptr;
    fd_ = -1;
    size_ = 0;
}

void TempMapping::resize(std::size_t bytes) {
    if (bytes == size_)
        return;
    if (folder_.empty())
        folder_ = fs::temp_directory_path();
    if (fd_ < 0)
        fd_ = create_unnamed_file(folder_, folder_given_, bytes);
    const auto fail = [&](const char* call, int error) {
        return Error(fmt::format("cannot grow a temporary file in '{}' to {} bytes ({}): {}{}",
                                 folder_.string(), bytes, call, errno_text(error),
                                 folder_hint(folder_given_)));
    };
    if (bytes > size_) {
        // Blocks reserved now: a sparse file would fail on first write, as
        // SIGBUS, when the disk is full.
        if (const int error = ::posix_fallocate(fd_, static_cast<off_t>(size_),
                                                static_cast<off_t>(bytes - size_));
            error != 0)
            throw fail("posix_fallocate", error);
    } else if (::ftruncate(fd_, static_cast<off_t>(bytes)) != 0) {
        throw fail("ftruncate", errno);
    }
    if (bytes == 0) {
        if (data_ != nullptr)
            ::munmap(data_, size_);
        data_ = nullptr;
        size_ = 0;
        return;
    }
    void* at = data_ == nullptr
                   ? ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0)
                   : ::mremap(data_, size_, bytes, MREMAP_MAYMOVE);
    if (at == MAP_FAILED)
        throw fail(data_ == nullptr ? "mmap" : "mremap", errno);
    data_ = static_cast<std::byte*>(at);
    size_ = bytes;
}

} // namespace incimap
