// Event tables: ACLED and other CSV files as the importer reads them — the
// CSV reader keeping bad records, the header's column map and every row
// made into an incident — and the same reader stopping at the first bad
// record, as evaluation sets and the renderer's points read it.
#include "fuzz/fuzz_target.hpp"
#include "sources/csv.hpp"
#include "store/event_rows.hpp"

#include <string>
#include <vector>

INCIMAP_FUZZ_TARGET(csv_rows) {
    using namespace incimap::store;
    using incimap::sources::BadRecords;
    using incimap::sources::CsvReader;
    using incimap::sources::CsvRecord;
    incimap::fuzz::accept_input_errors([&] {
        CsvReader reader(input, "fuzz.csv", BadRecords::keep);
        CsvRecord record;
        if (!reader.next(record) || !record.error.empty())
            return;
        std::vector<std::string> names(record.fields.begin(), record.fields.end());
        std::vector<std::string_view> header(names.begin(), names.end());
        const ColumnMap columns(header);
        const RowContext context;
        while (reader.next(record)) {
            if (!record.error.empty() || record.fields.size() != header.size())
                continue;
            incimap::fuzz::accept_input_errors(
                [&] { incident_from_row(columns, record.fields, context); });
        }
    });
    incimap::fuzz::accept_input_errors([&] {
        CsvReader reader(input, "fuzz.csv", BadRecords::stop, ';');
        std::vector<std::string> fields;
        while (reader.next(fields)) {
        }
    });
}
