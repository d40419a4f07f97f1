#include "cli/command_web.hpp"

#include "cli/option_errors.hpp"
#include "cli/store_options.hpp"
#include "core/counted.hpp"
#include "core/error.hpp"
#include "core/folders.hpp"
#include "core/output_lock.hpp"
#include "render/maplibre_page.hpp"
#include "render/tile_job.hpp"
#include "render/web_page.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>

namespace incimap::cli {

namespace fs = std::filesystem;

std::string_view WebCommand::synopsis() const {
    return "Write a web page (Leaflet, no CDN) of the tiles and the incidents, with clusters, "
           "filters, popups and legend";
}

std::string_view WebCommand::examples() const {
    return "incimap tiles --style density --out output/site/tiles && incimap web --style density --out output/site\n"
           "incimap web --out site --tiles heat.mbtiles --style heatmap\n"
           "incimap tiles --out site/incidents.pmtiles && incimap web --out site --tiles incidents.pmtiles\n"
           "incimap web --out site --basemap 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' "
           "--basemap-attribution '(c) OpenStreetMap contributors'\n"
           "incimap web --out site --url-base https://example.org/maps/\n"
           "incimap tiles --vector --out site/incidents.pmtiles && incimap web --renderer maplibre "
           "--out site --tiles incidents.pmtiles\n"
           "incimap serve output/site";
}

void WebCommand::setup(CLI::App& app) {
    app.add_option("--out", out_, "Folder for index.html, its assets and incidents.geojson")->required();
    app.add_option("--tiles", tiles_,
                   "The tiles: a folder, FILE.mbtiles or FILE.pmtiles beside the page written by "
                   "'incimap tiles' (default: tiles; a PMTiles archive is read by the page itself "
                   "with range requests, as from any static host), or a URL template with "
                   "{z}/{x}/{y}");
    app.add_option("--basemap", basemap_,
                   "An online XYZ basemap URL template drawn under the tiles (default: none, "
                   "works offline)");
    app.add_option("--basemap-attribution", basemap_attribution_, "Credits for the basemap");
    app.add_option("--title", title_, "The page's title")->default_val("Incidents");
    app.add_option("--url-base", url_base_,
                   "The URL the page's folder will be published under, e.g. "
                   "https://example.org/maps/: the page's tile URL is then absolute (default: "
                   "relative to the page)");
    app.add_option("--renderer", renderer_,
                   "leaflet: the raster tiles with Leaflet; maplibre: the vector tiles of 'incimap "
                   "tiles --vector' (--tiles, a .pbf folder or a .pmtiles archive) drawn with "
                   "MapLibre GL JS in the browser, styled from --style")
        ->check(CLI::IsMember({"leaflet", "maplibre"}))
        ->default_val("leaflet");
    lock_timeout_.add_to(app, "a page into the same --out");
    input_.add_to(app, "Only incidents inside minlon,minlat,maxlon,maxlat (degrees)");
    output_.add_to(app);
}

int WebCommand::run(const GlobalOptions& global) {
    if (!basemap_.empty() && basemap_.find("{z}") == std::string::npos)
        throw UsageError(fmt::format("--basemap '{}': expected a URL template with {{z}}, {{x}} and {{y}}", basemap_));
    const fs::path out = out_;
    render::WebPageOptions o;
    o.out = out;
    o.basemap_url = basemap_;
    o.basemap_attribution = basemap_attribution_;
    o.title = title_;
    const std::string tiles = tiles_.empty() ? "tiles" : tiles_;
    if (tiles.find("{z}") != std::string::npos) {
        o.tiles.url = tiles;
    } else {
        // A tile folder, MBTiles file or PMTiles archive written by `incimap tiles`: its
        // TileJSON says where the tiles are and which zooms exist.
        bool found = false;
        const auto layer = render::tile_layer_in_page(out, tiles, found);
        if (!layer)
            throw UsageError(fmt::format("--tiles '{}': must be inside --out '{}', where the page and "
                                         "'incimap serve' can reach it",
                                         tiles, out_));
        o.tiles = *layer;
        if (!found && renderer_ == "maplibre")
            o.tiles.url = o.tiles.url.substr(0, o.tiles.url.size() - 3) + "pbf";
        if (!found && !global.quiet) {
            const auto where = (fs::path(tiles).is_absolute() ? fs::path(tiles) : out / tiles).string();
            fmt::print(stderr, "incimap web: no tiles at {} yet; render them with: incimap tiles --out {}\n",
                       where, where);
        }
    }
    if (!url_base_.empty()) {
        std::string base;
        try {
            base = render::url_base(url_base_);
        } catch (const UsageError& e) {
            throw UsageError(fmt::format("--url-base {}", e.what()));
        }
        for (auto* url : {&o.tiles.url, &o.tiles.pmtiles})
            if (!url->empty() && url->find("://") == std::string::npos && !url->starts_with("/"))
                *url = base + *url;
    }
    // One page writer per folder, from before the inputs are read until the
    // page's record of its files is written.
    create_folder_of(out);
    const auto lock =
        OutputLock::acquire(out, lock_timeout_.duration(), "web page", lock_timeout_.on_wait("the web page", out_));
    auto guard = output_.guard();
    input_.add_inputs_to(guard);
    o.guard = &guard;
    auto loaded = input_.load(true, render::popup_attributes());
    o.with_base = loaded.with_base;
    if (renderer_ == "maplibre")
        naming_option("--tiles", [&] { render::write_maplibre_page(loaded.style, loaded.incidents, o); });
    else
        render::write_web_page(loaded.style, loaded.incidents, o);
    if (!global.quiet) {
        fmt::print(stderr, "wrote {} with {} (tiles: {}); preview with: incimap serve {}\n",
                   (out / "index.html").string(), counted(loaded.incidents.size(), "incident"),
                   o.tiles.pmtiles.empty() ? o.tiles.url : o.tiles.pmtiles, out_);
        if (render::tiles_draw_incidents(loaded.style))
            fmt::print(stderr, "incimap web: the style '{}' draws the incidents into the tiles, which "
                               "the page dims beneath its own clusters; for tiles beneath them as a "
                               "density: incimap tiles --style density, and web --style density\n",
                       loaded.style.name);
        if (loaded.incidents.size() > 100000)
            fmt::print(stderr, "incimap web: {} clickable points make the page slow; filter them "
                               "(--since, --country, …) for the web\n",
                       loaded.incidents.size());
    }
    return exit_ok;
}

} // namespace incimap::cli
