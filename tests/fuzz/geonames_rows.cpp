// GeoNames dump rows: the geoname table, admin1CodesASCII and countryInfo
// parsers on every line of the input.
#include "fuzz/fuzz_target.hpp"
#include "gazetteer/dump_reader.hpp"

INCIMAP_FUZZ_TARGET(geonames_rows) {
    using namespace incimap::gazetteer;
    std::string problem;
    std::size_t start = 0;
    while (start <= input.size()) {
        auto end = input.find('\n', start);
        if (end == std::string_view::npos)
            end = input.size();
        const auto line = input.substr(start, end - start);
        parse_place_row(line, problem);
        parse_admin1_row(line, problem);
        parse_country_row(line, problem);
        start = end + 1;
    }
}
