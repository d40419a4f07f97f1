// One writer per output at a time, across processes. A command that writes
// an output in several steps (a store's transaction, a tile folder and its
// manifest, an MBTiles file updated in place) holds an OutputLock on it for
// the whole command: a second process writing the same output waits until
// the first has finished, up to its timeout, and then fails saying how long
// it actually waited, instead of both finishing with one result lost.
//
// The lock is flock(2) on a hidden file beside the output (".NAME.lock";
// beside its target when the output is a symbolic link),
// which holds the owner's process id and is removed on release; the kernel
// drops the lock of a killed process, and the next writer takes over its
// file. Readers take no lock.
#pragma once

#include "core/error.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include <sys/types.h>

namespace incimap {

// Another process held the output past the timeout: "store 'a.gpkg' is
// locked: another process (pid 4242) is writing to it (waited 30.0 s); try
// again when it has finished".
class OutputBusy : public Error {
public:
    using Error::Error;
};

class OutputLock {
public:
    // What a waiting writer is told, once, when it starts to wait.
    using OnWait = std::function<void(pid_t owner)>;

    // Takes the lock of OUTPUT (a file or folder; its folder must exist),
    // polling every 50 ms for up to TIMEOUT while another process holds it.
    // Throws OutputBusy, naming the output as WHAT ("store"), when the
    // timeout passes; Error when the lock file cannot be made.
    static OutputLock acquire(const std::filesystem::path& output,
                              std::chrono::milliseconds timeout, std::string_view what,
                              const OnWait& on_wait = {});

    OutputLock(OutputLock&& other) noexcept;
    OutputLock& operator=(OutputLock&&) = delete;
    ~OutputLock();  // releases the lock and removes its file

    // The lock file of OUTPUT.
    static std::filesystem::path path_for(const std::filesystem::path& output);

private:
    OutputLock(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
    std::filesystem::path path_;
    int fd_ = -1;
};

// The message of a busy output: "store 'a.gpkg' is locked: another process
// (pid 4242) is writing to it (waited 1.2 s); …". OWNER 0: not known.
std::string busy_message(std::string_view what, const std::filesystem::path& output, pid_t owner,
                         std::chrono::milliseconds waited);

} // namespace incimap
