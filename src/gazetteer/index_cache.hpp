// Indexes of dumps (installed or given with --gazetteer), built on first
// use and cached in a file next to the dump, DUMP.incimap-index. The cache
// is current while the dump keeps the size and modification time recorded
// in the index header; otherwise it is rebuilt.
#pragma once

#include "gazetteer/dump_reader.hpp"
#include "gazetteer/index.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

namespace incimap::gazetteer {

// Told about every index built from a dump, with the rows read and skipped.
using IndexBuildObserver = std::function<void(const ReadReport&)>;

// "DUMP.incimap-index"
std::filesystem::path index_file_for(const std::filesystem::path& dump);
bool is_index_file(const std::filesystem::path& file);

struct BuiltIndex {
    std::vector<std::uint64_t> words; // the index image
    ReadReport report;
};

// Reads a dump and builds its index, stamped with the dump's size and
// modification time. Throws InputError naming the dump when it is missing
// or unreadable.
BuiltIndex build_dump_index(const std::filesystem::path& dump);

// Writes an index image to `file` atomically. Throws Error.
void write_index_file(const std::filesystem::path& file, const std::vector<std::uint64_t>& words);

// The index of `dump`: the cache file when current, else a fresh build,
// reported to `on_build` and cached (when the folder is not writable the
// index lives in memory only). Throws InputError naming the dump.
Index load_dump_index(const std::filesystem::path& dump, const IndexBuildObserver& on_build);

} // namespace incimap::gazetteer
