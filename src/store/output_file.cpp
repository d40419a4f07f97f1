#include "store/output_file.hpp"

#include "core/abandoned_files.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/folders.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace incimap::store {

OutputFile::OutputFile(std::filesystem::path path) : path_(std::move(path)) {
    if (path_ == "-") {
        to_stdout_ = true;
        file_ = stdout;
        return;
    }
    target_ = output_target(path_);
    if (is_stream_file(target_)) {
        // A device or FIFO is written into: it cannot be renamed over.
        file_ = std::fopen(target_.c_str(), "wb");
        if (!file_)
            throw Error(fmt::format("cannot write '{}': {}", path_.string(), std::strerror(errno)));
        return;
    }
    create_folder_of(target_);
    remove_abandoned_beside(target_, ".tmp-");
    temporary_ = target_;
    temporary_ += fmt::format(".tmp-{}", ::getpid());
    file_ = std::fopen(temporary_.c_str(), "wb");
    if (!file_)
        throw Error(fmt::format("cannot write '{}': {}", path_.string(), std::strerror(errno)));
    std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
}

OutputFile::~OutputFile() {
    if (file_ && !to_stdout_) {
        std::fclose(file_);
        std::error_code ignored;
        if (!temporary_.empty())
            std::filesystem::remove(temporary_, ignored);
    }
}

void OutputFile::fail(std::string_view what) {
    throw Error(fmt::format("cannot write '{}': {}: {}", path_.string(), what,
                            std::strerror(errno)));
}

void OutputFile::write(std::string_view bytes) {
    if (!file_)
        throw Error(fmt::format("'{}' is already closed", path_.string()));
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
        fail("write failed");
}

void OutputFile::commit() {
    if (!file_)
        return;
    if (to_stdout_) {
        file_ = nullptr;
        if (std::fflush(stdout) != 0)
            fail("flush failed");
        return;
    }
    std::FILE* file = file_;
    file_ = nullptr;
    if (temporary_.empty()) {
        const bool flushed = std::fflush(file) == 0;
        if (std::fclose(file) != 0 || !flushed)
            fail("closing failed");
        return;
    }
    bool ok = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
    ok = std::fclose(file) == 0 && ok;
    if (!ok || std::rename(temporary_.c_str(), target_.c_str()) != 0) {
        int error = errno;
        std::error_code ignored;
        std::filesystem::remove(temporary_, ignored);
        errno = error;
        fail("closing failed");
    }
}

} // namespace incimap::store
