// A file mapped read-only into memory (POSIX mmap), unmapped on destruction.
// Index files are used through it without being read.
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>

namespace incimap::gazetteer {

class MappedFile {
  public:
    // Throws InputError naming the path when it cannot be opened or mapped.
    explicit MappedFile(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::span<const std::byte> bytes() const {
        return {static_cast<const std::byte*>(data_), size_};
    }

  private:
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

} // namespace incimap::gazetteer
