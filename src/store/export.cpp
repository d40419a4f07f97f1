#include "store/export.hpp"

#include "core/abandoned_files.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/resources.hpp"
#include "core/ascii.hpp"
#include "core/countries.hpp"
#include "sources/csv.hpp"
#include "store/dates.hpp"
#include "store/schema.hpp"
#include "text/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <iterator>

namespace incimap::store {
namespace {

constexpr std::size_t flush_at = 1 << 20;

// The CSV columns: ACLED's in ACLED's order under their ACLED names, then
// the store's own.
struct CsvColumn {
    std::string_view name;
    const IncidentField* field;
    bool acled;
};

const std::vector<CsvColumn>& csv_columns() {
    static const std::vector<CsvColumn> columns = [] {
        std::vector<CsvColumn> out;
        for (const auto& field : incident_fields())
            if (field.uses & in_csv && !field.acled.empty())
                out.push_back({field.acled, &field, true});
        for (const auto& field : incident_fields())
            if (field.uses & in_csv && field.acled.empty())
                out.push_back({field.name, &field, false});
        return out;
    }();
    return columns;
}

std::span<const CsvColumn> csv_columns(bool acled_only) {
    const auto& all = csv_columns();
    const auto acled = static_cast<std::size_t>(
        std::count_if(all.begin(), all.end(), [](const CsvColumn& c) { return c.acled; }));
    return std::span<const CsvColumn>(all).first(acled_only ? acled : all.size());
}

const std::vector<std::string_view>& csv_column_names() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> out;
        for (const auto& column : csv_columns())
            out.push_back(column.name);
        return out;
    }();
    return names;
}

// Collects output in a buffer written out in pieces of about 1 MB.
class BufferedWriter : public IncidentWriter {
public:
    explicit BufferedWriter(OutputFile& out) : out_(out) {}

    void finish() override {
        buffer_ += closing();
        out_.write(buffer_);
        buffer_.clear();
        out_.commit();
    }

protected:
    // What ends the document.
    virtual std::string_view closing() const { return {}; }

    void flush_if_full() {
        if (buffer_.size() > flush_at) {
            out_.write(buffer_);
            buffer_.clear();
        }
    }

    std::string buffer_;

private:
    OutputFile& out_;
};

class GeoJsonWriter : public BufferedWriter {
public:
    explicit GeoJsonWriter(OutputFile& out) : BufferedWriter(out) {
        buffer_ = "{\"type\":\"FeatureCollection\",\"features\":[\n";
    }

    void add(const Incident& i) override {
        auto it = std::back_inserter(buffer_);
        if (count_++ > 0)
            buffer_ += ",\n";
        fmt::format_to(it,
                       "{{\"type\":\"Feature\",\"id\":{},\"geometry\":{{\"type\":\"Point\","
                       "\"coordinates\":[{:.6f},{:.6f}]}},\"properties\":{{\"id\":{}",
                       i.id, i.longitude, i.latitude, i.id);
        for (const auto& field : incident_fields()) {
            if (!(field.uses & in_geojson) || field.name == "id")
                continue;
            append_json_property(buffer_, field.name, field.get(i));
        }
        buffer_ += "}}";
        flush_if_full();
    }

private:
    std::string_view closing() const override { return "\n]}\n"; }

    std::size_t count_ = 0;
};

class CsvWriter : public BufferedWriter {
public:
    CsvWriter(OutputFile& out, bool acled_only)
        : BufferedWriter(out), columns_(csv_columns(acled_only)) {
        const std::vector<std::string_view> header(
            csv_column_names().begin(), csv_column_names().begin() + columns_.size());
        sources::append_csv_record(buffer_, header);
    }

    void add(const Incident& i) override {
        texts_.clear();
        for (const auto& column : columns_) {
            const auto& field = *column.field;
            texts_.push_back(field_text(column.acled && field.acled_value ? field.acled_value(i)
                                                                          : field.get(i)));
        }
        std::vector<std::string_view> row(texts_.begin(), texts_.end());
        sources::append_csv_record(buffer_, row);
        flush_if_full();
    }

private:
    std::span<const CsvColumn> columns_;
    std::vector<std::string> texts_;
};

