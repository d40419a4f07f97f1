#include "render/tiler.hpp"

#include "adapters/cairo.hpp"
#include "core/error.hpp"
#include "core/stop_signal.hpp"
#include "render/painter.hpp"
#include "render/sprites.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <condition_variable>
#include <cmath>
#include <exception>
#include <mutex>
#include <numeric>
#include <optional>
#include <thread>

namespace incimap::render {

std::uint64_t TileStats::written() const {
    std::uint64_t n = 0;
    for (const auto& [z, s] : zooms)
        n += s.written;
    return n;
}

std::uint64_t TileStats::bytes() const {
    std::uint64_t n = 0;
    for (const auto& [z, s] : zooms)
        n += s.bytes;
    return n;
}

double world_pixels(int zoom, int tile_size) { return std::ldexp(static_cast<double>(tile_size), zoom); }

TileRange tiles_touched(const Box& box, int zoom, int tile_size, const TileRange& within) {
    // Tile sizes are powers of two, whose reciprocal is exact: a product
    // instead of four divisions, with the same results.
    const double per_pixel = std::has_single_bit(unsigned(tile_size)) ? 1.0 / tile_size : 0;
    const auto cell = [tile_size, per_pixel](double v) {
        const double tiles = per_pixel != 0 ? v * per_pixel : v / tile_size;
        return static_cast<int>(std::clamp(std::floor(tiles), -1.0, double(1 << 29)));
    };
    TileRange r{zoom, std::max(within.min_x, cell(box.x0)), std::max(within.min_y, cell(box.y0)),
                std::min(within.max_x, cell(box.x1)), std::min(within.max_y, cell(box.y1))};
    return r;
}

namespace {

using Bin = std::vector<std::pair<std::uint64_t, std::uint32_t>>;

// The tiles of a range numbered column by column, as their keys sort.
struct TileIndex {
    TileRange range;

