#include "gazetteer/learned_places.hpp"

#include "core/fnv1a.hpp"
#include "text/fold.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <set>
#include <tuple>

namespace incimap::gazetteer {
namespace {

constexpr double same_place_km = 10;   // one name's points closer than this are one place
constexpr double known_place_km = 10;  // the gazetteer already has the name this near
constexpr double known_unit_km = 25;   // … or the unit's name this near its events
constexpr std::size_t unit_min_events = 3;  // a unit's point is the median of at least these
constexpr std::int64_t learned_first_id = 8'000'000'000;
constexpr std::int64_t learned_id_span = 1'000'000'000;

struct Point {
    double latitude;
    double longitude;
    auto operator<=>(const Point&) const = default;
};

// Counts of values, the most frequent first (ties: the smallest value).
template <typename T>
T most_frequent(const std::map<T, std::size_t>& counts) {
    auto best = counts.begin();
    for (auto it = counts.begin(); it != counts.end(); ++it)
        if (it->second > best->second)
            best = it;
    return best->first;
}

// The events of one name in one country.
struct NameEvents {
    std::map<Point, std::size_t> points;
    std::map<std::string, std::size_t> spellings;
    std::map<Point, std::map<std::string, std::size_t>> admin1_at;  // admin1 names at each point
};

struct UnitEvents {
    std::vector<double> latitudes;
    std::vector<double> longitudes;
};

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

bool is_learned(std::int64_t geonameid);

// Whether the gazetteer holds a place of this name in the country within
// km; places learned before do not count, so learning again from a grown
// store gives every place anew.
bool known_near(const Gazetteer& known, const std::string& name, const std::string& country,
                const Point& at, double km) {
    for (const auto& candidate : known.resolve(Query{name, {}, {}, 50, false}))
        if (candidate.place.country == country && !is_learned(candidate.place.geonameid) &&
            distance_km(candidate.place.latitude, candidate.place.longitude, at.latitude, at.longitude) <= km)
            return true;
    return false;
}

std::string admin1_code(const Gazetteer& known, const std::string& admin1, const std::string& country) {
    if (admin1.empty())
        return {};
    const auto area = known.admin1(admin1, country);
    return area && area->country == country ? area->code : std::string();
}

// A name a dump row can carry: valid UTF-8 without tabs or line breaks.
bool usable_name(std::string_view name) {
    return text::is_valid_utf8(name) && name.find_first_of("\t\r\n") == std::string_view::npos;
}

bool is_learned(std::int64_t geonameid) {
    return geonameid >= learned_first_id && geonameid < learned_first_id + learned_id_span;
}

} // namespace

bool is_learned_id(std::int64_t geonameid) { return is_learned(geonameid); }

LearnedPlaces learn_places(std::span<const CodedPlace> coded, const Gazetteer& known) {
    LearnedPlaces learned;
    learned.events_read = coded.size();
    std::map<std::pair<std::string, std::string>, NameEvents> names;  // (country, key)
    using UnitKey = std::tuple<std::string, std::string, std::string, std::string>;
    std::map<UnitKey, UnitEvents> units;  // (country, admin1, admin2, admin3)
    std::map<std::string, std::string> countries;  // as coded -> ISO alpha-2, "" unknown
    for (const CodedPlace& event : coded) {
        if (event.geo_precision != 1 || !std::isfinite(event.latitude) || !std::isfinite(event.longitude) ||
            std::abs(event.latitude) > 90 || std::abs(event.longitude) > 180)
            continue;
        auto [it, added] = countries.try_emplace(event.country);
        if (added)
            if (const auto country = known.country(event.country))
                it->second = country->iso2;
        const std::string& iso2 = it->second;
        if (iso2.empty())
            continue;
        if (!usable_name(event.location) || !usable_name(event.admin1) || !usable_name(event.admin3))
            continue;
        ++learned.events_used;
        const Point at{event.latitude, event.longitude};
        if (std::string key = text::name_key(event.location); !key.empty()) {
            NameEvents& name = names[{iso2, std::move(key)}];
            ++name.points[at];
            ++name.spellings[event.location];
            ++name.admin1_at[at][event.admin1];
        }
        if (!text::name_key(event.admin3).empty()) {
            UnitEvents& unit = units[{iso2, event.admin1, event.admin2, event.admin3}];
            unit.latitudes.push_back(at.latitude);
            unit.longitudes.push_back(at.longitude);
        }
    }

    std::set<std::int64_t> ids;
    auto add = [&](LearnedPlace place) {
        const std::string identity = fmt::format("{}\t{}\t{}\t{:.2f}\t{:.2f}", place.country, text::name_key(place.name),
                                                 place.feature_code, place.latitude, place.longitude);
        std::int64_t id = learned_first_id + static_cast<std::int64_t>(fnv1a::hash(identity) % learned_id_span);
        while (!ids.insert(id).second)
            id = learned_first_id + (id - learned_first_id + 1) % learned_id_span;
        place.geonameid = id;
        learned.places.push_back(std::move(place));
    };

    for (const auto& [key, events] : names) {
        const std::string& iso2 = key.first;
        // Clusters of its points, the most used point of each as its place.
        std::vector<std::pair<Point, std::size_t>> points(events.points.begin(), events.points.end());
        std::stable_sort(points.begin(), points.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        std::vector<std::pair<Point, std::size_t>> clusters;
        for (const auto& point : points) {
            const Point& at = point.first;
            const std::size_t count = point.second;
            auto near = std::find_if(clusters.begin(), clusters.end(), [&](const auto& cluster) {
                return distance_km(cluster.first.latitude, cluster.first.longitude, at.latitude, at.longitude) <=
                       same_place_km;
            });
            if (near == clusters.end())
                clusters.emplace_back(at, count);
            else
                near->second += count;
        }
        const std::string name = most_frequent(events.spellings);
        for (const auto& [at, count] : clusters) {
            if (known_near(known, name, iso2, at, known_place_km)) {
                ++learned.names_known;
                continue;
            }
            LearnedPlace place;
            place.name = name;
            place.latitude = at.latitude;
            place.longitude = at.longitude;
            place.country = iso2;
            place.admin1_code = admin1_code(known, most_frequent(events.admin1_at.at(at)), iso2);
            place.events = count;
            add(std::move(place));
        }
    }

    // The learned places' name keys, for the units named like one of them.
    std::vector<std::string> place_keys;
    for (const LearnedPlace& p : learned.places)
        place_keys.push_back(text::name_key(p.name));
    for (const auto& [key, events] : units) {
        const std::string& iso2 = std::get<0>(key);
        const std::string& admin1 = std::get<1>(key);
        const std::string& admin3 = std::get<3>(key);
        if (events.latitudes.size() < unit_min_events)
            continue;
        const Point at{median(events.latitudes), median(events.longitudes)};
        if (known_near(known, admin3, iso2, at, known_unit_km))
            continue;
        const std::string unit_key = text::name_key(admin3);
        bool learned_as_place = false;
        for (std::size_t i = 0; i < place_keys.size() && !learned_as_place; ++i) {
            const LearnedPlace& p = learned.places[i];
            learned_as_place = place_keys[i] == unit_key && p.country == iso2 &&
                               distance_km(p.latitude, p.longitude, at.latitude, at.longitude) <= known_unit_km;
        }
        if (learned_as_place)
            continue;
        LearnedPlace place;
        place.name = admin3;
        place.latitude = at.latitude;
        place.longitude = at.longitude;
        place.feature_class = 'A';
        place.feature_code = "ADM3";
        place.country = iso2;
        place.admin1_code = admin1_code(known, admin1, iso2);
        place.events = events.latitudes.size();
        add(std::move(place));
    }
    std::sort(learned.places.begin(), learned.places.end(), [](const LearnedPlace& a, const LearnedPlace& b) {
        return std::tie(a.country, a.name, a.geonameid) < std::tie(b.country, b.name, b.geonameid);
    });
    return learned;
}

void write_geonames_rows(std::span<const LearnedPlace> places, std::ostream& out) {
    for (const LearnedPlace& p : places) {
        // geonameid, name, asciiname, alternatenames, latitude, longitude,
        // class, code, country, cc2, admin1..4, population, elevation, dem,
        // timezone, modification date
        out << fmt::format("{}\t{}\t{}\t\t{:.5f}\t{:.5f}\t{}\t{}\t{}\t\t{}\t\t\t\t0\t\t\t\t\n", p.geonameid, p.name,
                           p.name, p.latitude, p.longitude, p.feature_class, p.feature_code, p.country,
                           p.admin1_code);
    }
}

} // namespace incimap::gazetteer
