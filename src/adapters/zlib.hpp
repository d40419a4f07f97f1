// Thin adapter over zlib's gzip streams (RFC 1952), for formats that store
// gzip members: the directories and metadata of PMTiles archives
// (render/pmtiles.hpp). The PNG encoder's raw deflate streams stay in
// render/png.cpp, which tunes its own per-thread compressor.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace incimap::zlib {

// BYTES as one gzip member at compression LEVEL (0-9). Throws LibraryError
// when zlib fails. Cost: one pass over BYTES.
std::string gzip(std::string_view bytes, int level = 9);

// The content of the gzip member BYTES. Throws InputError naming WHAT ("x.pmtiles:
// root directory") when BYTES is not a whole gzip member or would expand
// beyond MAX_SIZE bytes (a guard against small files that inflate without end).
std::string gunzip(std::string_view bytes, std::string_view what,
                   std::size_t max_size = std::size_t{1} << 30);

} // namespace incimap::zlib
