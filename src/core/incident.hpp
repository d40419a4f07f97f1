// The incident: one event at one place on one day, coded after ACLED's
// conventions so analysts can compare and merge with ACLED data. The reader
// (extract/) produces them, the store keeps them, the renderer draws them.
// Field names are the ACLED column names and are used verbatim in GeoJSON,
// CSV and GeoPackage outputs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace incimap {

// ACLED time_precision: how exactly event_date is known.
enum class TimePrecision : int { day = 1, week = 2, month = 3 };

// ACLED geo_precision: how exactly the location is known.
enum class GeoPrecision : int {
    town = 1,    // the place itself (a town, village, named site)
    near = 2,    // near a town, or part of a region
    region = 3,  // only a region (admin1) was named: its capital or centroid
};

// A span of the source document that supports the incident.
struct Evidence {
    std::string text;        // the sentence(s), as in the document
    std::size_t begin = 0;   // byte offsets into the document text
    std::size_t end = 0;
};

struct Incident {
    std::int64_t id = 0;        // the store's id; 0 until stored
    std::string event_id_cnty;  // ACLED's id ("MLI1234"); empty when not from ACLED
    std::string event_date;  // ISO YYYY-MM-DD (mid-range for week/month)
    TimePrecision time_precision = TimePrecision::day;
    std::string event_type;      // one of ACLED's six event types
    std::string sub_event_type;  // one of ACLED's 25 sub-event types
    std::string actor1;
    std::string actor2;
    std::vector<std::string> assoc_actors;
    std::string location;  // place name as resolved (GeoNames name)
    double latitude = 0;
    double longitude = 0;
    std::int64_t geonameid = 0;  // 0 when not from GeoNames
    std::string country;         // country name, e.g. "Mali"
    std::string iso;             // ISO 3166-1 alpha-2, e.g. "ML"
    std::string admin1;
    GeoPrecision geo_precision = GeoPrecision::town;
    int fatalities = 0;       // the most conservative credible figure (ACLED)
    int fatalities_low = 0;   // the range the reports give; both equal
    int fatalities_high = 0;  // fatalities when only one figure is known
    std::vector<Evidence> notes;
    std::string doc_id;
    std::string source;  // title or URL of the document
    double confidence = 0;  // 0..1
    int sources = 0;        // reports merged into this incident (store)
    std::string created;    // ISO 8601 UTC, set by the store
    std::string updated;
};

} // namespace incimap
