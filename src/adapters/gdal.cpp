#include "adapters/gdal.hpp"

#include "core/error.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <fmt/format.h>

#include <cstring>
#include <mutex>

namespace incimap::gdal {
namespace {

// A statement as an error message shows it: a bulk INSERT can run to
// megabytes, of which the start says which it was.
std::string statement_shown(const std::string& sql) {
    constexpr std::size_t shown = 300;
    if (sql.size() <= shown)
        return sql;
    return fmt::format("{}… ({} bytes)", sql.substr(0, shown), sql.size());
}

std::string last_message() {
    const char* message = CPLGetLastErrorMsg();
    return message && *message ? message : "no message from GDAL";
}

// A NULL-terminated char** list for GDAL's option arguments; the strings
// are owned by the caller's vector.
std::vector<const char*> option_list(const std::vector<std::string>& options) {
    std::vector<const char*> list;
    list.reserve(options.size() + 1);
    for (const auto& option : options)
        list.push_back(option.c_str());
    list.push_back(nullptr);
    return list;
}

OGRFieldType to_ogr(FieldType type) {
    switch (type) {
    case FieldType::integer: return OFTInteger;
    case FieldType::integer64: return OFTInteger64;
    case FieldType::real: return OFTReal;
    case FieldType::string: return OFTString;
    case FieldType::date: return OFTDate;
    case FieldType::datetime: return OFTDateTime;
    case FieldType::binary: return OFTBinary;
    }
    return OFTString;
}

OGRwkbGeometryType to_ogr(GeometryType type) {
    switch (type) {
    case GeometryType::none: return wkbNone;
    case GeometryType::point: return wkbPoint;
    case GeometryType::polygon: return wkbPolygon;
    case GeometryType::multipolygon: return wkbMultiPolygon;
    case GeometryType::any: return wkbUnknown;
    }
    return wkbUnknown;
}

} // namespace

void ensure_registered() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // Failures are thrown with CPLGetLastErrorMsg(); GDAL must not also
        // print them on stderr.
        CPLSetErrorHandler(CPLQuietErrorHandler);
    });
}

std::string version() {
    return GDALVersionInfo("RELEASE_NAME");
}

bool has_driver(std::string_view name) {
    ensure_registered();
    return GDALGetDriverByName(std::string(name).c_str()) != nullptr;
}

ScopedConfigOption::ScopedConfigOption(std::string key, const std::string& value)
    : key_(std::move(key)) {
    if (const char* old = CPLGetThreadLocalConfigOption(key_.c_str(), nullptr))
        previous_ = old;
    CPLSetThreadLocalConfigOption(key_.c_str(), value.c_str());
}

ScopedConfigOption::~ScopedConfigOption() {
    CPLSetThreadLocalConfigOption(key_.c_str(), previous_ ? previous_->c_str() : nullptr);
}

namespace detail {
void SpatialReferenceDeleter::operator()(void* handle) const noexcept {
    OSRRelease(static_cast<OGRSpatialReferenceH>(handle));
}
void FeatureDeleter::operator()(void* handle) const noexcept {
    OGR_F_Destroy(static_cast<OGRFeatureH>(handle));
}
void DatasetDeleter::operator()(void* handle) const noexcept {
    GDALClose(static_cast<GDALDatasetH>(handle));
}
} // namespace detail

// --- SpatialReference -------------------------------------------------------

