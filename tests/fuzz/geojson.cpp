// GeoJSON import: the file read through OGR (from GDAL's in-memory file
// system), its properties mapped to columns, every feature made into an
// incident as the importer does; the same text as a polygon source of a
// style, and as incidents read by the renderer's own GeoJSON reader.
#include "adapters/gdal.hpp"
#include "adapters/gdal_vsi.hpp"
#include "fuzz/fuzz_target.hpp"
#include "render/geojson_points.hpp"
#include "render/sources.hpp"
#include "store/event_rows.hpp"

#include <optional>
#include <string>
#include <vector>

INCIMAP_FUZZ_TARGET(geojson) {
    using namespace incimap;
    const std::string path = "/vsimem/fuzz.geojson";
    vsi::write_file(path, input);
    fuzz::accept_input_errors([&] {
        auto dataset = gdal::Dataset::open(path, false, {}, {"GeoJSON"});
        if (dataset.layer_count() < 1)
            return;
        auto layer = dataset.layer(0);
        const auto names = layer.field_names();
        std::vector<std::string_view> header(names.begin(), names.end());
        const store::ColumnMap columns(header, true);
        const store::RowContext context;
        std::vector<std::string> values(names.size());
        std::vector<std::string_view> fields(names.size());
        while (auto feature = layer.next()) {
            for (std::size_t i = 0; i < names.size(); ++i) {
                values[i] = feature->get_string(static_cast<int>(i));
                fields[i] = values[i];
            }
            const auto point = feature->point();
            if (!point && !columns.has_coordinates())
                continue;
            fuzz::accept_input_errors([&] {
                store::incident_from_row(columns, fields, context,
                                         point ? std::optional(std::pair{point->x, point->y})
                                               : std::nullopt);
            });
        }
    });
    fuzz::accept_input_errors([&] { render::load_polygons(path, ""); });
    fuzz::accept_input_errors([&] {
        render::read_geojson_points(input, "fuzz.geojson", {"event_type", "fatalities", "event_date", "id"},
                                    std::nullopt);
    });
}
