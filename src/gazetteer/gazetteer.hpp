// Place-name resolution: the gazetteer other code calls. It layers
// indexes — the embedded West-Africa default, then every dump installed in
// the data folder (library.hpp), then dumps given on the command line — and
// answers with ranked candidates (place.hpp) scored as scoring.hpp says.
// Where two layers hold the same geonameid, the later layer's record wins;
// the names of all layers match it.
//
// A Gazetteer is immutable once loaded: every member function is const and
// safe to call from several threads at once (no caches, no shared scratch).
#pragma once

#include "gazetteer/dump_reader.hpp"
#include "gazetteer/index.hpp"
#include "gazetteer/index_cache.hpp"
#include "gazetteer/place.hpp"

#include <array>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace incimap::gazetteer {

struct Sources {
    bool embedded_default = true;                  // the built-in West-Africa gazetteer
    std::optional<std::filesystem::path> data_dir; // folder of installed dumps, if any
    std::vector<std::filesystem::path> dumps;      // more dumps, in increasing priority
    // Where the indexes of `dumps` are cached (index_cache_dir()); none:
    // they are built in memory each time.
    std::optional<std::filesystem::path> index_cache;
};

class Gazetteer {
  public:
    // Loads the sources in order. Indexes of dumps are built on first use
    // and cached (gazetteer/index_cache: an installed dump's beside it, the
    // others' in `index_cache`, never beside a dump the user gave; rebuilt
    // when the dump's size or modification time changes), then mapped into
    // memory.
    // Throws InputError naming the file when a dump is missing or
    // unreadable, Error when the embedded default is asked for but was not
    // built into this program. Cost: near nothing for cached indexes.
    static Gazetteer load(const Sources& sources, const IndexBuildObserver& on_build = {});

    // A gazetteer over indexes in increasing priority (tests, benchmarks).
    static Gazetteer from_indexes(std::vector<Index> layers);

    // Ranked candidates for a query, best first, at most query.limit; empty
    // when nothing matches. Ties are broken by population, then geonameid,
    // so answers are deterministic.
    // Throws InputError when query.country_hint names no known country.
    // Cost: about a microsecond for an exact name, tens of microseconds with
    // fuzzy matching.
    std::vector<Candidate> resolve(const Query& query) const;

    // A country by ISO alpha-2 or alpha-3 code or by name ("ML", "MLI",
    // "Mali", "Republic of Mali", "Côte d'Ivoire", "Ivory Coast").
    std::optional<Country> country(std::string_view code_or_name) const;
    // Whether the text names a country (not a code): "Mali" yes, "ML" no,
    // nor "Sa" (the village), whatever its case.
    bool is_country_name(std::string_view text) const;

    // A first-level area by name ("Kidal", "Région de Mopti", "Sahel"),
    // optionally within a country (code or name). When several countries
    // have one of that name, the most populous area wins.
    std::optional<AdminArea> admin1(std::string_view name, std::string_view country = {}) const;

    // The place with this geonameid, from the latest layer holding it.
    std::optional<Place> place(std::int64_t geonameid) const;

    // The populated places (class P) of at least MIN_POPULATION people,
    // and every capital and seat of a first-level area (PPLC, PPLA) however
    // small, once each (the latest layer's record), most populous first:
    // the towns a map names. Cost: one pass over every layer's places.
    // With ALL_WITHIN (degrees: west, south, east, north), every populated
    // place inside that box too, however small: the villages of a
    // town-scale map.
    std::vector<Place> towns(std::int64_t min_population,
                             const std::optional<std::array<double, 4>>& all_within = std::nullopt) const;

    std::span<const Index> layers() const { return layers_; }

  private:
    struct Hit;
    struct PlaceRef {
        std::uint32_t layer;
        std::uint32_t position;
    };

    // The latest layer's record of a place found at `found`.
    PlaceRef owner(std::int64_t geonameid, PlaceRef found) const;
    Place make_place(PlaceRef ref) const;
    void collect_hits(std::string_view key, bool fuzzy, std::vector<Hit>& hits) const;
    std::vector<std::pair<std::string, std::string>> admin1_matches(std::string_view name) const;
    // A country by one of its names only (no codes).
    std::optional<Country> country_named(std::string_view name) const;

    std::vector<Index> layers_;
};

} // namespace incimap::gazetteer
