#include "store/importer.hpp"

#include "adapters/gdal.hpp"
#include "core/error.hpp"
#include "core/ascii.hpp"
#include "core/input_kind.hpp"
#include "sources/csv.hpp"
#include "store/output_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace incimap::store {
namespace {

// A store's error without the SQL statement it quotes: "STORE: SQL failed:
// INSERT … (N bytes): REASON" is "STORE: REASON".
std::string without_statement(std::string_view message) {
    const auto sql = message.find("SQL failed: ");
    const auto end = message.find(" bytes): ", sql);
    if (sql == std::string_view::npos || end == std::string_view::npos)
        return std::string(message);
    return fmt::format("{}{}", message.substr(0, sql), message.substr(end + 9));
}

constexpr std::size_t rejections_shown = 10;
// Rows written by one call of IncidentStore::put_all(): into PostgreSQL,
// one statement, which saves a round trip a row; a megabyte or so of SQL.
constexpr std::size_t rows_written_together = 1000;

// The rejects file: line, reason, then the row's own fields.
class Rejects {
public:
    explicit Rejects(const std::filesystem::path& path) {
        if (!path.empty())
            file_.emplace(path);
    }

    void header(std::span<const std::string_view> names) {
        if (!file_ || header_written_)
            return;
        std::vector<std::string_view> fields = {"line", "reason"};
        fields.insert(fields.end(), names.begin(), names.end());
        sources::append_csv_record(buffer_, fields);
        header_written_ = true;
    }

    void add(long line, std::string_view reason, std::span<const std::string_view> row) {
        if (!file_)
            return;
        auto number = std::to_string(line);
        std::vector<std::string_view> fields = {number, reason};
        fields.insert(fields.end(), row.begin(), row.end());
        sources::append_csv_record(buffer_, fields);
        if (buffer_.size() > (1 << 20))
            flush();
    }

    void commit() {
        if (!file_)
            return;
        if (!header_written_)
            buffer_ += "line,reason\n";
        flush();
        file_->commit();
    }

private:
    void flush() {
        file_->write(buffer_);
        buffer_.clear();
    }

    std::optional<OutputFile> file_;
    std::string buffer_;
    bool header_written_ = false;
};

class Import {
public:
    Import(IncidentStore& store, const ImportOptions& options)
        : store_(store), options_(options), rejects_(options.rejects) {}

    void file(const std::filesystem::path& path) {
        name_ = path.string();
        counts_ = {};
        auto format = options_.format;
        if (format == ImportFormat::automatic) {
            auto extension = lowered(path.extension().string());
            format = extension == ".geojson" || extension == ".json" ? ImportFormat::geojson
                                                                     : ImportFormat::csv;
        }
        if (format == ImportFormat::geojson)
            geojson(path);
        else
            csv(path, format == ImportFormat::acled);
        write_rows();
        report_.files.emplace_back(name_, counts_);
        report_.total.rows += counts_.rows;
        report_.total.imported += counts_.imported;
        report_.total.updated += counts_.updated;
        report_.total.rejected += counts_.rejected;
    }

    ImportReport finish() {
        rejects_.commit();
        return std::move(report_);
    }

private:
    void csv(const std::filesystem::path& path, bool acled) {
        sources::CsvReader reader(path, sources::BadRecords::keep);
        name_ = reader.name();
        sources::CsvRecord record;
        if (!reader.next(record))
            return;  // an empty file has no rows
        if (!record.error.empty())
            throw InputError(name_, record.line, "bad header: " + record.error);
        std::vector<std::string> header_names(record.fields.begin(), record.fields.end());
        std::vector<std::string_view> header(header_names.begin(), header_names.end());
        std::optional<ColumnMap> columns;
        try {
            columns.emplace(header, false, &options_.context.mapping);
        } catch (const InputError& e) {
            throw InputError(name_, record.line, e.what());
        }
        if (acled && (*columns)[Field::event_id_cnty] < 0)
            throw InputError(name_, record.line, "not an ACLED export: no event_id_cnty column");
        rejects_.header(header);
        while (reader.next(record)) {
            ++counts_.rows;
            if (!record.error.empty()) {
                reject(record.line, record.error, record.fields);
            } else if (record.fields.size() != header.size()) {
                reject(record.line,
                       fmt::format("{} fields where the header has {}", record.fields.size(),
                                   header.size()),
                       record.fields);
            } else {
                row(record.line, *columns, record.fields, std::nullopt);
            }
            progress();
        }
    }

