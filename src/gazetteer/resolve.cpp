// Gazetteer::resolve: query parsing, exact and fuzzy name lookup across the
// layers, merging by geonameid, scoring and ranking.
#include "core/error.hpp"
#include "gazetteer/fuzzy.hpp"
#include "gazetteer/gazetteer.hpp"
#include "gazetteer/scoring.hpp"
#include "text/ascii.hpp"
#include "text/fold.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace incimap::gazetteer {

struct Gazetteer::Hit {
    std::int64_t geonameid;
    std::uint32_t layer;    // the layer whose name matched
    std::uint32_t position; // the place's position in that layer
    std::uint32_t edits;
    std::uint32_t kind; // format::NameKind of the matched name
    format::StrRef spelling;
};

namespace {

// How many places of a hint's name locate the place before it.
constexpr std::size_t hinted_places = 5;

// "Koro, Mopti" → {"Koro", "Mopti"}; empty parts dropped.
std::vector<std::string_view> split_commas(std::string_view list) {
    std::vector<std::string_view> parts;
    while (true) {
        const auto comma = list.find(',');
        if (auto part = text::trim(list.substr(0, comma)); !part.empty())
            parts.push_back(part);
        if (comma == std::string_view::npos)
            return parts;
        list.remove_prefix(comma + 1);
    }
}

bool listed(std::string_view list, const std::set<std::string>& codes) {
    const auto parts = split_commas(list);
    return std::any_of(parts.begin(), parts.end(),
                       [&](std::string_view code) { return codes.contains(std::string(code)); });
}

// How far from a place a hint names a candidate may lie and still be in or
// near it: a town's neighbourhood, and the reach of an admin unit's point
// (a Burkinabe province or a Malian cercle is 50 to 150 km across).
constexpr double hinted_town_km = 50;
constexpr double hinted_unit_km = 100;

// Where the hints after the commas of a query say the place is. A hint is a
// country, an admin1 region, or any place the gazetteer knows exactly (a
// town, a cercle, a commune); a candidate that fits none of them is dropped
// when another one fits (Gazetteer::resolve).
struct HintConstraint {
    std::set<std::string> countries;
    std::set<std::pair<std::string, std::string>> regions;  // (country, admin1 code)
    std::vector<Place> towns;
    std::vector<Place> units;

    bool empty() const {
        return countries.empty() && regions.empty() && towns.empty() && units.empty();
    }

    bool fits(std::string_view country, std::string_view alternate_countries, std::string_view admin1,
              double latitude, double longitude) const {
        if (countries.contains(std::string(country)) || listed(alternate_countries, countries))
            return true;
        if (regions.contains({std::string(country), std::string(admin1)}))
            return true;
        auto within = [&](const std::vector<Place>& points, double km) {
            return std::any_of(points.begin(), points.end(), [&](const Place& p) {
                return distance_km(latitude, longitude, p.latitude, p.longitude) <= km;
            });
        };
        return within(towns, hinted_town_km) || within(units, hinted_unit_km);
    }
};

} // namespace

void Gazetteer::collect_hits(std::string_view key, bool fuzzy, std::vector<Hit>& hits) const {
    std::optional<text::OsaPattern> pattern;
    if (fuzzy && allowed_edits(key.size()) > 0)
        pattern.emplace(key);
    std::vector<KeyMatch> similar;
    for (std::uint32_t layer = 0; layer < layers_.size(); ++layer) {
        const Index& index = layers_[layer];
        auto add = [&](std::uint32_t key_id, std::uint32_t edits) {
            for (const auto& entry : index.entries_of(key_id))
                hits.push_back({index.places()[entry.place].geonameid, layer, entry.place, edits,
                                entry.kind, entry.spelling});
        };
        if (auto exact = index.find_key(key))
            add(*exact, 0);
        if (pattern) {
            similar.clear();
            find_similar_keys(index, *pattern, similar);
            for (const auto& match : similar)
                add(match.key, match.edits);
        }
    }
}

