// Writing files so that readers see either the old content or the new, never
// a half-written file: write "NAME.tmp-XXXXXX" (mkstemp) next to it, then rename.
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>

namespace incimap::gazetteer {

// Throws Error naming the file when it cannot be written (the temporary
// file is removed).
void write_file_atomically(const std::filesystem::path& file, std::span<const std::byte> bytes);

// Copies `from` to `to` the same way, keeping its modification time. Throws InputError when `from`
// cannot be read, Error when `to` cannot be written.
void copy_file_atomically(const std::filesystem::path& from, const std::filesystem::path& to);

// Whether a file name is one of the temporary names above.
bool is_temporary_name(const std::filesystem::path& file);

} // namespace incimap::gazetteer
