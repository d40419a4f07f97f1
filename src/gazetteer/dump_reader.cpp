#include "gazetteer/dump_reader.hpp"

#include "core/counted.hpp"
#include "core/error.hpp"
#include "gazetteer/dump_file.hpp"
#include "text/utf8.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <fmt/format.h>

namespace incimap::gazetteer {
namespace {

constexpr std::size_t place_columns = 19;
constexpr std::size_t admin1_columns = 4;
constexpr std::size_t country_min_columns = 17; // up to geonameid
constexpr std::size_t country_max_columns = 19;

// Splits `line` on tabs into at most N fields; returns the true field count
// (which may exceed N: the extra fields are not stored).
template <std::size_t N>
std::size_t split_tabs(std::string_view line, std::array<std::string_view, N>& fields) {
    std::size_t count = 0;
    std::size_t start = 0;
    for (;;) {
        const auto tab = line.find('\t', start);
        const auto end = tab == std::string_view::npos ? line.size() : tab;
        if (count < N)
            fields[count] = line.substr(start, end - start);
        ++count;
        if (tab == std::string_view::npos)
            return count;
        start = tab + 1;
    }
}

bool parse_integer(std::string_view field, std::int64_t& value) {
    if (field.empty())
        return false;
    const auto* end = field.data() + field.size();
    auto [ptr, ec] = std::from_chars(field.data(), end, value);
    return ec == std::errc() && ptr == end;
}

bool parse_real(std::string_view field, double& value) {
    if (field.empty())
        return false;
    const auto* end = field.data() + field.size();
    auto [ptr, ec] = std::from_chars(field.data(), end, value);
    return ec == std::errc() && ptr == end && std::isfinite(value);
}

bool parse_coordinate(std::string_view field, const char* what, double limit, double& value,
                      std::string& problem) {
    if (!parse_real(field, value)) {
        problem = fmt::format("{} {} is not a number", what, quoted(field));
        return false;
    }
    if (value < -limit || value > limit) {
        problem = fmt::format("{} {} out of range", what, quoted(field));
        return false;
    }
    return true;
}

bool parse_id(std::string_view field, std::int64_t& value, std::string& problem) {
    if (!parse_integer(field, value)) {
        problem = fmt::format("geonameid {} is not a number", quoted(field));
        return false;
    }
    return true;
}

// The 1-based column of byte `offset` of a tab-separated line.
std::size_t column_at(std::string_view line, std::size_t offset) {
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset; ++i)
        column += line[i] == '\t';
    return column;
}

bool check_utf8(std::string_view line, std::string& problem) {
    if (auto bad = text::find_invalid_utf8(line)) {
        problem = fmt::format("invalid UTF-8 in column {} (byte {} of the line)",
                              column_at(line, *bad), *bad + 1);
        return false;
    }
    return true;
}

bool check_columns(std::size_t found, std::size_t min, std::size_t max, std::string& problem) {
    if (found >= min && found <= max)
        return true;
    problem = fmt::format("expected {} tab-separated columns, found {}", max, found);
    return false;
}

// Splits a line into its N columns (at least min_columns) and checks the
// count and the line's UTF-8.
template <std::size_t N>
bool split_row(std::string_view line, std::size_t min_columns,
               std::array<std::string_view, N>& fields, std::string& problem) {
    return check_columns(split_tabs(line, fields), min_columns, N, problem) &&
           check_utf8(line, problem);
}

template <typename Row>
ReadReport read_rows(const std::filesystem::path& path,
                     std::optional<Row> (*parse)(std::string_view, std::string&),
                     const std::function<void(const Row&)>& visit, bool skip_comments) {
    DumpFile file(path);
    ReadReport report;
    report.source = file.name();
    std::string problem;
    while (auto line = file.next_line()) {
        if (line->empty() || (skip_comments && line->front() == '#'))
            continue;
        if (auto row = parse(*line, problem)) {
            ++report.rows_read;
            visit(*row);
        } else {
            report.skip_row(fmt::format("{}:{}: {}", file.name(), file.line_number(), problem));
        }
    }
    return report;
}

} // namespace

DumpKind dump_kind(const std::filesystem::path& dump) {
    const std::string name = dump.filename().string();
    if (name.starts_with("admin1Codes"))
        return DumpKind::admin1_codes;
    if (name.starts_with("countryInfo"))
        return DumpKind::country_info;
    return DumpKind::places;
}

std::string_view to_string(DumpKind kind) {
    switch (kind) {
    case DumpKind::places:
        return "places";
    case DumpKind::admin1_codes:
        return "admin1 codes";
    case DumpKind::country_info:
        return "country info";
    }
    return "places";
}

