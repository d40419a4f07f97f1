// The store's tables and how an Incident maps onto a feature of the
// `incidents` layer. Field names are ACLED's where ACLED has the field.
//
//   incidents         Point, EPSG:4326, spatial index; FID column `id`
//   sources           one row per report: url, title, published, fetched,
//                     content_hash (SHA-256 of the text)
//   incident_sources  incident_id, source_id, evidence (the report's own
//                     words), fatalities (the report's figure), added
#pragma once

#include "adapters/gdal.hpp"
#include "core/incident.hpp"

#include <array>
#include <string_view>

namespace incimap::store {

inline constexpr std::string_view incidents_layer = "incidents";
inline constexpr std::string_view sources_table = "sources";
inline constexpr std::string_view links_table = "incident_sources";
inline constexpr std::string_view id_column = "id";

enum class Column {
    event_id_cnty,
    event_date,
    time_precision,
    event_type,
    sub_event_type,
    actor1,
    actor2,
    assoc_actor_1,
    location,
    latitude,
    longitude,
    geonameid,
    country,
    iso,
    admin1,
    geo_precision,
    fatalities,
    fatalities_low,
    fatalities_high,
    notes,
    doc_id,
    source,
    confidence,
    sources,
    created,
    updated,
};
inline constexpr std::size_t column_count = static_cast<std::size_t>(Column::updated) + 1;

struct ColumnSpec {
    Column column;
    std::string_view name;
    gdal::FieldType type;
};

// The fields of the incidents layer, in the order they are created.
const std::array<ColumnSpec, column_count>& incident_columns();

std::string_view column_name(Column column);

// The field index of every column in a given incidents layer, looked up once.
class IncidentLayout {
public:
    // Throws LibraryError naming the layer and the first missing field.
    explicit IncidentLayout(const gdal::Layer& layer);
    int operator[](Column column) const { return index_[static_cast<std::size_t>(column)]; }

private:
    std::array<int, column_count> index_{};
};

// ACLED joins associated actors with "; ".
std::string join_actors(const std::vector<std::string>& actors);
std::vector<std::string> split_actors(std::string_view joined);

// The notes column: the evidence texts joined with a space.
std::string joined_notes(const Incident& incident);

// Fills FEATURE from INCIDENT (all columns and the point; not the fid).
void write_incident(const Incident& incident, gdal::Feature& feature,
                    const IncidentLayout& layout);
// The incident a feature holds; id is the feature's fid.
Incident read_incident(const gdal::Feature& feature, const IncidentLayout& layout);

} // namespace incimap::store