    std::uint64_t height() const { return std::uint64_t(range.max_y - range.min_y + 1); }
    std::uint64_t of(int x, int y) const {
        return std::uint64_t(x - range.min_x) * height() + std::uint64_t(y - range.min_y);
    }
    std::uint64_t key(std::uint64_t index) const {
        return tile_key({range.z, range.min_x + static_cast<int>(index / height()),
                         range.min_y + static_cast<int>(index % height())});
    }
};

// One zoom, ready to draw. Items that depend on several incidents
// (clusters, labels, polygons) are laid out whole and binned by tile; for
// the layers that draw each incident on its own, only which incidents touch
// which tile is kept, and their items are laid out when the tile is drawn.
struct ZoomWork {
    const SceneInput* input = nullptr;
    int zoom = 0;
    int tile_size = 256;
    Scene scene;
    std::vector<Bin> bins;            // per scene layer, sorted by tile key
    std::vector<bool> each_incident;  // per scene layer
    TileIndex index;
    // Tile index << 32 | incident row, sorted: one entry per incident and
    // tile, kept in a temporary file once large.
    MappedVector<std::uint64_t> touches;
    std::vector<std::uint64_t> tiles;    // the tiles to draw, sorted keys
};

// Incidents taken at a time when binning them: few enough that the rows
// a layer selects among them stay in a heap buffer (MappedVector::heap_limit).
constexpr std::size_t binning_chunk = 1 << 14;
// Incidents laid out at a time when drawing a tile's circles.
constexpr std::size_t drawing_chunk = 1 << 12;

void bin_shared_items(ZoomWork& work) {
    for (std::size_t l = 0; l < work.scene.layers.size(); ++l) {
        const auto& layer = work.scene.layers[l];
        Bin bin;
        const auto n = layer.item_count();
        for (std::size_t i = 0; i < n; ++i) {
            const auto r = tiles_touched(layer.item_box(i), work.zoom, work.tile_size, work.index.range);
            for (int x = r.min_x; x <= r.max_x; ++x)
                for (int y = r.min_y; y <= r.max_y; ++y)
                    bin.emplace_back(tile_key({work.zoom, x, y}), static_cast<std::uint32_t>(i));
        }
        std::sort(bin.begin(), bin.end());
        for (const auto& [key, item] : bin)
            if (work.tiles.empty() || work.tiles.back() != key)
                work.tiles.push_back(key);
        work.bins.push_back(std::move(bin));
    }
}

// Which incidents the circle and heatmap layers draw on which tile. Each
// such circle layer gets its largest circle as its one item, which is what
// TileOptions::plan sees of it.
// Sorts entries of tile index << 32 | row. Each layer appends its rows in
// ascending order, so a stable counting sort by tile leaves every tile's
// rows ascending, in one pass over the entries instead of a comparison
// sort; a tile that more than one layer touches has its run sorted after.
void sort_by_tile(MappedVector<std::uint64_t>& touches, std::uint64_t tiles,
                  const std::filesystem::path& temp_folder) {
    if (std::is_sorted(touches.begin(), touches.end()))
        return;
    // Counts for more tiles than entries, or than a few MB hold, would cost
    // more than they save.
    if (tiles > touches.size() + (std::uint64_t(1) << 16) || tiles > (std::uint64_t(1) << 20)) {
        std::sort(touches.begin(), touches.end());
        return;
    }
    std::vector<std::uint64_t> start(tiles + 1, 0);
    for (const auto t : touches)
        ++start[(t >> 32) + 1];
    for (std::size_t i = 1; i < start.size(); ++i)
        start[i] += start[i - 1];
    MappedVector<std::uint64_t> sorted(temp_folder);
    sorted.resize(touches.size());
    auto next = start;
    for (const auto t : touches)
        sorted[next[t >> 32]++] = t;
    touches.swap(sorted);
    for (std::size_t i = 0; i + 1 < start.size(); ++i) {
        auto* begin = touches.begin() + start[i];
        auto* end = touches.begin() + start[i + 1];
        if (!std::is_sorted(begin, end))
            std::sort(begin, end);
    }
}

void bin_incidents(ZoomWork& work) {
    const auto count = work.input->incidents != nullptr ? work.input->incidents->size() : 0;
    if (work.index.range.count() >= (std::uint64_t(1) << 32))
        throw Error(fmt::format("zoom {} has {} tiles in the extent, more than can be drawn; give a "
                                "smaller extent or maximum zoom",
                                work.zoom, work.index.range.count()));
    std::vector<std::uint32_t> rows;
    auto& touches = work.touches;
    for (std::size_t l = 0; l < work.scene.layers.size(); ++l) {
        auto& layer = work.scene.layers[l];
        if (!work.each_incident[l])
            continue;
        std::optional<CircleItem> largest;
        double widest = 0;
        const auto visit = [&](std::uint32_t row, const Box& box, const CircleItem* circle) {
            const auto r = tiles_touched(box, work.zoom, work.tile_size, work.index.range);
            for (int x = r.min_x; x <= r.max_x; ++x)
                for (int y = r.min_y; y <= r.max_y; ++y)
                    touches.push_back((work.index.of(x, y) << 32) | row);
            if (circle != nullptr && (!largest || box.x1 - box.x0 > widest)) {
                largest = *circle;
                widest = box.x1 - box.x0;
            }
        };
        for (std::size_t first = 0; first < count; first += binning_chunk) {
            rows.resize(std::min(binning_chunk, count - first));
            std::iota(rows.begin(), rows.end(), static_cast<std::uint32_t>(first));
            visit_incident_boxes(*work.input, work.zoom, layer, rows, visit);
        }
        if (largest)
            layer.circles.push_back(*largest);
    }
    sort_by_tile(touches, work.index.range.count(), work.input->temp_folder);
    touches.resize(static_cast<std::size_t>(std::unique(touches.begin(), touches.end()) - touches.begin()));
    touches.shrink_to_fit();
    const auto before = work.tiles.size();
    for (const auto t : touches)
        if (work.tiles.size() == before || work.tiles.back() != work.index.key(t >> 32))
            work.tiles.push_back(work.index.key(t >> 32));
    std::sort(work.tiles.begin(), work.tiles.end());
    work.tiles.erase(std::unique(work.tiles.begin(), work.tiles.end()), work.tiles.end());
}

// A layer's settings without its items, to lay items out into.
SceneLayer without_items(const SceneLayer& layer) {
    SceneLayer out;
    out.layer = layer.layer;
    out.heat_radius = layer.heat_radius;
    out.heat_intensity = layer.heat_intensity;
    out.heat_ramp = layer.heat_ramp;
    return out;
}

// A drawing thread's lists, kept from tile to tile.
struct Scratch {
    std::vector<std::uint32_t> rows, items;
};

class Workers {
public:
    Workers(const ZoomWork& work, const TileOptions& opt, TileSink& sink, ZoomStats& stats,
            bool updating)
        : work_(work), opt_(opt), sink_(sink), stats_(stats), updating_(updating) {}

