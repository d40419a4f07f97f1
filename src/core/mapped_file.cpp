#include "core/mapped_file.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace incimap {
namespace {

// Closes the descriptor when the constructor leaves, by return or throw.
struct Descriptor {
    int fd;
    ~Descriptor() {
        if (fd >= 0)
            ::close(fd);
    }
};

[[noreturn]] void fail(const std::filesystem::path& path, const char* what, int error) {
    throw InputError(path.string(), 0, std::string(what) + ": " + std::strerror(error));
}

} // namespace

MappedFile::MappedFile(const std::filesystem::path& path) {
    const Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0)
        fail(path, "cannot open", errno);
    struct stat status {};
    if (::fstat(file.fd, &status) != 0)
        fail(path, "cannot read its size", errno);
    if (!S_ISREG(status.st_mode))
        throw InputError(path.string(), 0, "not a regular file");
    size_ = static_cast<std::size_t>(status.st_size);
    if (size_ == 0)
        return;
    void* data = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, file.fd, 0);
    if (data == MAP_FAILED)
        fail(path, "cannot map into memory", errno);
    data_ = data;
}

MappedFile::~MappedFile() {
    if (data_ != nullptr)
        ::munmap(data_, size_);
}

void MappedFile::advise_sequential() const {
    if (data_ != nullptr)
        ::madvise(data_, size_, MADV_SEQUENTIAL);
}

void MappedFile::release_before(std::size_t offset) {
    static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t end = std::min(offset, size_) / page * page;
    if (data_ == nullptr || end <= released_)
        return;
    ::madvise(static_cast<char*>(data_) + released_, end - released_, MADV_DONTNEED);
    released_ = end;
}

} // namespace incimap
