#include "extract/place_resolver.hpp"

#include "text/fold.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>
#include <unordered_map>

namespace incimap::extract {
namespace {

using gazetteer::Candidate;
using gazetteer::Place;

constexpr std::size_t candidate_limit = 8;
constexpr double near_hint_km = 30;
constexpr double far_hint_km = 80;
constexpr double anchor_km = 100;

// What the hints of a name point at: admin1 regions and places.
struct HintTargets {
    std::set<std::pair<std::string, std::string>> regions;  // (country, admin1 code)
    std::vector<Place> points;
    bool empty() const { return regions.empty() && points.empty(); }
};

// The mentions of one name in a document: they share one sense.
struct NameGroup {
    std::string name;
    std::string alternate;
    bool region_scope = false;
    std::vector<std::size_t> members;
    std::vector<std::string> hints;
    PlaceCue best_cue = PlaceCue::none;
    bool only_sentence_start = true;
    // Results.
    std::vector<Candidate> candidates;
    std::optional<gazetteer::AdminArea> admin;
    std::string country;  // the name is a country's
    HintTargets targets;
};

struct Scored {
    const Candidate* candidate = nullptr;
    double score = 0;
    bool hint_confirmed = false;
};

struct Anchor {
    std::size_t group;
    Place place;
};

bool is_populated(const Place& p) { return p.feature_class == 'P'; }

bool is_seat(const Place& p) {
    return p.feature_code == "PPLC" || p.feature_code == "PPLA" || p.feature_code == "PPLA2" ||
           p.feature_code == "PPLA3";
}

// A place a report may name without any cue: a town of some size, a seat,
// an administrative unit.
bool is_prominent(const Place& p, std::int64_t min_population) {
    if (is_populated(p))
        return is_seat(p) || p.population >= min_population;
    return p.feature_class == 'A' && (p.feature_code == "ADM1" || p.feature_code == "ADM2");
}

class DocumentResolution {
public:
    DocumentResolution(const gazetteer::Gazetteer& gazetteer, const std::vector<PlaceMention>& mentions,
                       const PlaceContext& context)
        : gazetteer_(gazetteer), mentions_(mentions), votes_(context.countries) {}

    std::vector<std::optional<ResolvedPlace>> run();

private:
    const gazetteer::Gazetteer& gazetteer_;
    const std::vector<PlaceMention>& mentions_;
    std::map<std::string, int> votes_;
    std::string top_country_;
    std::vector<NameGroup> groups_;
    std::vector<std::size_t> group_of_;
    std::vector<Anchor> anchors_;
    std::unordered_map<std::string, HintTargets> hint_cache_;

