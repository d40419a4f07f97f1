// Small GeoNames dumps written by the tests themselves. Facts (ids, coordinates, codes) are
// GeoNames'; the rows are cut down to what a test needs.
#pragma once

#include "gazetteer/gazetteer.hpp"
#include "gazetteer/index_cache.hpp"
#include "support/loopback_server.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::test::geonames {

using test::ScratchDir;

// Writes a file (support/loopback_server.hpp) and returns its path.
inline std::filesystem::path written(const std::filesystem::path& path, std::string_view text) {
    test::write_file(path, text);
    return path;
}

// One row of the geoname table, 19 tab-separated columns.
struct Row {
    std::int64_t id;
    std::string name;
    std::string alternates;
    double latitude;
    double longitude;
    std::string feature_class;
    std::string feature_code;
    std::string country;
    std::string admin1;
    std::int64_t population = 0;
    std::string ascii_name = {}; // the name when empty

    std::string line() const {
        const std::vector<std::string> columns = {std::to_string(id),
                                                  name,
                                                  ascii_name.empty() ? name : ascii_name,
                                                  alternates,
                                                  std::to_string(latitude),
                                                  std::to_string(longitude),
                                                  feature_class,
                                                  feature_code,
                                                  country,
                                                  "",
                                                  admin1,
                                                  "",
                                                  "",
                                                  "",
                                                  std::to_string(population),
                                                  "",
                                                  "300",
                                                  "Africa/Bamako",
                                                  "2021-03-09"};
        std::string out;
        for (const auto& column : columns)
            out += (out.empty() ? "" : "\t") + column;
        return out + "\n";
    }
};

inline std::string dump_of(const std::vector<Row>& rows) {
    std::string text;
    for (const auto& row : rows)
        text += row.line();
    return text;
}

// Mali, cut down: the homonyms the gazetteer must tell apart.
inline const std::vector<Row>& mali_rows() {
    static const std::vector<Row> rows = {
        {2460596, "Bamako", "BKO,Bamaco,Bamakó,Bamakɔ,باماكو", 12.65, -8.0, "P", "PPLC", "ML", "01",
         1297281},
        {2460594, "Bamako Region", "Bamako,District de Bamako", 12.65, -8.0, "A", "ADM1", "ML",
         "01", 971351},
        {2455290, "Kidal", "Kidal,Kidali,Кидаль", 18.44111, 1.40778, "P", "PPLA", "ML", "10",
         11643},
        {2455289, "Kidal", "", 18.46111, 1.385, "H", "WAD", "ML", "00", 0},
        {2597449, "Kidal Region", "Kidal,Région de Kidal", 19.4, 1.2, "A", "ADM1", "ML", "10",
         67638},
        {2449067, "Timbuktu", "TOM,Tombouctou,Timbuctoo,https://en.wikipedia.org/wiki/Timbuktu",
         16.77348, -3.00742, "P", "PPLA", "ML", "08", 32460},
        {2476086, "Ti-n-Zaouâtene", "Tin Zaouaten,Tinzaouaten,Fort Pierre Bordes", 19.95427,
         2.96732, "P", "PPL", "ML", "10", 0, "Ti-n-Zaouatene"},
        {2454674, "Koro", "", 14.064, -3.07539, "P", "PPLA2", "ML", "04", 0},
        {2454673, "Koro", "", 14.6266, -7.9842, "P", "PPL", "ML", "07", 0},
        {2453347, "Mopti Region", "Mopti,Région de Mopti", 14.3, -3.6, "A", "ADM1", "ML", "04",
         2037330},
        {2453866, "Republic of Mali", "Mali,République du Mali", 18.0, -2.0, "A", "PCLI", "ML",
         "00", 19077690},
    };
    return rows;
}

inline std::string mali_admin1_codes() {
    return "ML.01\tBamako\tBamako\t2460594\n"
           "ML.04\tMopti\tMopti\t2453347\n"
           "ML.07\tKoulikoro\tKoulikoro\t2454532\n"
           "ML.08\tTombouctou\tTombouctou\t2449066\n"
           "ML.10\tKidal\tKidal\t2597449\n";
}

inline std::string country_info() {
    return "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\tPopulation\t"
           "Continent\ttld\tCurrencyCode\tCurrencyName\tPhone\tPostal Code Format\t"
           "Postal Code Regex\tLanguages\tgeonameid\tneighbours\tEquivalentFipsCode\n"
           "ML\tMLI\t466\tML\tMali\tBamako\t1240000\t19077690\tAF\t.ml\tXOF\tFranc\t223\t\t\t"
           "fr-ML,bm\t2453866\tSN,NE,DZ,CI,GN,MR,BF\t\n"
           "NE\tNER\t562\tNG\tNiger\tNiamey\t1267000\t22442948\tAF\t.ne\tXOF\tFranc\t227\t####\t"
           "^(\\d{4})$\tfr-NE,ha,kr,dje\t2440476\tTD,BJ,DZ,LY,BF,NG,ML\t\n";
}

// The index of a dump written into `dir` under `name`.
inline gazetteer::Index index_of(const ScratchDir& dir, std::string_view name,
                                 std::string_view text) {
    const auto path = written(dir / name, text);
    auto built = gazetteer::build_dump_index(path);
    return gazetteer::Index::from_buffer(std::move(built.words), path.string());
}

// A gazetteer of the Mali rows with their admin1 codes and countries.
inline gazetteer::Gazetteer mali_gazetteer(const ScratchDir& dir) {
    std::vector<gazetteer::Index> layers;
    layers.push_back(index_of(dir, "countryInfo.txt", country_info()));
    layers.push_back(index_of(dir, "admin1CodesASCII.txt", mali_admin1_codes()));
    layers.push_back(index_of(dir, "ML.txt", dump_of(mali_rows())));
    return gazetteer::Gazetteer::from_indexes(std::move(layers));
}

} // namespace incimap::test::geonames
