#include "cli/render_options.hpp"

#include "cli/option_errors.hpp"

#include "render/extent.hpp"
#include "render/sources.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>

namespace incimap::cli {

void RenderInputOptions::add_to(CLI::App& app, const std::string& bbox_help) {
    store.add_to(app, false);
    app.add_option("--input", input,
                   "Draw the incidents of this file instead of the store: GeoJSON (e.g. an export), a CSV "
                   "with longitude and latitude columns, or anything else OGR reads as points")
        ->excludes("--store");
    filters.add_to(app);
    app.get_option("--bbox")->description(bbox_help);
    app.add_option("--style", style,
                   "Style: a shipped one (default, heatmap, choropleth, basemap) or a JSON file");
    app.add_flag("--no-basemap", no_basemap,
                 "Leave out the style's base layers (countries and regions)");
}

void RenderInputOptions::add_inputs_to(OutputGuard& guard) const {
    if (input.empty())
        guard.add_input(store.resolved_location(), "the store");
    else
        guard.add_input(input, "the --input");
    guard.add_input(style, "the style");  // a file, when it names one
}

RenderInputOptions::Loaded RenderInputOptions::load(bool bbox_filters,
                                                    const std::vector<std::string>& extra) const {
    Loaded out;
    out.style = naming_option("--style", [&] { return render::load_style(style); });
    out.with_base = !no_basemap;
    render::IncidentSource source;
    source.store = store.resolved_location();
    source.input = input;
    source.temp_folder = temp_folder;
    source.filter = filters.parse();
    if (source.filter.bbox) {
        const auto& b = *source.filter.bbox;
        out.bbox = render::LonLatBox{b.min_lon, b.min_lat, b.max_lon, b.max_lat};
        if (!bbox_filters)
            source.filter.bbox.reset();
    }
    auto drawing = render::load_drawing(std::move(out.style), source, out.with_base, extra);
    out.style = std::move(drawing.style);
    out.incidents = std::move(drawing.incidents);
    out.polygons = std::move(drawing.polygons);
    out.source = std::move(drawing.source);
    return out;
}

} // namespace incimap::cli
