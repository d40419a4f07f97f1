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
#include "core/incident_fields.hpp"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <variant>
#include <vector>
#include <string_view>

namespace incimap::store {

inline constexpr std::string_view incidents_layer = "incidents";
inline constexpr std::string_view sources_table = "sources";
inline constexpr std::string_view links_table = "incident_sources";
inline constexpr std::string_view id_column = "id";

// A field of the incidents layer: one of the incident's fields
// (core/incident_fields.hpp) that the store keeps, with its OGR type.
struct ColumnSpec {
    std::string_view name;
    gdal::FieldType type;
    const IncidentField* field;
    // False for the columns stores have had from the start; true for those
    // added since, which a store made before them gains when it is opened
    // for writing (and reads as empty until then).
    bool added = false;
};

// The fields of the incidents layer, in the order they are created.
std::span<const ColumnSpec> incident_columns();

// The field index of every column in a given incidents layer, looked up once.
class IncidentLayout {
public:
    // Throws LibraryError naming the layer and the first missing field of
    // those every store has; a column added since may be missing (-1).
    explicit IncidentLayout(const gdal::Layer& layer);
    // The layout of a query's rows that select some of the columns: any
    // column may be missing.
    static IncidentLayout of_selected(const gdal::Layer& rows);
    // The field index of a column by name; -1 when the layer lacks it.
    int operator[](std::string_view name) const;
    int at(std::size_t column) const { return index_[column]; }
    // The columns of incident_columns() the layer lacks.
    std::vector<std::string_view> missing() const;

private:
    IncidentLayout() = default;
    std::vector<int> index_;
};

// Adds the columns added since LAYER's store was made (see ColumnSpec::added).
void add_missing_columns(gdal::Layer& layer);

// ACLED's joins, kept where the incident's fields are (core/incident_fields).
using incimap::join_actors;
using incimap::joined_notes;
using incimap::split_actors;

// A column's value as the store keeps it: null (also for empty text and
// dates that do not parse), text, integer, real, day or UTC time.
using StoredValue = std::variant<std::monostate, std::string_view, std::int64_t, double,
                                 gdal::Date, gdal::DateTime>;
// Calls VISIT with the field index and value of each column LAYOUT has, in
// the order of incident_columns(); text values point into a copy that
// lives until VISIT returns.
void visit_stored_values(const Incident& incident, const IncidentLayout& layout,
                         const std::function<void(int, const StoredValue&)>& visit);

// Fills FEATURE from INCIDENT (all columns and the point; not the fid).
void write_incident(const Incident& incident, gdal::Feature& feature,
                    const IncidentLayout& layout);
// Incidents as PostgreSQL array literals, one a column ("{v1,v2,…}"), the
// values as write_incident() gives them to GDAL: what an INSERT … SELECT
// FROM unnest(…) writes, many rows by one statement that the server
// parses at once (a VALUES list of as many literals costs it more to parse
// and plan than to insert). Each literal is written as it stands inside an
// escape string constant (E'…'), which reads alike whatever the server's
// standard_conforming_strings, so that the statement is put together
// without another pass over the text. clear() keeps the memory, for the
// next rows.
class IncidentArrays {
public:
    struct Column {
        std::string_view name;
        std::string_view array_type;  // "text[]", "bigint[]", …
        std::string values;           // the literal, escaped, without its closing brace
    };
    explicit IncidentArrays(const IncidentLayout& layout);
    void add(const Incident& incident);
    void clear();
    // The columns LAYOUT has, in the order of incident_columns().
    const std::vector<Column>& columns() const noexcept { return columns_; }
    // The points' coordinates, likewise (numbers: nothing to escape).
    const std::string& longitudes() const noexcept { return longitudes_; }
    const std::string& latitudes() const noexcept { return latitudes_; }

private:
    IncidentLayout layout_;
    std::vector<Column> columns_;
    std::string longitudes_ = "{";
    std::string latitudes_ = "{";
};

// The incident a feature holds; id is the feature's fid.
Incident read_incident(const gdal::Feature& feature, const IncidentLayout& layout);

} // namespace incimap::store
