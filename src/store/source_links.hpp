// The store's reports and what links them to incidents: the `sources` table
// (one row per report, found by content hash) and `incident_sources` (which
// report told of which incident, in what words, with what figure).
// Functions of the open data source; no state of their own.
#pragma once

#include "adapters/gdal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::store {

// A report an incident was read from.
struct SourceRecord {
    std::int64_t id = 0;  // set by the store
    std::string url;
    std::string title;
    std::string published;     // ISO date or timestamp, may be empty
    std::string fetched;       // ISO timestamp, may be empty
    std::string content_hash;  // store::content_hash() of the report's text
};

// One report of one incident, with the report's own words.
struct SourceLink {
    SourceRecord source;
    std::string evidence;
    int fatalities = 0;  // the figure this report gave
};

// The id of the report with CONTENT_HASH, if stored (by index).
std::optional<std::int64_t> find_source(gdal::Dataset& store, const std::string& content_hash);
// Stores SOURCE as a new report; returns its id.
std::int64_t insert_source(gdal::Dataset& store, const SourceRecord& source);
std::int64_t find_or_insert_source(gdal::Dataset& store, const SourceRecord& source);

// Whether the report SOURCE_ID is linked to the incident INCIDENT_ID.
bool linked(gdal::Dataset& store, std::int64_t incident_id, std::int64_t source_id);
// Links them, with the report's words and figure, at the time ADDED.
void link(gdal::Dataset& store, std::int64_t incident_id, std::int64_t source_id,
          std::string_view evidence, int fatalities, const std::string& added);
// The reports of an incident, in the order they were linked.
std::vector<SourceLink> links_of(gdal::Dataset& store, std::int64_t incident_id);

} // namespace incimap::store
