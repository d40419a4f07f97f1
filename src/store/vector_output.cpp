#include "store/vector_output.hpp"

#include "core/abandoned_files.hpp"
#include "core/ascii.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/folders.hpp"
#include "sources/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

#include <unistd.h>

namespace incimap::store {
namespace {

namespace fs = std::filesystem;

constexpr std::array<VectorFormatInfo, 7> formats = {{
    {VectorFormat::geojson, "GeoJSON", ".geojson .json", "GeoJSON"},
    {VectorFormat::gpkg, "GeoPackage", ".gpkg", "GPKG"},
    {VectorFormat::csv, "CSV", ".csv", "CSV"},
    {VectorFormat::shapefile, "Shapefile", ".shp", "ESRI Shapefile"},
    {VectorFormat::kml, "KML", ".kml", "KML"},
    {VectorFormat::flatgeobuf, "FlatGeobuf", ".fgb", "FlatGeobuf"},
    {VectorFormat::parquet, "GeoParquet", ".parquet", "Parquet"},
}};

// Names of the incident's and the aggregation's fields that are longer than
// a Shapefile allows, shortened so that they still read (docs/store.md).
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> short_names = {{
    {"event_id_cnty", "event_id"},
    {"event_id_no_cnty", "event_no"},
    {"time_precision", "time_prec"},
    {"disorder_type", "disorder"},
    {"sub_event_type", "sub_type"},
    {"assoc_actor_1", "assoc_1"},
    {"assoc_actor_2", "assoc_2"},
    {"interaction", "interactn"},
    {"civilian_targeting", "civ_target"},
    {"geo_precision", "geo_prec"},
    {"source_scale", "src_scale"},
    {"fatalities_low", "fatal_low"},
    {"fatalities_high", "fatal_high"},
    {"top_event_type", "top_type"},
    {"period_start", "per_start"},
    {"cell_degrees", "cell_deg"},
}};

constexpr std::size_t shapefile_name_length = 10;

std::string extension_of(const fs::path& path) {
    return lowered(path.extension().string());
}

// The files a Shapefile may have beside its .shp; a new one replaces the
// old one's, and the old ones it does not write (a spatial index of the old
// geometry) must not stay behind.
constexpr std::array<std::string_view, 8> shapefile_parts = {
    ".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx"};

fs::path field_note_path(const fs::path& shp) {
    auto note = shp;
    note.replace_extension(".fields.txt");
    return note;
}

gdal::FieldType ogr_type(FieldType type, VectorFormat format) {
    switch (type) {
    case FieldType::text: return gdal::FieldType::string;
    case FieldType::integer: return gdal::FieldType::integer64;
    case FieldType::real: return gdal::FieldType::real;
    case FieldType::date: return gdal::FieldType::date;
    case FieldType::datetime:
        // dBASE has no date with a time: kept as ISO 8601 text.
        return format == VectorFormat::shapefile ? gdal::FieldType::string
                                                 : gdal::FieldType::datetime;
    }
    return gdal::FieldType::string;
}

// TEXT cut to at most BYTES, at a character boundary.
std::string_view cut_utf8(std::string_view text, std::size_t bytes) {
    if (text.size() <= bytes)
        return text;
    std::size_t end = bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end);
}

} // namespace

std::span<const VectorFormatInfo> vector_formats() { return formats; }

const VectorFormatInfo& vector_format_info(VectorFormat format) {
    for (const auto& info : formats)
        if (info.format == format)
            return info;
    return formats[0];
}

std::optional<VectorFormat> vector_format_named_by(const fs::path& path) {
    const auto extension = extension_of(path);
    if (extension.empty())
        return std::nullopt;
    for (const auto& info : formats) {
        std::string_view list = info.extensions;
        while (!list.empty()) {
            const auto space = list.find(' ');
            if (list.substr(0, space) == extension)
                return info.format;
            list = space == std::string_view::npos ? std::string_view() : list.substr(space + 1);
        }
    }
    return std::nullopt;
}

std::string writable_formats() {
    std::string written, missing;
    for (const auto& info : formats) {
        std::string extensions;
        for (const char c : info.extensions)
            extensions += c == ' ' ? std::string(", ") : std::string(1, c);
        auto entry = fmt::format("{} ({})", info.name, extensions);
        auto& list = gdal::has_driver(info.driver) ? written : missing;
        list += list.empty() ? entry : ", " + entry;
    }
    if (missing.empty())
        return written;
    return fmt::format("{}; not {}, which this GDAL ({}) cannot write", written, missing,
                       gdal::version());
}

