// The incident's outside shape, in one table: every field an incident shows
// to the world, its type, the ACLED column it corresponds to, and how it is
// written. The store's schema (store/schema), the importer's columns
// (store/event_rows), the exports (store/export: GeoJSON, CSV, GeoPackage),
// `incimap extract`'s output and the renderer's attributes (render/sources)
// all read this table; a field is added here and nowhere else.
//
//   GeoJSON   a property named `name`: text as a string, numbers as numbers,
//             an empty value as null (an empty text as "")
//   CSV       ACLED's columns in ACLED's order under their ACLED names (the
//             ACLED form: `iso` numeric, `year` from the date, `timestamp`
//             the row's Unix time), then the store's own fields by name
//   GPKG      a field of the incidents layer named `name`, of type `type`
#pragma once

#include "core/incident.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace incimap {

enum class FieldType { text, integer, real, date, datetime };

// A field's value: nothing (null), a whole number, a real, a text.
using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string>;

// Where a field appears.
enum FieldUse : unsigned {
    in_store = 1,    // a field of the store's incidents layer (and GeoPackage exports)
    in_geojson = 2,  // a property of GeoJSON exports and of the renderer's inputs
    in_extract = 4,  // a property of `incimap extract`'s output
    in_csv = 8,      // a column of CSV exports (under its ACLED name when it has one)
};

struct IncidentField {
    std::string_view name;   // GeoJSON property, GeoPackage field, CSV column of the store's own
    FieldType type;
    std::string_view acled;  // ACLED's column of the same meaning, or empty
    unsigned uses;           // FieldUse bits
    FieldValue (*get)(const Incident&);
    // Sets the field from a value as get() gives it (or as the store holds
    // it); null for a field that is derived from others.
    void (*set)(Incident&, const FieldValue&);
    // The value in ACLED's form, where it differs from get() (null otherwise).
    FieldValue (*acled_value)(const Incident&);
};

// The header names a table's longitude and latitude columns go by, most
// usual first: the importer (store/event_rows) and the renderer's CSV
// input take the first the header holds, in any case and with blanks
// around; GDAL's CSV driver is told the same lists.
inline constexpr std::array<std::string_view, 5> longitude_column_names{"longitude", "lon", "lng", "long", "x"};
inline constexpr std::array<std::string_view, 3> latitude_column_names{"latitude", "lat", "y"};

// The header names FIELD answers to in tables of events, matched ignoring
// case: its name (ACLED's column) first, then the names other tables give it
// ("date", "deaths", the coordinate names above). Empty for no field.
std::span<const std::string_view> header_names(std::string_view field);

// The column of the first of NAMES that HEADER holds, ignoring case and
// blanks around a header name; -1 when it holds none.
int find_column(std::span<const std::string_view> header, std::span<const std::string_view> names);

// Every field, in ACLED's column order, then the store's own.
std::span<const IncidentField> incident_fields();
// The field named NAME (its name, or its ACLED column); nullptr when none.
const IncidentField* incident_field(std::string_view name);
// True when the field of that name holds numbers.
bool numeric_field(std::string_view name);

// The value as CSV writes it: "" for null, numbers in their shortest form.
std::string field_text(const FieldValue& value);

// ACLED joins associated actors with "; ".
std::string join_actors(const std::vector<std::string>& actors);
std::vector<std::string> split_actors(std::string_view joined);
// The notes column: the evidence texts joined with a space.
std::string joined_notes(const Incident& incident);

// Fills the ACLED codes that follow from an incident's other codes and are
// still empty: `interaction` from the inter codes, `disorder_type` from the
// event type, `civilian_targeting` when civilians are the target of
// political violence (ACLED's codebook).
void complete_acled_codes(Incident& incident);

// Unix time of an ISO 8601 UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" (or a day); 0 if none.
std::int64_t unix_time(std::string_view timestamp);

} // namespace incimap
