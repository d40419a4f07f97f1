#include "render/tiler.hpp"

#include "adapters/cairo.hpp"
#include "render/painter.hpp"
#include "render/sprites.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cmath>
#include <exception>
#include <mutex>
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
    const auto cell = [tile_size](double v) {
        return static_cast<int>(std::clamp(std::floor(v / tile_size), -1.0, double(1 << 29)));
    };
    TileRange r{zoom, std::max(within.min_x, cell(box.x0)), std::max(within.min_y, cell(box.y0)),
                std::min(within.max_x, cell(box.x1)), std::min(within.max_y, cell(box.y1))};
    return r;
}

namespace {

using Bin = std::vector<std::pair<std::uint64_t, std::uint32_t>>;

struct ZoomWork {
    const Scene* scene;
    std::vector<Bin> bins;  // per scene layer, sorted by tile key
    std::vector<std::uint64_t> tiles;
};

ZoomWork bin_scene(const Scene& scene, int zoom, int tile_size, const TileRange& range) {
    ZoomWork work{&scene, {}, {}};
    for (const auto& layer : scene.layers) {
        Bin bin;
        const auto n = layer.item_count();
        for (std::size_t i = 0; i < n; ++i) {
            const auto r = tiles_touched(layer.item_box(i), zoom, tile_size, range);
            for (int x = r.min_x; x <= r.max_x; ++x)
                for (int y = r.min_y; y <= r.max_y; ++y)
                    bin.emplace_back(tile_key({zoom, x, y}), static_cast<std::uint32_t>(i));
        }
        std::sort(bin.begin(), bin.end());
        for (const auto& [key, item] : bin)
            if (work.tiles.empty() || work.tiles.back() != key)
                work.tiles.push_back(key);
        work.bins.push_back(std::move(bin));
    }
    std::sort(work.tiles.begin(), work.tiles.end());
    work.tiles.erase(std::unique(work.tiles.begin(), work.tiles.end()), work.tiles.end());
    return work;
}

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

    void draw_tiles() {
        const int size = opt_.tile_size * opt_.scale;
        auto surface = cairo::Surface::image(size, size);
        cairo::Canvas canvas(surface);
        DiscSprites sprites(opt_.scale);
        const RasterTarget raster{&surface, &sprites};
        std::vector<std::uint32_t> items;
        for (std::size_t k = next_++; k < work_.tiles.size() && !stop_; k = next_++) {
            const auto key = work_.tiles[k];
            const auto tile = tile_from_key(key);
            canvas.clear();
            canvas.reset_transform();
            canvas.scale(opt_.scale, opt_.scale);
            const Viewport view{double(tile.x) * opt_.tile_size, double(tile.y) * opt_.tile_size,
                                double(opt_.tile_size), double(opt_.tile_size), double(opt_.scale)};
            for (std::size_t l = 0; l < work_.bins.size(); ++l) {
                const auto& bin = work_.bins[l];
                auto it = std::lower_bound(bin.begin(), bin.end(), std::pair{key, std::uint32_t(0)});
                items.clear();
                for (; it != bin.end() && it->first == key; ++it)
                    items.push_back(it->second);
                if (!items.empty())
                    paint_layer(canvas, work_.scene->layers[l], items, false, view, raster);
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
    std::vector<WorldPoint> world(incidents.size());
    for (std::size_t i = 0; i < incidents.size(); ++i)
        world[i] = to_world(incidents.lon[i], incidents.lat[i]);
    CairoTextMeasure measure;
    std::vector<Pixel> pixels(incidents.size());
    for (int z = opt.min_zoom; z <= opt.max_zoom; ++z) {
        const auto start = std::chrono::steady_clock::now();
        auto& zs = stats.zooms[z];
        const double size = world_pixels(z, opt.tile_size);
        for (std::size_t i = 0; i < world.size(); ++i)
            pixels[i] = {world[i].x * size, world[i].y * size};
        const auto range = tiles_covering(opt.bbox, z);
        SceneInput in;
        in.style = &style;
        in.with_base = opt.with_base;
        in.incidents = &incidents;
        in.incident_pixels = pixels;
        in.polygons = &polygons;
        in.project = [size](double lon, double lat, double& x, double& y) {
            const auto p = to_world(lon, lat);
            x = p.x * size;
            y = p.y * size;
            return true;
        };
        in.extent = {double(range.min_x) * opt.tile_size, double(range.min_y) * opt.tile_size,
                     double(range.max_x + 1) * opt.tile_size, double(range.max_y + 1) * opt.tile_size};
        const Scene scene = build_scene(in, z, measure);
        auto work = bin_scene(scene, z, opt.tile_size, range);
        const auto only = opt.plan ? opt.plan(scene, z, range, work.tiles) : std::nullopt;
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
