// Thin RAII adapter over GDAL/OGR's C API for vector data, after libosmium's
// gdalcpp.hpp: datasets, layers, features and spatial references held in
// unique_ptr-like handles with the right deleter, every failed call thrown
// as a LibraryError naming the dataset, layer or field and quoting GDAL's
// own message (CPLGetLastErrorMsg). This header and gdal.cpp are the only
// files that know GDAL's C headers.
//
// Thread safety follows GDAL's: one Dataset (and its layers and features)
// per thread. Drivers are registered once, on first use, from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::gdal {

// Registers GDAL's drivers once per process and silences GDAL's default
// printing of errors to stderr (errors are thrown instead). Every other entry
// point of this adapter calls it; calling it again is cheap.
void ensure_registered();

// The GDAL version string, e.g. "3.6.2".
std::string version();

// Whether this GDAL has the driver NAME ("ESRI Shapefile", "Parquet", …):
// builds differ in which optional drivers they carry.
bool has_driver(std::string_view name);

// Sets a GDAL configuration option for the current thread only, and puts
// the previous value back when it goes out of scope.
class ScopedConfigOption {
public:
    ScopedConfigOption(std::string key, const std::string& value);
    ~ScopedConfigOption();
    ScopedConfigOption(const ScopedConfigOption&) = delete;
    ScopedConfigOption& operator=(const ScopedConfigOption&) = delete;

private:
    std::string key_;
    std::optional<std::string> previous_;
};

enum class FieldType { integer, integer64, real, string, date, datetime, binary };
enum class GeometryType { none, point, polygon, multipolygon, any };

struct Date {
    int year = 0;
    int month = 0;
    int day = 0;
};

struct DateTime {
    Date date;
    int hour = 0;
    int minute = 0;
    int second = 0;
};

struct Point {
    double x = 0;  // longitude for geographic data (traditional GIS order)
    double y = 0;
};

struct Envelope {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

namespace detail {
struct SpatialReferenceDeleter { void operator()(void* handle) const noexcept; };
struct FeatureDeleter { void operator()(void* handle) const noexcept; };
struct DatasetDeleter { void operator()(void* handle) const noexcept; };
} // namespace detail

// A coordinate reference system. Axis order is always the traditional GIS
// order (x = longitude, y = latitude), whatever the authority says.
class SpatialReference {
public:
    // Throws LibraryError when PROJ does not know the code.
    static SpatialReference from_epsg(int code);
    void* handle() const noexcept { return handle_.get(); }

private:
    std::unique_ptr<void, detail::SpatialReferenceDeleter> handle_;
};

class Layer;

// One feature (row) of a layer, owned by this object. Field positions are
// the layer's field indexes (Layer::field_index).
class Feature {
public:
    // An empty feature with the layer's schema, ready to be filled and
    // passed to Layer::create().
    explicit Feature(const Layer& layer);
    // Takes ownership of a feature handle returned by OGR.
    explicit Feature(void* handle);

    std::int64_t fid() const;
    void set_fid(std::int64_t fid);

    bool is_set(int field) const;
    // The string value; valid until the feature is changed or destroyed.
    std::string_view get_string(int field) const;
    std::int64_t get_integer(int field) const;
    double get_real(int field) const;
    std::optional<Date> get_date(int field) const;
    std::optional<DateTime> get_datetime(int field) const;
    // The bytes of a binary field; valid until the feature is changed.
    std::string_view get_binary(int field) const;

    void set_string(int field, std::string_view value);
    void set_integer(int field, std::int64_t value);
    void set_real(int field, double value);
    void set_date(int field, Date value);
    void set_datetime(int field, DateTime value);
    void set_binary(int field, std::string_view bytes);
    void set_null(int field);

    void set_point(Point point);
    // Sets the geometry from a GeoJSON geometry object, a Polygon made a
    // MultiPolygon of one when AS is multipolygon (for layers of one type);
    // throws LibraryError quoting GDAL when it is not a geometry.
    void set_geometry_geojson(std::string_view geometry, GeometryType as = GeometryType::any);
    void clear_geometry();
    // The geometry as a GeoJSON geometry object, in the layer's own
    // coordinates; empty when it has none.
    std::string geometry_geojson() const;
    // The geometry's type name ("Point", "Polygon"), empty when it has none.
    std::string geometry_type() const;
    // The point of a Point geometry (or a MultiPoint of one point); nothing
    // for other geometries or no geometry.
    std::optional<Point> point() const;

    void* handle() const noexcept { return handle_.get(); }

private:
    std::unique_ptr<void, detail::FeatureDeleter> handle_;
    std::string scratch_;  // NUL-terminated copy for set_string
};

// A layer of a Dataset; a non-owning view valid while the dataset is open.
class Layer {
public:
    Layer(void* handle, std::string dataset_name);

