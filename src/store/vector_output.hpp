// The vector formats incimap writes, chosen by a file's extension, and an
// output layer written through OGR that appears only complete.
//
// GeoJSON and CSV of incidents have writers of their own (store/export);
// GeoPackage, Shapefile, KML, FlatGeobuf and GeoParquet go through GDAL's
// drivers, and so does every format of `aggregate` but GeoJSON. Which of
// GDAL's optional drivers a build carries differs (Debian 12's has no
// Parquet): a format whose driver is missing is refused, never replaced by
// another.
#pragma once

#include "adapters/gdal.hpp"
#include "core/incident_fields.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace incimap::store {

enum class VectorFormat { geojson, gpkg, csv, shapefile, kml, flatgeobuf, parquet };

struct VectorFormatInfo {
    VectorFormat format;
    std::string_view name;        // "Shapefile"
    std::string_view extensions;  // ".shp" (the first is the usual one)
    std::string_view driver;      // GDAL's short name, "ESRI Shapefile"
};

// Every format above, in the order messages list them.
std::span<const VectorFormatInfo> vector_formats();
const VectorFormatInfo& vector_format_info(VectorFormat format);

// The format PATH's extension names (any case), or nothing.
std::optional<VectorFormat> vector_format_named_by(const std::filesystem::path& path);

// "GeoJSON (.geojson, .json), GeoPackage (.gpkg), …": the formats this
// build writes, with the ones whose GDAL driver is missing said so.
std::string writable_formats();

// The format PATH's extension names; GeoJSON for a device or FIFO whose
// name tells none. Throws Error naming PATH and the formats incimap writes
// when the extension names none of them, or when this GDAL lacks the
// format's driver.
VectorFormat vector_format_for(const std::filesystem::path& path);
// Throws that Error when this GDAL lacks FORMAT's driver.
void require_driver(VectorFormat format, const std::filesystem::path& path);

// A Shapefile's field names have at most 10 characters: the names the
// fields NAMES are written under, in the same order. Known long names are
// shortened as docs/store.md lists (assoc_actor_1 -> assoc_1), others cut
// to 10 characters, with a number at the end where two would clash.
std::vector<std::string> shapefile_field_names(std::span<const std::string> names);

// The longest text a Shapefile field holds, in bytes (dBASE's limit).
constexpr std::size_t shapefile_text_bytes = 254;

struct VectorField {
    std::string name;
    FieldType type;
};

struct VectorLayer {
    std::string name;  // the layer's name, where the format has layers
    gdal::GeometryType geometry = gdal::GeometryType::point;
    std::vector<VectorField> fields;
    // The field whose text names a KML placemark (written as its <name>;
    // empty: none).
    std::string title_field;
    // Some features will have no geometry (FlatGeobuf's spatial index
    // cannot hold them, so it is left out).
    bool some_without_geometry = false;
};

// One layer written to PATH in FORMAT. The files are made in a temporary
// folder beside PATH ("PATH.tmp-PID") and moved into place by commit(), one
// by one for a format of several files (a Shapefile's .shp, .shx, .dbf,
// .prj, .cpg); destroyed without commit(), it leaves nothing behind. Fields
// a Shapefile renames and texts it cuts are listed in "NAME.fields.txt"
// beside it.
class VectorOutput {
public:
    // Throws Error naming PATH when the driver is missing or the files
    // cannot be created.
    VectorOutput(std::filesystem::path path, VectorFormat format, VectorLayer layer);
    ~VectorOutput();
    VectorOutput(const VectorOutput&) = delete;
    VectorOutput& operator=(const VectorOutput&) = delete;

    // VALUES in the order of the layer's fields. Throws LibraryError quoting
    // GDAL when the feature cannot be written.
    void add_point(std::span<const FieldValue> values, double lon, double lat);
    // GEOMETRY: a GeoJSON geometry object, or "" or "null" for none.
    void add_geojson(std::span<const FieldValue> values, std::string_view geometry);

    // Closes the files (write errors surface here) and moves them into
    // place. Throws Error naming PATH.
    void commit();

    // The fields written under another name: (name, name in the file).
    const std::vector<std::pair<std::string, std::string>>& renamed() const { return renamed_; }
    // How many texts were cut to the format's limit.
    std::size_t cut_texts() const { return cut_texts_; }

private:
    void fill(gdal::Feature& feature, std::span<const FieldValue> values);
    void write_field_note() const;

    std::filesystem::path path_;
    std::filesystem::path temporary_;  // the folder
    VectorFormat format_;
    VectorLayer layer_;
    std::optional<gdal::Dataset> dataset_;
    std::optional<gdal::Layer> output_;
    std::vector<int> indexes_;
    int title_ = -1;     // the title field's position in the layer's fields
    int kml_name_ = -1;  // KML: the index of the field "Name"
    std::vector<std::pair<std::string, std::string>> renamed_;
    std::size_t cut_texts_ = 0;
    bool committed_ = false;
};

} // namespace incimap::store