    void run(int zoom) {
        unsigned n = opt_.threads != 0 ? opt_.threads : std::thread::hardware_concurrency();
        n = std::clamp<unsigned>(n, 1, 64);
        n = static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(1, work_.tiles.size())));
        std::vector<std::thread> pool;
        for (unsigned i = 0; i < n; ++i)
            pool.emplace_back([this] { work(); });
        {
            std::unique_lock lock(mutex_);
            while (!all_done_.wait_for(lock, std::chrono::milliseconds(100),
                                       [&] { return finished_ == n; }))
                if (opt_.on_progress)
                    opt_.on_progress(zoom, done_.load(), work_.tiles.size());
        }
        for (auto& t : pool)
            t.join();
        if (opt_.on_progress)
            opt_.on_progress(zoom, done_.load(), work_.tiles.size());
        if (error_)
            std::rethrow_exception(error_);
        throw_if_stop_requested();
    }

private:
    void work() {
        try {
            draw_tiles();
        } catch (...) {
            std::lock_guard lock(mutex_);
            if (!error_)
                error_ = std::current_exception();
            stop_ = true;
        }
        std::lock_guard lock(mutex_);
        ++finished_;
        all_done_.notify_one();
    }

    // Lays out and paints the items of a circle or heatmap layer on a
    // tile, a few incidents at a time (a heatmap's weights add up on a grid
    // of the tile's pixels over the chunks, and it is painted once).
    void draw_incidents(const SceneLayer& settings, TileId tile, cairo::Canvas& canvas,
                        const Viewport& view, const RasterTarget& raster, Scratch& scratch) {
        auto& [rows, items] = scratch;
        const auto index = work_.index.of(tile.x, tile.y);
        const auto& touches = work_.touches;
        // The tile's incidents: a run of the sorted bins, read a chunk at a
        // time.
        const auto* begin = std::lower_bound(touches.begin(), touches.end(), index << 32);
        const auto* end = std::lower_bound(begin, touches.end(), (index + 1) << 32);
        const auto count = static_cast<std::size_t>(end - begin);
        std::optional<HeatGrid> heat_grid;
        if (settings.layer->type == LayerType::heatmap)
            heat_grid.emplace(settings, view);
        const std::size_t step = drawing_chunk;
        auto layer = without_items(settings);
        // Discs stay queued over the chunks, so that identical discs at
        // one position are drawn once on the whole tile, not once a chunk.
        RasterTarget queued = raster;
        queued.queue_discs = true;
        for (std::size_t first = 0; first < count; first += step) {
            rows.clear();
            for (const auto* t = begin + first; t != begin + std::min(count, first + step); ++t)
                rows.push_back(static_cast<std::uint32_t>(*t));
            lay_out_incidents(*work_.input, work_.zoom, rows, layer);
            items.clear();
            for (std::size_t i = 0; i < layer.item_count(); ++i)
                if (tiles_touched(layer.item_box(i), work_.zoom, work_.tile_size, work_.index.range)
                        .contains(tile))
                    items.push_back(static_cast<std::uint32_t>(i));
            if (items.empty())
                continue;
            if (heat_grid)
                heat_grid->add(layer, items, false);
            else
                paint_layer(canvas, layer, items, false, view, queued);
        }
        flush_discs(queued);
        if (heat_grid)
            heat_grid->paint(canvas, settings);
    }

    void draw_tiles() {
        const int size = opt_.tile_size * opt_.scale;
        auto surface = cairo::Surface::image(size, size);
        cairo::Canvas canvas(surface);
        DiscSprites sprites(opt_.scale);
        const RasterTarget raster{&surface, &sprites};
        Scratch scratch;
        auto& items = scratch.items;
        for (std::size_t k = next_++; k < work_.tiles.size() && !stop_ && !stop_requested();
             k = next_++) {
            const auto key = work_.tiles[k];
            const auto tile = tile_from_key(key);
            canvas.clear();
            canvas.reset_transform();
            canvas.scale(opt_.scale, opt_.scale);
            const Viewport view{double(tile.x) * opt_.tile_size, double(tile.y) * opt_.tile_size,
                                double(opt_.tile_size), double(opt_.tile_size), double(opt_.scale)};
            for (std::size_t l = 0; l < work_.bins.size(); ++l) {
                if (work_.each_incident[l]) {
                    draw_incidents(work_.scene.layers[l], tile, canvas, view, raster, scratch);
                    continue;
                }
                const auto& bin = work_.bins[l];
                auto it = std::lower_bound(bin.begin(), bin.end(), std::pair{key, std::uint32_t(0)});
                items.clear();
                for (; it != bin.end() && it->first == key; ++it)
                    items.push_back(it->second);
                if (!items.empty())
                    paint_layer(canvas, work_.scene.layers[l], items, false, view, raster);
            }
            const PixelView pixels{surface.pixels(), size, size, surface.stride()};
            if (is_blank(pixels)) {
                std::lock_guard lock(mutex_);
                ++stats_.blank;
                if (updating_) {
                    sink_.remove(tile);
                    ++stats_.removed;
                }
            } else {
                const auto png = encode_png(pixels, opt_.png);
                std::lock_guard lock(mutex_);
                sink_.put(tile, png);
                ++stats_.written;
                stats_.bytes += png.size();
            }
            ++done_;
        }
    }

