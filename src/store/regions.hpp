// Regions to aggregate incidents into: polygons from a GeoJSON
// FeatureCollection (by default the embedded Natural Earth admin-1
// boundaries of West Africa, as ACLED codes its regions: acled_admin1.hpp),
// indexed with GEOS (an STR tree of prepared
// geometries) for point-in-polygon lookups.
#pragma once

#include "adapters/geos.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::store {

struct Region {
    std::string name;
    std::string iso;       // ISO2 of its country
    std::string country;   // the country's name
    std::string note;      // what else it holds (Gao: Ménaka), when its property `note` says
    std::string geometry;  // GeoJSON geometry object, as read
};

class RegionIndex {
public:
    // Reads a FeatureCollection whose features carry NAME_PROPERTY and
    // "iso_a2"; COUNTRY_PROPERTY names the country ("admin"). Throws
    // InputError naming SOURCE when it is not one.
    RegionIndex(const geos::Context& context, std::string_view geojson, std::string_view source,
                std::string_view name_property = "name",
                std::string_view country_property = "admin");

    // The embedded Natural Earth admin-1 regions as ACLED codes them
    // (acled_admin1_geojson()).
    static RegionIndex admin1(const geos::Context& context);

    // The region holding the point (the first in file order when it lies on
    // a shared border); else the nearest region within TOLERANCE degrees
    // (generalised coastlines and borders miss points just outside);
    // nothing otherwise. Cost: O(log n) tree search plus tests of the few
    // regions whose boxes hold the point.
    std::optional<std::size_t> locate(double lon, double lat, double tolerance = 0.1) const;

    const Region& operator[](std::size_t i) const { return regions_[i]; }
    std::size_t size() const { return regions_.size(); }

private:
    const geos::Context& context_;
    std::vector<Region> regions_;
    std::vector<geos::Geometry> shapes_;
    std::vector<geos::PreparedGeometry> prepared_;
    geos::StrTree tree_;
};

} // namespace incimap::store
