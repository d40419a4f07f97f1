// Fatalities: death mentions and the ACLED count of a report's text.
#include "extract/fatalities.hpp"
#include "fuzz/fuzz_target.hpp"

INCIMAP_FUZZ_TARGET(fatalities) {
    incimap::extract::count_fatalities(input);
}
