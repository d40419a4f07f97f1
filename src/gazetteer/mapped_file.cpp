#include "gazetteer/mapped_file.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace incimap::gazetteer {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const char* what) {
    throw InputError(path.string(), 0, std::string(what) + ": " + std::strerror(errno));
}

} // namespace

MappedFile::MappedFile(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        fail(path, "cannot open");
    struct stat status {};
    if (::fstat(fd, &status) != 0) {
        const int saved = errno;
        ::close(fd);
        errno = saved;
        fail(path, "cannot read its size");
    }
    size_ = static_cast<std::size_t>(status.st_size);
    if (size_ > 0) {
        data_ = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
        if (data_ == MAP_FAILED) {
            const int saved = errno;
            ::close(fd);
            data_ = nullptr;
            errno = saved;
            fail(path, "cannot map into memory");
        }
    }
    ::close(fd);
}

MappedFile::~MappedFile() {
    if (data_ != nullptr)
        ::munmap(data_, size_);
}

} // namespace incimap::gazetteer
