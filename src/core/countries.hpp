// Country codes and names (ISO 3166-1 alpha-2 and numeric, English short
// names as GeoNames writes them, plus the spellings ACLED uses where they
// differ). ACLED tables code a country by its numeric `iso`; the store keeps
// the alpha-2 code.
#pragma once

#include <string_view>

namespace incimap {

struct Country {
    std::string_view iso2;  // "ML"
    int numeric = 0;        // 466
    std::string_view name;  // "Mali"
};

// Lookups over a table of about 250 countries; nullptr when unknown.
// iso2 and names are matched without regard to ASCII case.
const Country* country_by_iso2(std::string_view iso2);
const Country* country_by_numeric(int numeric);
const Country* country_by_name(std::string_view name);

} // namespace incimap
