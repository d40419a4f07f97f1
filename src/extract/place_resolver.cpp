#include "extract/place_resolver.hpp"

#include "extract/place_ranker.hpp"
#include "text/fold.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <span>
#include <unordered_map>

namespace incimap::extract {
namespace {

using gazetteer::Candidate;
using gazetteer::Place;

constexpr std::size_t candidate_limit = 8;
constexpr std::size_t hinted_candidate_limit = 40;
// A chain of hints is read as far as this: "(Commune, Province, Region)"
// needs three. A name a long report repeats with many different brackets
// gathers them all; each hint of a chain is looked up with every hint
// after it, so an unbounded chain would cost its length squared.
constexpr std::size_t chain_hints_read = 8;
constexpr double near_hint_km = 30;
constexpr double far_hint_km = 80;
constexpr double anchor_km = 100;

// incimap reads reports about Mali, Burkina Faso and Niger; the embedded
// gazetteer also holds their neighbours' towns, which should not win a tie.
constexpr double focus_country_bonus = 0.5;
bool is_focus_country(std::string_view iso) { return iso == "ML" || iso == "BF" || iso == "NE"; }

// NAME with each run of one ASCII letter written once: "Solle" -> "Sole".
std::string single_letters(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (const char c : name) {
        const bool letter = std::isalpha(static_cast<unsigned char>(c)) != 0;
        if (letter && !out.empty() &&
            std::tolower(static_cast<unsigned char>(out.back())) == std::tolower(static_cast<unsigned char>(c)))
            continue;
        out += c;
    }
    return out;
}

// What the hints of a name point at: admin1 regions named as such, the
// regions of the smaller units named, towns and units.
struct HintTargets {
    std::set<std::pair<std::string, std::string>> regions;       // (country, admin1 code)
    std::set<std::pair<std::string, std::string>> unit_regions;  // regions of named units
    std::vector<Place> towns;
    std::vector<Place> units;  // ADM2, ADM3: points inside large areas
    std::vector<Place> communes;  // towns named as such, not as their region ("Ansongo", not "Gao")
    bool empty() const { return regions.empty() && towns.empty() && units.empty(); }
    void merge(const HintTargets& more) {
        regions.insert(more.regions.begin(), more.regions.end());
        unit_regions.insert(more.unit_regions.begin(), more.unit_regions.end());
        towns.insert(towns.end(), more.towns.begin(), more.towns.end());
        units.insert(units.end(), more.units.begin(), more.units.end());
        communes.insert(communes.end(), more.communes.begin(), more.communes.end());
    }
};

const HintTargets& no_targets() {
    static const HintTargets none;
    return none;
}

// The mentions of one name in a document: they share one sense.
struct NameGroup {
    std::string name;
    std::string alternate;
    bool region_scope = false;
    bool area_scope = false;  // some mention says "X district", "X province"
    std::vector<std::size_t> members;
    std::vector<std::string> hints;
    std::vector<std::string> own_hints;  // its mentions' own: "(Commune, Province)"
    PlaceCue best_cue = PlaceCue::none;
    bool only_sentence_start = true;
    bool hint = false;  // a name in brackets that locates another: no country votes
    // Results. The candidates and the targets are the document's lookups,
    // which outlive every group.
    std::span<const Candidate> candidates;
    std::optional<gazetteer::AdminArea> admin;
    std::string country;  // the name is a country's
    const HintTargets* targets = &no_targets();
};

struct Scored {
    const Candidate* candidate = nullptr;
    double score = 0;
    bool hint_confirmed = false;
    double hint_bonus = 0;  // what the hints gave it
    bool beside_town = false;  // within near_hint_km of a town the hints name
    PlaceFeatures features{};
};

struct Anchor {
    std::size_t group;
    Place place;
};

// A name's hints hold each name once, in the order first written: a report
// that repeats "(Douentza, Mopti)" at every mention says it once.
void add_hint(std::vector<std::string>& hints, const std::string& hint) {
    if (std::find(hints.begin(), hints.end(), hint) == hints.end())
        hints.push_back(hint);
}

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
                       const PlaceContext& context, std::vector<RankedGroup>* ranking)
        : gazetteer_(gazetteer), ranker_(PlaceRanker::builtin()), mentions_(mentions),
          votes_(context.countries), ranking_(ranking), required_country_(context.required_country),
          country_hint_(gazetteer.country(required_country_) ? required_country_ : std::string()) {}