// Cuts TEXT to at most WIDTH characters (UTF-8), marking a cut with "…".
std::string fit(std::string_view text, std::size_t width) {
    std::size_t characters = text::display_width(text);
    if (characters <= width)
        return std::string(text) + std::string(width - characters, ' ');
    std::string out;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80 && ++kept == width)
            break;
        out += text[i];
    }
    return out + "…";
}

class TableWriter : public BufferedWriter {
public:
    explicit TableWriter(OutputFile& out) : BufferedWriter(out) {
        line("id", "date", "event_type", "dead", "location", "country", "actor1");
    }

    void add(const Incident& i) override {
        line(std::to_string(i.id), i.event_date, i.event_type, std::to_string(i.fatalities),
             i.location, i.country, i.actor1);
        flush_if_full();
    }

private:
    void line(std::string_view id, std::string_view date, std::string_view type,
              std::string_view dead, std::string_view location, std::string_view country,
              std::string_view actor) {
        fmt::format_to(std::back_inserter(buffer_), "{:>7}  {:<10}  {}  {:>5}  {}  {}  {}\n", id,
                       date, fit(type, 26), dead, fit(location, 20), fit(country, 12),
                       actor.size() > 40 ? fit(actor, 40) : std::string(actor));
    }
};

} // namespace

ExportFormat parse_export_format(std::string_view text, bool allow_table) {
    if (equal_ignoring_case(text, "geojson"))
        return ExportFormat::geojson;
    if (equal_ignoring_case(text, "csv"))
        return ExportFormat::csv;
    if (equal_ignoring_case(text, "acled"))
        return ExportFormat::acled;
    if (!allow_table && equal_ignoring_case(text, "gpkg"))
        return ExportFormat::gpkg;
    if (allow_table && equal_ignoring_case(text, "table"))
        return ExportFormat::table;
    if (!allow_table) {
        if (equal_ignoring_case(text, "shp") || equal_ignoring_case(text, "shapefile"))
            return ExportFormat::shapefile;
        if (equal_ignoring_case(text, "kml"))
            return ExportFormat::kml;
        if (equal_ignoring_case(text, "fgb") || equal_ignoring_case(text, "flatgeobuf"))
            return ExportFormat::flatgeobuf;
        if (equal_ignoring_case(text, "parquet"))
            return ExportFormat::parquet;
    }
    throw UsageError(fmt::format("'{}': expected {}", text,
                                 allow_table ? "table, csv, acled or geojson"
                                             : "geojson, csv, acled, gpkg, shp, kml, fgb or parquet"));
}

ExportFormat export_format_for(const std::filesystem::path& out) {
    switch (vector_format_for(out)) {
    case VectorFormat::geojson: return ExportFormat::geojson;
    case VectorFormat::gpkg: return ExportFormat::gpkg;
    case VectorFormat::csv: return ExportFormat::csv;
    case VectorFormat::shapefile: return ExportFormat::shapefile;
    case VectorFormat::kml: return ExportFormat::kml;
    case VectorFormat::flatgeobuf: return ExportFormat::flatgeobuf;
    case VectorFormat::parquet: return ExportFormat::parquet;
    }
    return ExportFormat::geojson;
}

std::optional<VectorFormat> file_format_of(ExportFormat format) {
    switch (format) {
    case ExportFormat::geojson: return VectorFormat::geojson;
    case ExportFormat::csv:
    case ExportFormat::acled: return VectorFormat::csv;
    case ExportFormat::gpkg: return VectorFormat::gpkg;
    case ExportFormat::shapefile: return VectorFormat::shapefile;
    case ExportFormat::kml: return VectorFormat::kml;
    case ExportFormat::flatgeobuf: return VectorFormat::flatgeobuf;
    case ExportFormat::parquet: return VectorFormat::parquet;
    case ExportFormat::table: return std::nullopt;
    }
    return std::nullopt;
}

