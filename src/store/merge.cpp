#include "store/merge.hpp"

#include "core/acled_codebook.hpp"
#include "core/ascii.hpp"
#include "gazetteer/place.hpp"
#include "store/particulars.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

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

// An actor a report could not name: none, or ACLED's "Unidentified …"
// (gunmen, "individus armés") — compatible with any actor.
bool unknown_actor(std::string_view key) { return key.empty() || key.starts_with("unidentified"); }

bool compatible(std::string_view a, std::string_view b) {
    auto ka = actor_key(a), kb = actor_key(b);
    return unknown_actor(ka) || unknown_actor(kb) || ka == kb;
}

bool among(const std::string& key, const std::vector<std::string>& actors) {
    return std::any_of(actors.begin(), actors.end(),
                       [&](const std::string& a) { return actor_key(a) == key; });
}

// One side of each incident: its actor, with the associated actors when it
// is actor1 (the only side an Incident keeps associates for).
struct Side {
    const std::string& actor;
    const std::vector<std::string>& associates;
};

bool sides_compatible(const Side& a, const Side& b) {
    if (compatible(a.actor, b.actor))
        return true;
    return among(actor_key(a.actor), b.associates) || among(actor_key(b.actor), a.associates);
}

const std::vector<std::string> no_associates;

bool in_order(const Incident& a, const Incident& b) {
    return sides_compatible({a.actor1, a.assoc_actors}, {b.actor1, b.assoc_actors}) &&
           sides_compatible({a.actor2, no_associates}, {b.actor2, no_associates});
}

bool actors_compatible(const Incident& a, const Incident& b) {
    bool swapped = sides_compatible({a.actor1, a.assoc_actors}, {b.actor2, no_associates}) &&
                   sides_compatible({a.actor2, no_associates}, {b.actor1, b.assoc_actors});
    return in_order(a, b) || swapped;
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

bool sub_events_compatible(std::string_view event_type, std::string_view a, std::string_view b) {
    a = trim(a);
    b = trim(b);
    if (a.empty() || b.empty() || equal_ignoring_case(a, b))
        return true;
    // How a protest went, whether a riot was a demonstration or a mob, and
    // whether a fight ended with ground taken, are told differently by
    // different witnesses; who was harmed and by what means are not.
    for (std::string_view loose : {acled::protests, acled::riots, acled::battles})
        if (equal_ignoring_case(trim(event_type), loose))
            return true;
    return false;
}

static bool crowd_event(std::string_view event_type) {
    return equal_ignoring_case(trim(event_type), acled::protests) ||
           equal_ignoring_case(trim(event_type), acled::riots);
}

bool fatalities_compatible(int a, int b) {
    if (a <= 0 || b <= 0)
        return true;
    const int low = std::min(a, b), high = std::max(a, b);
    return high < 5 * low || high - low < 10;
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
    if (!sub_events_compatible(stored.event_type, stored.sub_event_type, report.sub_event_type))
        return {false, "different sub-event type"};
    if (!actors_compatible(stored, report))
        return {false, "incompatible actors"};
    auto named = [](const Incident& incident) {
        Particulars set = 0;
        for (const auto& evidence : incident.notes)
            set |= particulars_of(evidence.text);
        return set;
    };
    Particulars a = named(stored), b = named(report);
    if (a != 0 && b != 0 && (a & b) == 0)
        return {false, "different particulars"};
    // A town holds many gatherings on one day: one that says who gathered
    // is not one that does not.
    if (crowd_event(report.event_type) && (a != 0) != (b != 0))
        return {false, "only one says who gathered"};
    auto places = [](const Incident& incident) {
        std::vector<std::string> names;
        for (const auto& evidence : incident.notes)
            for (auto& name : named_places(evidence.text))
                names.push_back(std::move(name));
        return names;
    };
    if (!places_compatible(places(stored), places(report)))
        return {false, "different places named"};
    const int stored_high = std::max(stored.fatalities, stored.fatalities_high);
    if (!fatalities_compatible(stored.fatalities, report.fatalities) &&
        !fatalities_compatible(stored_high, report.fatalities))
        return {false, "contradictory death tolls"};
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
    // A named actor replaces an unidentified one; the report's sides are
    // taken swapped when only that way they matched.
    auto fill_actor = [](std::string& field, const std::string& other) {
        if (unknown_actor(actor_key(field)) && !unknown_actor(actor_key(other)))
            field = other;
        else if (trim(field).empty())
            field = other;
    };
    bool swapped = !in_order(stored, report);
    fill_actor(merged.actor1, swapped ? report.actor2 : report.actor1);
    fill_actor(merged.actor2, swapped ? report.actor1 : report.actor2);
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
