// Gazetteer: loading the layers, and the lookups other than resolve()
// (resolve.cpp): places by id, countries, admin1 areas.
#include "gazetteer/gazetteer.hpp"

#include "gazetteer/embedded.hpp"
#include "gazetteer/index_cache.hpp"
#include "gazetteer/library.hpp"
#include "text/ascii.hpp"
#include "text/fold.hpp"

#include <algorithm>
#include <unordered_set>
#include <cctype>
#include <cmath>
#include <numbers>
#include <set>
#include <tuple>

namespace incimap::gazetteer {
namespace {

Country make_country(const Index& index, const format::CountryRecord& record) {
    return {std::string(format::code_text(record.iso2.data(), 2)),
            std::string(format::code_text(record.iso3.data(), 3)),
            std::string(index.string(record.name)),
            std::string(index.string(record.capital)),
            record.geonameid,
            record.population};
}

bool is_country_feature(const format::PlaceRecord& record) {
    return record.feature_class == 'A' &&
           format::code_text(record.feature_code.data(), 8).starts_with("PCL");
}

} // namespace

Gazetteer Gazetteer::load(const Sources& sources, const IndexBuildObserver& on_build) {
    std::vector<Index> layers;
    if (sources.embedded_default)
        layers.push_back(embedded_index());
    if (sources.data_dir)
        for (const auto& dump : installed_dumps(*sources.data_dir))
            layers.push_back(load_dump_index(dump.path, index_file_for(dump.path), on_build));
    for (const auto& dump : sources.dumps)
        layers.push_back(load_dump_index(
            dump,
            sources.index_cache ? std::optional(cached_index_for(dump, *sources.index_cache))
                                : std::nullopt,
            on_build));
    return from_indexes(std::move(layers));
}

Gazetteer Gazetteer::from_indexes(std::vector<Index> layers) {
    Gazetteer gazetteer;
    gazetteer.layers_ = std::move(layers);
    return gazetteer;
}

Gazetteer::PlaceRef Gazetteer::owner(std::int64_t geonameid, PlaceRef found) const {
    for (auto layer = static_cast<std::uint32_t>(layers_.size()); layer-- > found.layer + 1;)
        if (auto position = layers_[layer].find_place(geonameid))
            return {layer, *position};
    return found;
}

Place Gazetteer::make_place(PlaceRef ref) const {
    const Index& index = layers_[ref.layer];
    const auto& record = index.places()[ref.position];
    Place place;
    place.geonameid = record.geonameid;
    place.name = index.string(record.name);
    place.latitude = record.latitude;
    place.longitude = record.longitude;
    place.feature_class = record.feature_class;
    place.feature_code = format::code_text(record.feature_code.data(), 8);
    place.country = format::code_text(record.country.data(), 2);
    place.admin1_code = index.string(record.admin1_code);
    place.alternate_countries = index.string(record.alternate_countries);
    place.population = record.population;
    // The hierarchy may come from any layer (the admin1 and country tables
    // usually sit in the embedded default); the latest wins. The place's own
    // layer refers to its records directly.
    for (auto layer = static_cast<std::uint32_t>(layers_.size()); layer-- > 0;) {
        const Index& in = layers_[layer];
        const bool own = layer == ref.layer;
        if (place.admin1.empty() && !place.admin1_code.empty()) {
            const auto* admin1 = own && record.admin1_record != format::no_record16
                                     ? &in.admin1()[record.admin1_record]
                                     : in.find_admin1(place.country, place.admin1_code);
            if (admin1 != nullptr)
                place.admin1 = in.string(admin1->name);
        }
        if (place.country_name.empty() && !place.country.empty()) {
            const auto* country = own && record.country_record != format::no_record8
                                      ? &in.countries()[record.country_record]
                                      : in.find_country(place.country);
            if (country != nullptr)
                place.country_name = in.string(country->name);
        }
    }
    return place;
}

std::optional<Place> Gazetteer::place(std::int64_t geonameid) const {
    for (auto layer = static_cast<std::uint32_t>(layers_.size()); layer-- > 0;)
        if (auto position = layers_[layer].find_place(geonameid))
            return make_place({layer, *position});
    return std::nullopt;
}

std::vector<Place> Gazetteer::towns(std::int64_t min_population,
                                    const std::optional<std::array<double, 4>>& all_within) const {
    const auto inside = [&](const format::PlaceRecord& record) {
        return all_within && record.longitude >= (*all_within)[0] && record.latitude >= (*all_within)[1] &&
               record.longitude <= (*all_within)[2] && record.latitude <= (*all_within)[3];
    };
    std::vector<Place> out;
    std::unordered_set<std::int64_t> seen;
    for (auto layer = static_cast<std::uint32_t>(layers_.size()); layer-- > 0;) {
        const auto places = layers_[layer].places();
        for (std::uint32_t position = 0; position < places.size(); ++position) {
            const auto& record = places[position];
            if (record.feature_class != 'P' || !seen.insert(record.geonameid).second)
                continue;
            const auto code = format::code_text(record.feature_code.data(), 8);
            if (record.population >= min_population || code == "PPLC" || code == "PPLA" || inside(record))
                out.push_back(make_place({layer, position}));
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Place& a, const Place& b) {
        return a.population != b.population ? a.population > b.population : a.geonameid < b.geonameid;
    });
    return out;
}

std::optional<Country> Gazetteer::country(std::string_view code_or_name) const {
    const auto trimmed = text::trim(code_or_name);
    if (trimmed.empty())
        return std::nullopt;
    if (trimmed.size() == 2 && text::is_ascii_letters(trimmed)) {
        const std::string iso2 = text::upper_ascii(trimmed);
        for (auto layer = layers_.rbegin(); layer != layers_.rend(); ++layer)
            if (const auto* record = layer->find_country(iso2))
                return make_country(*layer, *record);
        return std::nullopt;
    }
    if (trimmed.size() == 3 && text::is_ascii_letters(trimmed)) {
        const std::string iso3 = text::upper_ascii(trimmed);
        for (auto layer = layers_.rbegin(); layer != layers_.rend(); ++layer)
            for (const auto& record : layer->countries())
                if (format::code_text(record.iso3.data(), 3) == iso3)
                    return make_country(*layer, record);
    }
    return country_named(trimmed);
}

std::optional<Country> Gazetteer::country_named(std::string_view name) const {
    const std::string key = text::name_key(name);
    if (key.empty())
        return std::nullopt;
    for (auto layer = layers_.rbegin(); layer != layers_.rend(); ++layer)
        for (const auto& record : layer->countries())
            if (layer->string(record.key) == key)
                return make_country(*layer, record);
    // Other names of the country: those of its PCL* feature.
    for (auto layer = layers_.rbegin(); layer != layers_.rend(); ++layer) {
        auto key_id = layer->find_key(key);
        if (!key_id)
            continue;
        for (const auto& entry : layer->entries_of(*key_id)) {
            const auto& record = layer->places()[entry.place];
            if (!is_country_feature(record))
                continue;
            const auto iso2 = format::code_text(record.country.data(), 2);
            if (auto country = this->country(iso2))
                return country;
            return Country{std::string(iso2),
                           {},
                           std::string(layer->string(record.name)),
                           {},
                           record.geonameid,
                           record.population};
        }
    }
    return std::nullopt;
}

bool Gazetteer::is_country_name(std::string_view name) const {
    return country_named(text::trim(name)).has_value();
}

std::vector<std::pair<std::string, std::string>>
Gazetteer::admin1_matches(std::string_view key) const {
    std::set<std::pair<std::string, std::string>> found;
    if (key.empty())
        return {};
    for (const auto& layer : layers_) {
        for (const auto& record : layer.admin1())
            if (layer.string(record.key) == key)
                found.emplace(format::code_text(record.country.data(), 2),
                              layer.string(record.code));
        if (auto key_id = layer.find_key(key))
            for (const auto& entry : layer.entries_of(*key_id)) {
                const auto& record = layer.places()[entry.place];
                if (record.feature_class == 'A' &&
                    format::code_text(record.feature_code.data(), 8) == "ADM1")
                    found.emplace(format::code_text(record.country.data(), 2),
                                  layer.string(record.admin1_code));
            }
    }
    return {found.begin(), found.end()};
}

std::optional<AdminArea> Gazetteer::admin1(std::string_view name, std::string_view country) const {
    std::optional<std::string> wanted_country;
    if (!text::trim(country).empty()) {
        auto found = this->country(country);
        if (!found)
            return std::nullopt;
        wanted_country = found->iso2;
    }
    std::optional<AdminArea> best;
    std::int64_t best_population = -1;
    for (const auto& [iso2, code] : admin1_matches(text::name_key(name))) {
        if (wanted_country && iso2 != *wanted_country)
            continue;
        AdminArea area;
        area.country = iso2;
        area.code = code;
        for (auto layer = layers_.rbegin(); layer != layers_.rend() && area.name.empty(); ++layer)
            if (const auto* record = layer->find_admin1(iso2, code)) {
                area.name = layer->string(record->name);
                area.geonameid = record->geonameid;
            }
        if (area.geonameid != 0)
            area.area = place(area.geonameid);
        if (!area.area) {
            // No admin1 table: find the ADM1 feature by its name.
            Query query{std::string(name), iso2, {}, 20, false};
            for (auto& candidate : resolve(query))
                if (candidate.place.feature_code == "ADM1" && candidate.place.admin1_code == code) {
                    area.area = std::move(candidate.place);
                    break;
                }
        }
        if (area.area) {
            if (area.name.empty())
                area.name = area.area->name;
            area.geonameid = area.area->geonameid;
        }
        for (auto layer = static_cast<std::uint32_t>(layers_.size()); layer-- > 0;)
            if (auto seat = layers_[layer].find_seat(iso2, code)) {
                area.seat = place(layers_[layer].places()[*seat].geonameid);
                break;
            }
        const std::int64_t population = area.area ? area.area->population : 0;
        if (population > best_population) {
            best_population = population;
            best = std::move(area);
        }
    }
    return best;
}

double distance_km(double lat1, double lon1, double lat2, double lon2) {
    constexpr double radius_km = 6371.0;
    constexpr double to_radians = std::numbers::pi / 180.0;
    const double dlat = (lat2 - lat1) * to_radians;
    const double dlon = (lon2 - lon1) * to_radians;
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(lat1 * to_radians) * std::cos(lat2 * to_radians) * std::sin(dlon / 2) *
                         std::sin(dlon / 2);
    return 2 * radius_km * std::asin(std::min(1.0, std::sqrt(h)));
}

} // namespace incimap::gazetteer
