// What the gazetteer answers with: places, ranked candidates for a query,
// countries and first-level administrative areas. Plain values, owning
// their text, independent of the index they came from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace incimap::gazetteer {

struct Place {
    std::int64_t geonameid = 0; // GeoNames id; negative for places of the overrides file
    std::string name;           // the place's main name in GeoNames
    double latitude = 0;        // WGS 84 degrees
    double longitude = 0;
    char feature_class = 0;   // GeoNames class: P populated place, A admin unit, H water, …
    std::string feature_code; // GeoNames code: PPLC, PPLA, PPL, ADM1, WAD, …
    std::string country;      // ISO 3166 alpha-2, "" when none (an area across borders)
    std::string country_name; // "" when no countryInfo is loaded
    std::string admin1_code;  // GeoNames admin1 code ("10" for Kidal)
    std::string admin1;       // its name ("Kidal"), "" when unknown
    std::string alternate_countries; // GeoNames cc2, comma-separated
    std::int64_t population = 0;
};

struct Candidate {
    Place place;
    double score = 0;         // higher is better; see scoring.hpp
    std::string matched_name; // the spelling that matched, as the dump writes it
    int edits = 0;            // edit distance between the query and that spelling's key
    bool main_name = false;   // the spelling is the place's main or ASCII name
};

struct Query {
    // The place as written, optionally followed by hints after commas:
    // "Kidal", "Koro, Mopti" (admin1), "Gao, Mali" (country).
    std::string text;
    // A country the place is in: ISO alpha-2 or alpha-3 code, or name. Empty
    // for none. resolve() throws InputError when it names no known country.
    std::string country_hint;
    // An admin1 (region) name the place is in. Empty for none.
    std::string admin1_hint;
    std::size_t limit = 5; // at most this many candidates
    bool fuzzy = true;     // also match spellings a few edits away
};

struct Country {
    std::string iso2;
    std::string iso3;
    std::string name;
    std::string capital;
    std::int64_t geonameid = 0;
    std::int64_t population = 0;
};

// A first-level administrative area ("Kidal" region, "Sahel" region).
struct AdminArea {
    std::string country; // ISO alpha-2
    std::string code;    // admin1 code
    std::string name;
    std::int64_t geonameid = 0;
    std::optional<Place> area; // the ADM1 feature: a point inside the area
    std::optional<Place> seat; // its seat (PPLA, or PPLC), when known
};

// Great-circle distance between two points in kilometres (haversine on a
// sphere of radius 6371 km; under 0.5 % off the ellipsoid).
double distance_km(double lat1, double lon1, double lat2, double lon2);

} // namespace incimap::gazetteer
