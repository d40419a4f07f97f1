// Writing incidents out: GeoJSON (RFC 7946), CSV with ACLED's columns, a
// GeoPackage copy, the aligned table `incimap list` prints, and through OGR
// a Shapefile, KML, FlatGeobuf or GeoParquet (store/vector_output). Files
// are written under a temporary name and renamed when complete.
#pragma once

#include "core/incident_fields.hpp"

#include "core/incident.hpp"
#include "store/filter.hpp"
#include "store/incident_store.hpp"
#include "store/output_file.hpp"
#include "store/vector_output.hpp"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace incimap::store {

enum class ExportFormat { geojson, csv, acled, gpkg, table, shapefile, kml, flatgeobuf, parquet };

// "geojson", "csv", "acled", "gpkg", "shp", "kml", "fgb", "parquet" (and
// "table" alone when ALLOW_TABLE); throws UsageError quoting anything else.
ExportFormat parse_export_format(std::string_view text, bool allow_table);

// The format OUT's extension names (.geojson/.json, .csv, .gpkg, .shp,
// .kml, .fgb, .parquet). Throws Error naming OUT and the formats incimap
// writes when it names none, or one this GDAL cannot write.
ExportFormat export_format_for(const std::filesystem::path& out);
// The file format FORMAT writes (csv and acled: CSV; table: none).
std::optional<VectorFormat> file_format_of(ExportFormat format);

// Appends TEXT to OUT as a JSON string literal (quotes, backslashes and
// control characters escaped; UTF-8 passed through).
void append_json_string(std::string& out, std::string_view text);
// Appends `,"KEY":VALUE` (a string, a number or null).
void append_json_property(std::string& out, std::string_view key, const FieldValue& value);

// Writes incidents one by one to an output in one format.
class IncidentWriter {
public:
    virtual ~IncidentWriter() = default;
    virtual void add(const Incident& incident) = 0;
    // Writes what closes the document and commits the file.
    virtual void finish() = 0;
};

// A FeatureCollection of Points, lon/lat WGS 84 with 6 decimals, the store
// id as each feature's "id", ISO dates as strings, numbers as numbers.
std::unique_ptr<IncidentWriter> make_geojson_writer(OutputFile& out);
// ACLED's columns in ACLED's order, as ACLED writes them (iso as the ISO
// 3166 numeric code, year from the date, timestamp ACLED's or else the Unix
// time of the last change), then, unless ACLED_ONLY, the store's own: id,
// geonameid, iso2, fatalities_low, fatalities_high, doc_id, confidence,
// sources, created, updated (core/incident_fields.hpp).
std::unique_ptr<IncidentWriter> make_csv_writer(OutputFile& out, bool acled_only = false);
// id, date, type, fatalities, location, country, actor1 — aligned columns
// for a terminal, long values cut to fit.
std::unique_ptr<IncidentWriter> make_table_writer(OutputFile& out);

// The columns of the CSV export, in order (ACLED's alone when ACLED_ONLY).
std::span<const std::string_view> csv_export_columns(bool acled_only = false);

// Copies the incidents passing FILTER, with their sources and evidence, into
// a new GeoPackage at OUT (replacing a file there only once complete).
// Returns the number of incidents copied.
std::size_t export_gpkg(IncidentStore& store, const IncidentFilter& filter,
                        const std::filesystem::path& out);

// Writes the incidents passing FILTER to OUT in a format written through
// OGR (Shapefile, KML, FlatGeobuf, GeoParquet): one point per incident with
// the fields of a GeoJSON export, under a Shapefile's short names there
// (store/vector_output). Returns the number of incidents written.
std::size_t export_vector(IncidentStore& store, const IncidentFilter& filter, VectorFormat format,
                          const std::filesystem::path& out);

// Writes the incidents passing FILTER to OUT in FORMAT; returns how many.
std::size_t export_incidents(IncidentStore& store, const IncidentFilter& filter,
                             ExportFormat format, const std::filesystem::path& out);

// The QGIS layer style written next to a GeoJSON output (FILE.qml beside
// FILE.geojson, which QGIS loads with the layer): the incidents' (colour by
// event type, size by fatalities) or the regions' of `aggregate --by
// admin1` (graduated colours by `count`).
enum class LayerStyle { incidents, regions };
std::filesystem::path style_path_for(const std::filesystem::path& geojson);
void write_layer_style(const std::filesystem::path& path, LayerStyle style = LayerStyle::incidents);

} // namespace incimap::store
