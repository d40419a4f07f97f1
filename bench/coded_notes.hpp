// The coded notes of an ACLED table as the accuracy benchmarks read them:
// every row with notes, its columns by name, its event date as an ISO day
// (ISO or as ACLED's export writes it, "03 December 2020") and the date the
// benchmarks publish its note on, three days after the event.
#pragma once

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "sources/csv.hpp"
#include "store/dates.hpp"

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace incimap::bench {

struct CodedNote {
    std::string file;    // the table's file name
    std::string origin;  // file:line
    std::string notes;
    std::string event_date;  // ISO
    std::string published;   // ISO, three days after event_date
    std::map<std::string, std::string, std::less<>> columns;

    // The row's value of a column, "" when the table has none.
    std::string column(std::string_view name) const {
        auto it = columns.find(name);
        return it == columns.end() ? std::string() : it->second;
    }
};

// Throws Error naming the file, or the file and line of a date that is none.
inline std::vector<CodedNote> read_coded_notes(const std::string& path) {
    sources::CsvReader csv(path, sources::BadRecords::stop);
    std::vector<std::string> header, fields;
    if (!csv.next(header))
        return {};
    if (!sources::column_index(header, "notes") || !sources::column_index(header, "event_date"))
        throw Error(path + ": no notes or event_date column");
    const std::string file = path.substr(path.find_last_of('/') + 1);
    std::vector<CodedNote> rows;
    while (csv.next(fields)) {
        CodedNote note;
        note.file = file;
        note.origin = file + ":" + std::to_string(csv.line());
        for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i)
            note.columns.emplace(header[i], fields[i]);
        note.notes = note.column("notes");
        if (note.notes.empty())
            continue;
        const auto day = store::parse_event_date(note.column("event_date"));
        if (!day)
            throw Error(note.origin + ": event_date '" + note.column("event_date") + "' is no date");
        note.event_date = iso_date(*day);
        note.published = iso_date(std::chrono::year_month_day(std::chrono::sys_days(*day) + std::chrono::days(3)));
        rows.push_back(std::move(note));
    }
    return rows;
}

} // namespace incimap::bench
