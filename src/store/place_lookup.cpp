#include "store/place_lookup.hpp"

#include "core/error.hpp"
#include "extract/place_resolver.hpp"
#include "core/countries.hpp"
#include "text/fold.hpp"

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <unordered_map>
#include <variant>

namespace incimap::store {
namespace {

// One row's place, found as the reader finds a place named in a report.
class RowPlacer {
public:
    RowPlacer(const gazetteer::Gazetteer& gazetteer, RowPlacing placing)
        : gazetteer_(gazetteer), resolver_(gazetteer), placing_(placing) {}

    // Throws InputError with every reason the row could not be placed.
    ResolvedPlace place(const PlaceQuery& row) const {
        std::vector<std::string> reasons;
        if (!row.location.empty())
            if (auto found = named(row.location, {row.admin3, row.admin2, row.admin1}, row.iso,
                                   extract::PlaceScope::place, "location", reasons))
                return *found;
        // The location is unknown: its admin units, smallest first, stand
        // for it, as ACLED codes an event it can place no nearer.
        if (!row.admin3.empty())
            if (auto found = named(row.admin3, {row.admin2, row.admin1}, row.iso,
                                   extract::PlaceScope::area, "admin3", reasons))
                return at_precision(*found, GeoPrecision::near);
        if (!row.admin2.empty())
            if (auto found = named(row.admin2, {row.admin1}, row.iso, extract::PlaceScope::area,
                                   "admin2", reasons))
                return at_precision(*found, GeoPrecision::near);
        if (!row.admin1.empty())
            if (auto found = region(row.admin1, row.iso, reasons))
                return *found;
        std::string why;
        for (const auto& reason : reasons)
            why += (why.empty() ? "" : "; ") + reason;
        throw InputError(fmt::format("no place for '{}'{}: {}", row.location, in_country(row.iso),
                                     why.empty() ? "no location nor admin units" : why));
    }

private:
    static std::string in_country(std::string_view iso) {
        if (iso.empty())
            return {};
        const Country* country = country_by_iso2(iso);
        return fmt::format(" in {}", country ? country->name : iso);
    }

    static ResolvedPlace at_precision(ResolvedPlace place, GeoPrecision precision) {
        place.geo_precision = std::max(place.geo_precision, static_cast<int>(precision));
        return place;
    }

    static ResolvedPlace result(const gazetteer::Place& place, GeoPrecision precision) {
        return ResolvedPlace{place.name,    place.latitude, place.longitude,
                             place.geonameid, place.country,  place.admin1,
                             static_cast<int>(precision)};
    }

    // NAME as a report would give it: "NAME (HINTS...)", in the row's country.
    std::optional<ResolvedPlace> named(std::string_view name, std::initializer_list<std::string_view> hints,
                                       std::string_view iso, extract::PlaceScope scope,
                                       std::string_view what, std::vector<std::string>& reasons) const {
        extract::PlaceMention mention;
        mention.name = std::string(name);
        mention.cue = extract::PlaceCue::strong;
        mention.scope = scope;
        for (auto hint : hints)
            if (!hint.empty())
                mention.hints.emplace_back(hint);
        extract::PlaceContext context;
        if (!iso.empty()) {
            context.countries[std::string(iso)] = 1;
            context.required_country = std::string(iso);
        }
        const auto found = resolver_.resolve({mention}, context).front();
        if (!found) {
            reasons.push_back(fmt::format("{} '{}' not found", what, name));
            return std::nullopt;
        }
        const auto& place = found->place;
        if (!iso.empty() && place.country != iso) {
            reasons.push_back(fmt::format("{} '{}' best matches {} in {}", what, name, place.name,
                                          place.country.empty() ? "no country" : place.country));
            return std::nullopt;
        }
        if (found->edits > 0) {
            const auto letters = text::name_key(name).size();
            if (static_cast<double>(found->edits) > placing_.fuzzy_edit_share * static_cast<double>(letters)) {
                reasons.push_back(fmt::format("{} '{}' found only as {}, {} {} off in {} letters", what,
                                              name, place.name, found->edits,
                                              found->edits == 1 ? "edit" : "edits", letters));
                return std::nullopt;
            }
        }
        return result(place, found->precision);
    }

    // A first-level region: its ADM1 feature, else its seat.
    std::optional<ResolvedPlace> region(std::string_view name, std::string_view iso,
                                        std::vector<std::string>& reasons) const {
        if (const auto area = gazetteer_.admin1(name, iso)) {
            if (area->area)
                return result(*area->area, GeoPrecision::region);
            if (area->seat)
                return result(*area->seat, GeoPrecision::region);
        }
        reasons.push_back(fmt::format("admin1 '{}' not found", name));
        return std::nullopt;
    }

    const gazetteer::Gazetteer& gazetteer_;
    extract::PlaceResolver resolver_;
    RowPlacing placing_;
};

// The placer, made on the first row, and the answers so far: a table names
// the same places over and over.
struct PlacingState {
    std::function<const gazetteer::Gazetteer&()> gazetteer;
    RowPlacing placing;
    std::optional<RowPlacer> placer;
    std::unordered_map<std::string, std::variant<ResolvedPlace, std::string>> answers;
};

} // namespace

int geo_precision_of(const gazetteer::Place& place) {
    if (place.feature_class == 'P')
        return 1;
    if (place.feature_class == 'A' && place.feature_code == "ADM1")
        return 3;
    return 2;
}

PlaceResolver gazetteer_resolver(std::function<const gazetteer::Gazetteer&()> gazetteer,
                                 RowPlacing placing) {
    auto state = std::make_shared<PlacingState>();
    state->gazetteer = std::move(gazetteer);
    state->placing = placing;
    return [state](const PlaceQuery& row) -> ResolvedPlace {
        std::string key = fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}", row.location, row.iso, row.admin1,
                                      row.admin2, row.admin3);
        auto it = state->answers.find(key);
        if (it == state->answers.end()) {
            if (!state->placer)
                state->placer.emplace(state->gazetteer(), state->placing);
            std::variant<ResolvedPlace, std::string> answer;
            try {
                answer = state->placer->place(row);
            } catch (const InputError& e) {
                answer = std::string(e.what());
            }
            it = state->answers.emplace(std::move(key), std::move(answer)).first;
        }
        if (const auto* reason = std::get_if<std::string>(&it->second))
            throw InputError(*reason);
        return std::get<ResolvedPlace>(it->second);
    };
}

} // namespace incimap::store
