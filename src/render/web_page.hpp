// The self-contained web page of `incimap web`: index.html with Leaflet, the
// pmtiles package's reader, supercluster, a world basemap (Natural Earth at
// 1:110m) and the page's script (embedded in the binary, written beside it),
// config.js (tiles, optional online basemap, legend, extent, dates, the
// ACLED credit) and incidents.geojson, which the page clusters and filters
// itself. Nothing is loaded from a CDN.
#pragma once

#include "core/output_guard.hpp"
#include "render/geodata.hpp"
#include "render/style.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace incimap::render {

struct TileLayerInfo {
    std::string url = "tiles/{z}/{x}/{y}.png";  // relative to the page, or absolute
    // A PMTiles archive (its URL, relative to the page): the page reads its
    // tiles itself with range requests, through the pmtiles package's
    // Leaflet layer, and `url` is not used. Empty: tiles by `url`.
    std::string pmtiles;
    int min_zoom = 0;
    int max_zoom = 14;
    int tile_size = 256;
    std::optional<LonLatBox> bounds;
    std::string attribution;
};

// What a TileJSON document written by `incimap tiles` says; `url_prefix` is
// put before its relative tile URLs (the folder it is in, seen from the page).
// Throws InputError naming the file when it is not TileJSON.
TileLayerInfo read_tilejson(const std::filesystem::path& path, const std::string& url_prefix);

// The tiles of a folder, FILE.mbtiles or FILE.pmtiles written by `incimap tiles`, as a
// page in the folder PAGE reaches them: by a URL relative to the page, with
// the zooms and bounds of their TileJSON when there is one (FOUND says
// whether there was). TILES is relative to PAGE unless absolute. Nothing
// when it is not inside PAGE, where the page and `incimap serve` cannot
// reach it. Throws what read_tilejson throws.
std::optional<TileLayerInfo> tile_layer_in_page(const std::filesystem::path& page,
                                                const std::filesystem::path& tiles, bool& found);

struct WebPageOptions {
    std::filesystem::path out;  // the folder
    TileLayerInfo tiles;
    std::string basemap_url;  // an XYZ URL template; empty: none (offline)
    std::string basemap_attribution;
    std::string title = "Incidents";
    bool with_base = true;
    // The page's incidents, relative to the folder.
    std::filesystem::path incidents_file = "incidents.geojson";
    // Refuses files over the inputs, over stores, and files already in the
    // folder that no earlier page wrote; none: no such checks.
    const OutputGuard* guard = nullptr;
};

// Whether tiles drawn with STYLE show the incidents themselves (clusters,
// circles, labels), which the page then dims beneath its own clusters; a
// heatmap is a density, which the page leaves whole.
bool tiles_draw_incidents(const Style& style);

// The page in the embedded file RESOURCE_NAME (web/index.html, or
// web/maplibre/index.html), with the filter panel both pages share
// (web/filters.html) in place of its marker.
std::string page_html(std::string_view resource_name);

// The attributes the popups show.
std::vector<std::string> popup_attributes();

// Throws OutputRefused when options.guard refuses a file of the page: one
// over an input or a store, or one already in the folder that no earlier
// page wrote and that differs from what would be written.
void check_web_page(const WebPageOptions& options);

// Writes the page, its assets and the incidents (options.incidents_file)
// into `options.out` (created when missing), each file atomically and
// index.html last, and lists them in the folder's record of the files
// incimap made (core/output_guard.hpp). Throws Error naming the file, and
// what check_web_page() throws before writing anything.
void write_web_page(const Style& style, const PointFeatures& incidents, const WebPageOptions& options);

// The incidents as an RFC 7946 FeatureCollection: lon/lat with 6 decimals,
// the attributes as properties, plus "marker-color" and "marker-radius" (the
// simplestyle names) from the style's topmost circle layer over incidents.
std::string incidents_geojson(const Style& style, const PointFeatures& incidents);

} // namespace incimap::render
