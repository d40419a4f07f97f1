// Which incident fields vector tiles carry, and how: the names and types of
// the field table (core/incident_fields.hpp) as MVT attributes and as the
// TileJSON `vector_layers` entry clients style and filter by.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace incimap::render {

struct VectorField {
    std::string name;
    bool number = false; // else text (dates and timestamps as text)
    bool whole = false;  // written as an integer value
};

// The layer of incidents in vector tiles.
inline constexpr std::string_view incidents_layer = "incidents";
// What a cluster of incidents carries besides the fatalities summed over
// them and the event type most of them have.
inline constexpr std::string_view point_count_attribute = "point_count";

// Every field of the GeoJSON export but the coordinates, which the
// geometry carries.
std::vector<std::string> default_vector_attributes();

// The fields of NAMES in that order, repeated names once. Throws
// UsageError quoting a name that is no incident field, with the known ones.
std::vector<VectorField> vector_fields(const std::vector<std::string>& names);

// The layer of regions (admin1) with their incident counts, and what its
// polygons carry.
inline constexpr std::string_view regions_layer = "admin1";
std::vector<std::string> region_attributes();

// The TileJSON `vector_layers` array (JSON text) for the incidents layer
// with FIELDS and the cluster count, over MIN_ZOOM..MAX_ZOOM, and the
// regions' layer up to REGIONS_MAX_ZOOM (none when below MIN_ZOOM).
std::string vector_layers_json(const std::vector<VectorField>& fields, int min_zoom, int max_zoom,
                               int regions_max_zoom = -1);

} // namespace incimap::render