    std::string name() const;
    // "DATASET, layer NAME": for error messages.
    std::string describe() const;

    // The index of the field NAME; throws LibraryError naming the layer and
    // the field when there is none.
    int field_index(std::string_view name) const;
    // As field_index(), or -1.
    int find_field(std::string_view name) const;
    std::vector<std::string> field_names() const;
    FieldType field_type(int field) const;
    // WIDTH: the maximum length of a string field where the format has one
    // (a Shapefile's default is 80 characters); 0 leaves the driver's default.
    void create_field(std::string_view name, FieldType type, int width = 0);

    // A WHERE clause in the data source's SQL dialect; an empty string
    // clears it. Callers quote literals themselves (see store/filter).
    void set_attribute_filter(const std::string& where);
    void set_spatial_filter(const Envelope& box);
    void clear_spatial_filter();
    // Fields OGR need not read (speeds up scans that use few fields).
    void set_ignored_fields(const std::vector<std::string>& names);
    void reset_reading();
    // The next feature that passes the filters, or nothing at the end.
    std::optional<Feature> next();
    std::int64_t count();
    std::optional<Feature> get(std::int64_t fid);

    // Inserts; the feature's fid is set to the new row's fid.
    void create(Feature& feature);
    // Replaces the row with the feature's fid.
    void update(Feature& feature);
    void remove(std::int64_t fid);

    // The name of the FID column ("id"), empty when the format has none.
    std::string fid_column() const;
    // The name of the geometry column in the data source ("geom"); empty
    // when the driver does not name it.
    std::string geometry_column() const;

    void* handle() const noexcept { return handle_; }

private:
    [[noreturn]] void fail(std::string_view what) const;

    void* handle_;
    std::string dataset_name_;
};

// The result layer of a SELECT run with Dataset::query(); released when it
// goes out of scope.
class ResultSet {
public:
    ResultSet(void* dataset, void* layer, std::string dataset_name);
    ~ResultSet();
    ResultSet(ResultSet&& other) noexcept;
    ResultSet& operator=(ResultSet&&) = delete;
    ResultSet(const ResultSet&) = delete;
    ResultSet& operator=(const ResultSet&) = delete;

    // Nothing when the statement returned no layer.
    Layer* layer() { return layer_ ? &*layer_ : nullptr; }

private:
    void* dataset_;
    std::optional<Layer> layer_;
};

// An open vector data source (a GeoPackage file, a GeoJSON file, a
// PostgreSQL connection string, …).
class Dataset {
public:
    // Opens an existing vector data source, with only the drivers named in
    // ALLOWED_DRIVERS when it is not empty ("GPKG", "SQLite", …). Throws
    // LibraryError naming the path and quoting GDAL when it cannot be opened.
    static Dataset open(const std::string& name, bool update,
                        const std::vector<std::string>& open_options = {},
                        const std::vector<std::string>& allowed_drivers = {});
    // Creates a new, empty data source with DRIVER ("GPKG", "GeoJSON", …).
    static Dataset create(std::string_view driver, const std::string& name,
                          const std::vector<std::string>& creation_options = {});

    Dataset(Dataset&&) noexcept = default;
    Dataset& operator=(Dataset&&) noexcept = default;
    ~Dataset();  // closes without checking; call close() on outputs

    const std::string& name() const noexcept { return name_; }
    std::string driver_name() const;

    int layer_count() const;
    Layer layer(int index) const;
    Layer layer(std::string_view layer_name) const;  // throws when missing
    std::optional<Layer> find_layer(std::string_view layer_name) const;
    Layer create_layer(std::string_view layer_name, GeometryType type,
                       const SpatialReference* srs,
                       const std::vector<std::string>& options = {});

    void start_transaction();
    void commit_transaction();
    void rollback_transaction();

    // Runs a statement that returns no rows (CREATE INDEX …).
    void execute(const std::string& sql);
    // Runs a SELECT; the result layer lives as long as the ResultSet.
    // DIALECT: empty for the data source's own, or "SQLITE", "OGRSQL".
    ResultSet query(const std::string& sql, const std::string& dialect = {});
    // The first column of the first row a SELECT returns, as an integer
    // (a boolean is 0 or 1); nothing when it returns no row.
    std::optional<std::int64_t> query_integer(const std::string& sql);

    // Flushes and closes; throws LibraryError when GDAL reports a failure
    // (a full disk, a failed commit). The dataset is closed either way.
    void close();

private:
    Dataset(void* handle, std::string name);
    [[noreturn]] void fail(std::string_view what) const;

    std::unique_ptr<void, detail::DatasetDeleter> handle_;
    std::string name_;
};

} // namespace incimap::gdal