void require_driver(VectorFormat format, const fs::path& path) {
    const auto& info = vector_format_info(format);
    if (!gdal::has_driver(info.driver))
        throw Error(fmt::format("'{}': this GDAL ({}) has no {} driver; incimap writes {}",
                                path.string(), gdal::version(), info.name, writable_formats()));
}

VectorFormat vector_format_for(const fs::path& path) {
    const auto format = vector_format_named_by(path);
    // A device or FIFO whose name tells no format (/dev/stdout, a pipe)
    // gets GeoJSON, as standard output does.
    if (!format && is_stream_file(path))
        return VectorFormat::geojson;
    if (!format) {
        const auto extension = path.extension().string();
        throw Error(fmt::format("'{}': {}; incimap tells the format by the extension and writes {}",
                                path.string(),
                                extension.empty() ? "no extension to tell the format by"
                                                  : fmt::format("'{}' is not a format incimap writes", extension),
                                writable_formats()));
    }
    require_driver(*format, path);
    return *format;
}

std::vector<std::string> shapefile_field_names(std::span<const std::string> names) {
    std::vector<std::string> out;
    std::set<std::string> taken;
    for (const auto& name : names) {
        std::string short_name = name;
        for (const auto& [long_name, abbreviation] : short_names)
            if (name == long_name)
                short_name = abbreviation;
        if (short_name.size() > shapefile_name_length)
            short_name.resize(shapefile_name_length);
        // dBASE compares field names without case.
        auto candidate = short_name;
        for (int n = 1; taken.count(lowered(candidate)) > 0; ++n) {
            const auto suffix = fmt::format("_{}", n);
            candidate = short_name.substr(0, shapefile_name_length - suffix.size()) + suffix;
        }
        taken.insert(lowered(candidate));
        out.push_back(candidate);
    }
    return out;
}

VectorOutput::VectorOutput(fs::path path, VectorFormat format, VectorLayer layer)
    : path_(std::move(path)), format_(format), layer_(std::move(layer)) {
    require_driver(format_, path_);
    create_folder_of(path_);
    remove_abandoned_beside(path_, ".tmp-");
    temporary_ = path_;
    temporary_ += fmt::format(".tmp-{}", ::getpid());
    std::error_code ec;
    fs::remove_all(temporary_, ec);
    fs::create_directory(temporary_, ec);
    if (ec)
        throw Error(fmt::format("cannot write '{}': {}", path_.string(), ec.message()));
    try {
        const auto& info = vector_format_info(format_);
        std::vector<std::string> layer_options;
        switch (format_) {
        case VectorFormat::geojson: layer_options = {"RFC7946=YES"}; break;
        case VectorFormat::csv: layer_options = {"GEOMETRY=AS_WKT"}; break;
        case VectorFormat::shapefile: layer_options = {"ENCODING=UTF-8"}; break;
        case VectorFormat::flatgeobuf:
            if (layer_.some_without_geometry)
                layer_options = {"SPATIAL_INDEX=NO"};
            break;
        default: break;
        }
        dataset_.emplace(gdal::Dataset::create(info.driver, (temporary_ / path_.filename()).string()));
        const auto srs = gdal::SpatialReference::from_epsg(4326);
        output_.emplace(dataset_->create_layer(
            format_ == VectorFormat::shapefile ? path_.stem().string() : layer_.name,
            layer_.geometry, &srs, layer_options));
        std::vector<std::string> names;
        for (const auto& field : layer_.fields)
            names.push_back(field.name);
        if (format_ == VectorFormat::shapefile)
            names = shapefile_field_names(names);
        for (std::size_t i = 0; i < names.size(); ++i) {
            const auto& field = layer_.fields[i];
            const bool text = ogr_type(field.type, format_) == gdal::FieldType::string;
            output_->create_field(names[i], ogr_type(field.type, format_),
                                  format_ == VectorFormat::shapefile && text
                                      ? static_cast<int>(shapefile_text_bytes)
                                      : 0);
            indexes_.push_back(output_->field_index(names[i]));
            if (names[i] != field.name)
                renamed_.emplace_back(field.name, names[i]);
            if (field.name == layer_.title_field)
                title_ = static_cast<int>(i);
        }
        // KML's driver writes the field "Name" as the placemark's <name>; the
        // title field itself stays among the placemark's data.
        if (format_ == VectorFormat::kml && title_ >= 0) {
            output_->create_field("Name", gdal::FieldType::string);
            kml_name_ = output_->field_index("Name");
        }
    } catch (const Error& e) {
        output_.reset();
        dataset_.reset();
        fs::remove_all(temporary_, ec);
        throw Error(fmt::format("cannot write '{}': {}", path_.string(), e.what()));
    }
}

