#include "render/vector_tiles.hpp"

#include "adapters/zlib.hpp"
#include "core/stop_signal.hpp"
#include "render/cluster.hpp"
#include "render/mvt_encoder.hpp"
#include "render/vector_polygons.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

namespace incimap::render {

namespace {

constexpr int curve_bits = 31; // per axis: deeper than any zoom's tiles
constexpr double extent = mvt::default_extent;

std::uint64_t spread_bits(std::uint32_t v) {
    std::uint64_t x = v;
    x = (x | (x << 16)) & 0x0000FFFF0000FFFFull;
    x = (x | (x << 8)) & 0x00FF00FF00FF00FFull;
    x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0Full;
    x = (x | (x << 2)) & 0x3333333333333333ull;
    x = (x | (x << 1)) & 0x5555555555555555ull;
    return x;
}

// An incident on the Z-order curve: at zoom z its tile is code >> (62 - 2z),
// so a tile's incidents are consecutive once sorted by code.
struct Placed {
    std::uint64_t code;
    std::uint32_t row;
};

// What is computed once for all zooms.
struct Prepared {
    std::vector<WorldPoint> world; // by row
    std::vector<Placed> order;     // sorted by code; incidents without a position left out
    std::vector<std::optional<std::uint64_t>> ids; // numeric ids become feature ids
    std::vector<int> columns;             // of each field in the attribute table, -1 when absent
    int fatalities = -1, event_type = -1; // columns the clusters sum and count
};

std::uint32_t grid_cell(double v) {
    const double scaled = std::floor(v * double(1u << curve_bits));
    return static_cast<std::uint32_t>(std::clamp(scaled, 0.0, double((1u << curve_bits) - 1)));
}

// The store's `id` when the incidents have it, else their stable id when it
// is a whole number.
std::optional<std::uint64_t> feature_id(const PointFeatures& in, int id_column, std::size_t row) {
    double d = 0;
    if (id_column >= 0 && to_number(in.attributes.value(id_column, row), d))
        return d >= 0 && d == std::trunc(d) && d < 9e15
                   ? std::optional(static_cast<std::uint64_t>(d))
                   : std::nullopt;
    const auto id = in.ids[row];
    std::uint64_t n = 0;
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), n);
    if (ec == std::errc() && end == id.data() + id.size() && !id.empty())
        return n;
    return std::nullopt;
}

Prepared prepare(const PointFeatures& in, const VectorTileOptions& opt) {
    Prepared p;
    const int id_column = in.attributes.find("id");
    p.world.resize(in.size());
    p.ids.resize(in.size());
    p.order.reserve(in.size());
    for (std::size_t row = 0; row < in.size(); ++row) {
        if (!std::isfinite(in.lon[row]) || !std::isfinite(in.lat[row]))
            continue;
        const auto w = to_world(in.lon[row], in.lat[row]);
        p.world[row] = w;
        const std::uint64_t code = spread_bits(grid_cell(w.x)) | (spread_bits(grid_cell(w.y)) << 1);
        p.order.push_back({code, static_cast<std::uint32_t>(row)});
        p.ids[row] = feature_id(in, id_column, row);
    }
    std::sort(p.order.begin(), p.order.end(), [](const Placed& a, const Placed& b) {
        return a.code != b.code ? a.code < b.code : a.row < b.row;
    });
    for (const auto& f : opt.fields)
        p.columns.push_back(in.attributes.find(f.name));
    p.fatalities = in.attributes.find("fatalities");
    p.event_type = in.attributes.find("event_type");
    if (p.event_type >= 0 && in.attributes.kind(p.event_type) != AttributeTable::Kind::text)
        p.event_type = -1;
    return p;
}

// Encodes tiles one after the other; one per worker.
class TileEncoder {
  public:
    TileEncoder(const PointFeatures& in, const VectorTileOptions& opt, const Prepared& prep,
                const PolygonTiler* regions)
        : in_(in), opt_(opt), prep_(prep), layer_(std::string(incidents_layer)),
          regions_layer_(std::string(regions_layer)), regions_(regions) {}

    // The tile's bytes (compressed when asked; empty when nothing is in
    // it), and whether it clustered.
    std::string encode(TileId tile, std::span<const Placed> points,
                       std::span<const std::uint32_t> regions, bool& clustered) {
        std::string below;
        if (regions_ && !regions.empty()) {
            regions_layer_.clear();
            regions_->add_to(regions_layer_, tile, regions);
            regions_layer_.append_to(below);
        }
        budget_ = opt_.max_tile_bytes - std::min(opt_.max_tile_bytes, below.size());
        clustered = false;
        if (points.empty())
            return below.empty() ? below : finish(std::move(below));
        auto bytes = points_of(tile, points, clustered);
        return finish(below + bytes);
    }

