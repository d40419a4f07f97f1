// What a path given as an input is, told truly: a message about a folder, a
// socket or a missing file says so, instead of the system's reason for a
// call that was never meant for it ("Operation not supported").
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace incimap {

// Empty when PATH can be read as a stream of bytes: a regular file, a FIFO
// or a character device (through links). Otherwise why not: "no such file",
// "is a directory", "is a socket", "is a block device", or the system's
// reason it cannot be examined. Never throws.
std::string why_not_readable_file(const std::filesystem::path& path);

// Whether PATH is a FIFO or a character device: an input whose size is not
// known before it is read, which may read no end (/dev/zero).
bool is_stream_device(const std::filesystem::path& path);

// Empty when PATH is a regular file (through links), which libraries that
// seek (GDAL, SQLite) can open; otherwise why not: why_not_readable_file()'s
// reasons, "is a FIFO" or "is a character device".
std::string why_not_regular_file(const std::filesystem::path& path);

// The bytes of PATH, WHAT it is for messages ("a style file"): a regular file, a
// FIFO or a character device, of at most LIMIT bytes. Throws InputError
// naming PATH when it is none of those (why_not_readable_file()), cannot
// be opened or read, or holds more than LIMIT bytes ("an input that reads
// no end?" for a stream).
std::string read_whole_file(const std::filesystem::path& path, std::size_t limit,
                            std::string_view what);

} // namespace incimap