SpatialReference SpatialReference::from_epsg(int code) {
    ensure_registered();
    SpatialReference srs;
    srs.handle_.reset(OSRNewSpatialReference(nullptr));
    if (!srs.handle_)
        throw LibraryError("GDAL: cannot allocate a spatial reference");
    auto* handle = static_cast<OGRSpatialReferenceH>(srs.handle_.get());
    CPLErrorReset();
    if (OSRImportFromEPSG(handle, code) != OGRERR_NONE)
        throw LibraryError(fmt::format("GDAL: unknown coordinate system EPSG:{}: {}", code,
                                       last_message()));
    OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

// --- Feature ----------------------------------------------------------------

Feature::Feature(const Layer& layer)
    : handle_(OGR_F_Create(OGR_L_GetLayerDefn(static_cast<OGRLayerH>(layer.handle())))) {
    if (!handle_)
        throw LibraryError("GDAL: cannot allocate a feature for " + layer.describe());
}

Feature::Feature(void* handle) : handle_(handle) {}

std::int64_t Feature::fid() const {
    return OGR_F_GetFID(static_cast<OGRFeatureH>(handle_.get()));
}

void Feature::set_fid(std::int64_t fid) {
    OGR_F_SetFID(static_cast<OGRFeatureH>(handle_.get()), fid);
}

bool Feature::is_set(int field) const {
    return OGR_F_IsFieldSetAndNotNull(static_cast<OGRFeatureH>(handle_.get()), field) != 0;
}

std::string_view Feature::get_string(int field) const {
    if (!is_set(field))
        return {};
    return OGR_F_GetFieldAsString(static_cast<OGRFeatureH>(handle_.get()), field);
}

std::int64_t Feature::get_integer(int field) const {
    return OGR_F_GetFieldAsInteger64(static_cast<OGRFeatureH>(handle_.get()), field);
}

double Feature::get_real(int field) const {
    return OGR_F_GetFieldAsDouble(static_cast<OGRFeatureH>(handle_.get()), field);
}

std::optional<Date> Feature::get_date(int field) const {
    auto time = get_datetime(field);
    if (!time)
        return std::nullopt;
    return time->date;
}

std::optional<DateTime> Feature::get_datetime(int field) const {
    if (!is_set(field))
        return std::nullopt;
    DateTime t;
    float second = 0;
    int zone = 0;
    if (!OGR_F_GetFieldAsDateTimeEx(static_cast<OGRFeatureH>(handle_.get()), field, &t.date.year,
                                    &t.date.month, &t.date.day, &t.hour, &t.minute, &second,
                                    &zone))
        return std::nullopt;
    t.second = static_cast<int>(second);
    return t;
}

std::string_view Feature::get_binary(int field) const {
    if (!is_set(field))
        return {};
    int size = 0;
    const GByte* bytes =
        OGR_F_GetFieldAsBinary(static_cast<OGRFeatureH>(handle_.get()), field, &size);
    return {reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size)};
}

void Feature::set_binary(int field, std::string_view bytes) {
    OGR_F_SetFieldBinary(static_cast<OGRFeatureH>(handle_.get()), field,
                         static_cast<int>(bytes.size()),
                         reinterpret_cast<const void*>(bytes.data()));
}

void Feature::set_string(int field, std::string_view value) {
    scratch_.assign(value);
    OGR_F_SetFieldString(static_cast<OGRFeatureH>(handle_.get()), field, scratch_.c_str());
}

void Feature::set_integer(int field, std::int64_t value) {
    OGR_F_SetFieldInteger64(static_cast<OGRFeatureH>(handle_.get()), field, value);
}

void Feature::set_real(int field, double value) {
    OGR_F_SetFieldDouble(static_cast<OGRFeatureH>(handle_.get()), field, value);
}

void Feature::set_date(int field, Date value) {
    OGR_F_SetFieldDateTime(static_cast<OGRFeatureH>(handle_.get()), field, value.year,
                           value.month, value.day, 0, 0, 0, 0);
}

void Feature::set_datetime(int field, DateTime value) {
    // 100 is OGR's flag for UTC.
    OGR_F_SetFieldDateTimeEx(static_cast<OGRFeatureH>(handle_.get()), field, value.date.year,
                             value.date.month, value.date.day, value.hour, value.minute,
                             static_cast<float>(value.second), 100);
}

void Feature::set_null(int field) {
    OGR_F_SetFieldNull(static_cast<OGRFeatureH>(handle_.get()), field);
}

void Feature::set_point(Point point) {
    OGRGeometryH geometry = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(geometry, 0, point.x, point.y);
    // The feature takes ownership of the geometry.
    OGR_F_SetGeometryDirectly(static_cast<OGRFeatureH>(handle_.get()), geometry);
}

void Feature::set_geometry_geojson(std::string_view geometry, GeometryType as) {
    std::string json(geometry);
    CPLErrorReset();
    OGRGeometryH handle = OGR_G_CreateGeometryFromJson(json.c_str());
    if (!handle)
        throw LibraryError(fmt::format("GDAL: not a GeoJSON geometry: '{}': {}",
                                       json.substr(0, 80), last_message()));
    if (as == GeometryType::multipolygon && wkbFlatten(OGR_G_GetGeometryType(handle)) == wkbPolygon)
        handle = OGR_G_ForceToMultiPolygon(handle);  // takes the polygon, returns the new one
    OGR_F_SetGeometryDirectly(static_cast<OGRFeatureH>(handle_.get()), handle);
}

void Feature::clear_geometry() {
    OGR_F_SetGeometryDirectly(static_cast<OGRFeatureH>(handle_.get()), nullptr);
}

