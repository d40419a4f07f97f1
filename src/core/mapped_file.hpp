// A file mapped read-only into memory (POSIX mmap), unmapped on
// destruction. The gazetteer's indexes are used through it without being
// read, and CSV tables are parsed in place (sources/csv).
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <string_view>

namespace incimap {

class MappedFile {
public:
    // Maps the whole of the regular file at PATH (an empty file maps to no
    // bytes). Throws InputError naming PATH and the system's reason when it
    // cannot be opened, is not a regular file, or cannot be mapped.
    explicit MappedFile(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::span<const std::byte> bytes() const { return {static_cast<const std::byte*>(data_), size_}; }
    std::string_view text() const { return {static_cast<const char*>(data_), size_}; }
    std::size_t size() const { return size_; }

    // Tells the kernel the file will be read from start to end once
    // (read-ahead, early reuse of pages).
    void advise_sequential() const;
    // Gives back the resident pages wholly before byte OFFSET: a reader that
    // never goes back keeps a large file from weighing on memory. The bytes
    // stay readable (they are read from the file again if touched).
    void release_before(std::size_t offset);

private:
    void* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t released_ = 0;  // pages before this byte have been given back
};

} // namespace incimap