  private:
    std::string points_of(TileId tile, std::span<const Placed> points, bool& clustered) {
        const double scale = std::ldexp(1.0, tile.z);
        locals_.clear();
        for (const auto& p : points) {
            const auto w = prep_.world[p.row];
            locals_.push_back({(w.x * scale - tile.x) * extent, (w.y * scale - tile.y) * extent});
        }
        std::string bytes;
        if (encode_all(points, bytes))
            return bytes;
        clustered = true;
        for (double radius = extent / 256;; radius *= 2)
            if (encode_clusters(points, radius, bytes) || radius > 2 * extent)
                return bytes;
    }

    static mvt::TilePoint rounded(const Pixel& p) {
        return {static_cast<std::int32_t>(std::lround(p.x)),
                static_cast<std::int32_t>(std::lround(p.y))};
    }

    std::string finish(std::string bytes) const { return opt_.gzip ? zlib::gzip(bytes, 6) : bytes; }

    void start() {
        layer_.clear();
        keys_.assign(opt_.fields.size(), -1);
        texts_.clear();
    }

    std::uint32_t key(std::size_t field) {
        if (keys_[field] < 0)
            keys_[field] = layer_.key(opt_.fields[field].name);
        return static_cast<std::uint32_t>(keys_[field]);
    }

    void add_attributes(std::uint32_t row) {
        const auto& table = in_.attributes;
        for (std::size_t f = 0; f < opt_.fields.size(); ++f) {
            const int column = prep_.columns[f];
            if (column < 0)
                continue;
            if (table.kind(column) == AttributeTable::Kind::text) {
                const auto code = table.text_code(column, row);
                if (code == 0)
                    continue;
                const auto cache = (std::uint64_t(f) << 32) | code;
                auto it = texts_.find(cache);
                if (it == texts_.end())
                    it = texts_.emplace(cache, layer_.text(table.text_of(column, code))).first;
                tags_.push_back(key(f));
                tags_.push_back(it->second);
                continue;
            }
            double d = 0;
            if (!to_number(table.value(column, row), d) || !std::isfinite(d))
                continue;
            const bool whole = opt_.fields[f].whole && d == std::trunc(d) && std::abs(d) < 9e15;
            tags_.push_back(key(f));
            tags_.push_back(whole ? layer_.whole(static_cast<std::int64_t>(d)) : layer_.real(d));
        }
    }

    void add_incident(std::size_t i, std::uint32_t row) {
        tags_.clear();
        add_attributes(row);
        layer_.add_point(rounded(locals_[i]), tags_, prep_.ids[row]);
    }

    // Every incident as itself; false when the tile passes the limit.
    bool encode_all(std::span<const Placed> points, std::string& bytes) {
        start();
        for (std::size_t i = 0; i < points.size(); ++i) {
            add_incident(i, points[i].row);
            if (layer_.size() > budget_)
                return false;
        }
        bytes.clear();
        layer_.append_to(bytes);
        return bytes.size() <= budget_;
    }

    bool encode_clusters(std::span<const Placed> points, double radius, std::string& bytes) {
        start();
        const auto clusters = cluster_points(locals_, radius, in_.temp_folder());
        const auto n = clusters.centers.size();
        std::vector<double> fatalities(n, 0);
        std::vector<std::uint32_t> member(n, 0);
        std::vector<std::unordered_map<std::uint32_t, std::uint32_t>> types(
            prep_.event_type >= 0 ? n : 0);
        for (std::size_t i = 0; i < points.size(); ++i) {
            const auto c = clusters.cluster_of[i];
            member[c] = static_cast<std::uint32_t>(i);
            double d = 0;
            if (prep_.fatalities >= 0 &&
                to_number(in_.attributes.value(prep_.fatalities, points[i].row), d))
                fatalities[c] += d;
            if (!types.empty())
                if (const auto code = in_.attributes.text_code(prep_.event_type, points[i].row);
                    code != 0)
                    ++types[c][code];
        }
        for (std::size_t c = 0; c < n; ++c) {
            if (clusters.counts[c] == 1) {
                add_incident(member[c], points[member[c]].row);
                continue;
            }
            tags_.assign({layer_.key(point_count_attribute), layer_.whole(clusters.counts[c])});
            if (prep_.fatalities >= 0)
                tags_.insert(tags_.end(),
                             {layer_.key("fatalities"), layer_.whole(std::llround(fatalities[c]))});
            if (!types.empty() && !types[c].empty()) {
                const auto most = std::max_element(
                    types[c].begin(), types[c].end(), [](const auto& a, const auto& b) {
                        return a.second != b.second ? a.second < b.second : a.first > b.first;
                    });
                tags_.insert(tags_.end(),
                             {layer_.key("event_type"),
                              layer_.text(in_.attributes.text_of(prep_.event_type, most->first))});
            }
            layer_.add_point(rounded(clusters.centers[c]), tags_);
        }
        bytes.clear();
        layer_.append_to(bytes);
        return bytes.size() <= budget_;
    }