    void geojson(const std::filesystem::path& path) {
        gdal::Dataset dataset = [&] {
            try {
                return gdal::Dataset::open(path.string(), false);
            } catch (const LibraryError& e) {
                throw InputError(name_, 0, e.what());
            }
        }();
        auto layer = dataset.layer(0);
        auto names = layer.field_names();
        std::vector<std::string_view> header(names.begin(), names.end());
        std::optional<ColumnMap> columns;
        try {
            columns.emplace(header, true, &options_.context.mapping);
        } catch (const InputError& e) {
            throw InputError(name_, 0, e.what());
        }
        rejects_.header(header);
        std::vector<std::string> values(names.size());
        std::vector<std::string_view> fields(names.size());
        long number = 0;
        while (auto feature = layer.next()) {
            ++number;
            ++counts_.rows;
            for (std::size_t i = 0; i < names.size(); ++i) {
                values[i] = feature->get_string(static_cast<int>(i));
                fields[i] = values[i];
            }
            auto point = feature->point();
            if (!point && !columns->has_coordinates()) {
                auto type = feature->geometry_type();
                reject(number,
                       type.empty() ? std::string("feature has no geometry")
                                    : fmt::format("geometry is a {}, not a point", type),
                       fields);
            } else {
                row(number, *columns, fields,
                    point ? std::optional(std::pair{point->x, point->y}) : std::nullopt);
            }
            progress();
        }
    }

    void row(long line, const ColumnMap& columns, std::span<const std::string_view> fields,
             std::optional<std::pair<double, double>> point) {
        Incident incident;
        try {
            incident = incident_from_row(columns, fields, options_.context, point);
        } catch (const InputError& e) {
            reject(line, e.what(), fields);
            return;
        }
        rows_.push_back(std::move(incident));
        lines_.push_back(line);
        if (rows_.size() == rows_written_together)
            write_rows();
    }

    // The rows read since the last write, written together. When the store
    // refuses them (a constraint or trigger of the database, a full disk),
    // the error names the input's lines they came from; the transaction
    // is rolled back, so nothing of the import stays.
    void write_rows() {
        if (rows_.empty())
            return;
        std::vector<PutOutcome> outcomes;
        try {
            outcomes = store_.put_all(rows_);
        } catch (const LibraryError& e) {
            throw InputError(name_, lines_.front(),
                             fmt::format("{} could not be written into the store: {}",
                                         lines_.size() == 1 ? std::string("this row")
                                                            : fmt::format("the rows of lines {} to {}",
                                                                          lines_.front(), lines_.back()),
                                         without_statement(e.what())));
        }
        for (const auto outcome : outcomes) {
            if (outcome == PutOutcome::inserted)
                ++counts_.imported;
            else
                ++counts_.updated;
        }
        rows_.clear();
        lines_.clear();
    }

    void reject(long line, std::string_view reason, std::span<const std::string_view> fields) {
        ++counts_.rejected;
        rejects_.add(line, reason, fields);
        if (report_.rejections.size() < rejections_shown)
            report_.rejections.push_back(fmt::format("{}:{}: {}", name_, line, reason));
        else
            ++report_.rejections_not_shown;
    }

    void progress() {
        if (options_.progress && counts_.rows % options_.progress_every == 0) {
            write_rows();
            options_.progress(name_, counts_);
        }
    }

    IncidentStore& store_;
    const ImportOptions& options_;
    Rejects rejects_;
    ImportReport report_;
    std::string name_;
    ImportCounts counts_;
    std::vector<Incident> rows_;  // read, not yet written
    std::vector<long> lines_;     // their lines (features) in the input
};

} // namespace

ImportFormat parse_import_format(std::string_view text) {
    if (equal_ignoring_case(text, "acled"))
        return ImportFormat::acled;
    if (equal_ignoring_case(text, "csv"))
        return ImportFormat::csv;
    if (equal_ignoring_case(text, "geojson"))
        return ImportFormat::geojson;
    throw UsageError(fmt::format("'{}': expected acled, csv or geojson", text));
}

void check_inputs(std::span<const std::filesystem::path> files) {
    for (const auto& path : files)
        if (path != "-")
            if (const auto why = why_not_readable_file(path); !why.empty())
                throw InputError(path.string(), 0, why);
}

ImportReport import_files(IncidentStore& store, std::span<const std::filesystem::path> files,
                          const ImportOptions& options) {
    check_inputs(files);
    // Standard input is read once: its rows could not be read again after
    // meeting another writer, so they go in alone.
    const bool standard_input = std::find(files.begin(), files.end(), "-") != files.end();
    auto transaction = store.begin(standard_input);
    for (;;) {
        Import import(store, options);
        try {
            for (const auto& path : files)
                import.file(path);
            transaction.commit();
            return import.finish();
        } catch (const WriteConflict& conflict) {
            if (standard_input)
                throw;
            store.restart(conflict);  // and the files are read again
        }
    }
}

} // namespace incimap::store
