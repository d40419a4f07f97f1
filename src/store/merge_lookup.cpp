#include "store/merge_lookup.hpp"

#include "core/ascii.hpp"
#include "store/filter.hpp"
#include "store/merge.hpp"
#include "store/schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace incimap::store {
namespace {

std::string same_day_and_type(const Incident& report) {
    return fmt::format("event_date = {} AND lower(event_type) = {}", sql_literal(report.event_date),
                       sql_literal(lowered(report.event_type)));
}

} // namespace

SearchBox same_place_box(double latitude, double longitude) {
    // A degree of latitude is 111.2 km on the sphere of distance_km(); 110
    // leaves a margin. A degree of longitude shrinks with the cosine.
    constexpr double km_per_degree = 110.0;
    double dlat = same_place_km / km_per_degree;
    double dlon = same_place_km /
                  (km_per_degree * std::max(0.01, std::cos(latitude * std::numbers::pi / 180)));
    return {longitude - dlon, latitude - dlat, longitude + dlon, latitude + dlat};
}

std::vector<std::string> merge_index_statements() {
    return {
        fmt::format("CREATE INDEX IF NOT EXISTS {0}_day_position ON {0} "
                    "(event_date, latitude, longitude)",
                    incidents_layer),
        fmt::format("DROP INDEX IF EXISTS {0}_event_date", incidents_layer),
        fmt::format("CREATE INDEX IF NOT EXISTS {0}_place_day ON {0} (geonameid, event_date) "
                    "WHERE geonameid IS NOT NULL",
                    incidents_layer),
    };
}

std::string merge_candidates_near(const Incident& report) {
    auto box = same_place_box(report.latitude, report.longitude);
    return fmt::format("{} AND latitude >= {} AND latitude <= {} AND longitude >= {} AND "
                       "longitude <= {}",
                       same_day_and_type(report), box.min_lat, box.max_lat, box.min_lon,
                       box.max_lon);
}

std::string merge_candidates_at_place(const Incident& report) {
    return fmt::format("{} AND geonameid = {}", same_day_and_type(report), report.geonameid);
}

} // namespace incimap::store
