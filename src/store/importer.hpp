// Loading event tables into the store: ACLED CSV exports (current and
// pre-2020 schema), other CSV tables with coordinates or place names, and
// GeoJSON (read through OGR). All files of one call go in one transaction.
//
// Every row is accounted for: imported (new), updated (same event_id_cnty
// as a stored incident) or rejected with its line number and the reason,
// written to the rejects file when one is asked for.
#pragma once

#include "store/event_rows.hpp"
#include "store/incident_store.hpp"

#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::store {

enum class ImportFormat { automatic, acled, csv, geojson };

// "acled", "csv", "geojson"; throws UsageError quoting anything else.
ImportFormat parse_import_format(std::string_view text);

struct ImportCounts {
    long rows = 0;
    long imported = 0;
    long updated = 0;
    long rejected = 0;
};

struct ImportOptions {
    ImportFormat format = ImportFormat::automatic;
    std::filesystem::path rejects;  // CSV of rejected rows; empty for none
    RowContext context;
    // Called every `progress_every` rows with the file and its counts.
    std::function<void(const std::string& file, const ImportCounts&)> progress;
    long progress_every = 10000;
};

struct ImportReport {
    ImportCounts total;
    std::vector<std::pair<std::string, ImportCounts>> files;
    std::vector<std::string> rejections;  // the first few, as "file:line: reason"
    long rejections_not_shown = 0;
};

// Throws InputError naming the first of FILES that is not a readable
// file ("-", standard input, is always accepted).
void check_inputs(std::span<const std::filesystem::path> files);

// Imports FILES into STORE in one transaction, committed at the end.
// Throws InputError naming a file that cannot be read or has no usable
// header; the store is then unchanged. The rejects file appears only after
// the commit. In a database, a transaction ended for meeting another
// writer is done again, the files read again (IncidentStore::restart);
// standard input, which cannot be, goes in alone from the start.
ImportReport import_files(IncidentStore& store, std::span<const std::filesystem::path> files,
                          const ImportOptions& options);

} // namespace incimap::store