std::string Feature::geometry_geojson() const {
    OGRGeometryH geometry = OGR_F_GetGeometryRef(static_cast<OGRFeatureH>(handle_.get()));
    if (!geometry)
        return {};
    char* json = OGR_G_ExportToJson(geometry);
    if (!json)
        return {};
    std::string out(json);
    CPLFree(json);
    return out;
}

std::string Feature::geometry_type() const {
    OGRGeometryH geometry = OGR_F_GetGeometryRef(static_cast<OGRFeatureH>(handle_.get()));
    if (!geometry)
        return {};
    return OGR_G_GetGeometryName(geometry);
}

std::optional<Point> Feature::point() const {
    OGRGeometryH geometry = OGR_F_GetGeometryRef(static_cast<OGRFeatureH>(handle_.get()));
    if (!geometry || OGR_G_IsEmpty(geometry))
        return std::nullopt;
    auto type = wkbFlatten(OGR_G_GetGeometryType(geometry));
    if (type == wkbMultiPoint && OGR_G_GetGeometryCount(geometry) == 1) {
        geometry = OGR_G_GetGeometryRef(geometry, 0);
        type = wkbFlatten(OGR_G_GetGeometryType(geometry));
    }
    if (type != wkbPoint)
        return std::nullopt;
    return Point{OGR_G_GetX(geometry, 0), OGR_G_GetY(geometry, 0)};
}

// --- Layer ------------------------------------------------------------------

Layer::Layer(void* handle, std::string dataset_name)
    : handle_(handle), dataset_name_(std::move(dataset_name)) {}

std::string Layer::name() const {
    return OGR_L_GetName(static_cast<OGRLayerH>(handle_));
}

std::string Layer::describe() const {
    return fmt::format("{}, layer '{}'", dataset_name_, name());
}

void Layer::fail(std::string_view what) const {
    throw LibraryError(fmt::format("{}: {}: {}", describe(), what, last_message()));
}

int Layer::find_field(std::string_view field_name) const {
    std::string name(field_name);
    return OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(static_cast<OGRLayerH>(handle_)),
                                name.c_str());
}

int Layer::field_index(std::string_view field_name) const {
    int index = find_field(field_name);
    if (index < 0)
        throw LibraryError(fmt::format("{}: no field '{}'", describe(), field_name));
    return index;
}

std::vector<std::string> Layer::field_names() const {
    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(static_cast<OGRLayerH>(handle_));
    std::vector<std::string> names;
    for (int i = 0, n = OGR_FD_GetFieldCount(definition); i < n; ++i)
        names.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, i)));
    return names;
}

FieldType Layer::field_type(int field) const {
    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(static_cast<OGRLayerH>(handle_));
    switch (OGR_Fld_GetType(OGR_FD_GetFieldDefn(definition, field))) {
    case OFTInteger: return FieldType::integer;
    case OFTInteger64: return FieldType::integer64;
    case OFTReal: return FieldType::real;
    case OFTDate: return FieldType::date;
    case OFTDateTime: return FieldType::datetime;
    case OFTBinary: return FieldType::binary;
    default: return FieldType::string;
    }
}

void Layer::create_field(std::string_view field_name, FieldType type, int width) {
    std::string name(field_name);
    OGRFieldDefnH definition = OGR_Fld_Create(name.c_str(), to_ogr(type));
    if (width > 0)
        OGR_Fld_SetWidth(definition, width);
    CPLErrorReset();
    OGRErr result = OGR_L_CreateField(static_cast<OGRLayerH>(handle_), definition, TRUE);
    OGR_Fld_Destroy(definition);
    if (result != OGRERR_NONE)
        fail(fmt::format("cannot create field '{}'", field_name));
}

void Layer::set_attribute_filter(const std::string& where) {
    CPLErrorReset();
    if (OGR_L_SetAttributeFilter(static_cast<OGRLayerH>(handle_),
                                 where.empty() ? nullptr : where.c_str()) != OGRERR_NONE)
        fail(fmt::format("bad attribute filter \"{}\"", where));
}

void Layer::set_spatial_filter(const Envelope& box) {
    OGR_L_SetSpatialFilterRect(static_cast<OGRLayerH>(handle_), box.min_x, box.min_y, box.max_x,
                               box.max_y);
}

void Layer::clear_spatial_filter() {
    OGR_L_SetSpatialFilter(static_cast<OGRLayerH>(handle_), nullptr);
}

void Layer::set_ignored_fields(const std::vector<std::string>& names) {
    auto list = option_list(names);
    CPLErrorReset();
    if (OGR_L_SetIgnoredFields(static_cast<OGRLayerH>(handle_), list.data()) != OGRERR_NONE)
        fail("cannot ignore fields");
}

