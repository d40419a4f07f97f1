#include "store/merge.hpp"

#include "core/ascii.hpp"
#include "gazetteer/place.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace incimap::store {
namespace {

// Actor names compared ignoring ASCII case and runs of spaces.
std::string actor_key(std::string_view name) {
    std::string key;
    bool space = false;
    for (char c : trim(name)) {
        if (c == ' ' || c == '\t') {
            space = true;
            continue;
        }
        if (space && !key.empty())
            key += ' ';
        space = false;
        key += ascii_lower(c);
    }
    return key;
}

bool compatible(std::string_view a, std::string_view b) {
    auto ka = actor_key(a), kb = actor_key(b);
    return ka.empty() || kb.empty() || ka == kb;
}

bool actors_compatible(const Incident& a, const Incident& b) {
    bool in_order = compatible(a.actor1, b.actor1) && compatible(a.actor2, b.actor2);
    bool swapped = compatible(a.actor1, b.actor2) && compatible(a.actor2, b.actor1);
    return in_order || swapped;
}

// The range of deaths a report gives, with its single figure inside.
struct Figures {
    int fatalities, low, high;
};

Figures figures_of(const Incident& incident) {
    int f = incident.fatalities;
    int low = incident.fatalities_low > 0 ? incident.fatalities_low : f;
    if (f > 0)
        low = std::min(low, f);
    int high = std::max(incident.fatalities_high, f);
    return {f, low, high};
}

// The lower of two figures where 0 means "no figure".
int lowest_positive(int a, int b) { return a > 0 && b > 0 ? std::min(a, b) : std::max(a, b); }

} // namespace

double distance_km(double lat1, double lon1, double lat2, double lon2) {
    return gazetteer::distance_km(lat1, lon1, lat2, lon2);
}

MergeDecision same_incident(const Incident& stored, const Incident& report) {
    if (stored.event_date != report.event_date)
        return {false, "different day"};
    bool same_geonameid = stored.geonameid != 0 && stored.geonameid == report.geonameid;
    if (!same_geonameid && distance_km(stored.latitude, stored.longitude, report.latitude,
                                       report.longitude) > same_place_km)
        return {false, "more than 10 km apart"};
    if (!equal_ignoring_case(trim(stored.event_type), trim(report.event_type)))
        return {false, "different event type"};
    if (!actors_compatible(stored, report))
        return {false, "incompatible actors"};
    return {true, {}};
}

Incident merge_reports(const Incident& stored, const Incident& report) {
    Incident merged = stored;

    auto a = figures_of(stored), b = figures_of(report);
    merged.fatalities = lowest_positive(a.fatalities, b.fatalities);
    merged.fatalities_low = lowest_positive(a.low, b.low);
    merged.fatalities_high = std::max(a.high, b.high);

    if (report.time_precision < stored.time_precision) {
        merged.time_precision = report.time_precision;
        merged.event_date = report.event_date;
    }
    if (report.geo_precision < stored.geo_precision) {
        merged.geo_precision = report.geo_precision;
        merged.location = report.location;
        merged.latitude = report.latitude;
        merged.longitude = report.longitude;
        merged.geonameid = report.geonameid;
        merged.admin1 = report.admin1;
        merged.country = report.country;
        merged.iso = report.iso;
    }

    auto fill = [](std::string& field, const std::string& other) {
        if (trim(field).empty())
            field = other;
    };
    fill(merged.sub_event_type, report.sub_event_type);
    fill(merged.country, report.country);
    fill(merged.iso, report.iso);
    fill(merged.admin1, report.admin1);
    bool swapped = !(compatible(stored.actor1, report.actor1) &&
                     compatible(stored.actor2, report.actor2));
    fill(merged.actor1, swapped ? report.actor2 : report.actor1);
    fill(merged.actor2, swapped ? report.actor1 : report.actor2);
    for (const auto& actor : report.assoc_actors) {
        auto key = actor_key(actor);
        bool known = std::any_of(merged.assoc_actors.begin(), merged.assoc_actors.end(),
                                 [&](const std::string& a) { return actor_key(a) == key; });
        if (!known && !key.empty())
            merged.assoc_actors.push_back(actor);
    }
    merged.confidence = std::max(stored.confidence, report.confidence);
    merged.sources = std::max(stored.sources, 1) + 1;
    return merged;
}

} // namespace incimap::store
