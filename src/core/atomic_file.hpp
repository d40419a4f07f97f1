// Writing files so that readers see either the old content or the new, never
// a half-written file: the content goes to "NAME.tmpPID-THREAD" in the same
// folder (so the rename stays on one file system), which is then renamed
// over NAME. A writer killed before the rename leaves only that temporary
// name behind, which core/abandoned_files.hpp removes once PID is gone.
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

// Copies FROM to TO the same way, keeping FROM's modification time. Throws
// InputError when FROM cannot be read, Error when TO cannot be written.
void copy_file_atomically(const std::filesystem::path& from, const std::filesystem::path& to);

// Whether a file name is one of the temporary names above.
bool is_temporary_name(const std::filesystem::path& file);

} // namespace incimap