    const PointFeatures& in_;
    const VectorTileOptions& opt_;
    const Prepared& prep_;
    mvt::LayerEncoder layer_;
    mvt::LayerEncoder regions_layer_;
    const PolygonTiler* regions_;
    std::size_t budget_ = 0;    // for the points, once the regions are in
    std::vector<Pixel> locals_; // the tile's incidents in tile coordinates
    std::vector<std::uint32_t> tags_;
    std::vector<std::int64_t> keys_; // field -> key index in this tile, -1 before its first use
    std::unordered_map<std::uint64_t, std::uint32_t> texts_; // (field, text code) -> value index
};

struct Run {
    TileId tile;
    std::size_t begin = 0, end = 0; // in Prepared::order
    std::vector<std::uint32_t> regions;
};

// RUNS and the tiles regions touch, one run per tile.
std::vector<Run> with_regions(std::vector<Run> runs,
                              const std::vector<std::pair<std::uint64_t, std::uint32_t>>& touched) {
    std::map<std::uint64_t, Run> tiles;
    for (auto& run : runs)
        tiles.emplace(tile_key(run.tile), std::move(run));
    for (const auto& [key, region] : touched) {
        auto& run = tiles[key];
        run.tile = tile_from_key(key);
        run.regions.push_back(region);
    }
    std::vector<Run> out;
    out.reserve(tiles.size());
    for (auto& [key, run] : tiles)
        out.push_back(std::move(run));
    return out;
}

std::vector<Run> tiles_of_zoom(const Prepared& prep, int zoom, const TileRange& range) {
    std::vector<Run> runs;
    const int shift = 2 * (curve_bits - zoom);
    const int cell_shift = curve_bits - zoom;
    for (std::size_t i = 0; i < prep.order.size();) {
        std::size_t j = i + 1;
        const auto tile_code = prep.order[i].code >> shift;
        while (j < prep.order.size() && prep.order[j].code >> shift == tile_code)
            ++j;
        const auto w = prep.world[prep.order[i].row];
        const TileId tile{zoom, static_cast<int>(grid_cell(w.x) >> cell_shift),
                          static_cast<int>(grid_cell(w.y) >> cell_shift)};
        if (range.contains(tile))
            runs.push_back({tile, i, j, {}});
        i = j;
    }
    return runs;
}

} // namespace

TileStats write_vector_tiles(const PointFeatures& incidents, const VectorTileOptions& opt,
                             TileSink& sink) {
    const auto prep = prepare(incidents, opt);
    std::optional<PolygonTiler> region_tiler;
    if (opt.regions)
        region_tiler.emplace(*opt.regions, region_attributes());
    const PolygonTiler* regions = region_tiler ? &*region_tiler : nullptr;
    const unsigned threads =
        opt.threads != 0 ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
    TileStats stats;
    for (int zoom = opt.min_zoom; zoom <= opt.max_zoom; ++zoom) {
        const auto start = std::chrono::steady_clock::now();
        const auto range = tiles_covering(opt.bbox, zoom);
        auto runs = tiles_of_zoom(prep, zoom, range);
        if (regions && zoom <= opt.regions_max_zoom)
            runs = with_regions(std::move(runs), regions->touched(zoom, range));
        ZoomStats& s = stats.zooms[zoom];
        s.candidates = runs.size();
        std::atomic<std::size_t> next{0};
        std::atomic<bool> failed{false};
        std::exception_ptr error;
        std::mutex put_mutex;
        const auto work = [&] {
            try {
                TileEncoder encoder(incidents, opt, prep, regions);
                for (std::size_t k = next++; k < runs.size() && !failed && !stop_requested();
                     k = next++) {
                    const auto& run = runs[k];
                    bool clustered = false;
                    const auto bytes = encoder.encode(
                        run.tile, std::span(prep.order).subspan(run.begin, run.end - run.begin),
                        run.regions, clustered);
                    const std::lock_guard lock(put_mutex);
                    if (bytes.empty()) {
                        ++s.blank;
                        continue;
                    }
                    sink.put(run.tile, bytes);
                    ++s.written;
                    s.bytes += bytes.size();
                    s.clustered += clustered ? 1 : 0;
                    if (opt.on_progress && (s.written % 64 == 0 || s.written == runs.size()))
                        opt.on_progress(zoom, s.written, runs.size());
                }
            } catch (...) {
                const std::lock_guard lock(put_mutex);
                if (!error)
                    error = std::current_exception();
                failed = true;
            }
        };
        std::vector<std::thread> pool;
        const auto workers = std::min<std::size_t>(threads, std::max<std::size_t>(1, runs.size()));
        for (std::size_t t = 1; t < workers; ++t)
            pool.emplace_back(work);
        work();
        for (auto& t : pool)
            t.join();
        if (error)
            std::rethrow_exception(error);
        throw_if_stop_requested();
        s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (opt.on_zoom_done)
            opt.on_zoom_done(zoom, s);
    }
    return stats;
}

} // namespace incimap::render