    std::vector<std::optional<ResolvedPlace>> run();

private:
    const gazetteer::Gazetteer& gazetteer_;
    const PlaceRanker& ranker_;
    const std::vector<PlaceMention>& mentions_;
    std::map<std::string, int> votes_;
    std::vector<RankedGroup>* ranking_;
    std::string required_country_;
    std::string country_hint_;  // the required country, when the gazetteer knows it
    std::string top_country_;
    std::vector<NameGroup> groups_;
    std::vector<std::size_t> group_of_;
    std::vector<Anchor> anchors_;
    std::unordered_map<std::string, HintTargets> hint_cache_;
    // One report names the same places again and again (and a long one
    // thousands of times): each lookup is made once.
    mutable std::unordered_map<std::string, std::vector<Candidate>> lookups_;
    // Whether a name is a country's, and the country when the gazetteer has it.
    struct CountryName {
        bool is_country = false;
        std::optional<gazetteer::Country> country;
    };
    std::unordered_map<std::string, CountryName> country_names_;
    // The region of each (hint, country) a chain of hints asked for.
    std::unordered_map<std::string, std::optional<gazetteer::AdminArea>> admin1_areas_;
    // A hint of a chain read as a name of its own and ranked, by the hints
    // from it on: the chains of a report share their ends, and a chain is
    // read again from each of its hints. The ranking depends on the country
    // votes and the anchors: the readings are dropped when those change.
    struct RankedHint {
        NameGroup group;
        std::vector<Scored> ranked;
    };
    std::unordered_map<std::string, RankedHint> ranked_hints_;

    void group_mentions();
    const std::vector<Candidate>& resolve(const gazetteer::Query& query) const;
    const CountryName& country_named(const std::string& name);
    const std::optional<gazetteer::AdminArea>& admin1_in(const std::string& name, const std::string& iso2);
    void look_up(NameGroup& group);
    void look_up_spellings(NameGroup& group, std::size_t group_index) const;
    const HintTargets& chain_targets(const std::vector<std::string>& hints, std::size_t from);
    bool hints_elsewhere(const std::vector<std::string>& hints, const std::string& iso2);
    std::vector<std::string> split_joined_hints(const std::vector<std::string>& hints) const;
    NameGroup hint_group(const std::vector<std::string>& hints, std::size_t h);
    const RankedHint& ranked_hint(const std::vector<std::string>& hints, std::size_t h);
    PlaceFeatures features(const NameGroup& group, std::size_t group_index, const Candidate& candidate,
                           Scored& scored) const;
    std::vector<Scored> rank(const NameGroup& group, std::size_t group_index) const;
    bool accepted(const NameGroup& group, const Scored& best) const;
    ResolvedPlace make_result(const Scored& best, double margin, const PlaceMention& mention) const;
    std::optional<ResolvedPlace> hinted_place(const NameGroup& group);
    static double margin_of(const std::vector<Scored>& ranked);
    void record(const NameGroup& group, const std::vector<Scored>& ranked);
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
        g.area_scope = g.area_scope || m.scope == PlaceScope::area;
        g.only_sentence_start = g.only_sentence_start && m.sentence_start && m.cue == PlaceCue::none;
        for (const auto& hint : m.hints) {
            add_hint(g.hints, hint);
            add_hint(g.own_hints, hint);
        }
    }
    // "a village near Town (Region)", "between A and B (Commune,
    // Province)": the landmark and the hints of the list's last name locate
    // the name before them too.
    for (std::size_t j = mentions_.size(); j-- > 1;) {
        const PlaceMention& m = mentions_[j];
        const PlaceMention& before = mentions_[j - 1];
        if (before.sentence != m.sentence || !before.hints.empty())
            continue;
        NameGroup& g = groups_[group_of_[j - 1]];
        if (m.reference && m.scope == PlaceScope::near)
            add_hint(g.hints, m.name);
        if (m.reference || m.listed)
            for (const auto& hint : m.hints)
                add_hint(g.hints, hint);
    }
    // A region named in the same sentence hints at the other places of it:
    // "X, a village in the Mopti region".
    // Mentions come in sentence order: each sentence's are one run.
    for (std::size_t first = 0, last = 0; first < mentions_.size(); first = last) {
        last = first;
        while (last < mentions_.size() && mentions_[last].sentence == mentions_[first].sentence)
            ++last;
        for (std::size_t i = first; i < last; ++i) {
            if (mentions_[i].scope != PlaceScope::region)
                continue;
            for (std::size_t j = first; j < last; ++j)
                if (j != i && mentions_[j].scope != PlaceScope::region)
                    add_hint(groups_[group_of_[j]].hints, mentions_[i].name);
        }
    }
}

