// incimap's style for incidents as a MapLibre GL style (style spec v8), for
// the vector tiles of `incimap tiles --vector` (render/vector_tiles.hpp).
// incimap's style language is MapLibre's own (filters, expressions, paint
// names), so layers carry over as they are, with these differences:
//   - circle and heatmap layers over incidents carry over (their filter,
//     zooms and circle-* or heatmap-* paint); a cluster layer becomes a
//     circle layer whose ["get", "point_count"] reads 1 on a single incident
//     (the tiles merge incidents only where a tile would pass 500 KB);
//   - fill and line layers over admin1 draw the tiles' layer `admin1` (the
//     regions with incident_count and incident_fatalities), from a second
//     source over the same tiles that stops at the zoom that layer does;
//   - symbol layers and texts do not: an offline page has no glyphs;
//   - base layers (the Natural Earth basemap) do not: the page draws a land
//     colour, and an online raster basemap when one is given;
//   - zooms are one less: MapLibre's tiles are 512 pixels, incimap's 256,
//     so incimap's zoom 7 is MapLibre's zoom 6.
#pragma once

#include "render/style.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace incimap::render {

struct VectorSource {
    std::string tiles_url; // {z}/{x}/{y}.pbf, relative to the page or absolute
    std::string pmtiles;   // an archive's URL; then tiles_url is not used
    int min_zoom = 0;
    int max_zoom = 14;
    int regions_max_zoom = 8;        // of the tiles' admin1 layer
    std::string attribution;         // HTML
    std::string basemap_url;         // an online XYZ raster under the incidents, or empty
    std::string basemap_attribution; // HTML
};

// The MapLibre style of STYLE's incident and region layers over SOURCE.
// Throws InputError naming the style when it has none MapLibre can draw.
nlohmann::json maplibre_style(const Style& style, const VectorSource& source);

} // namespace incimap::render