std::vector<Candidate> Gazetteer::resolve(const Query& query) const {
    const auto parts = split_commas(query.text);
    if (parts.empty() || query.limit == 0)
        return {};
    const std::string key = text::name_key(parts.front());
    if (key.empty())
        return {};

    std::set<std::string> countries;
    std::set<std::pair<std::string, std::string>> regions;
    if (!text::trim(query.country_hint).empty()) {
        auto country = this->country(query.country_hint);
        if (!country)
            throw InputError("unknown country '" + query.country_hint + "'");
        countries.insert(country->iso2);
    }
    auto add_region_hint = [&](std::string_view hint) {
        for (auto& region : admin1_matches(text::name_key(hint)))
            regions.insert(std::move(region));
    };
    if (!text::trim(query.admin1_hint).empty())
        add_region_hint(query.admin1_hint);
    HintConstraint constraint;
    for (std::size_t i = 1; i < parts.size(); ++i) {
        if (auto country = this->country(parts[i])) {
            countries.insert(country->iso2);
            constraint.countries.insert(country->iso2);
            continue;
        }
        add_region_hint(parts[i]);
        for (auto& region : admin1_matches(text::name_key(parts[i])))
            constraint.regions.insert(std::move(region));
        // The places of that exact name: "Lere, Niafunke" is a Lere in or
        // near Niafunke, the town or the cercle.
        for (auto& hinted : resolve({std::string(parts[i]), {}, {}, hinted_places, false})) {
            Place& p = hinted.place;
            // The seat of a region stands for it ("Timbuktu", "Mopti"), the
            // seat of a cercle or commune for its unit.
            if (p.feature_code == "PPLA" || p.feature_code == "PPLC")
                constraint.regions.emplace(p.country, p.admin1_code);
            if (p.feature_class == 'P' && (p.feature_code == "PPLA2" || p.feature_code == "PPLA3"))
                constraint.units.push_back(std::move(p));
            else if (p.feature_class == 'P')
                constraint.towns.push_back(std::move(p));
            else if (p.feature_class == 'A' && p.feature_code.starts_with("ADM") && p.feature_code != "ADM1")
                constraint.units.push_back(std::move(p));
        }
    }

    std::vector<Hit> hits;
    hits.reserve(16);
    collect_hits(key, query.fuzzy, hits);
    // One hit per place: the closest spelling, the main name before others.
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
        return std::tuple(a.geonameid, a.edits, a.kind, b.layer) <
               std::tuple(b.geonameid, b.edits, b.kind, a.layer);
    });
    hits.erase(std::unique(hits.begin(), hits.end(),
                           [](const Hit& a, const Hit& b) { return a.geonameid == b.geonameid; }),
               hits.end());

    struct Ranked {
        double score;
        std::int64_t population;
        std::int64_t geonameid;
        const Hit* hit;
        PlaceRef ref;
        bool fits;  // in or near what the hints name
    };
    std::vector<Ranked> ranked;
    ranked.reserve(hits.size());
    for (const Hit& hit : hits) {
        const PlaceRef ref = owner(hit.geonameid, {hit.layer, hit.position});
        const Index& index = layers_[ref.layer];
        const auto& record = index.places()[ref.position];
        const auto country = format::code_text(record.country.data(), 2);
        const auto admin1 = index.string(record.admin1_code);

        ScoreInputs in;
        in.feature_class = record.feature_class;
        in.feature_code = format::code_text(record.feature_code.data(), 8);
        in.population = record.population;
        in.main_name = hit.kind != format::alternate_name;
        in.edits = static_cast<int>(hit.edits);
        if (!countries.empty() && (!country.empty() || record.alternate_countries.size > 0))
            in.country = countries.contains(std::string(country)) ||
                                 listed(index.string(record.alternate_countries), countries)
                             ? HintMatch::matches
                             : HintMatch::differs;
        if (!regions.empty() && !admin1.empty() && admin1 != "00")
            in.admin1 = regions.contains({std::string(country), std::string(admin1)})
                            ? HintMatch::matches
                            : HintMatch::differs;
        const bool fits = constraint.fits(country, index.string(record.alternate_countries), admin1,
                                          record.latitude, record.longitude);
        ranked.push_back({score(in), record.population, record.geonameid, &hit, ref, fits});
    }
    // The hints are a constraint, not a preference: "Lere, Timbuktu" is never
    // a Lere elsewhere. Hints the gazetteer does not know constrain nothing.
    if (!constraint.empty())
        std::erase_if(ranked, [](const Ranked& r) { return !r.fits; });
    const std::size_t count = std::min(query.limit, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(count),
                      ranked.end(), [](const Ranked& a, const Ranked& b) {
                          return std::tie(b.score, b.population, a.geonameid) <
                                 std::tie(a.score, a.population, b.geonameid);
                      });

    std::vector<Candidate> candidates;
    candidates.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const Ranked& r = ranked[i];
        candidates.push_back({make_place(r.ref), r.score,
                              std::string(layers_[r.hit->layer].string(r.hit->spelling)),
                              static_cast<int>(r.hit->edits), r.hit->kind != format::alternate_name});
    }
    return candidates;
}

} // namespace incimap::gazetteer