    void group_mentions();
    void look_up(NameGroup& group) const;
    const HintTargets& hint_targets(const std::string& hint);
    double context_bonus(const NameGroup& group, std::size_t group_index, const Place& place,
                         bool& hint_confirmed) const;
    std::vector<Scored> rank(const NameGroup& group, std::size_t group_index) const;
    bool accepted(const NameGroup& group, const Scored& best) const;
    ResolvedPlace make_result(const Scored& best, double margin, const PlaceMention& mention) const;
};

void DocumentResolution::group_mentions() {
    std::unordered_map<std::string, std::size_t> by_key;
    group_of_.resize(mentions_.size());
    for (std::size_t i = 0; i < mentions_.size(); ++i) {
        const PlaceMention& m = mentions_[i];
        const bool region = m.scope == PlaceScope::region;
        std::string key = text::name_key(m.name) + (region ? "#region" : "");
        auto [it, added] = by_key.emplace(key, groups_.size());
        if (added) {
            groups_.emplace_back();
            groups_.back().name = m.name;
            groups_.back().region_scope = region;
        }
        NameGroup& g = groups_[it->second];
        group_of_[i] = it->second;
        g.members.push_back(i);
        if (g.alternate.empty())
            g.alternate = m.alternate;
        g.best_cue = std::max(g.best_cue, m.cue);
        g.only_sentence_start = g.only_sentence_start && m.sentence_start && m.cue == PlaceCue::none;
        for (const auto& hint : m.hints)
            g.hints.push_back(hint);
    }
    // A region named in the same sentence hints at the other places of it:
    // "Moura, a village in the Mopti region".
    for (std::size_t i = 0; i < mentions_.size(); ++i) {
        if (mentions_[i].scope != PlaceScope::region)
            continue;
        for (std::size_t j = 0; j < mentions_.size(); ++j)
            if (j != i && mentions_[j].sentence == mentions_[i].sentence &&
                mentions_[j].scope != PlaceScope::region)
                groups_[group_of_[j]].hints.push_back(mentions_[i].name);
    }
}

void DocumentResolution::look_up(NameGroup& group) const {
    if (gazetteer_.is_country_name(group.name)) {
        if (auto country = gazetteer_.country(group.name))
            group.country = country->iso2;
        return;
    }
    if (group.region_scope)
        group.admin = gazetteer_.admin1(group.name);
    gazetteer::Query query{group.name, {}, {}, candidate_limit, false};
    group.candidates = gazetteer_.resolve(query);
    if (group.candidates.empty() && !group.alternate.empty()) {
        query.text = group.alternate;
        group.candidates = gazetteer_.resolve(query);
    }
    // Press spellings ("Tinzaouatine") only where the text says it is a place.
    if (group.candidates.empty() && group.best_cue >= PlaceCue::strong) {
        query.text = group.name;
        query.fuzzy = true;
        group.candidates = gazetteer_.resolve(query);
    }
}

const HintTargets& DocumentResolution::hint_targets(const std::string& hint) {
    const std::string key = text::name_key(hint);
    if (auto it = hint_cache_.find(key); it != hint_cache_.end())
        return it->second;
    HintTargets targets;
    if (auto area = gazetteer_.admin1(hint))
        targets.regions.emplace(area->country, area->code);
    gazetteer::Query query{hint, {}, {}, 3, false};
    for (auto& candidate : gazetteer_.resolve(query)) {
        const Place& p = candidate.place;
        if (p.feature_class == 'A' && p.feature_code == "ADM1")
            targets.regions.emplace(p.country, p.admin1_code);
        else if (p.feature_class == 'P' || p.feature_class == 'A')
            targets.points.push_back(p);
    }
    return hint_cache_.emplace(key, std::move(targets)).first->second;
}

double DocumentResolution::context_bonus(const NameGroup& group, std::size_t group_index,
                                         const Place& place, bool& hint_confirmed) const {
    double bonus = 0;
    hint_confirmed = false;
    if (!group.targets.empty()) {
        if (group.targets.regions.contains({place.country, place.admin1_code})) {
            bonus += 3;
            hint_confirmed = true;
        }
        double nearest = 1e9;
        for (const auto& point : group.targets.points)
            if (point.geonameid != place.geonameid || group.targets.points.size() == 1)
                nearest = std::min(nearest, distance_km(place.latitude, place.longitude,
                                                        point.latitude, point.longitude));
        if (nearest <= near_hint_km) {
            bonus += 3;
            hint_confirmed = true;
        } else if (nearest <= far_hint_km) {
            bonus += 1.5;
            hint_confirmed = true;
        }
        if (!hint_confirmed)
            bonus -= 1.5;
    }
    if (!votes_.empty()) {
        if (place.country == top_country_)
            bonus += 1.5;
        else if (votes_.contains(place.country))
            bonus += 0.75;
        else
            bonus -= 1.0;
    }
    bool same_region = false;
    bool close = false;
    for (const auto& anchor : anchors_) {
        if (anchor.group == group_index)
            continue;
        same_region = same_region || (anchor.place.country == place.country &&
                                      anchor.place.admin1_code == place.admin1_code);
        close = close || distance_km(anchor.place.latitude, anchor.place.longitude,
                                     place.latitude, place.longitude) <= anchor_km;
    }
    bonus += (same_region ? 0.5 : 0) + (close ? 0.75 : 0);
    return bonus;
}

std::vector<Scored> DocumentResolution::rank(const NameGroup& group, std::size_t group_index) const {
    std::vector<Scored> ranked;
    for (const auto& candidate : group.candidates) {
        Scored s{&candidate, candidate.score, false};
        s.score += context_bonus(group, group_index, candidate.place, s.hint_confirmed);
        // A country's own feature is never an incident place.
        if (candidate.place.feature_class == 'A' && candidate.place.feature_code.starts_with("PCL"))
            continue;
        ranked.push_back(s);
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const Scored& a, const Scored& b) { return a.score > b.score; });
    return ranked;
}

bool DocumentResolution::accepted(const NameGroup& group, const Scored& best) const {
    const Place& p = best.candidate->place;
    if (best.candidate->edits > 0 && (group.best_cue < PlaceCue::strong || group.only_sentence_start))
        return false;  // a weak fuzzy match
    if (group.best_cue == PlaceCue::settlement || best.hint_confirmed)
        return true;
    const bool terrain = p.feature_class == 'H' || p.feature_class == 'T' ||
                         p.feature_class == 'V' || p.feature_class == 'R' || p.feature_class == 'U';
    if (terrain && group.best_cue < PlaceCue::strong)
        return false;
    if (group.only_sentence_start)
        return is_prominent(p, 20000);
    if (group.best_cue == PlaceCue::none)
        return is_prominent(p, 5000);
    return true;
}

ResolvedPlace DocumentResolution::make_result(const Scored& best, double margin,
                                              const PlaceMention& mention) const {
    ResolvedPlace result;
    result.place = best.candidate->place;
    result.score = best.score;
    result.edits = best.candidate->edits;
    const Place& p = result.place;
    if (p.feature_class == 'A' && p.feature_code == "ADM1") {
        result.precision = GeoPrecision::region;
        result.region = true;
    } else if (mention.scope != PlaceScope::place || p.feature_class == 'A' ||
               p.feature_class == 'L' || p.feature_class == 'H' || p.feature_class == 'T') {
        result.precision = GeoPrecision::near;
    }
    double q = 0.5;
    q += mention.cue == PlaceCue::settlement || mention.cue == PlaceCue::strong ? 0.25
         : mention.cue == PlaceCue::weak                                       ? 0.15
                                                                               : 0.0;
    if (best.hint_confirmed)
        q += 0.2;
    if (margin >= 1.5)
        q += 0.1;
    if (result.edits > 0)
        q -= 0.15;
    if (mention.sentence_start && mention.cue == PlaceCue::none)
        q -= 0.1;
    result.quality = std::clamp(q, 0.1, 1.0);
    return result;
}

std::vector<std::optional<ResolvedPlace>> DocumentResolution::run() {
    group_mentions();
    for (auto& group : groups_) {
        look_up(group);
        if (!group.country.empty())
            votes_[group.country] += static_cast<int>(group.members.size());
    }
    int top_votes = 0;
    for (const auto& [country, count] : votes_)
        if (count > top_votes) {
            top_votes = count;
            top_country_ = country;
        }
    for (auto& group : groups_)
        for (const auto& hint : group.hints) {
            const HintTargets& targets = hint_targets(hint);
            group.targets.regions.insert(targets.regions.begin(), targets.regions.end());
            group.targets.points.insert(group.targets.points.end(), targets.points.begin(),
                                        targets.points.end());
        }

    // Pass 1: names that stand on their own become anchors for the others.
    for (std::size_t g = 0; g < groups_.size(); ++g) {
        const NameGroup& group = groups_[g];
        if (!group.country.empty() || group.region_scope)
            continue;
        auto ranked = rank(group, g);
        if (ranked.empty() || !accepted(group, ranked.front()))
            continue;
        double rival = -1e9;
        for (std::size_t r = 1; r < ranked.size(); ++r) {
            const Place& a = ranked.front().candidate->place;
            const Place& b = ranked[r].candidate->place;
            if (distance_km(a.latitude, a.longitude, b.latitude, b.longitude) > 25) {
                rival = ranked[r].score;
                break;
            }
        }
        if (ranked.front().score - rival >= 1.0 || ranked.front().hint_confirmed)
            anchors_.push_back({g, ranked.front().candidate->place});
    }

    // Pass 2: every name with the anchors as context.
    std::vector<std::optional<ResolvedPlace>> results(mentions_.size());
    for (std::size_t g = 0; g < groups_.size(); ++g) {
        NameGroup& group = groups_[g];
        if (!group.country.empty())
            continue;
        if (group.region_scope && group.admin) {
            const auto& area = group.admin->area ? group.admin->area : group.admin->seat;
            if (area) {
                for (std::size_t i : group.members) {
                    ResolvedPlace r;
                    r.place = *area;
                    r.precision = GeoPrecision::region;
                    r.region = true;
                    r.quality = 0.6;
                    r.score = 0;
                    results[i] = std::move(r);
                }
                continue;
            }
        }
        auto ranked = rank(group, g);
        if (ranked.empty() || !accepted(group, ranked.front()))
            continue;
        double margin = 10;
        for (std::size_t r = 1; r < ranked.size(); ++r) {
            const Place& a = ranked.front().candidate->place;
            const Place& b = ranked[r].candidate->place;
            if (distance_km(a.latitude, a.longitude, b.latitude, b.longitude) > 25) {
                margin = ranked.front().score - ranked[r].score;
                break;
            }
        }
        for (std::size_t i : group.members)
            results[i] = make_result(ranked.front(), margin, mentions_[i]);
    }
    return results;
}

} // namespace

std::vector<std::optional<ResolvedPlace>> PlaceResolver::resolve(
    const std::vector<PlaceMention>& mentions, const PlaceContext& context) const {
    return DocumentResolution(gazetteer_, mentions, context).run();
}

std::vector<std::string> PlaceResolver::countries_named(
    const std::vector<PlaceMention>& mentions) const {
    std::vector<std::string> countries;
    countries.reserve(mentions.size());
    for (const auto& m : mentions) {
        std::string iso;
        if (gazetteer_.is_country_name(m.name))
            if (auto country = gazetteer_.country(m.name))
                iso = country->iso2;
        countries.push_back(std::move(iso));
    }
    return countries;
}

double distance_km(double lat1, double lon1, double lat2, double lon2) {
    constexpr double radians = std::numbers::pi / 180.0;
    const double dlat = (lat2 - lat1) * radians;
    const double dlon = (lon2 - lon1) * radians;
    const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(lat1 * radians) * std::cos(lat2 * radians) * std::sin(dlon / 2) *
                         std::sin(dlon / 2);
    return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

} // namespace incimap::extract
