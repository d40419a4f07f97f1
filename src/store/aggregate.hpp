// Counting incidents per group for choropleth maps (`incimap aggregate`):
// per place, per admin-1 region, per grid or hex cell, or per place and week
// or month. Every incident passing the filter lands in exactly one group, so
// the counts and fatality sums of all groups add up to the totals over the
// incidents (admin-1: points outside every region form one group without a
// geometry).
#pragma once

#include "store/filter.hpp"
#include "store/incident_store.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::store {

enum class GroupBy { place, admin1, grid, hex, week, month };

struct Grouping {
    GroupBy by = GroupBy::place;
    double size = 0;  // grid: degrees; hex: km
};

// "place", "admin1", "grid:DEG", "hex:KM", "week", "month". Throws
// UsageError quoting a bad value (the caller says where it came from) (grid sizes 0.01-90°, hex sizes 0.1-5000 km).
Grouping parse_grouping(std::string_view text);

struct Group {
    std::string key;  // sorts the output
    nlohmann::ordered_json labels;  // properties naming the group (an object)
    std::string geometry;  // GeoJSON geometry object, or "null"
    long count = 0;
    long fatalities = 0;
    std::string first_date, last_date;
    std::map<std::string, long> event_types;

    // The most frequent event type, the alphabetically first on a tie.
    std::string top_event_type() const;
};

struct Aggregation {
    std::vector<Group> groups;  // sorted by key
    long incidents = 0;
    long fatalities = 0;
};

// Groups the incidents of STORE passing FILTER. For admin1, regions of a
// country with at least one incident are all listed, with 0 where nothing
// happened, so a choropleth shows zeros rather than holes.
Aggregation aggregate(IncidentStore& store, const IncidentFilter& filter, Grouping grouping);

// One feature per group, properties: the labels, count, fatalities,
// first_date, last_date, top_event_type. A GeoJSON FeatureCollection for
// "-" and .geojson/.json; the other formats of store/vector_output by OUT's
// extension (CSV with the geometry as WKT). Throws Error naming OUT when its
// extension names no format incimap writes.
void write_aggregation(const Aggregation& aggregation, const std::filesystem::path& out);

} // namespace incimap::store