void Layer::reset_reading() {
    OGR_L_ResetReading(static_cast<OGRLayerH>(handle_));
}

std::optional<Feature> Layer::next() {
    CPLErrorReset();
    OGRFeatureH feature = OGR_L_GetNextFeature(static_cast<OGRLayerH>(handle_));
    if (!feature) {
        if (CPLGetLastErrorType() == CE_Failure)
            fail("cannot read the next feature");
        return std::nullopt;
    }
    return Feature(feature);
}

std::int64_t Layer::count() {
    CPLErrorReset();
    auto n = OGR_L_GetFeatureCount(static_cast<OGRLayerH>(handle_), TRUE);
    if (n < 0)
        fail("cannot count features");
    return n;
}

std::optional<Feature> Layer::get(std::int64_t fid) {
    CPLErrorReset();
    OGRFeatureH feature = OGR_L_GetFeature(static_cast<OGRLayerH>(handle_), fid);
    if (!feature) {
        if (CPLGetLastErrorType() == CE_Failure)
            fail(fmt::format("cannot read feature {}", fid));
        return std::nullopt;
    }
    return Feature(feature);
}

void Layer::create(Feature& feature) {
    CPLErrorReset();
    if (OGR_L_CreateFeature(static_cast<OGRLayerH>(handle_),
                            static_cast<OGRFeatureH>(feature.handle())) != OGRERR_NONE)
        fail("cannot write a feature");
}

void Layer::update(Feature& feature) {
    CPLErrorReset();
    if (OGR_L_SetFeature(static_cast<OGRLayerH>(handle_),
                         static_cast<OGRFeatureH>(feature.handle())) != OGRERR_NONE)
        fail(fmt::format("cannot update feature {}", feature.fid()));
}

void Layer::remove(std::int64_t fid) {
    CPLErrorReset();
    if (OGR_L_DeleteFeature(static_cast<OGRLayerH>(handle_), fid) != OGRERR_NONE)
        fail(fmt::format("cannot delete feature {}", fid));
}

std::string Layer::fid_column() const {
    return OGR_L_GetFIDColumn(static_cast<OGRLayerH>(handle_));
}

std::string Layer::geometry_column() const {
    return OGR_L_GetGeometryColumn(static_cast<OGRLayerH>(handle_));
}

// --- ResultSet --------------------------------------------------------------

ResultSet::ResultSet(void* dataset, void* layer, std::string dataset_name) : dataset_(dataset) {
    if (layer)
        layer_.emplace(layer, std::move(dataset_name));
}

ResultSet::ResultSet(ResultSet&& other) noexcept
    : dataset_(other.dataset_), layer_(std::move(other.layer_)) {
    other.layer_.reset();
}

ResultSet::~ResultSet() {
    if (layer_)
        GDALDatasetReleaseResultSet(static_cast<GDALDatasetH>(dataset_),
                                    static_cast<OGRLayerH>(layer_->handle()));
}

// --- Dataset ----------------------------------------------------------------

Dataset::Dataset(void* handle, std::string name) : handle_(handle), name_(std::move(name)) {}

Dataset::~Dataset() = default;

void Dataset::fail(std::string_view what) const {
    throw LibraryError(fmt::format("{}: {}: {}", name_, what, last_message()));
}

Dataset Dataset::open(const std::string& name, bool update,
                      const std::vector<std::string>& open_options,
                      const std::vector<std::string>& allowed_drivers) {
    ensure_registered();
    auto options = option_list(open_options);
    auto drivers = option_list(allowed_drivers);
    unsigned flags = GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY);
    CPLErrorReset();
    GDALDatasetH handle = GDALOpenEx(name.c_str(), flags,
                                     allowed_drivers.empty() ? nullptr : drivers.data(),
                                     options.data(), nullptr);
    if (!handle)
        throw LibraryError(fmt::format("cannot open '{}': {}", name, last_message()));
    return Dataset(handle, name);
}

Dataset Dataset::create(std::string_view driver_name, const std::string& name,
                        const std::vector<std::string>& creation_options) {
    ensure_registered();
    std::string driver_id(driver_name);
    GDALDriverH driver = GDALGetDriverByName(driver_id.c_str());
    if (!driver)
        throw LibraryError(fmt::format("GDAL has no '{}' driver", driver_name));
    auto options = option_list(creation_options);
    CPLErrorReset();
    GDALDatasetH handle = GDALCreate(driver, name.c_str(), 0, 0, 0, GDT_Unknown,
                                     const_cast<char**>(options.data()));
    if (!handle)
        throw LibraryError(
            fmt::format("cannot create {} '{}': {}", driver_name, name, last_message()));
    return Dataset(handle, name);
}

