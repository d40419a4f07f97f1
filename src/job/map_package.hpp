// The finished map package of `incimap run`: everything the incidents of a
// store are drawn and shared as, written into one folder —
//   incidents.gpkg                the store itself, or a copy of it
//   incidents.geojson (+ .qml)    the incidents, with their QGIS style
//   admin1.geojson (+ .qml)       incidents and deaths per first-level region, with their QGIS style
//   tiles/ (+ tiles.json)         XYZ PNG tiles
//   incidents.mbtiles (+ .json)   the same tiles in one file
//   report.png, report.pdf        the static map with legend
//   index.html (+ config.js, assets/)  the web page over the tiles
// Each file is written under a temporary name and renamed when complete;
// tiles are drawn beside the old ones and swapped in.
// Calls the library pieces behind export, aggregate, tiles, map and web.
#pragma once

#include "core/output_guard.hpp"
#include "gazetteer/gazetteer.hpp"
#include "render/geodata.hpp"
#include "render/tiler.hpp"
#include "store/filter.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace incimap::job {

struct PackageOptions {
    std::filesystem::path folder;  // created when missing
    std::string store;             // the store's location (a file or a connection string)
    store::IncidentFilter filter;  // which incidents the outputs show
    bool quiet = false;            // no progress on stderr
    bool details = false;          // a line per step and per tile zoom
    // Refuses outputs over the inputs, over stores and over files incimap
    // did not make (core/output_guard.hpp); none: no such checks.
    const OutputGuard* guard = nullptr;
    // Told the zooms and extent of the tiles before any is drawn (after the
    // files of the store's incidents are written); throws to draw none.
    std::function<void(const render::TileOptions&)> confirm_tiles;
    // Names its towns on the report map when given.
    const gazetteer::Gazetteer* gazetteer = nullptr;
};

// The gazetteer's populated places as the style source "towns" of report
// maps: the places of 2,000 people or more, capitals and regional seats,
// and, inside `villages_within` (a town-scale frame), every village too;
// never the abandoned or historical ones. The style picks among them by
// the map's scale and population.
render::PolygonFeatures gazetteer_towns(const gazetteer::Gazetteer& gazetteer,
                                        const std::optional<render::LonLatBox>& villages_within = {});

// The box whose villages a map of this frame names: the frame and half as
// much again on each side when it spans less than a degree and a half
// (town scale); none otherwise.
std::optional<render::LonLatBox> village_box(const render::LonLatBox& frame);

struct PackageItem {
    std::string what;  // "incidents (GeoJSON)"
    std::filesystem::path path;
    std::string detail;  // "12 incidents", "QGIS style incidents.qml"
};

struct MapPackage {
    std::vector<PackageItem> items;  // in the order written
    std::size_t incidents = 0;       // in the outputs (after the filter)
};

// Throws UsageError when FOLDER exists and is not a folder.
void check_output_folder(const std::filesystem::path& folder);

// Throws OutputRefused when options.guard refuses one of the package's
// files, UsageError when the folder is a file. Writes nothing.
void check_map_package(const PackageOptions& options);

// Whether the store at LOCATION is the file FILE (so it need not be copied).
bool same_store_file(const std::string& location, const std::filesystem::path& file);

// Writes the package; the GeoPackage copy of the store is listed in the
// folder's record of the files incimap made, so a later run may replace
// it. Throws what check_map_package() throws before writing anything; Error
// naming the output that cannot be written, and what the library pieces
// throw. Cost: dominated by the tiles, drawn twice (folder and MBTiles).
MapPackage write_map_package(const PackageOptions& options);

} // namespace incimap::job
