// The MapLibre GL page of `incimap web --renderer maplibre`: index.html
// with MapLibre GL JS and the pmtiles reader (npm packages embedded in the
// binary, written beside it: nothing from a CDN), the page's script and
// config.js holding the style (render/maplibre_style.hpp) over the vector
// tiles of `incimap tiles --vector`, the legend, bounds and dates. The
// Leaflet page (render/web_page.hpp) is the other renderer; both take the
// same options.
#pragma once

#include "render/web_page.hpp"

namespace incimap::render {

// Writes the page into options.out, each file atomically and index.html
// last, and records them as files incimap made. Throws UsageError when
// options.tiles are not vector tiles (their URL does not end in .pbf),
// OutputRefused as check_web_page() would, Error naming a file that cannot
// be written.
void write_maplibre_page(const Style& style, const PointFeatures& incidents,
                         const WebPageOptions& options);

} // namespace incimap::render
