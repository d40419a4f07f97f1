#include "render/web_page.hpp"

#include "core/decimals.hpp"
#include "core/error.hpp"
#include "core/input_kind.hpp"
#include "core/json_depth.hpp"
#include "core/folders.hpp"
#include "core/output_guard.hpp"
#include "core/resources.hpp"
#include "render/extent.hpp"
#include "render/legend.hpp"
#include "render/tile_output.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>

namespace incimap::render {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// A whole number from MIN to MAX in the TileJSON document's KEY, FALLBACK
// when absent. Throws InputError quoting the value.
int whole_number(const json& j, const char* key, int fallback, int min, int max,
                 const fs::path& path) {
    if (!j.contains(key))
        return fallback;
    const auto& v = j[key];
    const double d = v.is_number() ? v.get<double>() : NAN;
    if (!(d >= min && d <= max) || d != std::floor(d))
        throw InputError(fmt::format("{}: \"{}\" must be a whole number from {} to {}, got {}",
                                     path.string(), key, min, max, v.dump()));
    return static_cast<int>(d);
}

// TileJSON's [west, south, east, north] in degrees.
LonLatBox bounds_of(const json& b, const fs::path& path) {
    const auto refuse = [&] {
        return InputError(fmt::format("{}: \"bounds\" must be [west, south, east, north] in degrees "
                                      "(west below east, south below north), got {}",
                                      path.string(), b.dump()));
    };
    if (!b.is_array() || b.size() != 4)
        throw refuse();
    for (const auto& v : b)
        if (!v.is_number())
            throw refuse();
    const LonLatBox box{b[0].get<double>(), b[1].get<double>(), b[2].get<double>(), b[3].get<double>()};
    if (!(box.min_lon >= -180 && box.min_lon < box.max_lon && box.max_lon <= 180 &&
          box.min_lat >= -90 && box.min_lat < box.max_lat && box.max_lat <= 90))
        throw refuse();
    return box;
}

} // namespace

TileLayerInfo read_tilejson(const fs::path& path, const std::string& url_prefix) {
    const auto text = read_whole_file(path, std::size_t(16) << 20, "a TileJSON document");
    check_json_depth(text, path.string());
    const auto j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("tiles") || !j["tiles"].is_array() ||
        j["tiles"].empty() || !j["tiles"][0].is_string())
        throw InputError(fmt::format("{}: not a TileJSON document (no \"tiles\")", path.string()));
    TileLayerInfo info;
    std::string url = j["tiles"][0].get<std::string>();
    const bool absolute = url.find("://") != std::string::npos || url.starts_with("/");
    info.url = absolute ? url : url_prefix + url;
    info.min_zoom = whole_number(j, "minzoom", 0, 0, 30, path);
    info.max_zoom = whole_number(j, "maxzoom", 14, 0, 30, path);
    if (info.min_zoom > info.max_zoom)
        throw InputError(fmt::format("{}: \"minzoom\" {} is above \"maxzoom\" {}", path.string(),
                                     info.min_zoom, info.max_zoom));
    info.tile_size = whole_number(j, "tile_size", 256, 1, 4096, path);
    info.attribution = j.contains("attribution") && j["attribution"].is_string()
                           ? j["attribution"].get<std::string>()
                           : std::string();
    if (j.contains("bounds"))
        info.bounds = bounds_of(j["bounds"], path);
    return info;
}

std::optional<TileLayerInfo> tile_layer_in_page(const fs::path& page, const fs::path& tiles,
                                                bool& found) {
    const fs::path where = tiles.is_absolute() ? tiles : page / tiles;
    const fs::path relative = where.lexically_relative(page);
    if (relative.empty() || *relative.begin() == "..")
        return std::nullopt;
    const auto format = tile_format_of(where);
    const bool file = format != TileFormat::xyz;
    const auto tilejson = file ? fs::path(where).concat(".json") : where / "tiles.json";
    const auto folder = file ? relative.parent_path() : relative;
    const auto prefix = folder.empty() ? std::string() : folder.generic_string() + "/";
    std::error_code ec;
    found = fs::exists(tilejson, ec);
    TileLayerInfo layer;
    if (found)
        layer = read_tilejson(tilejson, prefix);
    else
        layer.url = file ? prefix + where.filename().string() + "/{z}/{x}/{y}.png" : prefix + "{z}/{x}/{y}.png";
    if (format == TileFormat::pmtiles)
        layer.pmtiles = prefix + where.filename().string();
    return layer;
}

bool tiles_draw_incidents(const Style& style) {
    return std::any_of(style.layers.begin(), style.layers.end(), [](const Layer& layer) {
        return layer.uses_incidents() && layer.type != LayerType::heatmap;
    });
}