const std::vector<Candidate>& DocumentResolution::resolve(const gazetteer::Query& query) const {
    std::string key = query.text;
    key += '\x1f';
    key += query.country_hint;
    key += '\x1f';
    key += query.admin1_hint;
    key += '\x1f';
    key += std::to_string(query.limit);
    key += query.fuzzy ? "~" : "=";
    if (auto it = lookups_.find(key); it != lookups_.end())
        return it->second;
    return lookups_.emplace(std::move(key), gazetteer_.resolve(query)).first->second;
}

const DocumentResolution::CountryName& DocumentResolution::country_named(const std::string& name) {
    auto [it, added] = country_names_.try_emplace(name);
    if (added && gazetteer_.is_country_name(name))
        it->second = {true, gazetteer_.country(name)};
    return it->second;
}

const std::optional<gazetteer::AdminArea>& DocumentResolution::admin1_in(const std::string& name,
                                                                          const std::string& iso2) {
    auto [it, added] = admin1_areas_.try_emplace(name + '\x1f' + iso2);
    if (added)
        it->second = gazetteer_.admin1(name, iso2);
    return it->second;
}

void DocumentResolution::look_up(NameGroup& group) {
    // A country's name is the country, unless its own hints locate it in
    // another country: "Tonga (Gorgadji, Seno)" is a village of Burkina Faso.
    if (const auto& named = country_named(group.name); named.is_country) {
        const auto& country = named.country;
        if (!country || !hints_elsewhere(group.own_hints, country->iso2)) {
            if (country)
                group.country = country->iso2;
            return;
        }
    }
    if (group.region_scope)
        group.admin = gazetteer_.admin1(group.name);
    // With hints the right one may be a village far down the list.
    const std::size_t limit = group.hints.empty() ? candidate_limit : hinted_candidate_limit;
    gazetteer::Query query{group.name, country_hint_, {}, limit, false};
    group.candidates = resolve(query);
    // So it may when none of the first homonyms lies in a country the
    // report implies (a militia of one country, then a village name that
    // the neighbours' towns share).
    const bool in_implied_country =
        votes_.empty() || std::any_of(group.candidates.begin(), group.candidates.end(),
                                      [&](const Candidate& c) { return votes_.contains(c.place.country); });
    if (group.candidates.size() == limit && !in_implied_country) {
        query.limit = hinted_candidate_limit;
        group.candidates = resolve(query);
    }
    if (group.candidates.empty() && !group.alternate.empty()) {
        query.text = group.alternate;
        group.candidates = resolve(query);
    }
    // Where the text says it is a place: a cue ("in", "the village of") or
    // brackets that locate it ("Tokabangou (Markoye, Oudalan)").
    const bool said_to_be_place = group.best_cue >= PlaceCue::strong || !group.own_hints.empty();
    // Press spellings double letters the gazetteer writes once ("Solle",
    // "Manni" for Sole, Mani).
    if (group.candidates.empty() && said_to_be_place) {
        if (std::string single = single_letters(group.name); single != group.name) {
            query.text = single;
            group.candidates = resolve(query);
        }
    }
    // Press spellings ("Tinzaouatine") only where the text says it is a place.
    if (group.candidates.empty() && said_to_be_place) {
        query.text = group.name;
        query.fuzzy = true;
        group.candidates = resolve(query);
    }
}

