#include "store/regions.hpp"

#include "core/error.hpp"
#include "store/acled_admin1.hpp"
#include "core/json_depth.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace incimap::store {

RegionIndex::RegionIndex(const geos::Context& context, std::string_view geojson,
                         std::string_view source, std::string_view name_property,
                         std::string_view country_property)
    : context_(context), tree_(context) {
    check_json_depth(geojson, source);
    auto document = nlohmann::json::parse(geojson, nullptr, false);
    if (document.is_discarded() || !document.is_object() || !document.contains("features") ||
        !document["features"].is_array())
        throw InputError(std::string(source), 0, "not a GeoJSON FeatureCollection");
    auto text = [](const nlohmann::json& properties, std::string_view key) {
        auto found = properties.find(key);
        return found != properties.end() && found->is_string() ? found->get<std::string>()
                                                               : std::string();
    };
    std::size_t number = 0;
    for (const auto& feature : document["features"]) {
        ++number;
        if (!feature.contains("geometry") || feature["geometry"].is_null())
            continue;
        const auto& properties = feature.value("properties", nlohmann::json::object());
        Region region;
        region.name = text(properties, name_property);
        region.iso = text(properties, "iso_a2");
        region.country = text(properties, country_property);
        region.note = text(properties, "note");
        region.geometry = feature["geometry"].dump();
        try {
            shapes_.push_back(context_.read_geojson(region.geometry));
        } catch (const LibraryError& e) {
            throw InputError(std::string(source), 0, fmt::format("feature {}: {}", number, e.what()));
        }
        regions_.push_back(std::move(region));
    }
    prepared_.reserve(shapes_.size());
    for (std::size_t i = 0; i < shapes_.size(); ++i) {
        prepared_.emplace_back(shapes_[i]);
        tree_.insert(shapes_[i], i);
    }
}

RegionIndex RegionIndex::admin1(const geos::Context& context) {
    return RegionIndex(context, acled_admin1_geojson(),
                       "embedded Natural Earth admin-1 boundaries (regions as ACLED codes them)");
}

std::optional<std::size_t> RegionIndex::locate(double lon, double lat, double tolerance) const {
    auto point = context_.point(lon, lat);
    auto near = tree_.query(context_.box({lon - tolerance, lat - tolerance, lon + tolerance,
                                          lat + tolerance}));
    std::sort(near.begin(), near.end());
    for (auto i : near)
        if (prepared_[i].intersects(point))
            return i;
    std::optional<std::size_t> best;
    double best_distance = tolerance;
    for (auto i : near) {
        double d = prepared_[i].distance(point);
        if (d <= best_distance) {
            best = i;
            best_distance = d;
        }
    }
    return best;
}

} // namespace incimap::store
