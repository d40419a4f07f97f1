// Incidents read straight from a CSV table of points: a `.csv` file whose
// header names longitude and latitude columns under the names the importer
// accepts (core/incident_fields: longitude/lon/lng/long/x, latitude/lat/y,
// any case), read by the
// CSV reader of sources/csv. Faster than going through OGR, and a row
// without a usable point is reported with its line rather than dropped
// unseen.
#pragma once

#include "render/geodata.hpp"
#include "store/filter.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::render {

struct CsvPoints {
    PointFeatures points;
    // Rows left out for want of a usable point, and the first of them as
    // "file:line: latitude '95.2' is not within ±90".
    std::size_t skipped = 0;
    std::string first_skipped;
};

// Whether PATH names a CSV file (by its extension, any case).
bool is_csv_path(std::string_view path);

// The rows of the CSV file at PATH inside BBOX (all when unset), with the
// named attributes as columns: numbers for the names numeric_incident_field()
// lists, text otherwise, null when a row leaves them empty (or the file has
// no such column). Ids come from event_id_cnty, else id, else the 1-based
// row number. Nothing when the header has no longitude and latitude columns.
// Throws InputError naming the file (and line and column) when it cannot be
// read or a record is malformed (a quoted field never closed, invalid UTF-8).
// Large columns are kept in temporary files in TEMP_FOLDER (see
// PointFeatures).
std::optional<CsvPoints> read_csv_points(const std::string& path, const std::vector<std::string>& attributes,
                                         const std::optional<store::BoundingBox>& bbox,
                                         const std::filesystem::path& temp_folder = {});

} // namespace incimap::render
