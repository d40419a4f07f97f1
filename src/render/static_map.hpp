// One finished figure for a report: the style's layers in any projection
// PROJ knows, with a title, the date range, a legend built from the style, a
// scale bar, a north arrow when north is not straight up everywhere, and the
// credits. PNG (raster), PDF and SVG (vector) through cairo.
#pragma once

#include "render/geodata.hpp"
#include "render/scene.hpp"
#include "render/style.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace incimap::render {

struct MapOptions {
    std::filesystem::path out;  // .png, .pdf or .svg
    int width = 1600;           // pixels at `dpi` (PDF/SVG: the page is as large)
    int height = 1200;
    double dpi = 150;
    std::string crs = "EPSG:3857";
    std::optional<LonLatBox> bbox;  // the frame; default: as below
    // Without bbox: frame this country (ISO alpha-2), or this first-level
    // region (in that country when given), by its Natural Earth boundary;
    // else the incidents without the few far from the rest (robust_extent).
    std::string country;
    std::string admin1;
    std::string title;              // default: "Incidents"
    bool with_base = true;
    std::string credit;  // the user's own credit, added to the credit line
};

struct MapReport {
    std::string crs_name;
    std::string credits;  // the credit line as drawn
    double zoom = 0;           // the web zoom its scale matches, for the style
    double metres_per_pixel = 0;  // at the centre
    bool north_arrow = false;
    LonLatBox extent;
    std::string framed;            // what the frame shows: "Burkina Faso", "the incidents", …
    std::size_t left_outside = 0;  // incidents outside the frame
    std::optional<Box> inset;      // the inset locator map, in page pixels (1/96 inch), when drawn
};

// The checks render_static_map makes of its options, for a caller to make
// first: each throws UsageError quoting the value (the caller says where it
// came from). A file name ending in .png, .pdf or .svg; a size from 200x150
// to 20000x20000 pixels; 36 to 1200 dots per inch; a CRS PROJ knows,
// whose name is returned.
void check_map_file(const std::filesystem::path& out);
void check_map_size(int width, int height);
void check_map_dpi(double dpi);
std::string crs_name(const std::string& crs);

// The size in pixels at DPI of a sheet of PAPER ("A4", "A5", "letter",
// any case), portrait or LANDSCAPE. Throws UsageError quoting an unknown
// paper and naming the known ones.
std::pair<int, int> paper_size(std::string_view paper, bool landscape, double dpi);

// Throws UsageError for the options above, or an extent the projection
// cannot show; InputError when there are no incidents and no options.bbox;
// Error when the file cannot be written (nothing is left half-written).
MapReport render_static_map(const Style& style, const PointFeatures& incidents,
                            const std::map<std::string, PolygonFeatures>& polygons,
                            const MapOptions& options);

} // namespace incimap::render
