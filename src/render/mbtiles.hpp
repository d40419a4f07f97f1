// MBTiles 1.3 files (https://github.com/mapbox/mbtiles-spec): a SQLite
// database with a `metadata` table (name/value) and a `tiles` table of PNG
// blobs whose rows count from the south (TMS).
//
// Written with libsqlite3 (adapters/sqlite.hpp) rather than through GDAL,
// the project's database layer, because GDAL makes this awkward: its MBTiles
// driver only writes tiles it encodes itself from a raster, and its OGR
// SQLite driver refuses to open files named *.mbtiles (it leaves them to the
// MBTiles driver), so an existing file could not be updated. GDAL reads the
// result as any MBTiles file (gdalinfo shows its metadata and extent).
#pragma once

#include "render/tile_output.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace incimap::render {

class MbtilesSink final : public TileSink {
public:
    // A new file: written under a temporary name and renamed over `path` by
    // finish() (copied into it when it is a device or FIFO, written through
    // when it is a symbolic link: core/atomic_file.hpp). Throws LibraryError
    // naming the file.
    static MbtilesSink create(const std::filesystem::path& path);
    // An existing file, changed in place inside one transaction that
    // finish() commits. Throws InputError when it is not an MBTiles file.
    static MbtilesSink update(const std::filesystem::path& path);

    MbtilesSink(MbtilesSink&&) noexcept;
    ~MbtilesSink() override;  // without finish(): nothing changes

    void put(TileId tile, const std::string& png) override;
    void remove(TileId tile) override;
    // Replaces the metadata: name, format, bounds, center, minzoom, maxzoom,
    // attribution, description, type, version.
    void set_metadata(const TileSetInfo& info);
    void finish();

private:
    struct State;
    explicit MbtilesSink(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

// Whether PATH is an MBTiles file this program wrote (its metadata names
// incimap), which a new run may replace. Never throws.
bool is_incimap_mbtiles(const std::filesystem::path& path) noexcept;

// One tile's PNG bytes from an MBTiles file (XYZ tile numbers), nothing when
// the file has no such tile. Throws InputError when it is not an MBTiles file.
std::optional<std::string> read_mbtiles_tile(const std::filesystem::path& path, TileId tile);

} // namespace incimap::render
