// An output file that appears only complete: written under a temporary name
// in the same folder and renamed over PATH by commit(). Destroyed without
// commit(), it leaves nothing behind. "-" writes to standard output; a
// device or FIFO is written into directly, and a symbolic link is followed
// (core/atomic_file.hpp).
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace incimap::store {

class OutputFile {
public:
    // Throws Error naming PATH when the temporary file cannot be created.
    explicit OutputFile(std::filesystem::path path);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    void write(std::string_view bytes);
    // Flushes, closes and renames; throws Error on any write failure
    // (a full disk surfaces here at the latest).
    void commit();

    const std::filesystem::path& path() const noexcept { return path_; }

private:
    [[noreturn]] void fail(std::string_view what);

    std::filesystem::path path_;
    std::filesystem::path target_;     // path_, or the file its link points to
    std::filesystem::path temporary_;  // empty when writing into a device or FIFO
    std::FILE* file_ = nullptr;
    bool to_stdout_ = false;
};

} // namespace incimap::store