VectorOutput::~VectorOutput() {
    if (committed_)
        return;
    output_.reset();
    dataset_.reset();
    std::error_code ignored;
    fs::remove_all(temporary_, ignored);
}

void VectorOutput::fill(gdal::Feature& feature, std::span<const FieldValue> values) {
    if (kml_name_ >= 0 && static_cast<std::size_t>(title_) < values.size())
        if (const auto* title = std::get_if<std::string>(&values[static_cast<std::size_t>(title_)]))
            feature.set_string(kml_name_, *title);
    for (std::size_t i = 0; i < indexes_.size() && i < values.size(); ++i) {
        const int index = indexes_[i];
        const auto& value = values[i];
        if (const auto* whole = std::get_if<std::int64_t>(&value)) {
            feature.set_integer(index, *whole);
        } else if (const auto* real = std::get_if<double>(&value)) {
            feature.set_real(index, *real);
        } else if (const auto* text = std::get_if<std::string>(&value)) {
            if (text->empty() && layer_.fields[i].type != FieldType::text) {
                feature.set_null(index);
            } else if (format_ == VectorFormat::shapefile && text->size() > shapefile_text_bytes) {
                feature.set_string(index, cut_utf8(*text, shapefile_text_bytes));
                ++cut_texts_;
            } else if (format_ == VectorFormat::csv) {
                feature.set_string(index, sources::spreadsheet_safe(*text));
            } else {
                feature.set_string(index, *text);
            }
        } else {
            feature.set_null(index);
        }
    }
}

void VectorOutput::add_point(std::span<const FieldValue> values, double lon, double lat) {
    gdal::Feature feature(*output_);
    fill(feature, values);
    feature.set_point({lon, lat});
    output_->create(feature);
}

void VectorOutput::add_geojson(std::span<const FieldValue> values, std::string_view geometry) {
    gdal::Feature feature(*output_);
    fill(feature, values);
    if (!geometry.empty() && geometry != "null")
        feature.set_geometry_geojson(geometry, layer_.geometry);
    output_->create(feature);
}

void VectorOutput::write_field_note() const {
    std::string note = fmt::format(
        "Fields of {} under the names a Shapefile allows (at most 10 characters); texts longer "
        "than {} bytes are cut to that, the most a Shapefile field holds ({} cut).\n\n",
        path_.filename().string(), shapefile_text_bytes, cut_texts_);
    for (const auto& [name, short_name] : renamed_)
        note += fmt::format("{:<10}  {}\n", short_name, name);
    write_file_atomically(temporary_ / field_note_path(path_).filename(), note);
}

void VectorOutput::commit() {
    std::error_code ec;
    try {
        output_.reset();
        dataset_->close();
        dataset_.reset();
        if (format_ == VectorFormat::shapefile && (!renamed_.empty() || cut_texts_ > 0))
            write_field_note();
    } catch (const Error& e) {
        throw Error(fmt::format("cannot write '{}': {}", path_.string(), e.what()));
    }
    std::set<fs::path> written;
    for (const auto& entry : fs::directory_iterator(temporary_, ec))
        written.insert(entry.path().filename());
    if (format_ == VectorFormat::shapefile)
        for (const auto part : shapefile_parts) {
            auto old = fs::path(path_).replace_extension(part);
            if (!written.count(old.filename()))
                fs::remove(old, ec);
        }
    for (const auto& name : written) {
        fs::rename(temporary_ / name, path_.parent_path() / name, ec);
        if (ec)
            throw Error(fmt::format("cannot write '{}': moving '{}' into place: {}", path_.string(),
                                    name.string(), ec.message()));
    }
    fs::remove_all(temporary_, ec);
    committed_ = true;
}

} // namespace incimap::store