// A cued name whose hints name a commune none of its exact matches lies
// beside may be a press spelling of a village there (one letter added or
// dropped): its spellings a letter or two off are looked up too, for the
// hints to confirm (features, rank).
void DocumentResolution::look_up_spellings(NameGroup& group, std::size_t group_index) const {
    if (group.hint || group.best_cue < PlaceCue::strong || group.targets->empty() ||
        group.targets->communes.empty() || group.candidates.empty())
        return;
    for (const Scored& s : rank(group, group_index))
        if (s.beside_town && s.hint_confirmed)
            return;
    gazetteer::Query query{group.name, country_hint_, {}, hinted_candidate_limit, true};
    group.candidates = resolve(query);
}

// The hints of a chain from one on, as written (spellings of one name may
// take one entry each): the key of what is read of them.
std::string hints_key(const std::vector<std::string>& hints, std::size_t from) {
    std::size_t size = 0;
    for (std::size_t h = from; h < hints.size(); ++h)
        size += hints[h].size() + 1;
    std::string key;
    key.reserve(size);
    for (std::size_t h = from; h < hints.size(); ++h) {
        key += hints[h];
        key += '\x1f';
    }
    return key;
}

// The place a chain of hints names: "(Douentza, Mopti)" is Douentza in
// Mopti. Each hint is resolved with the hints after it as its own hints;
// the first that resolves consistently gives the targets: its point, its
// region, and the region the hint names when it is an admin1's name.
const HintTargets& DocumentResolution::chain_targets(const std::vector<std::string>& hints, std::size_t from) {
    if (from == 0 && hints.size() > chain_hints_read)
        return chain_targets({hints.begin(), hints.begin() + chain_hints_read}, 0);
    std::string key = hints_key(hints, from);
    if (auto it = hint_cache_.find(key); it != hint_cache_.end())
        return it->second;
    HintTargets targets;
    for (std::size_t h = from; h < hints.size() && targets.empty(); ++h) {
        const RankedHint& hint = ranked_hint(hints, h);
        const auto& ranked = hint.ranked;
        record(hint.group, ranked);
        if (ranked.empty() || (!hint.group.targets->empty() && !ranked.front().hint_confirmed))
            continue;
        // The larger areas named after it say where it is too.
        targets.merge(*hint.group.targets);
        const Place& p = ranked.front().candidate->place;
        const std::pair<std::string, std::string> region{p.country, p.admin1_code};
        if (p.feature_class == 'A' && p.feature_code == "ADM1") {
            targets.regions.insert(region);
            continue;  // a region alone: a later hint may still say more
        }
        if (p.feature_class == 'P')
            targets.towns.push_back(p);
        else
            targets.units.push_back(p);
        targets.unit_regions.insert(region);
        if (const auto& area = admin1_in(hints[h], p.country); area && area->code == p.admin1_code)
            targets.regions.insert(region);  // "Mopti": the town and its region
        else if (p.feature_class == 'P')
            targets.communes.push_back(p);
    }
    return hint_cache_.emplace(std::move(key), std::move(targets)).first->second;
}

const DocumentResolution::RankedHint& DocumentResolution::ranked_hint(const std::vector<std::string>& hints,
                                                                     std::size_t h) {
    std::string key = hints_key(hints, h);
    if (auto it = ranked_hints_.find(key); it != ranked_hints_.end())
        return it->second;
    NameGroup hint = hint_group(hints, h);
    std::vector<Scored> ranked = rank(hint, groups_.size());
    return ranked_hints_.emplace(std::move(key), RankedHint{std::move(hint), std::move(ranked)}).first->second;
}

// Whether hints resolve to places, all outside the country ISO2.
bool DocumentResolution::hints_elsewhere(const std::vector<std::string>& hints, const std::string& iso2) {
    if (hints.empty())
        return false;
    const HintTargets& targets = chain_targets(hints, 0);
    if (targets.empty())
        return false;
    auto outside = [&](const Place& p) { return p.country != iso2; };
    return std::all_of(targets.regions.begin(), targets.regions.end(),
                       [&](const auto& region) { return region.first != iso2; }) &&
           std::all_of(targets.towns.begin(), targets.towns.end(), outside) &&
           std::all_of(targets.units.begin(), targets.units.end(), outside);
}