void append_json_property(std::string& out, std::string_view key, const FieldValue& value) {
    out += ",\"";
    out += key;
    out += "\":";
    if (const auto* s = std::get_if<std::string>(&value))
        append_json_string(out, *s);
    else if (std::holds_alternative<std::monostate>(value))
        out += "null";
    else
        out += field_text(value);
}

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    std::size_t plain = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(text.data() + plain, i - plain);
        plain = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        }
    }
    out.append(text.data() + plain, text.size() - plain);
    out += '"';
}

std::unique_ptr<IncidentWriter> make_geojson_writer(OutputFile& out) {
    return std::make_unique<GeoJsonWriter>(out);
}

std::unique_ptr<IncidentWriter> make_csv_writer(OutputFile& out, bool acled_only) {
    return std::make_unique<CsvWriter>(out, acled_only);
}

std::unique_ptr<IncidentWriter> make_table_writer(OutputFile& out) {
    return std::make_unique<TableWriter>(out);
}

std::span<const std::string_view> csv_export_columns(bool acled_only) {
    return std::span<const std::string_view>(csv_column_names()).first(csv_columns(acled_only).size());
}

std::size_t export_incidents(IncidentStore& store, const IncidentFilter& filter,
                             ExportFormat format, const std::filesystem::path& out) {
    if (format == ExportFormat::gpkg)
        return export_gpkg(store, filter, out);
    if (const auto file_format = file_format_of(format);
        file_format && *file_format != VectorFormat::geojson && *file_format != VectorFormat::csv)
        return export_vector(store, filter, *file_format, out);
    OutputFile file(out);
    std::unique_ptr<IncidentWriter> writer;
    switch (format) {
    case ExportFormat::geojson: writer = make_geojson_writer(file); break;
    case ExportFormat::csv: writer = make_csv_writer(file); break;
    case ExportFormat::acled: writer = make_csv_writer(file, true); break;
    default: writer = make_table_writer(file); break;
    }
    std::size_t count = 0;
    store.scan(filter, [&](const Incident& incident) {
        writer->add(incident);
        ++count;
    });
    writer->finish();
    return count;
}

std::size_t export_vector(IncidentStore& store, const IncidentFilter& filter, VectorFormat format,
                          const std::filesystem::path& out) {
    // The fields of a GeoJSON export, in its order: id first.
    std::vector<const IncidentField*> fields{incident_field("id")};
    for (const auto& field : incident_fields())
        if (field.uses & in_geojson && field.name != "id")
            fields.push_back(&field);
    VectorLayer layer;
    layer.name = "incidents";
    layer.title_field = "location";
    for (const auto* field : fields)
        layer.fields.push_back({std::string(field->name), field->type});
    VectorOutput output(out, format, std::move(layer));
    std::vector<FieldValue> values(fields.size());
    std::size_t count = 0;
    store.scan(filter, [&](const Incident& incident) {
        for (std::size_t i = 0; i < fields.size(); ++i)
            values[i] = fields[i]->get(incident);
        output.add_point(values, incident.longitude, incident.latitude);
        ++count;
    });
    output.commit();
    return count;
}

std::size_t export_gpkg(IncidentStore& store, const IncidentFilter& filter,
                        const std::filesystem::path& out) {
    remove_abandoned_beside(output_target(out), ".tmp-", ".gpkg");
    const auto temporary = temporary_beside(out, ".tmp-", ".gpkg");
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    std::size_t count = 0;
    try {
        auto copy = IncidentStore::open(temporary.string(), IncidentStore::Access::write);
        auto transaction = copy.begin();
        store.scan(filter, [&](const Incident& incident) {
            copy.insert_copy(incident, store.links_of(incident.id));
            ++count;
        });
        transaction.commit();
        copy.close();
        move_into_place(temporary, out);
    } catch (...) {
        std::filesystem::remove(temporary, ignored);
        throw;
    }
    return count;
}

std::filesystem::path style_path_for(const std::filesystem::path& geojson) {
    auto path = geojson;
    path.replace_extension(".qml");
    return path;
}

void write_layer_style(const std::filesystem::path& path, LayerStyle style) {
    OutputFile file(path);
    file.write(as_text(resource(style == LayerStyle::regions ? "styles/admin1.qml" : "styles/incidents.qml")));
    file.commit();
}

} // namespace incimap::store
