// Which GeoNames dumps can be downloaded, where they are on the server and
// where they are kept locally before being installed into the gazetteer.
//
// Dump names follow download.geonames.org/export/dump/: a two-letter
// country code (ML → ML.zip), cities500/1000/5000/15000 and allCountries
// (zipped), admin1CodesASCII and countryInfo (plain text).
#pragma once

#include "gazetteer/library.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace incimap::gazetteer {

inline constexpr std::string_view geonames_dump_base_url =
    "https://download.geonames.org/export/dump/";

struct GeoNamesDump {
    std::string name;      // canonical spelling: "ML", "cities500", "admin1CodesASCII"
    std::string file_name; // on the server and in the cache: "ML.zip", "countryInfo.txt"
};

// Reads a dump name as typed: country codes in either case ("ml" → "ML"),
// the other names ignoring case. Throws UsageError quoting the name.
GeoNamesDump geonames_dump(std::string_view name);

// The names geonames_dump() accepts besides country codes, for help texts.
std::string_view known_dump_names();

// base_url + file name, with exactly one '/' between them.
std::string dump_url(std::string_view base_url, const GeoNamesDump& dump);

// The folder downloads are cached in: $INCIMAP_CACHE_DIR, else
// $XDG_CACHE_HOME/incimap, else ~/.cache/incimap; then geonames/.
// Throws Error when none of these variables is set.
std::filesystem::path geonames_cache_dir(const EnvironmentVariable& environment);
std::filesystem::path geonames_cache_dir(); // from the process environment

} // namespace incimap::gazetteer
