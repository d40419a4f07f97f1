#include "render/web_page.hpp"

#include "core/error.hpp"
#include "core/folders.hpp"
#include "core/json_depth.hpp"
#include "core/resources.hpp"
#include "render/extent.hpp"
#include "render/legend.hpp"
#include "render/tile_output.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

namespace incimap::render {

namespace fs = std::filesystem;
using json = nlohmann::json;

TileLayerInfo read_tilejson(const fs::path& path, const std::string& url_prefix) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(fmt::format("{}: cannot open the TileJSON document", path.string()));
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    check_json_depth(text, path.string());
    const auto j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("tiles") || !j["tiles"].is_array() ||
        j["tiles"].empty() || !j["tiles"][0].is_string())
        throw InputError(fmt::format("{}: not a TileJSON document (no \"tiles\")", path.string()));
    TileLayerInfo info;
    std::string url = j["tiles"][0].get<std::string>();
    const bool absolute = url.find("://") != std::string::npos || url.starts_with("/");
    info.url = absolute ? url : url_prefix + url;
    info.min_zoom = j.value("minzoom", 0);
    info.max_zoom = j.value("maxzoom", 14);
    info.tile_size = j.value("tile_size", 256);
    info.attribution = j.value("attribution", std::string());
    if (j.contains("bounds") && j["bounds"].is_array() && j["bounds"].size() == 4) {
        const auto& b = j["bounds"];
        info.bounds = LonLatBox{b[0].get<double>(), b[1].get<double>(), b[2].get<double>(), b[3].get<double>()};
    }
    return info;
}

std::optional<TileLayerInfo> tile_layer_in_page(const fs::path& page, const fs::path& tiles,
                                                bool& found) {
    const fs::path where = tiles.is_absolute() ? tiles : page / tiles;
    const fs::path relative = where.lexically_relative(page);
    if (relative.empty() || *relative.begin() == "..")
        return std::nullopt;
    const bool mbtiles = where.extension() == ".mbtiles";
    const auto tilejson = mbtiles ? fs::path(where).concat(".json") : where / "tiles.json";
    const auto folder = mbtiles ? relative.parent_path() : relative;
    const auto prefix = folder.empty() ? std::string() : folder.generic_string() + "/";
    std::error_code ec;
    found = fs::exists(tilejson, ec);
    if (found)
        return read_tilejson(tilejson, prefix);
    TileLayerInfo layer;
    layer.url = mbtiles ? prefix + where.filename().string() + "/{z}/{x}/{y}.png"
                        : prefix + "{z}/{x}/{y}.png";
    return layer;
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

double rounded(double v, int decimals) {
    const double f = std::pow(10.0, decimals);
    return std::round(v * f) / f;
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

void write_web_page(const Style& style, const PointFeatures& incidents, const WebPageOptions& o) {
    create_folders(o.out / "assets" / "leaflet" / "images");
    const auto copy = [&](const std::string& resource_name, const fs::path& to) {
        write_file_atomically(o.out / to, as_text(resource(resource_name)));
    };
    copy("web/app.js", "assets/app.js");
    copy("web/style.css", "assets/style.css");
    for (const auto* file : {"leaflet.js", "leaflet.css", "LICENSE", "images/layers.png", "images/layers-2x.png",
                             "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png"})
        copy(std::string("web/leaflet/") + file, fs::path("assets/leaflet") / file);

    const auto extent = o.tiles.bounds ? o.tiles.bounds : data_extent(incidents);
    const auto b = extent.value_or(LonLatBox{-18, 4, 16, 25});  // West Africa
    json config{{"title", o.title},
                {"tiles",
                 {{"url", o.tiles.url},
                  {"minzoom", o.tiles.min_zoom},
                  {"maxzoom", o.tiles.max_zoom},
                  {"tile_size", o.tiles.tile_size}}},
                {"attribution", o.tiles.attribution.empty() ? attribution(incidents) : o.tiles.attribution},
                {"bounds", {b.min_lon, b.min_lat, b.max_lon, b.max_lat}},
                {"legend", legend_json(build_legend(style, o.with_base, -1))},
                {"incidents", o.incidents_file.generic_string()},
                {"dates", nullptr},
                {"basemap", nullptr}};
    if (const auto dates = date_range(incidents))
        config["dates"] = {dates->first, dates->second};
    if (!o.basemap_url.empty())
        config["basemap"] = {{"url", o.basemap_url}, {"attribution", o.basemap_attribution}};
    write_file_atomically(o.out / "config.js",
                          "window.INCIMAP_CONFIG = " +
                              config.dump(2, ' ', false, json::error_handler_t::replace) + ";\n");
    write_file_atomically(o.out / o.incidents_file, incidents_geojson(style, incidents));
    // The page last: a folder with index.html holds a whole page.
    copy("web/index.html", "index.html");
}

} // namespace incimap::render
