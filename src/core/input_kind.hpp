// What a path given as an input is, told truly: a message about a folder, a
// socket or a missing file says so, instead of the system's reason for a
// call that was never meant for it ("Operation not supported").
#pragma once

#include <filesystem>
#include <string>

namespace incimap {

// Empty when PATH can be read as a stream of bytes: a regular file, a FIFO
// or a character device (through links). Otherwise why not: "no such file",
// "is a directory", "is a socket", "is a block device", or the system's
// reason it cannot be examined. Never throws.
std::string why_not_readable_file(const std::filesystem::path& path);

// Whether PATH is a FIFO or a character device: an input whose size is not
// known before it is read, which may read no end (/dev/zero).
bool is_stream_device(const std::filesystem::path& path);

} // namespace incimap
