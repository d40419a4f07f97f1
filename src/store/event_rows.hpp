// Rows of event tables (ACLED exports, other CSV tables, GeoJSON properties)
// turned into Incidents: which column holds what, found by header name, and
// the validation of every value. A bad value rejects the row with a reason
// that quotes it.
#pragma once

#include "core/incident.hpp"
#include "core/incident_fields.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace incimap::store {

// The columns the importer reads and checks. Header names are matched
// ignoring case; the names each field answers to are those of
// core/incident_fields.hpp's header_names() (ACLED's first). ACLED's other columns (region, admin2, tags, timestamp,
// ...: every field of core/incident_fields.hpp with an ACLED column and
// none of these) are kept as they are read, whole numbers checked.
enum class Field {
    event_id_cnty,
    event_date,
    time_precision,
    event_type,
    sub_event_type,
    actor1,
    actor2,
    assoc_actor_1,
    assoc_actor_2,
    inter1,
    inter2,
    location,
    latitude,
    longitude,
    geonameid,
    country,
    iso,
    admin1,
    admin2,
    admin3,
    geo_precision,
    fatalities,
    notes,
    source,
};
inline constexpr std::size_t field_count = static_cast<std::size_t>(Field::source) + 1;

// What a row without coordinates says about where it is; any may be empty.
struct PlaceQuery {
    std::string_view location;
    std::string_view iso;  // ISO2 of the row's country
    std::string_view admin1;
    std::string_view admin2;
    std::string_view admin3;
};

// A place found for a row that names one but has no coordinates.
struct ResolvedPlace {
    std::string name;
    double latitude = 0;
    double longitude = 0;
    std::int64_t geonameid = 0;
    std::string iso;  // ISO2
    std::string admin1;
    int geo_precision = 1;  // ACLED's 1-3 for how exactly the match places the event
};

// Places a row. Throws InputError (no position) saying why it cannot.
using PlaceResolver = std::function<ResolvedPlace(const PlaceQuery& query)>;

// A table with other column names: which column holds which field
// (event_date=SQLDATE) and, for coded fields, what its codes mean
// (event_type[19]=Battles). Fields are named as core/incident_fields.hpp
// names them.
struct ColumnMapping {
    std::vector<std::pair<std::string, std::string>> columns;  // field, column
    // field, code in the table, value ("event_type", "19", "Battles")
    std::vector<std::tuple<std::string, std::string, std::string>> values;

    bool empty() const { return columns.empty() && values.empty(); }
    // Adds "FIELD=COLUMN" pairs separated by commas, or one "FIELD[CODE]=VALUE".
    // Throws UsageError quoting ORIGIN and the bad entry (an unknown field, no
    // '=').
    void add(std::string_view text, std::string_view origin);
    // Reads a mapping file: one entry per line, blank lines and # comments
    // skipped. Throws InputError naming the file and line.
    static ColumnMapping load(const std::filesystem::path& path);
};

class ColumnMap {
public:
    // Finds the columns in HEADER. Throws InputError (no position) naming
    // what is missing: a date column, an event type column, and either
    // latitude and longitude or a place-name column — unless the rows bring
    // their own points (GeoJSON geometries, HAS_POINTS).
    // MAPPING names the columns of fields first; a mapped column missing
    // from the header is an InputError naming it.
    ColumnMap(std::span<const std::string_view> header, bool has_points = false,
              const ColumnMapping* mapping = nullptr);

    // The column index of a field, or -1.
    int operator[](Field field) const { return index_[static_cast<std::size_t>(field)]; }
    std::size_t width() const { return width_; }
    bool has_coordinates() const;
    // ACLED's columns kept as they are read, with their column index.
    std::span<const std::pair<int, const IncidentField*>> kept() const { return kept_; }
    // The value a coded field's CODE stands for (CODE itself when the
    // mapping gives none).
    std::string_view value_of(Field field, std::string_view code) const;

private:
    std::array<int, field_count> index_{};
    std::vector<std::pair<int, const IncidentField*>> kept_;
    const ColumnMapping* mapping_ = nullptr;
    std::size_t width_ = 0;
};

struct RowContext {
    const PlaceResolver* resolver = nullptr;  // for rows with a place name only
    std::string default_iso;                  // --country: rows that name none
    ColumnMapping mapping;                    // --map, --map-file
};

// The incident a row describes. POINT (lon, lat) comes from a geometry and
// takes the place of the coordinate columns. Throws InputError (no
// position; the caller adds file and line) with the reason of rejection.
Incident incident_from_row(const ColumnMap& columns, std::span<const std::string_view> row,
                           const RowContext& context,
                           std::optional<std::pair<double, double>> point = std::nullopt);

// The id given to a row without event_id_cnty, so that importing it again
// updates it: "incimap-" + 16 hex digits of a hash of everything the row
// codes (date and its precision, types, place, position and its precision,
// admin1, country, actors, fatalities, source, notes). Without an id, a row
// is known by its content: two rows that differ in any of these are two
// incidents, never one overwriting the other.
std::string derived_event_id(const Incident& incident);

} // namespace incimap::store
