// Memory backed by a temporary file mapped shared (POSIX mmap): what it
// holds is page cache, not heap, so the kernel may write it to the file and
// drop it when memory runs short, and a process holding millions of records
// keeps a small anonymous footprint. The file never has a name (O_TMPFILE,
// or created and unlinked at once where the file system lacks it): nothing
// is left behind, even when the process is killed.
//
// Note: on a tmpfs folder (often /tmp) the pages stay in RAM (or swap).
#pragma once

#include <cstddef>
#include <filesystem>

namespace incimap {

class TempMapping {
public:
    // Nothing is created until resize() asks for bytes. An empty `folder`
    // is std::filesystem::temp_directory_path() (TMPDIR, else /tmp).
    explicit TempMapping(std::filesystem::path folder = {});
    ~TempMapping();
    TempMapping(TempMapping&& other) noexcept;
    TempMapping& operator=(TempMapping&& other) noexcept;
    TempMapping(const TempMapping&) = delete;
    TempMapping& operator=(const TempMapping&) = delete;

    // Makes the mapping `bytes` long (creating the file on first use),
    // keeping the contents up to the shorter length; new bytes are zero.
    // The mapping may move. Disk blocks are reserved up front, so a full
    // disk is reported here rather than as a crash on first write. Throws
    // Error naming the folder and the bytes asked for when the file cannot
    // be created or grown (folder missing or not writable, no space left).
    void resize(std::size_t bytes);
    std::byte* data() const { return data_; }
    std::size_t size() const { return size_; }
    const std::filesystem::path& folder() const { return folder_; }

private:
    void release() noexcept;

    std::filesystem::path folder_;
    bool folder_given_ = false;  // by the caller, rather than TMPDIR's
    int fd_ = -1;
    std::byte* data_ = nullptr;
    std::size_t size_ = 0;
};

} // namespace incimap
