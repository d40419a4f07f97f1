#include "render/csv_points.hpp"

#include "core/decimals.hpp"
#include "core/error.hpp"
#include "core/incident_fields.hpp"
#include "render/sources.hpp"
#include "sources/csv.hpp"
#include "core/ascii.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <span>

namespace incimap::render {
namespace {

// The column named NAME (ignoring case and surrounding blanks), or -1.
int column_named(std::span<const std::string_view> header, std::string_view name) {
    return find_column(header, {&name, 1});
}

std::string_view field(const std::vector<std::string_view>& row, int column) {
    return column >= 0 && static_cast<std::size_t>(column) < row.size() ? row[static_cast<std::size_t>(column)]
                                                                         : std::string_view();
}

// The coordinate in the row, or why there is none.
std::optional<double> coordinate(std::string_view text, std::string_view name, double limit, std::string& why) {
    const auto value = parse_decimal(text);
    if (!value)
        why = text.empty() ? fmt::format("no {}", name) : fmt::format("{} '{}' is not a number", name, text);
    else if (std::fabs(*value) > limit)
        why = fmt::format("{} '{}' is not within ±{}", name, text, limit);
    else
        return value;
    return std::nullopt;
}

} // namespace

bool is_csv_path(std::string_view path) {
    return path.size() > 4 && equal_ignoring_case(path.substr(path.size() - 4), ".csv");
}

std::optional<CsvPoints> read_csv_points(const std::string& path, const std::vector<std::string>& attributes,
                                         const std::optional<store::BoundingBox>& bbox,
                                         const std::filesystem::path& temp_folder) {
    sources::CsvReader reader(std::filesystem::path(path), sources::BadRecords::stop);
    sources::CsvRecord record;
    if (!reader.next(record))
        return std::nullopt;
    const std::vector<std::string> header_text(record.fields.begin(), record.fields.end());
    const std::vector<std::string_view> header(header_text.begin(), header_text.end());
    const int lon_column = find_column(header, header_names("longitude"));
    const int lat_column = find_column(header, header_names("latitude"));
    if (lon_column < 0 || lat_column < 0)
        return std::nullopt;
    const int event_id_column = column_named(header, "event_id_cnty");
    const int id_column = column_named(header, "id");

    CsvPoints out{PointFeatures(temp_folder), 0, {}};
    auto& points = out.points;
    std::vector<int> columns, fields;
    for (const auto& a : attributes) {
        columns.push_back(points.attributes.add_column(
            a, numeric_incident_field(a) ? AttributeTable::Kind::number : AttributeTable::Kind::text));
        fields.push_back(column_named(header, a));
    }
    std::size_t number = 0;
    std::string why;
    while (reader.next(record)) {
        const auto& row = record.fields;
        ++number;
        const auto lon = coordinate(field(row, lon_column), "longitude", 180, why);
        const auto lat = lon ? coordinate(field(row, lat_column), "latitude", 90, why) : std::nullopt;
        if (!lon || !lat) {
            if (out.skipped++ == 0)
                out.first_skipped = fmt::format("{}:{}: {}", path, record.line, why);
            continue;
        }
        if (bbox && (*lon < bbox->min_lon || *lon > bbox->max_lon || *lat < bbox->min_lat || *lat > bbox->max_lat))
            continue;
        const auto r = points.attributes.add_row();
        points.lon.push_back(*lon);
        points.lat.push_back(*lat);
        auto id = field(row, event_id_column);
        if (id.empty())
            id = field(row, id_column);
        if (id.empty())
            points.ids.push_back(std::to_string(number));
        else
            points.ids.push_back(id);
        for (std::size_t c = 0; c < attributes.size(); ++c) {
            const auto text = field(row, fields[c]);
            if (text.empty())
                continue;
            if (points.attributes.kind(columns[c]) == AttributeTable::Kind::text)
                points.attributes.set_text(columns[c], r, text);
            else if (const auto value = parse_decimal(text))
                points.attributes.set_number(columns[c], r, *value);
        }
    }
    return out;
}

} // namespace incimap::render
