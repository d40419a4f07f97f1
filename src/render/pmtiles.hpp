// PMTiles v3 archives (render/pmtiles_format.hpp has the format): all the
// PNG tiles of a run in one file that a browser reads with HTTP range
// requests from any static host, without a tile server.
//
// Tiles arrive in any order while drawing; their bytes go to a temporary
// file beside the output ("NAME.tmpPID-tiles"). finish() orders them by tile
// ID, stores each distinct tile once (tiles of open land or sea drawn alike
// are common: they are found by a 64-bit hash, then compared byte for
// byte), merges runs of consecutive tile IDs with the same bytes into one
// entry, and writes the archive under a temporary name renamed over the
// output (core/atomic_file.hpp): header, root directory, metadata, leaf
// directories, tile data in tile ID order (a clustered archive).
// Directories and metadata are gzip-compressed; PNG tiles are not.
#pragma once

#include "render/pmtiles_format.hpp"
#include "render/tile_output.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap {
class MappedFile;
}

namespace incimap::render {

// A PMTiles archive mapped into memory and read where it lies.
class PmtilesArchive {
public:
    // Throws InputError naming PATH when it cannot be read or is not a
    // PMTiles v3 archive whose sections lie inside the file, or when its
    // directories are compressed other than with gzip or not at all.
    explicit PmtilesArchive(const std::filesystem::path& path);
    // An archive in memory (BYTES must outlive it), NAME for messages.
    // Throws InputError as above.
    PmtilesArchive(std::string_view bytes, std::string name);
    ~PmtilesArchive();
    PmtilesArchive(const PmtilesArchive&) = delete;
    PmtilesArchive& operator=(const PmtilesArchive&) = delete;

    const pmtiles::Header& header() const { return header_; }
    // The metadata, uncompressed (JSON). Throws InputError.
    std::string metadata() const;
    // The bytes of one tile, nothing when the archive has none. Throws
    // InputError when a directory on the way is damaged. Cost: a binary
    // search in the root and at most a few leaves, each inflated.
    std::optional<std::string_view> tile(TileId tile) const;
    // Every tile entry (leaf pointers followed), sorted by tile ID; offsets
    // count from the start of the tile data. Throws InputError.
    std::vector<pmtiles::Entry> entries() const;
    // The bytes ENTRY points to. Throws InputError when they lie outside
    // the tile data.
    std::string_view data(const pmtiles::Entry& entry) const;

private:
    // The entries of the compressed directory BYTES, found at byte AT.
    std::vector<pmtiles::Entry> directory(std::string_view bytes, std::uint64_t at, std::string_view what) const;
    std::vector<pmtiles::Entry> root() const;
    std::vector<pmtiles::Entry> leaf(const pmtiles::Entry& pointer) const;
    void add_entries(const std::vector<pmtiles::Entry>& dir, int depth,
                     std::vector<pmtiles::Entry>& out) const;

    void open(std::string_view bytes, std::string name);

    std::string name_;
    std::unique_ptr<MappedFile> file_;  // none for an archive in memory
    std::string_view bytes_;
    pmtiles::Header header_;
};

class PmtilesSink final : public TileSink {
public:
    // A new archive at PATH (a device or FIFO is written into, a symbolic
    // link written through). Throws Error naming the file when its
    // temporary tile file cannot be made.
    static PmtilesSink create(const std::filesystem::path& path);
    // The archive at PATH with its tiles kept unless put() or remove()
    // replaces them; finish() writes it anew. Throws InputError when PATH
    // is not a PMTiles archive.
    static PmtilesSink update(const std::filesystem::path& path);

    PmtilesSink(PmtilesSink&&) noexcept;
    ~PmtilesSink() override;  // without finish(): nothing changes

    void put(TileId tile, const std::string& png) override;
    void remove(TileId tile) override;
    // The header's zooms, bounds and centre, and the metadata: the TileJSON
    // fields (name, description, version, attribution, scheme, minzoom,
    // maxzoom, bounds, center) without `tiles`, with MBTiles' format and type.
    void set_metadata(const TileSetInfo& info);
    // Writes the archive and returns its header (how many tiles, entries
    // and distinct contents it holds). Throws Error naming the file when it
    // cannot be written; the output is unchanged then.
    pmtiles::Header finish();

private:
    struct State;
    explicit PmtilesSink(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

// Whether PATH is a PMTiles archive this program wrote (its metadata names
// incimap), which a new run may replace. Never throws.
bool is_incimap_pmtiles(const std::filesystem::path& path) noexcept;

// One tile's PNG bytes from a PMTiles archive, nothing when it has no such
// tile. Throws InputError when PATH is not a PMTiles archive.
std::optional<std::string> read_pmtiles_tile(const std::filesystem::path& path, TileId tile);

} // namespace incimap::render
