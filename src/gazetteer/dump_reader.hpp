// Readers of the three GeoNames dump formats the gazetteer is built from:
//   - the geoname table (ML.txt, cities500.txt, allCountries.txt): 19
//     tab-separated columns, geonameid … modification date;
//   - admin1CodesASCII.txt: "CC.code <tab> name <tab> ascii name <tab> geonameid";
//   - countryInfo.txt: ISO, ISO3, ISO-numeric, fips, name, capital, area,
//     population, …, geonameid (column 17); lines starting with # are comments.
// Files may be plain, gzip or zip (see dump_file.hpp). A malformed row is
// not fatal: it is skipped, counted and described ("ML.txt:1834: latitude
// '91.2' out of range") in the ReadReport.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::gazetteer {

enum class DumpKind { places, admin1_codes, country_info };

// The kind of a dump told by its file name: admin1Codes… → admin1_codes,
// countryInfo… → country_info, anything else → places.
DumpKind dump_kind(const std::filesystem::path& dump);
std::string_view to_string(DumpKind kind);

// One row of the geoname table. The views point into the line being read and
// are valid only during the callback.
struct PlaceRow {
    std::int64_t geonameid = 0;
    std::string_view name;
    std::string_view ascii_name;
    std::string_view alternate_names; // comma-separated
    double latitude = 0;
    double longitude = 0;
    char feature_class = 0; // 0 when the dump leaves it empty
    std::string_view feature_code;
    std::string_view country;             // ISO 3166 alpha-2, may be empty
    std::string_view alternate_countries; // cc2, comma-separated
    std::string_view admin1_code;
    std::int64_t population = 0;
};

struct Admin1Row {
    std::string_view country; // "ML" of "ML.08"
    std::string_view code;    // "08"
    std::string_view name;
    std::string_view ascii_name;
    std::int64_t geonameid = 0;
};

struct CountryRow {
    std::string_view iso2;
    std::string_view iso3;
    std::string_view name;
    std::string_view capital;
    std::int64_t population = 0;
    std::int64_t geonameid = 0;
};

// How many bad-row messages a report keeps; the rest are only counted.
inline constexpr std::size_t max_reported_problems = 10;

struct ReadReport {
    std::string source;                // the file as messages name it
    std::size_t rows_read = 0;         // valid rows
    std::size_t rows_skipped = 0;      // malformed rows left out
    std::vector<std::string> problems; // the first max_reported_problems messages

    // Counts a skipped row and keeps its message while under the cap.
    void skip_row(std::string message);
    void merge(const ReadReport& other);
    // Lines for stderr: the kept messages, "… and N more", and
    // "SOURCE: N rows skipped". Empty when no row was skipped.
    std::vector<std::string> summary_lines() const;
};

// Parse one line of a dump. On a bad row they return nullopt and set
// `problem` to what is wrong ("latitude '91.2' out of range"), without the
// file and line, which the caller knows. Views point into `line`.
std::optional<PlaceRow> parse_place_row(std::string_view line, std::string& problem);
std::optional<Admin1Row> parse_admin1_row(std::string_view line, std::string& problem);
std::optional<CountryRow> parse_country_row(std::string_view line, std::string& problem);

// Read a whole dump, calling `row` for every valid row in file order.
// Throws InputError naming the path when the file is missing or cannot be
// read or decompressed; bad rows only go into the report.
ReadReport read_places(const std::filesystem::path& dump,
                       const std::function<void(const PlaceRow&)>& row);
ReadReport read_admin1_codes(const std::filesystem::path& dump,
                             const std::function<void(const Admin1Row&)>& row);
ReadReport read_country_info(const std::filesystem::path& dump,
                             const std::function<void(const CountryRow&)>& row);

} // namespace incimap::gazetteer