std::string Dataset::driver_name() const {
    return GDALGetDriverShortName(GDALGetDatasetDriver(static_cast<GDALDatasetH>(handle_.get())));
}

int Dataset::layer_count() const {
    return GDALDatasetGetLayerCount(static_cast<GDALDatasetH>(handle_.get()));
}

Layer Dataset::layer(int index) const {
    OGRLayerH handle = GDALDatasetGetLayer(static_cast<GDALDatasetH>(handle_.get()), index);
    if (!handle)
        throw LibraryError(fmt::format("{}: no layer number {}", name_, index));
    return Layer(handle, name_);
}

std::optional<Layer> Dataset::find_layer(std::string_view layer_name) const {
    std::string name(layer_name);
    OGRLayerH handle =
        GDALDatasetGetLayerByName(static_cast<GDALDatasetH>(handle_.get()), name.c_str());
    if (!handle)
        return std::nullopt;
    return Layer(handle, name_);
}

Layer Dataset::layer(std::string_view layer_name) const {
    if (auto found = find_layer(layer_name))
        return *found;
    throw LibraryError(fmt::format("{}: no layer '{}'", name_, layer_name));
}

Layer Dataset::create_layer(std::string_view layer_name, GeometryType type,
                            const SpatialReference* srs,
                            const std::vector<std::string>& layer_options) {
    std::string name(layer_name);
    auto options = option_list(layer_options);
    CPLErrorReset();
    OGRLayerH handle = GDALDatasetCreateLayer(
        static_cast<GDALDatasetH>(handle_.get()), name.c_str(),
        srs ? static_cast<OGRSpatialReferenceH>(srs->handle()) : nullptr,
        to_ogr(type), const_cast<char**>(options.data()));
    if (!handle)
        fail(fmt::format("cannot create layer '{}'", layer_name));
    return Layer(handle, name_);
}

void Dataset::start_transaction() {
    CPLErrorReset();
    if (GDALDatasetStartTransaction(static_cast<GDALDatasetH>(handle_.get()), FALSE) !=
        OGRERR_NONE)
        fail("cannot start a transaction");
}

void Dataset::commit_transaction() {
    CPLErrorReset();
    if (GDALDatasetCommitTransaction(static_cast<GDALDatasetH>(handle_.get())) != OGRERR_NONE)
        fail("cannot commit the transaction");
}

void Dataset::rollback_transaction() {
    CPLErrorReset();
    if (GDALDatasetRollbackTransaction(static_cast<GDALDatasetH>(handle_.get())) != OGRERR_NONE)
        fail("cannot roll back the transaction");
}

void Dataset::execute(const std::string& sql) {
    CPLErrorReset();
    OGRLayerH result =
        GDALDatasetExecuteSQL(static_cast<GDALDatasetH>(handle_.get()), sql.c_str(), nullptr,
                              nullptr);
    if (result)
        GDALDatasetReleaseResultSet(static_cast<GDALDatasetH>(handle_.get()), result);
    if (CPLGetLastErrorType() == CE_Failure)
        fail(fmt::format("SQL failed: {}", statement_shown(sql)));
}

ResultSet Dataset::query(const std::string& sql, const std::string& dialect) {
    CPLErrorReset();
    OGRLayerH result =
        GDALDatasetExecuteSQL(static_cast<GDALDatasetH>(handle_.get()), sql.c_str(), nullptr,
                              dialect.empty() ? nullptr : dialect.c_str());
    if (CPLGetLastErrorType() == CE_Failure) {
        if (result)
            GDALDatasetReleaseResultSet(static_cast<GDALDatasetH>(handle_.get()), result);
        fail(fmt::format("SQL failed: {}", statement_shown(sql)));
    }
    return ResultSet(handle_.get(), result, name_);
}

std::optional<std::int64_t> Dataset::query_integer(const std::string& sql) {
    auto result = query(sql);
    auto* rows = result.layer();
    if (!rows)
        return std::nullopt;
    rows->reset_reading();
    auto row = rows->next();
    if (!row)
        return std::nullopt;
    return row->get_integer(0);
}

void Dataset::close() {
    if (!handle_)
        return;
    CPLErrorReset();
    // GDALClose() reports nothing itself in GDAL 3.6: failures surface in the
    // error state.
    GDALClose(static_cast<GDALDatasetH>(handle_.release()));
    if (CPLGetLastErrorType() == CE_Failure)
        throw LibraryError(fmt::format("{}: closing failed: {}", name_, last_message()));
}

} // namespace incimap::gdal
