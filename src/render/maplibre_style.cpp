#include "render/maplibre_style.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace incimap::render {

using json = nlohmann::json;

namespace {

constexpr const char* land_colour = "#f4f1ea"; // as the basemap style's land

// EXPR with every ["get", "point_count"] read as 1 where it is missing.
json count_of_one(const json& expr) {
    if (!expr.is_array())
        return expr;
    if (expr.size() == 2 && expr[0] == "get" && expr[1] == "point_count")
        return json::array({"coalesce", expr, 1});
    json out = json::array();
    for (const auto& e : expr)
        out.push_back(count_of_one(e));
    return out;
}

// The paint of LAYER whose names start with PREFIX.
json paint_of(const json& layer, std::string_view prefix, bool clusters) {
    json paint = json::object();
    if (!layer.contains("paint") || !layer["paint"].is_object())
        return paint;
    for (const auto& [name, value] : layer["paint"].items())
        if (name.starts_with(prefix))
            paint[name] = clusters ? count_of_one(value) : value;
    return paint;
}

// LAYER as MapLibre draws it, or null: circles, clusters and heatmaps over
// incidents, fills and lines over the admin1 regions of the tiles.
json translated(const json& layer) {
    const auto type = layer.value("type", std::string());
    const auto source = layer.value("source", std::string());
    const bool clusters = type == "cluster";
    const bool points =
        source == "incidents" && (type == "circle" || type == "heatmap" || clusters);
    const bool regions = source == "admin1" && (type == "fill" || type == "line");
    if (!points && !regions)
        return nullptr;
    json out{{"id", layer.value("id", type)},
             {"type", clusters ? "circle" : type},
             {"source", points ? "incidents" : "regions"},
             {"source-layer", points ? "incidents" : "admin1"},
             {"paint", paint_of(layer, clusters ? "circle-" : type + "-", clusters)}};
    if (layer.contains("filter"))
        out["filter"] = layer["filter"];
    // incimap's zoom z shows the ground at the scale of MapLibre's z - 1.
    if (layer.contains("minzoom") && layer["minzoom"].is_number())
        out["minzoom"] = std::max(0.0, layer["minzoom"].get<double>() - 1);
    if (layer.contains("maxzoom") && layer["maxzoom"].is_number())
        out["maxzoom"] = std::max(0.0, layer["maxzoom"].get<double>() - 1);
    return out;
}

} // namespace

json maplibre_style(const Style& style, const VectorSource& source) {
    json incidents{{"type", "vector"},
                   {"minzoom", source.min_zoom},
                   {"maxzoom", source.max_zoom},
                   {"attribution", source.attribution}};
    if (!source.pmtiles.empty())
        incidents["url"] = "pmtiles://" + source.pmtiles;
    else
        incidents["tiles"] = json::array({source.tiles_url});
    json sources{{"incidents", incidents}};
    // The same tiles hold the regions up to a lower zoom, from where
    // MapLibre draws them larger.
    auto regions = incidents;
    regions["maxzoom"] = std::min(source.max_zoom, source.regions_max_zoom);
    sources["regions"] = regions;
    json layers = json::array({json{
        {"id", "land"}, {"type", "background"}, {"paint", {{"background-color", land_colour}}}}});
    if (!source.basemap_url.empty()) {
        sources["basemap"] = {{"type", "raster"},
                              {"tiles", json::array({source.basemap_url})},
                              {"tileSize", 256},
                              {"attribution", source.basemap_attribution}};
        layers.push_back({{"id", "basemap"}, {"type", "raster"}, {"source", "basemap"}});
    }
    const auto canonical = json::parse(style.canonical);
    std::size_t drawn = 0;
    for (const auto& layer : canonical.value("layers", json::array()))
        if (auto l = translated(layer); !l.is_null()) {
            layers.push_back(std::move(l));
            ++drawn;
        }
    if (drawn == 0)
        throw InputError(
            fmt::format("{}: no circle, cluster or heatmap layer over incidents, nor fill "
                        "or line over admin1, for a MapLibre page to draw",
                        style.origin));
    return {{"version", 8}, {"name", style.name}, {"sources", sources}, {"layers", layers}};
}

} // namespace incimap::render
