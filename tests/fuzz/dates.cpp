// Dates: date expressions in report text (first line: the publication date
// they are read against), ISO dates of metadata, and the event dates of
// imported tables.
#include "extract/dates.hpp"
#include "core/calendar.hpp"
#include "fuzz/fuzz_target.hpp"
#include "sources/document.hpp"
#include "store/dates.hpp"

INCIMAP_FUZZ_TARGET(dates) {
    const auto [published, text] = incimap::fuzz::split_first_line(input);
    incimap::extract::find_dates(text, published);
    incimap::parse_iso_date(published);
    incimap::sources::iso_date_from_metadata(published);
    incimap::store::parse_event_date(published);
}