// Hints the gazetteer does not know that join a commune and its province
// with a hyphen ("Commune-Province") are read as the two: the longest
// known part before a hyphen, then the rest.
std::vector<std::string> DocumentResolution::split_joined_hints(const std::vector<std::string>& hints) const {
    auto known = [&](const std::string& name) {
        return !resolve({name, {}, {}, 1, false}).empty();
    };
    std::vector<std::string> split;
    for (const auto& hint : hints) {
        if (hint.find('-') == std::string::npos || known(hint)) {
            split.push_back(hint);
            continue;
        }
        std::size_t cut = hint.rfind('-');
        while (cut != std::string::npos && cut > 0 && !known(hint.substr(0, cut)))
            cut = hint.rfind('-', cut - 1);
        if (cut == std::string::npos || cut == 0) {
            split.push_back(hint);
            continue;
        }
        split.push_back(hint.substr(0, cut));
        split.push_back(hint.substr(cut + 1));
    }
    return split;
}

// Hint h of a chain as a name of its own, the hints after it as its hints.
NameGroup DocumentResolution::hint_group(const std::vector<std::string>& hints, std::size_t h) {
    NameGroup hint;
    hint.name = hints[h];
    hint.best_cue = PlaceCue::strong;
    hint.only_sentence_start = false;
    hint.hint = true;
    hint.hints.assign(hints.begin() + static_cast<std::ptrdiff_t>(h) + 1, hints.end());
    look_up(hint);
    if (h + 1 < hints.size())
        hint.targets = &chain_targets(hints, h + 1);
    return hint;
}

// The kind of place a candidate is, as one of the ranker's indicators.
PlaceFeature kind_of(const Place& p) {
    const std::string_view code = p.feature_code;
    switch (p.feature_class) {
    case 'P':
        if (code == "PPLC")
            return PlaceFeature::capital;
        if (code == "PPLA")
            return PlaceFeature::admin1_seat;
        if (code == "PPLA2")
            return PlaceFeature::admin2_seat;
        if (code == "PPLA3" || code == "PPLA4" || code == "PPLA5" || code == "PPLG")
            return PlaceFeature::lower_seat;
        if (code == "PPLQ" || code == "PPLH" || code == "PPLW" || code == "PPLCH")
            return PlaceFeature::lost_place;
        return PlaceFeature::village;
    case 'A':
        if (code.size() == 5 && code.starts_with("ADM") && code.back() == 'H')
            return PlaceFeature::historical_unit;
        if (code == "ADM1")
            return PlaceFeature::admin1_unit;
        if (code == "ADM2")
            return PlaceFeature::admin2_unit;
        return PlaceFeature::lower_unit;
    case 'L':
        return PlaceFeature::area;
    case 'S':
        return PlaceFeature::spot;
    default:
        return PlaceFeature::terrain;
    }
}

