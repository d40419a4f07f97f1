// Cuts scenes into Web Mercator tiles and renders them in parallel: one
// scene per zoom, its items binned into the tiles their extent touches (so a
// symbol on a tile edge is drawn on both sides), then a pool of workers, each
// with its own cairo surface, draws and encodes the tiles. Tiles nothing
// touches are never drawn; tiles that come out fully transparent are not
// written.
//
// Memory: the layers that draw each incident on its own (circles, heatmaps)
// are never laid out for a whole zoom. Their incidents are binned by tile
// (8 bytes per incident and tile it touches) and a worker lays out a tile's
// items as it draws it, 4,096 circles or heat points at a time (a
// heatmap's weights add up on a grid of the tile's pixels over the chunks). What stays per incident —
// its pixel position (16 bytes), those bins, the incidents themselves, the
// clustering lists — is kept in temporary files mapped into memory
// (TileOptions::temp_folder, core/mapped_vector.hpp), so the heap stays
// about the same whatever the number of incidents and the kernel may page
// those arrays out; clusters, labels and polygons are laid out whole on the
// heap, as they depend on more than one incident. The discs queued for one
// tile hold about one per distinct position (render/sprites.hpp).
#pragma once

#include "render/png.hpp"
#include "render/scene.hpp"
#include "render/tile.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace incimap::render {

// Where rendered tiles go. put() and remove() are called from worker
// threads, one call at a time (the tiler serialises them).
class TileSink {
public:
    virtual ~TileSink() = default;
    virtual void put(TileId tile, const std::string& png) = 0;
    // The tile is empty now: delete it if it was written before.
    virtual void remove(TileId tile) = 0;
};

struct ZoomStats {
    std::uint64_t candidates = 0;  // tiles some item touches
    std::uint64_t written = 0;
    std::uint64_t blank = 0;  // drawn but fully transparent: not written
    std::uint64_t removed = 0;
    std::uint64_t clustered = 0;  // vector tiles whose points were merged to stay small
    std::uint64_t bytes = 0;
    double seconds = 0;
};

// How far from the tiles drawn, in pixels, points are still named: a
// label of a point farther off would have to be longer than that to reach
// in (SceneInput::labelled_points_within).
inline constexpr double tile_label_reach = 256;

struct TileOptions {
    int min_zoom = 0;
    int max_zoom = 6;
    LonLatBox bbox{-180, -max_mercator_latitude, 180, max_mercator_latitude};
    int tile_size = 256;  // logical pixels: 256 or 512
    int scale = 1;        // 2: @2x tiles of tile_size * 2 pixels
    bool with_base = true;
    unsigned threads = 0;  // 0: std::thread::hardware_concurrency()
    PngOptions png;
    // Where the arrays with an entry per incident (pixel positions, tile
    // bins) are kept once large: temporary files mapped into memory
    // (core/mapped_vector.hpp). Empty: TMPDIR, else /tmp.
    std::filesystem::path temp_folder;
    // Called once each zoom's scene is laid out, with the sorted keys of the
    // tiles something is drawn on. The scene holds every item that depends
    // on several incidents (clusters, labels, polygons); its circle layers
    // hold only their largest circle, its heatmaps no points. When it
    // returns tile keys, only those tiles are redrawn, and those of them
    // that come out empty are removed from the sink; when it returns
    // nothing, every tile is.
    std::function<std::optional<std::vector<std::uint64_t>>(
        const Scene&, int zoom, const TileRange& range, const std::vector<std::uint64_t>& drawn)>
        plan;
    // Progress: tiles done and planned so far at the current zoom.
    std::function<void(int zoom, std::uint64_t done, std::uint64_t total)> on_progress;
    std::function<void(int zoom, const ZoomStats&)> on_zoom_done;
};

struct TileStats {
    std::map<int, ZoomStats> zooms;
    std::uint64_t written() const;
    std::uint64_t bytes() const;
};

// Positions on the unit square map -> pixels at a zoom.
double world_pixels(int zoom, int tile_size);

// Renders the tiles of `opt.min_zoom..opt.max_zoom` inside `opt.bbox`.
// Throws what drawing or the sink throws (after the workers stop), and
// Stopped once SIGINT or SIGTERM came under a StopOnSignal (core/stop_signal).
TileStats render_tiles(const Style& style, const PointFeatures& incidents,
                       const std::map<std::string, PolygonFeatures>& polygons,
                       const TileOptions& opt, TileSink& sink);

// The tiles an item box touches at a zoom, clipped to a range.
TileRange tiles_touched(const Box& box, int zoom, int tile_size, const TileRange& within);

} // namespace incimap::render