std::vector<std::string> popup_attributes() {
    return {"event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
            "assoc_actor_1", "fatalities",    "location",   "admin1",     "country", "source", "notes"};
}

namespace {

// Colour and radius of each incident as the style's topmost circle layer
// over incidents draws it at its first zoom.
struct Markers {
    const Layer* layer = nullptr;
    Binding binding;
};

Markers markers_of(const Style& style, const PointFeatures& incidents) {
    Markers m;
    for (auto it = style.layers.rbegin(); it != style.layers.rend(); ++it)
        if (it->type == LayerType::circle && it->uses_incidents()) {
            m.layer = &*it;
            break;
        }
    if (m.layer)
        m.binding = bind(style.keys, incidents.attributes);
    return m;
}

} // namespace

std::string incidents_geojson(const Style& style, const PointFeatures& incidents) {
    const auto markers = markers_of(style, incidents);
    const auto& table = incidents.attributes;
    std::string out = "{\"type\":\"FeatureCollection\",\"features\":[\n";
    std::deque<std::string> scratch;
    for (std::size_t i = 0; i < incidents.size(); ++i) {
        json properties = json::object();
        for (int c = 0; c < table.columns(); ++c) {
            const auto v = table.value(c, i);
            if (const auto* d = std::get_if<double>(&v))
                properties[table.name(c)] = *d;
            else if (const auto* s = std::get_if<std::string_view>(&v))
                properties[table.name(c)] = std::string(*s);
        }
        if (markers.layer) {
            EvalContext ctx;
            ctx.feature = &markers.binding;
            ctx.row = i;
            ctx.zoom = markers.layer->minzoom;
            ctx.scratch = &scratch;
            properties["marker-color"] = to_css(color_or(markers.layer->property("circle-color")->evaluate(ctx), {0.4f, 0.4f, 0.4f, 1}));
            properties["marker-radius"] = rounded(number_or(markers.layer->property("circle-radius")->evaluate(ctx), 6), 2);
            scratch.clear();
        }
        const json feature{{"type", "Feature"},
                           {"id", incidents.ids[i]},
                           {"properties", properties},
                           {"geometry",
                            {{"type", "Point"},
                             {"coordinates", {rounded(incidents.lon[i], 6), rounded(incidents.lat[i], 6)}}}}};
        out += feature.dump(-1, ' ', false, json::error_handler_t::replace);
        out += i + 1 < incidents.size() ? ",\n" : "\n";
    }
    out += "]}\n";
    return out;
}

namespace {

// A credit line without its ACLED sentence: the page shows ACLED's credit
// itself, while ACLED rows are shown (config "credits").
std::string without_acled_credit(std::string line) {
    const std::string sentence = fmt::format("Incidents: {}.", acled_credit);
    if (const auto at = line.find(sentence); at != std::string::npos) {
        line.erase(at, sentence.size());
        if (at < line.size() && line[at] == ' ')
            line.erase(at, 1);
        else if (at > 0 && line[at - 1] == ' ')
            line.erase(at - 1, 1);
    }
    return line;
}

constexpr const char* page_assets[] = {
    "assets/app.js", "assets/months.js", "assets/style.css", "assets/leaflet/leaflet.js", "assets/leaflet/leaflet.css",
    "assets/leaflet/LICENSE", "assets/leaflet/images/layers.png", "assets/leaflet/images/layers-2x.png",
    "assets/leaflet/images/marker-icon.png", "assets/leaflet/images/marker-icon-2x.png",
    "assets/leaflet/images/marker-shadow.png", "assets/pmtiles/pmtiles.js",
    "assets/pmtiles/package.json", "assets/supercluster/supercluster.min.js",
    "assets/supercluster/LICENSE", "assets/world/topojson-client.min.js",
    "assets/world/topojson-client.LICENSE", "assets/world/countries-110m.json",
    "assets/world/world-atlas.LICENSE"};

} // namespace

std::string page_html(std::string_view resource_name) {
    constexpr std::string_view marker = "  <!-- incimap: the filter panel (web/filters.html) -->\n";
    auto page = std::string(as_text(resource(resource_name)));
    if (const auto at = page.find(marker); at != std::string::npos)
        page.replace(at, marker.size(), as_text(resource("web/filters.html")));
    return page;
}