// What the ranker knows of a candidate for this name in this report.
PlaceFeatures DocumentResolution::features(const NameGroup& group, std::size_t group_index,
                                          const Candidate& candidate, Scored& scored) const {
    PlaceFeatures f{};
    auto set = [&f](PlaceFeature which, double value = 1.0) { f[static_cast<std::size_t>(which)] = value; };
    const Place& place = candidate.place;
    set(kind_of(place));
    const double log_population = std::log10(1.0 + static_cast<double>(std::max<std::int64_t>(place.population, 0)));
    set(place.feature_class == 'P' ? PlaceFeature::log_population_town : PlaceFeature::log_population_other,
        log_population);
    if (candidate.main_name)
        set(PlaceFeature::main_name);
    set(PlaceFeature::edits, candidate.edits);

    // Hints: the candidate must fit them (a region, a unit's region, a
    // town or unit nearby) to be confirmed by them.
    scored.hint_confirmed = false;
    const HintTargets& hints = *group.targets;
    if (!hints.empty()) {
        const std::pair<std::string, std::string> region{place.country, place.admin1_code};
        auto nearest = [&](const std::vector<Place>& points) {
            double km = 1e9;
            for (const auto& point : points)
                km = std::min(km, distance_km(place.latitude, place.longitude, point.latitude,
                                              point.longitude));
            return km;
        };
        const double town_km = nearest(hints.towns);
        const double unit_km = nearest(hints.units);
        const bool in_region = hints.regions.contains(region);
        const bool in_unit_region = !in_region && hints.unit_regions.contains(region);
        scored.beside_town = town_km <= near_hint_km;
        const bool near_unit = !scored.beside_town && unit_km <= near_hint_km;
        const bool within_80 = !scored.beside_town && !near_unit && std::min(town_km, unit_km) <= far_hint_km;
        // A press spelling must lie close to the commune the hints name, or
        // within reach of the unit they name: the region alone does not
        // confirm a near spelling 100 km away. A region named by its
        // capital is a region.
        const bool points = !hints.communes.empty() || !hints.units.empty();
        const bool fuzzy_far = candidate.edits > 0 && points && nearest(hints.communes) > near_hint_km &&
                               unit_km > far_hint_km;
        const bool fits = in_region || in_unit_region || scored.beside_town || near_unit || within_80;
        scored.hint_confirmed = fits && !fuzzy_far;
        if (scored.hint_confirmed) {
            set(PlaceFeature::hint_region, in_region ? 1 : 0);
            set(PlaceFeature::hint_unit_region, in_unit_region ? 1 : 0);
            set(PlaceFeature::hint_beside_town, scored.beside_town ? 1 : 0);
            set(PlaceFeature::hint_near_unit, near_unit ? 1 : 0);
            set(PlaceFeature::hint_within_80, within_80 ? 1 : 0);
            // How closely it fits, to tell an exact name from a press spelling.
            scored.hint_bonus = 2.0 * in_region + 1.0 * in_unit_region + 3.0 * scored.beside_town +
                                2.0 * near_unit + 1.0 * within_80;
        } else {
            set(PlaceFeature::hint_missed);
        }
    }
    // Countries the report names or implies; a hint itself is read for
    // what the name it locates needs, not for the report's countries.
    if (!votes_.empty() && !group.hint) {
        int total = 0;
        for (const auto& [country, count] : votes_)
            total += count;
        const auto it = votes_.find(place.country);
        if (place.country == top_country_)
            set(PlaceFeature::country_top);
        else if (it != votes_.end())
            set(PlaceFeature::country_other);
        else
            set(PlaceFeature::country_unnamed);
        if (it != votes_.end() && total > 0)
            set(PlaceFeature::country_share, static_cast<double>(it->second) / total);
    }
    if (is_focus_country(place.country))
        set(PlaceFeature::focus_country);
    for (const auto& anchor : anchors_) {
        if (anchor.group == group_index)
            continue;
        if (anchor.place.country == place.country && anchor.place.admin1_code == place.admin1_code)
            set(PlaceFeature::anchor_region);
        const double km = distance_km(anchor.place.latitude, anchor.place.longitude, place.latitude, place.longitude);
        if (km <= anchor_km)
            set(PlaceFeature::anchor_within_100);
        if (km <= 25)
            set(PlaceFeature::anchor_within_25);
    }
    // What the words around the name say it is.
    if (group.best_cue == PlaceCue::settlement && place.feature_class != 'P')
        set(PlaceFeature::settlement_not_town);
    if (!group.region_scope && place.feature_class == 'A' && place.feature_code == "ADM1")
        set(PlaceFeature::region_named_bare);
    else if (place.feature_class == 'A' && !place.feature_code.starts_with("PCL"))
        set(group.area_scope ? PlaceFeature::unit_named_as_unit : PlaceFeature::unit_named_bare);
    return f;
}

