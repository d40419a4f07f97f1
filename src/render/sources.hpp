// Reading what the renderer draws: incidents from the store (through
// store::IncidentStore, the only way to it) or from a vector file such as a
// GeoJSON export (through OGR, or incimap's own CSV and GeoJSON readers), and the polygon sources a style names —
// the embedded Natural Earth boundaries or a GeoJSON file — with the number
// of incidents inside each polygon.
#pragma once

#include "render/geodata.hpp"
#include "render/style.hpp"
#include "store/filter.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::render {

struct IncidentSource {
    std::string store;  // store location; used when `input` is empty
    std::string input;  // a GeoJSON (or other OGR vector) file of incidents
    store::IncidentFilter filter;  // its bbox is applied as well when set
    // Where warnings about the input go (rows of a CSV file without a usable
    // point); stderr when unset.
    std::function<void(const std::string&)> warn;
    // Where the incidents' columns are kept once they are large (temporary
    // files, see core/mapped_vector.hpp); empty: TMPDIR, else /tmp.
    std::filesystem::path temp_folder;

    // "store output/incidents.gpkg" or the input file, for messages.
    std::string describe() const;
};

// The incidents passing the filter, with the named attributes (ACLED field
// names, e.g. "event_type", "fatalities"; unknown names stay null) as
// columns. A `.csv` input with longitude and latitude columns is read by the
// project's CSV reader (render/csv_points.hpp) when the filter is at most a
// bounding box, and a `.geojson` or `.json` FeatureCollection of points by
// its GeoJSON reader (render/geojson_points.hpp, which leaves to OGR what it
// does not read as OGR would); other files (GeoPackage, OGR VRT, …) and
// filtered CSV and GeoJSON files through OGR, which is told the coordinate column names of a CSV
// file. As in the store, only validated filter values go into SQL (GDAL's
// SQLite dialect); the free-text terms are compared with each row as read. Incidents without a point
// geometry are skipped (counted, and the first named, for a CSV file read
// directly: through source.warn). Throws InputError
// naming the store or file when it cannot be read, and when a filter needs
// a field the file lacks.
PointFeatures load_incidents(const IncidentSource& source, const std::vector<std::string>& attributes);

// Whether a source names embedded Natural Earth data: "admin0", "admin1"
// (boundaries), "rivers" (lines) or "lakes" (polygons).
bool is_natural_earth_source(std::string_view source);

// A feature source of a style other than the incidents: embedded Natural
// Earth data (above; properties as in Natural Earth: NAME, iso_a2, name,
// scalerank, …) or the path of a GeoJSON FeatureCollection of points,
// lines or polygons (relative to `folder` when not absolute and `folder`
// is not empty). Throws InputError naming the file when it cannot be read,
// is no FeatureCollection, holds another kind of geometry, or no feature
// with a geometry at all (a map drawing nothing of it says nothing).
PolygonFeatures load_polygons(const std::string& source, const std::string& folder);

// The polygon source SOURCE (as load_polygons() reads it) with
// `incident_count` and `incident_fatalities` per polygon, as
// load_style_polygons() counts them. Cost: locating each incident.
PolygonFeatures load_polygons_with_counts(const std::string& source, const std::string& folder,
                                          const PointFeatures& incidents);

// A town a map names, as the gazetteer has it.
struct Town {
    std::string name;
    double lon = 0, lat = 0;
    std::int64_t population = 0;
    bool capital = false;  // the country's capital (GeoNames PPLC)
    bool seat = false;     // the seat of a first-level area (PPLA)
    std::string country;   // ISO alpha-2
};

// The style source of the gazetteer's towns. No file holds it: the command
// drawing the map reads the gazetteer and gives it (town_features());
// layers on it draw nothing where it was not given (tiles, pages).
inline constexpr std::string_view towns_source = "towns";

// Towns as a source of points with the properties `name`, `population`,
// `capital` and `seat` (1 or 0) and `iso_a2`.
PolygonFeatures town_features(std::span<const Town> towns);

// Whether some layer of the style on the polygon source SOURCE reads the
// incident counts (`incident_count`, `incident_fatalities`): locating a
// million incidents in regions takes seconds, so they are counted only
// then, and a count needs every incident of the region.
bool reads_incident_counts(const Style& style, const std::string& source);

// Every polygon source the style's layers name (its base layers too when
// `with_base`), each with `incident_count` and `incident_fatalities` per
// polygon: the incidents it holds, located as `incimap aggregate --by
// admin1` does (store::RegionIndex).
std::map<std::string, PolygonFeatures> load_style_polygons(const Style& style, bool with_base,
                                                           const PointFeatures& incidents);

// Whether the incident attribute of that name (an ACLED or store field) is
// a number: id, latitude, fatalities, …
bool numeric_incident_field(std::string_view name);

// The attribute names a style reads from incidents (plus `fatalities`,
// which the polygon counts sum).
std::vector<std::string> incident_attributes_of(const Style& style);

// What a map is drawn from: the style, the incidents of a source with every
// attribute the style reads, the credit line's and EXTRA, and the style's
// polygons (its base layers' too when WITH_BASE) unless POLYGONS is `none`
// (vector tiles draw none of them, and building the regions with their
// counts is a sizeable part of a small run).
struct Drawing {
    Style style;
    PointFeatures incidents;
    std::map<std::string, PolygonFeatures> polygons;
    std::string source;  // source.describe()
};
enum class StylePolygons { load, none };
Drawing load_drawing(Style style, const IncidentSource& source, bool with_base,
                     const std::vector<std::string>& extra = {},
                     StylePolygons polygons = StylePolygons::load);

} // namespace incimap::render
