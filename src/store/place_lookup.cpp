#include "store/place_lookup.hpp"

namespace incimap::store {

int geo_precision_of(const gazetteer::Place& place) {
    if (place.feature_class == 'P')
        return 1;
    if (place.feature_class == 'A' && place.feature_code == "ADM1")
        return 3;
    return 2;
}

PlaceResolver gazetteer_resolver(std::function<const gazetteer::Gazetteer&()> gazetteer) {
    return [gazetteer = std::move(gazetteer)](std::string_view name, std::string_view country,
                                              std::string_view admin1)
               -> std::optional<ResolvedPlace> {
        gazetteer::Query query;
        query.text = name;
        query.country_hint = country;
        query.admin1_hint = admin1;
        query.limit = 1;
        auto candidates = gazetteer().resolve(query);
        if (candidates.empty())
            return std::nullopt;
        const auto& place = candidates.front().place;
        return ResolvedPlace{place.name,    place.latitude, place.longitude,
                             place.geonameid, place.country,  place.admin1,
                             geo_precision_of(place)};
    };
}

} // namespace incimap::store
