// Indexes of dumps, built on first use and cached: an installed dump's next
// to it in incimap's data folder (DUMP.incimap-index), a dump the user names
// in incimap's cache folder, never beside the dump (its folder may be
// read-only or shared). A cached index is current while the dump keeps the
// size and modification time recorded in the index header; otherwise it is
// rebuilt.
#pragma once

#include "gazetteer/dump_reader.hpp"
#include "gazetteer/index.hpp"
#include "gazetteer/library.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

namespace incimap::gazetteer {

// Told about every index built from a dump, with the rows read and skipped.
using IndexBuildObserver = std::function<void(const ReadReport&)>;

// "DUMP.incimap-index": the index of an installed dump.
std::filesystem::path index_file_for(const std::filesystem::path& dump);
bool is_index_file(const std::filesystem::path& file);

// The index of a dump the user names, in CACHE_DIR: named after the dump's
// file name and a hash of its absolute path
// ("ML.txt-1f2e3d4c5b6a7988.incimap-index"), so dumps of the same name in
// two folders do not share one.
std::filesystem::path cached_index_for(const std::filesystem::path& dump,
                                       const std::filesystem::path& cache_dir);

// The folder of those: $INCIMAP_CACHE_DIR/indexes, else
// $XDG_CACHE_HOME/incimap/indexes, else ~/.cache/incimap/indexes. Throws
// Error when none of these variables is set.
std::filesystem::path index_cache_dir(const EnvironmentVariable& environment);
std::filesystem::path index_cache_dir(); // from the process environment

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

// The index of `dump`: INDEX_FILE when current, else a fresh build,
// reported to `on_build` and written to INDEX_FILE (with its folder). With
// no INDEX_FILE, or one that cannot be written, the index lives in memory
// only. Throws InputError naming the dump.
Index load_dump_index(const std::filesystem::path& dump,
                      const std::optional<std::filesystem::path>& index_file,
                      const IndexBuildObserver& on_build);

} // namespace incimap::gazetteer