namespace {

bool is_incident_circle(const Layer& layer) {
    return layer.type == LayerType::circle && layer.uses_incidents();
}

// The style the page's markers and their legend take their colours and
// sizes from: STYLE when it draws incidents as circles, else the default
// style's circles alone (a density style has none, and the page draws its
// markers all the same). Nothing when STYLE has them.
std::optional<Style> marker_style(const Style& style) {
    if (std::any_of(style.layers.begin(), style.layers.end(), is_incident_circle))
        return std::nullopt;
    auto markers = load_style("default");
    std::erase_if(markers.layers, [](const Layer& layer) { return !is_incident_circle(layer); });
    return markers;
}

// The embedded file an asset is written from.
std::string resource_of(std::string_view asset) {
    auto name = std::string(asset.substr(std::string_view("assets/").size()));
    return "web/" + name;
}

// Whether the file at PATH holds CONTENT already (then replacing it loses
// nothing, whoever wrote it).
bool holds(const fs::path& path, std::string_view content) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec || size != content.size())
        return false;
    std::ifstream in(path, std::ios::binary);
    std::string text(content.size(), '\0');
    return in.read(text.data(), static_cast<std::streamsize>(text.size())) && text == content;
}

// The page's files relative to its folder, index.html last.
std::vector<std::string> page_files(const WebPageOptions& o) {
    std::vector<std::string> files(std::begin(page_assets), std::end(page_assets));
    files.push_back("config.js");
    files.push_back(o.incidents_file.generic_string());
    files.push_back("index.html");
    return files;
}

} // namespace

void check_web_page(const WebPageOptions& o) {
    if (!o.guard)
        return;
    const auto made = files_made_in(o.out);
    for (const auto& file : page_files(o)) {
        const auto path = o.out / file;
        const bool ours = std::find(made.begin(), made.end(), file) != made.end();
        o.guard->check(path);  // none of the page's files is ever a database
        std::error_code ec;
        if (ours || !fs::is_regular_file(path, ec))
            continue;
        const auto content = file == "index.html" ? page_html("web/index.html")
                             : file.starts_with("assets/")
                                 ? std::string(as_text(resource(resource_of(file))))
                                 : std::string();
        if (content.empty() || !holds(path, content))
            o.guard->refuse_unless_overwrite(
                path, fmt::format("incimap did not write it (it is not listed in {})",
                                  (o.out / ".incimap-files").string()));
    }
}

void write_web_page(const Style& style, const PointFeatures& incidents, const WebPageOptions& o) {
    check_web_page(o);
    create_folders(o.out / "assets" / "leaflet" / "images");
    create_folders(o.out / "assets" / "pmtiles");
    create_folders(o.out / "assets" / "supercluster");
    create_folders(o.out / "assets" / "world");
    for (const auto* asset : page_assets)
        write_file_atomically(o.out / asset, as_text(resource(resource_of(asset))));

    const auto markers = marker_style(style);
    auto legend = build_legend(style, o.with_base, -1);
    if (markers)
        for (auto& section : build_legend(*markers, false, -1))
            legend.push_back(std::move(section));
    const auto extent = o.tiles.bounds ? o.tiles.bounds : data_extent(incidents);
    const auto b = extent.value_or(LonLatBox{-18, 4, 16, 25});  // West Africa
    json config{{"title", o.title},
                {"tiles",
                 {{"url", o.tiles.url},
                  {"pmtiles", o.tiles.pmtiles.empty() ? json(nullptr) : json(o.tiles.pmtiles)},
                  {"minzoom", o.tiles.min_zoom},
                  {"maxzoom", o.tiles.max_zoom},
                  {"tile_size", o.tiles.tile_size},
                  {"incidents", tiles_draw_incidents(style)}}},
                // Text: the page escapes it for Leaflet, which shows HTML.
                {"attribution", without_acled_credit(o.tiles.attribution.empty()
                                                         ? attribution(incidents)
                                                         : unescape_html(o.tiles.attribution))},
                {"bounds", {b.min_lon, b.min_lat, b.max_lon, b.max_lat}},
                {"legend", legend_json(legend)},
                {"incidents", o.incidents_file.generic_string()},
                {"dates", nullptr},
                // Shown while any ACLED row is (ACLED's terms of use ask for it).
                {"credits", {{"acled", std::string(acled_credit)}}},
                {"basemap", nullptr}};
    if (const auto dates = date_range(incidents))
        config["dates"] = {dates->first, dates->second};
    if (!o.basemap_url.empty())
        config["basemap"] = {{"url", o.basemap_url}, {"attribution", o.basemap_attribution}};
    write_file_atomically(o.out / "config.js",
                          "window.INCIMAP_CONFIG = " +
                              config.dump(2, ' ', false, json::error_handler_t::replace) + ";\n");
    create_folder_of(o.out / o.incidents_file);
    write_file_atomically(o.out / o.incidents_file, incidents_geojson(markers ? *markers : style, incidents));
    // The page last: a folder with index.html holds a whole page.
    write_file_atomically(o.out / "index.html", page_html("web/index.html"));
    record_files_made(o.out, page_files(o));
}

} // namespace incimap::render
