// The incident: one event at one place on one day, coded after ACLED's
// conventions so analysts can compare and merge with ACLED data. The reader
// (extract/) produces them, the store keeps them, the renderer draws them.
// Field names are the ACLED column names; core/incident_fields.hpp is the
// one table of how each is named and written in GeoJSON, CSV and GeoPackage.
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

    // ACLED's other columns: kept as an import reads them, so an ACLED table
    // comes back out of the store as it went in; the reader fills the codes
    // that follow from what it found (inter codes from the actors' kinds).
    std::int64_t data_id = 0;           // ACLED's row id; 0 when none
    std::int64_t event_id_no_cnty = 0;  // ACLED's number within the country; 0 when none
    std::string disorder_type;          // "Political violence", "Demonstrations", ...
    std::vector<std::string> assoc_actors_2;  // associates of actor2
    int inter1 = 0;                     // ACLED's actor categories 1-8 of actor1, actor2; 0 none
    int inter2 = 0;
    int interaction = 0;                // the two inter codes, lower first ("17"); 0 none
    std::string civilian_targeting;     // "Civilian targeting" or empty
    std::string region;                 // ACLED's region ("Western Africa")
    std::string admin2;
    std::string admin3;
    std::string source_scale;           // "National", "Subnational-Regional", ...
    std::string tags;
    std::int64_t timestamp = 0;         // ACLED's Unix time of the row's last change; 0 when none
    std::string iso3;                   // ISO 3166-1 alpha-3 as ACLED writes it
};

} // namespace incimap
