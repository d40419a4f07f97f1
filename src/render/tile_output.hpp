// Where tiles are written: a folder of DIR/{z}/{x}/{y}.png (XYZ scheme,
// {y}@2x.png for --scale 2), an MBTiles file (render/mbtiles.hpp) or a
// PMTiles archive (render/pmtiles.hpp); and the TileJSON 3.0.0 document
// written beside each.
#pragma once

#include "core/atomic_file.hpp"
#include "render/tile.hpp"
#include "render/tiler.hpp"

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace incimap::render {

enum class TileFormat { xyz, mbtiles, pmtiles };

// The format an output's name asks for: FILE.mbtiles, FILE.pmtiles, else a
// folder of XYZ tiles.
TileFormat tile_format_of(const std::filesystem::path& out);

// How a DirectorySink writes a tile: each atomically (readers may be
// looking at the folder), or straight into a new folder that no one reads
// until it is put in place whole (no temporary name and rename per tile).
enum class TileWrites { atomic, into_new_folder };

class DirectorySink final : public TileSink {
public:
    // Tiles named {y}.EXTENSION, or {y}@2x.EXTENSION at scale 2.
    DirectorySink(std::filesystem::path folder, int scale, std::string_view extension = "png",
                  TileWrites writes = TileWrites::atomic);
    void put(TileId tile, const std::string& png) override;
    void remove(TileId tile) override;
    std::filesystem::path path_of(TileId tile) const;

private:
    std::filesystem::path folder_;
    std::string suffix_;
    TileWrites writes_;
    std::filesystem::path last_folder_;  // made already (tiles come column by column)
};

struct TileSetInfo {
    std::string name;
    std::string description;
    std::string attribution;  // HTML, as TileJSON and MBTiles define it
    std::string version = "1.0.0";
    int min_zoom = 0;
    int max_zoom = 0;
    LonLatBox bounds;
    double center_lon = 0, center_lat = 0;
    int center_zoom = 0;
    std::string tiles_url;  // "{z}/{x}/{y}.png" relative to the TileJSON file, or absolute
    int tile_size = 256;    // written as "tile_size", an addition to TileJSON
    std::string format = "png";  // or "pbf": Mapbox Vector Tiles
    // The TileJSON `vector_layers` array as JSON text; empty for raster tiles.
    std::string vector_layers;
    std::size_t incidents = 0;  // inside the bounds, as the description counts them
};

// The TileJSON 3.0.0 document (https://github.com/mapbox/tilejson-spec).
std::string tilejson(const TileSetInfo& info);

} // namespace incimap::render
