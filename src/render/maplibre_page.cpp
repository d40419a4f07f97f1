#include "render/maplibre_page.hpp"

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/folders.hpp"
#include "core/output_guard.hpp"
#include "core/resources.hpp"
#include "render/extent.hpp"
#include "render/legend.hpp"
#include "render/maplibre_style.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

namespace incimap::render {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// The page's files relative to its folder and the embedded resources they
// are written from, index.html last.
constexpr std::pair<const char*, const char*> page_assets[] = {
    {"assets/maplibre-gl/maplibre-gl.js", "web/maplibre-gl/maplibre-gl.js"},
    {"assets/maplibre-gl/maplibre-gl.css", "web/maplibre-gl/maplibre-gl.css"},
    {"assets/maplibre-gl/LICENSE.txt", "web/maplibre-gl/LICENSE.txt"},
    {"assets/pmtiles/pmtiles.js", "web/pmtiles/pmtiles.js"},
    {"assets/pmtiles/package.json", "web/pmtiles/package.json"},
    {"assets/months.js", "web/months.js"},
    {"assets/maplibre/app.js", "web/maplibre/app.js"},
    {"assets/maplibre/page.css", "web/maplibre/page.css"},
};

// What the guard says of each file: one incimap did not make is replaced
// only with --overwrite, unless it holds what would be written.
void check_page(const WebPageOptions& o, const std::vector<std::string>& files) {
    if (!o.guard)
        return;
    const auto made = files_made_in(o.out);
    for (const auto& file : files) {
        const auto path = o.out / file;
        o.guard->check(path);
        std::error_code ec;
        if (std::find(made.begin(), made.end(), file) != made.end() ||
            !fs::is_regular_file(path, ec))
            continue;
        o.guard->refuse_unless_overwrite(
            path, fmt::format("incimap did not write it (it is not listed in {})",
                              (o.out / ".incimap-files").string()));
    }
}

// The distinct texts of the text columns NAMES (those the incidents have),
// the most frequent first, at most LIMIT: what the page's filters offer.
json texts_by_count(const PointFeatures& incidents, std::initializer_list<std::string_view> names,
                    std::size_t limit) {
    std::map<std::string_view, std::size_t> counts;
    const auto& table = incidents.attributes;
    for (const auto name : names) {
        const int column = table.find(name);
        if (column < 0 || table.kind(column) != AttributeTable::Kind::text)
            continue;
        for (std::size_t row = 0; row < incidents.size(); ++row)
            if (const auto code = table.text_code(column, row); code != 0)
                ++counts[table.text_of(column, code)];
    }
    std::vector<std::pair<std::string_view, std::size_t>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    json out = json::array();
    for (std::size_t i = 0; i < sorted.size() && i < limit; ++i)
        out.push_back(std::string(sorted[i].first));
    return out;
}

} // namespace

void write_maplibre_page(const Style& style, const PointFeatures& incidents,
                         const WebPageOptions& o) {
    if (o.tiles.pmtiles.empty() && !o.tiles.url.ends_with(".pbf"))
        throw UsageError(
            fmt::format("'{}' are not vector tiles: the MapLibre page draws Mapbox Vector Tiles "
                        "(a folder of .pbf tiles or a .pmtiles archive of them)",
                        o.tiles.url));
    std::vector<std::string> files;
    for (const auto& [file, _] : page_assets)
        files.emplace_back(file);
    files.push_back("config.js");
    files.push_back("index.html");
    check_page(o, files);

    VectorSource source;
    source.tiles_url = o.tiles.url;
    source.pmtiles = o.tiles.pmtiles;
    source.min_zoom = o.tiles.min_zoom;
    source.max_zoom = o.tiles.max_zoom;
    // HTML, as MapLibre shows it (and TileJSON holds it).
    source.attribution =
        o.tiles.attribution.empty() ? escape_html(attribution(incidents)) : o.tiles.attribution;
    source.basemap_url = o.basemap_url;
    source.basemap_attribution = escape_html(o.basemap_attribution);
    const auto b = (o.tiles.bounds ? o.tiles.bounds : data_extent(incidents))
                       .value_or(LonLatBox{-18, 4, 16, 25});
    json config{
        {"title", o.title},
        {"style", maplibre_style(style, source)},
        {"bounds", {b.min_lon, b.min_lat, b.max_lon, b.max_lat}},
        {"legend", legend_json(build_legend(style, false, -1))},
        {"popup", popup_attributes()},
        {"dates", nullptr},
        {"choices",
         {{"event_type", texts_by_count(incidents, {"event_type"}, 100)},
          {"country", texts_by_count(incidents, {"country"}, 300)},
          {"actors", texts_by_count(incidents, {"actor1", "actor2", "assoc_actor_1"}, 300)}}}};
    if (const auto dates = date_range(incidents))
        config["dates"] = {dates->first, dates->second};

    for (const auto& [file, resource_name] : page_assets) {
        create_folder_of(o.out / file);
        write_file_atomically(o.out / file, as_text(resource(resource_name)));
    }
    write_file_atomically(o.out / "config.js",
                          "window.INCIMAP_CONFIG = " +
                              config.dump(2, ' ', false, json::error_handler_t::replace) + ";\n");
    // The page last: a folder with index.html holds a whole page.
    write_file_atomically(o.out / "index.html", page_html("web/maplibre/index.html"));
    record_files_made(o.out, files);
}

} // namespace incimap::render