    const ZoomWork& work_;
    const TileOptions& opt_;
    TileSink& sink_;
    ZoomStats& stats_;
    bool updating_;
    std::atomic<std::size_t> next_{0}, done_{0};
    unsigned finished_ = 0;  // guarded by mutex_
    std::condition_variable all_done_;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::exception_ptr error_;
};

} // namespace

TileStats render_tiles(const Style& style, const PointFeatures& incidents,
                       const std::map<std::string, PolygonFeatures>& polygons,
                       const TileOptions& opt, TileSink& sink) {
    TileStats stats;
    CairoTextMeasure measure;
    // Pixels at the first zoom, doubled at each next one: the same doubles
    // as world coordinates times the world's size, as tile sizes and zoom
    // factors are powers of two.
    MappedVector<Pixel> pixels(opt.temp_folder);
    pixels.resize(incidents.size());
    {
        const double size = world_pixels(opt.min_zoom, opt.tile_size);
        for (std::size_t i = 0; i < incidents.size(); ++i) {
            const auto w = to_world(incidents.lon[i], incidents.lat[i]);
            pixels[i] = {w.x * size, w.y * size};
        }
    }
    for (int z = opt.min_zoom; z <= opt.max_zoom; ++z) {
        throw_if_stop_requested();
        const auto start = std::chrono::steady_clock::now();
        auto& zs = stats.zooms[z];
        const double size = world_pixels(z, opt.tile_size);
        if (z > opt.min_zoom)
            for (auto& p : pixels)
                p = {p.x * 2, p.y * 2};
        const auto range = tiles_covering(opt.bbox, z);
        SceneInput in;
        in.style = &style;
        in.with_base = opt.with_base;
        in.incidents = &incidents;
        in.incident_pixels = {pixels.data(), pixels.size()};
        in.temp_folder = opt.temp_folder;
        in.polygons = &polygons;
        in.labelled_points_within = tile_label_reach;
        in.project = web_mercator(size);
        in.extent = {double(range.min_x) * opt.tile_size, double(range.min_y) * opt.tile_size,
                     double(range.max_x + 1) * opt.tile_size, double(range.max_y + 1) * opt.tile_size};
        ZoomWork work;
        work.touches = MappedVector<std::uint64_t>(opt.temp_folder);
        work.input = &in;
        work.zoom = z;
        work.tile_size = opt.tile_size;
        work.index = {range};
        work.scene = build_scene(in, z, measure, false);
        for (const auto& layer : work.scene.layers)
            work.each_incident.push_back(draws_each_incident(*layer.layer));
        bin_shared_items(work);
        bin_incidents(work);
        const auto only = opt.plan ? opt.plan(work.scene, z, range, work.tiles) : std::nullopt;
        zs.candidates = work.tiles.size();
        if (only) {
            // Redraw only the listed tiles; listed tiles nothing touches any
            // more are empty now.
            std::vector<std::uint64_t> kept;
            for (const auto key : *only) {
                if (std::binary_search(work.tiles.begin(), work.tiles.end(), key))
                    kept.push_back(key);
                else if (range.contains(tile_from_key(key))) {
                    sink.remove(tile_from_key(key));
                    ++zs.removed;
                }
            }
            work.tiles = std::move(kept);
        }
        Workers workers(work, opt, sink, zs, only.has_value());
        workers.run(z);
        zs.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (opt.on_zoom_done)
            opt.on_zoom_done(z, zs);
    }
    return stats;
}

} // namespace incimap::render