void ReadReport::skip_row(std::string message) {
    ++rows_skipped;
    if (problems.size() < max_reported_problems)
        problems.push_back(std::move(message));
}

void ReadReport::merge(const ReadReport& other) {
    if (source.empty())
        source = other.source;
    else if (source != other.source)
        source += ", " + other.source;
    rows_read += other.rows_read;
    rows_skipped += other.rows_skipped;
    for (const auto& problem : other.problems)
        if (problems.size() < max_reported_problems)
            problems.push_back(problem);
}

std::vector<std::string> ReadReport::summary_lines() const {
    std::vector<std::string> lines;
    if (rows_skipped == 0)
        return lines;
    lines = problems;
    if (rows_skipped > problems.size())
        lines.push_back(fmt::format("… and {} more", rows_skipped - problems.size()));
    lines.push_back(
        fmt::format("{}: {} skipped, {} read", source, counted(rows_skipped, "row"), rows_read));
    return lines;
}

std::optional<PlaceRow> parse_place_row(std::string_view line, std::string& problem) {
    std::array<std::string_view, place_columns> f;
    if (!split_row(line, place_columns, f, problem))
        return std::nullopt;
    PlaceRow row;
    if (!parse_id(f[0], row.geonameid, problem) ||
        !parse_coordinate(f[4], "latitude", 90, row.latitude, problem) ||
        !parse_coordinate(f[5], "longitude", 180, row.longitude, problem))
        return std::nullopt;
    if (f[1].empty()) {
        problem = "empty name";
        return std::nullopt;
    }
    if (f[6].size() > 1) {
        problem = fmt::format("feature class {} is not one letter", quoted(f[6]));
        return std::nullopt;
    }
    if (f[7].size() > 7) {
        problem = fmt::format("feature code {} is longer than 7 letters", quoted(f[7]));
        return std::nullopt;
    }
    if (!f[8].empty() && f[8].size() != 2) {
        problem = fmt::format("country code {} is not two letters", quoted(f[8]));
        return std::nullopt;
    }
    if (!f[14].empty() && (!parse_integer(f[14], row.population) || row.population < 0)) {
        problem = fmt::format("population {} is not a number", quoted(f[14]));
        return std::nullopt;
    }
    row.name = f[1];
    row.ascii_name = f[2];
    row.alternate_names = f[3];
    row.feature_class = f[6].empty() ? '\0' : f[6].front();
    row.feature_code = f[7];
    row.country = f[8];
    row.alternate_countries = f[9];
    row.admin1_code = f[10];
    return row;
}

std::optional<Admin1Row> parse_admin1_row(std::string_view line, std::string& problem) {
    std::array<std::string_view, admin1_columns> f;
    if (!split_row(line, admin1_columns, f, problem))
        return std::nullopt;
    const auto dot = f[0].find('.');
    if (dot != 2) {
        problem = fmt::format("admin1 code {} is not of the form CC.code", quoted(f[0]));
        return std::nullopt;
    }
    Admin1Row row;
    if (!parse_id(f[3], row.geonameid, problem))
        return std::nullopt;
    row.country = f[0].substr(0, dot);
    row.code = f[0].substr(dot + 1);
    row.name = f[1];
    row.ascii_name = f[2];
    return row;
}

std::optional<CountryRow> parse_country_row(std::string_view line, std::string& problem) {
    std::array<std::string_view, country_max_columns> f;
    if (!split_row(line, country_min_columns, f, problem))
        return std::nullopt;
    if (f[0].size() != 2) {
        problem = fmt::format("ISO code {} is not two letters", quoted(f[0]));
        return std::nullopt;
    }
    CountryRow row;
    if (!f[16].empty() && !parse_id(f[16], row.geonameid, problem))
        return std::nullopt;
    if (!f[7].empty() && (!parse_integer(f[7], row.population) || row.population < 0)) {
        problem = fmt::format("population {} is not a number", quoted(f[7]));
        return std::nullopt;
    }
    row.iso2 = f[0];
    row.iso3 = f[1];
    row.name = f[4];
    row.capital = f[5];
    return row;
}

ReadReport read_places(const std::filesystem::path& dump,
                       const std::function<void(const PlaceRow&)>& row) {
    return read_rows<PlaceRow>(dump, parse_place_row, row, false);
}

ReadReport read_admin1_codes(const std::filesystem::path& dump,
                             const std::function<void(const Admin1Row&)>& row) {
    return read_rows<Admin1Row>(dump, parse_admin1_row, row, true);
}

ReadReport read_country_info(const std::filesystem::path& dump,
                             const std::function<void(const CountryRow&)>& row) {
    return read_rows<CountryRow>(dump, parse_country_row, row, true);
}

} // namespace incimap::gazetteer