std::vector<Scored> DocumentResolution::rank(const NameGroup& group, std::size_t group_index) const {
    std::vector<Scored> ranked;
    for (const auto& candidate : group.candidates) {
        // A country's own feature is never an incident place.
        if (candidate.place.feature_class == 'A' && candidate.place.feature_code.starts_with("PCL"))
            continue;
        if (!required_country_.empty() && candidate.place.country != required_country_)
            continue;
        Scored s{&candidate, 0, false};
        s.features = features(group, group_index, candidate, s);
        s.score = ranker_.score(s.features);
        ranked.push_back(s);
    }
    // Hints are a constraint, not a bonus: "Lere, Timbuktu" is a Lere in
    // the Timbuktu region whenever the gazetteer holds one.
    if (std::any_of(ranked.begin(), ranked.end(), [](const Scored& s) { return s.hint_confirmed; }))
        std::erase_if(ranked, [](const Scored& s) { return !s.hint_confirmed; });
    // A bare name shared by a town and the units of its region named after
    // it ("Gao": the town, its cercle, its region) is the town; the text
    // says "district", "cercle" or "region" when it means the unit.
    if (!group.hint && !group.area_scope && !group.region_scope) {
        auto is_unit = [](const Place& p) { return p.feature_class == 'A' && !p.feature_code.starts_with("PCL"); };
        std::erase_if(ranked, [&](const Scored& unit) {
            const Place& u = unit.candidate->place;
            return is_unit(u) && std::any_of(ranked.begin(), ranked.end(), [&](const Scored& town) {
                       const Place& t = town.candidate->place;
                       return t.feature_class == 'P' && town.candidate->edits <= unit.candidate->edits &&
                              t.country == u.country && t.admin1_code == u.admin1_code;
                   });
        });
    }
    // A near spelling must fit the hints better than every exact name
    // does: an exact name in the hinted region beats a near spelling even
    // nearer its seat, while a near spelling beside the hinted commune
    // beats an exact name 40 km off. A hint itself is read exactly when it
    // can be.
    double exact_hint = -1;
    for (const Scored& s : ranked)
        if (s.hint_confirmed && s.candidate->edits == 0)
            exact_hint = std::max(exact_hint, s.hint_bonus);
    if (exact_hint >= 0)
        std::erase_if(ranked, [&](const Scored& s) {
            return s.candidate->edits > 0 && (group.hint || s.hint_bonus <= exact_hint);
        });
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const Scored& a, const Scored& b) { return a.score > b.score; });
    return ranked;
}

bool DocumentResolution::accepted(const NameGroup& group, const Scored& best) const {
    const Place& p = best.candidate->place;
    if (best.candidate->edits > 0 && (group.best_cue < PlaceCue::strong || group.only_sentence_start))
        return false;  // a weak fuzzy match
    // A near spelling lies in a country the report implies; with none
    // implied, in one of the countries incimap reads reports on.
    if (best.candidate->edits > 0 && !best.hint_confirmed &&
        (votes_.empty() ? !is_focus_country(p.country) : !votes_.contains(p.country)))
        return false;
    if (best.hint_confirmed)
        return true;
    if (!group.targets->empty())
        return false;  // the hints point elsewhere: the gazetteer lacks this place
    if (group.best_cue == PlaceCue::settlement)
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
        if (!group.country.empty()) {
            votes_[group.country] += static_cast<int>(group.members.size());
            ranked_hints_.clear();
        }
    }
    int top_votes = 0;
    for (const auto& [country, count] : votes_)
        if (count > top_votes) {
            top_votes = count;
            top_country_ = country;
        }
    for (std::size_t g = 0; g < groups_.size(); ++g) {
        NameGroup& group = groups_[g];
        group.hints = split_joined_hints(group.hints);
        group.hints.erase(std::unique(group.hints.begin(), group.hints.end()), group.hints.end());
        group.targets = &chain_targets(group.hints, 0);
        look_up_spellings(group, g);
    }

    // Pass 1: names that stand on their own become anchors for the others.
    for (std::size_t g = 0; g < groups_.size(); ++g) {
        const NameGroup& group = groups_[g];
        if (!group.country.empty() || group.region_scope)
            continue;
        auto ranked = rank(group, g);
        if (ranked.empty() || !accepted(group, ranked.front()))
            continue;
        if (margin_of(ranked) >= 1.0 || ranked.front().hint_confirmed) {
            anchors_.push_back({g, ranked.front().candidate->place});
            ranked_hints_.clear();
        }
    }

    // Pass 2: every name with the anchors as context.
    std::vector<std::optional<ResolvedPlace>> results(mentions_.size());
    for (std::size_t g = 0; g < groups_.size(); ++g) {
        NameGroup& group = groups_[g];
        if (!group.country.empty()) {
            const auto capital = capital_place(gazetteer_, group.country);
            for (std::size_t i : group.members)
                results[i] = capital;
            continue;
        }
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
        record(group, ranked);
        if (ranked.empty() || !accepted(group, ranked.front())) {
            if (auto fallback = hinted_place(group))
                for (std::size_t i : group.members)
                    results[i] = fallback;
            continue;
        }
        const double margin = margin_of(ranked);
        for (std::size_t i : group.members)
            results[i] = make_result(ranked.front(), margin, mentions_[i]);
    }
    return results;
}

