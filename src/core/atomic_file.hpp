// Writing files so that readers see either the old content or the new, never
// a half-written file: the content goes to "NAME.tmpPID-THREAD" in the same
// folder (so the rename stays on one file system), which is then renamed
// over NAME. A writer killed before the rename leaves only that temporary
// name behind, which core/abandoned_files.hpp removes once PID is gone.
//
// Special outputs: a character device or a FIFO (/dev/null, a pipe made
// with mkfifo) cannot be renamed over; it is written into directly. A
// symbolic link is followed: the file it points to is replaced and the link
// stays a link.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <ostream>
#include <span>
#include <string_view>

namespace incimap {

// Throws Error naming PATH when it cannot be written (a full disk included);
// the temporary file is removed.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);
void write_file_atomically(const std::filesystem::path& path, std::span<const std::byte> content);
// The same, for content written piece by piece to the stream WRITE is given;
// an exception from WRITE removes the temporary file and propagates.
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::ostream&)>& write);

// Creates PATH, which must not exist, with CONTENT in one write, for a
// folder only this writer sees until it is put in place whole (a staging
// folder): no temporary name, no rename. Throws Error naming PATH when it
// exists or cannot be written (a full disk included); a file left half
// written is removed. Cost: one create, one write, one close.
void write_new_file(const std::filesystem::path& path, std::string_view content);

// Copies FROM to TO the same way, keeping FROM's modification time. Throws
// InputError when FROM cannot be read, Error when TO cannot be written.
void copy_file_atomically(const std::filesystem::path& from, const std::filesystem::path& to);

// Where an output named PATH is written: PATH, or the file a symbolic
// link at PATH points to (through every link; the target may not exist
// yet). Throws Error naming PATH for a loop of links.
std::filesystem::path output_target(const std::filesystem::path& path);

// Whether PATH (links followed) is a character device or a FIFO.
bool is_stream_file(const std::filesystem::path& path);

// Where a writer that needs a real file (SQLite, cairo) builds the output
// PATH before move_into_place(): beside output_target(PATH) as
// NAME + INFIX + PID + SUFFIX, or in the system's temporary folder when the
// output is a device or FIFO.
std::filesystem::path temporary_beside(const std::filesystem::path& path, std::string_view infix,
                                       std::string_view suffix = {});

// Puts the finished file TEMPORARY at output_target(PATH): renamed over it,
// or copied into it and removed when it is a device or FIFO. Throws Error
// naming PATH; TEMPORARY is removed either way.
void move_into_place(const std::filesystem::path& temporary, const std::filesystem::path& path);

// Whether a file name is one of the temporary names above.
bool is_temporary_name(const std::filesystem::path& file);

} // namespace incimap
