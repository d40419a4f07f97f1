#include "store/export.hpp"

#include "core/abandoned_files.hpp"
#include "core/error.hpp"
#include "core/resources.hpp"
#include "store/ascii.hpp"
#include "store/countries.hpp"
#include "store/csv.hpp"
#include "store/dates.hpp"
#include "store/schema.hpp"
#include "text/utf8.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <iterator>
#include <unistd.h>

namespace incimap::store {
namespace {

constexpr std::size_t flush_at = 1 << 20;

constexpr std::array<std::string_view, 40> csv_columns = {
    // ACLED's export columns, in ACLED's order.
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
    // The store's own.
    "id", "geonameid", "iso2", "fatalities_low", "fatalities_high", "sources", "confidence",
    "created", "updated"};

// Seconds since 1970 of an ISO timestamp "YYYY-MM-DDTHH:MM:SSZ"; 0 if none.
long long unix_time(std::string_view timestamp) {
    auto day = parse_event_date(timestamp.substr(0, std::min<std::size_t>(10, timestamp.size())));
    if (!day)
        return 0;
    long long seconds = std::chrono::sys_days(*day).time_since_epoch().count() * 86400LL;
    if (timestamp.size() >= 19) {
        auto two = [&](std::size_t at) { return (timestamp[at] - '0') * 10 + (timestamp[at + 1] - '0'); };
        seconds += two(11) * 3600 + two(14) * 60 + two(17);
    }
    return seconds;
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
        text("event_id_cnty", i.event_id_cnty);
        text("event_date", i.event_date);
        number("time_precision", static_cast<int>(i.time_precision));
        text("event_type", i.event_type);
        text("sub_event_type", i.sub_event_type);
        text("actor1", i.actor1);
        text("actor2", i.actor2);
        text("assoc_actor_1", join_actors(i.assoc_actors));
        text("location", i.location);
        fmt::format_to(it, ",\"latitude\":{},\"longitude\":{}", i.latitude, i.longitude);
        if (i.geonameid != 0)
            number("geonameid", i.geonameid);
        else
            buffer_ += ",\"geonameid\":null";
        text("country", i.country);
        text("iso", i.iso);
        text("admin1", i.admin1);
        number("geo_precision", static_cast<int>(i.geo_precision));
        number("fatalities", i.fatalities);
        number("fatalities_low", i.fatalities_low);
        number("fatalities_high", i.fatalities_high);
        text("notes", joined_notes(i));
        text("doc_id", i.doc_id);
        text("source", i.source);
        fmt::format_to(it, ",\"confidence\":{}", i.confidence);
        number("sources", i.sources);
        text("created", i.created);
        text("updated", i.updated);
        buffer_ += "}}";
        flush_if_full();
    }

private:
    std::string_view closing() const override { return "\n]}\n"; }

    void text(std::string_view key, std::string_view value) {
        buffer_ += ",\"";
        buffer_ += key;
        buffer_ += "\":";
        append_json_string(buffer_, value);
    }
    template <typename Number>
    void number(std::string_view key, Number value) {
        fmt::format_to(std::back_inserter(buffer_), ",\"{}\":{}", key, value);
    }

    std::size_t count_ = 0;
};

class CsvWriter : public BufferedWriter {
public:
    explicit CsvWriter(OutputFile& out) : BufferedWriter(out) {
        std::vector<std::string_view> header(csv_columns.begin(), csv_columns.end());
        append_csv_record(buffer_, header);
    }

    void add(const Incident& i) override {
        const Country* country = country_by_iso2(i.iso);
        auto year = i.event_date.size() >= 4 ? i.event_date.substr(0, 4) : std::string();
        auto numeric = country ? std::to_string(country->numeric) : std::string();
        auto id = std::to_string(i.id);
        auto precision = std::to_string(static_cast<int>(i.time_precision));
        auto geo_precision = std::to_string(static_cast<int>(i.geo_precision));
        auto latitude = fmt::format("{}", i.latitude);
        auto longitude = fmt::format("{}", i.longitude);
        auto fatalities = std::to_string(i.fatalities);
        auto timestamp = i.updated.empty() ? std::string() : std::to_string(unix_time(i.updated));
        auto assoc = join_actors(i.assoc_actors);
        auto notes = joined_notes(i);
        auto geonameid = i.geonameid ? std::to_string(i.geonameid) : std::string();
        auto low = std::to_string(i.fatalities_low);
        auto high = std::to_string(i.fatalities_high);
        auto sources = std::to_string(i.sources);
        auto confidence = fmt::format("{}", i.confidence);
        std::vector<std::string_view> row = {
            i.event_id_cnty, i.event_date, year, precision, "", i.event_type, i.sub_event_type,
            i.actor1, assoc, "", i.actor2, "", "", "", "", numeric, "", i.country, i.admin1, "",
            "", i.location, latitude, longitude, geo_precision, i.source, "", notes, fatalities,
            "", timestamp,
            // The store's own.
            id, geonameid, i.iso, low, high, sources, confidence, i.created, i.updated};
        append_csv_record(buffer_, row);
        flush_if_full();
    }
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
    if (!allow_table && equal_ignoring_case(text, "gpkg"))
        return ExportFormat::gpkg;
    if (allow_table && equal_ignoring_case(text, "table"))
        return ExportFormat::table;
    throw UsageError(fmt::format("--format '{}': expected {}", text,
                                 allow_table ? "table, csv or geojson" : "geojson, csv or gpkg"));
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

std::unique_ptr<IncidentWriter> make_csv_writer(OutputFile& out) {
    return std::make_unique<CsvWriter>(out);
}

std::unique_ptr<IncidentWriter> make_table_writer(OutputFile& out) {
    return std::make_unique<TableWriter>(out);
}

std::span<const std::string_view> csv_export_columns() { return csv_columns; }

std::size_t export_incidents(IncidentStore& store, const IncidentFilter& filter,
                             ExportFormat format, const std::filesystem::path& out) {
    if (format == ExportFormat::gpkg)
        return export_gpkg(store, filter, out);
    OutputFile file(out);
    std::unique_ptr<IncidentWriter> writer;
    switch (format) {
    case ExportFormat::geojson: writer = make_geojson_writer(file); break;
    case ExportFormat::csv: writer = make_csv_writer(file); break;
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

std::size_t export_gpkg(IncidentStore& store, const IncidentFilter& filter,
                        const std::filesystem::path& out) {
    remove_abandoned_beside(out, ".tmp-", ".gpkg");
    auto temporary = out;
    temporary += fmt::format(".tmp-{}.gpkg", ::getpid());
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
        std::filesystem::rename(temporary, out);
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

void write_layer_style(const std::filesystem::path& path) {
    OutputFile file(path);
    file.write(as_text(resource("styles/incidents.qml")));
    file.commit();
}

} // namespace incimap::store
