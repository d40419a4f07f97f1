#include "render/vector_tile_job.hpp"

#include "core/counted.hpp"
#include "render/vector_tiles.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace incimap::render {

TileJobResult run_vector_tile_job(const PointFeatures& incidents, const VectorTileJob& job,
                                  TileProgress& progress) {
    const auto& t = job.tiles;
    const auto lock = lock_tile_output(t);
    auto info = describe_tiles("vector", incidents, t);
    info.name = "incimap incidents";
    info.description = fmt::format(
        "{} from {} as Mapbox Vector Tiles: layer '{}', points with {}{}",
        counted(info.incidents, "incident"), t.source, incidents_layer,
        counted(job.fields.size(), "attribute"),
        job.regions ? fmt::format("; layer '{}', regions with incident counts", regions_layer)
                    : std::string());
    info.format = "pbf";
    info.tiles_url = tiles_url(t.out, 1, t.url_base, "pbf");
    info.tile_size = 512; // as MapLibre draws vector tiles
    const int regions_max_zoom = job.regions ? std::min(admin1_max_zoom, t.options.max_zoom) : -1;
    info.vector_layers =
        vector_layers_json(job.fields, t.options.min_zoom, t.options.max_zoom, regions_max_zoom);

    VectorTileOptions o;
    o.min_zoom = t.options.min_zoom;
    o.max_zoom = t.options.max_zoom;
    o.bbox = t.options.bbox;
    o.fields = job.fields;
    o.max_tile_bytes = job.max_tile_bytes;
    o.regions = job.regions;
    o.regions_max_zoom = regions_max_zoom;
    o.gzip = tile_format_of(t.out) != TileFormat::xyz;
    o.threads = t.options.threads;
    o.on_progress = [&](int zoom, std::uint64_t done, std::uint64_t total) {
        progress.update(zoom, done, total);
    };
    o.on_zoom_done = [&](int zoom, const ZoomStats& s) {
        progress.zoom_done(zoom, s.written, s.seconds);
    };

    TileJob plain = t;
    plain.options.scale = 1;
    TileJobResult result;
    result.stats = write_tile_output(
        plain, false, info, nullptr,
        [&](TileSink& sink) { return write_vector_tiles(incidents, o, sink); }, progress);
    result.tilejson = tilejson_path(t.out);
    return result;
}

} // namespace incimap::render