// How the ranker weighed a name with a choice to make, for those who asked.
void DocumentResolution::record(const NameGroup& group, const std::vector<Scored>& ranked) {
    if (!ranking_ || ranked.size() < 2)
        return;
    RankedGroup entry{group.name, group.hint, {}};
    for (const Scored& s : ranked)
        entry.candidates.push_back({s.candidate->place.latitude, s.candidate->place.longitude, s.candidate->edits,
                                    s.features});
    ranking_->push_back(std::move(entry));
}

// The score lead of the best candidate over the best one more than 25 km
// from it (10 when there is none).
double DocumentResolution::margin_of(const std::vector<Scored>& ranked) {
    for (std::size_t r = 1; r < ranked.size(); ++r) {
        const Place& a = ranked.front().candidate->place;
        const Place& b = ranked[r].candidate->place;
        if (distance_km(a.latitude, a.longitude, b.latitude, b.longitude) > 25)
            return ranked.front().score - ranked[r].score;
    }
    return 10;
}

// A village the gazetteer lacks is coded near the first of its hints that
// it knows, the others hinting at that one: "Village (Commune, Province)"
// near the commune's seat, precision 2, as ACLED does.
std::optional<ResolvedPlace> DocumentResolution::hinted_place(const NameGroup& group) {
    if (group.best_cue == PlaceCue::none)
        return std::nullopt;  // an unknown name nothing calls a place ("Operation X")
    std::optional<ResolvedPlace> region;  // the last resort: the region it is in, precision 3
    for (std::size_t h = 0; h < group.hints.size(); ++h) {
        const RankedHint& hint = ranked_hint(group.hints, h);
        const auto& ranked = hint.ranked;
        if (ranked.empty() || !accepted(hint.group, ranked.front()))
            continue;
        const Place& p = ranked.front().candidate->place;
        if (p.feature_class == 'A' && p.feature_code == "ADM1") {
            if (!region) {
                region.emplace();
                region->place = p;
                region->precision = GeoPrecision::region;
                region->region = true;
                region->score = ranked.front().score;
                region->quality = 0.4;
            }
            continue;  // a smaller unit named after it stands nearer the village
        }
        ResolvedPlace result;
        result.place = p;
        result.precision = GeoPrecision::near;
        result.score = ranked.front().score;
        result.edits = ranked.front().candidate->edits;
        result.quality = ranked.front().hint_confirmed ? 0.55 : 0.45;
        return result;
    }
    return region;
}

} // namespace

std::vector<std::optional<ResolvedPlace>> PlaceResolver::resolve(const std::vector<PlaceMention>& mentions,
                                                                 const PlaceContext& context,
                                                                 std::vector<RankedGroup>* ranking) const {
    return DocumentResolution(gazetteer_, mentions, context, ranking).run();
}

std::optional<ResolvedPlace> capital_place(const gazetteer::Gazetteer& gazetteer, const std::string& iso2) {
    const auto country = gazetteer.country(iso2);
    if (!country || country->capital.empty())
        return std::nullopt;
    for (const auto& candidate : gazetteer.resolve({country->capital, iso2, {}, candidate_limit, false})) {
        if (candidate.place.feature_code != "PPLC")
            continue;
        ResolvedPlace result;
        result.place = candidate.place;
        result.precision = GeoPrecision::region;
        result.country = true;
        result.quality = 0.35;
        return result;
    }
    return std::nullopt;
}

} // namespace incimap::extract
