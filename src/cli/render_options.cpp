#include "cli/render_options.hpp"

#include "cli/option_errors.hpp"
#include "core/error.hpp"
#include "render/extent.hpp"
#include "render/sources.hpp"
#include "render/tile_job.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include <unistd.h>

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
                   "Style: a shipped one (default, heatmap, density, choropleth, basemap) or a JSON file");
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

RenderInputOptions::Loaded RenderInputOptions::load(bool bbox_filters, const std::vector<std::string>& extra,
                                                    render::StylePolygons polygons, const ReadWindow& window) const {
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
        if (!bbox_filters) {
            source.filter.bbox.reset();
            if (window)
                out.window = window(out.style, *out.bbox);
            if (const auto& w = out.window.box)
                source.filter.bbox = store::BoundingBox{w->min_lon, w->min_lat, w->max_lon, w->max_lat};
        }
    }
    if (source.filter.country_is_code)
        out.country_code = source.filter.country;
    out.admin1 = source.filter.admin1;
    auto drawing = render::load_drawing(std::move(out.style), source, out.with_base, extra, polygons);
    out.style = std::move(drawing.style);
    out.incidents = std::move(drawing.incidents);
    out.polygons = std::move(drawing.polygons);
    out.source = std::move(drawing.source);
    return out;
}

namespace {

// 1234567 -> "1,234,567"
std::string grouped(std::uint64_t n) {
    auto digits = std::to_string(n);
    for (auto i = digits.size(); i > 3; i -= 3)
        digits.insert(i - 3, ",");
    return digits;
}

std::string size_text(std::uint64_t bytes) {
    return bytes >= 1'000'000'000 ? fmt::format("{:.1f} GB", bytes / 1e9)
                                  : fmt::format("{:.0f} MB", std::max(1.0, bytes / 1e6));
}

} // namespace

void confirm_large_run(const render::TileOptions& o, bool yes, std::string_view command,
                       std::string_view narrower) {
    const auto estimate = render::estimate_tiles(o.bbox, o.min_zoom, o.max_zoom, o.tile_size, o.scale);
    if (yes || estimate.tiles <= tiles_without_asking)
        return;
    const auto what = fmt::format(
        "zooms {}-{} over {:.4f},{:.4f},{:.4f},{:.4f} make up to {} tiles (about {}; empty tiles "
        "are not written)",
        o.min_zoom, o.max_zoom, o.bbox.min_lon, o.bbox.min_lat, o.bbox.max_lon, o.bbox.max_lat,
        grouped(estimate.tiles), size_text(estimate.bytes));
    if (!::isatty(STDIN_FILENO))
        throw UsageError(fmt::format("{}; give --yes to draw them, or {}", what, narrower));
    fmt::print(stderr, "incimap {}: {}. Draw them? [y/N] ", command, what);
    std::fflush(stderr);
    std::string answer;
    for (int c = std::getchar(); c != EOF && c != '\n'; c = std::getchar())
        answer += static_cast<char>(c);
    if (answer != "y" && answer != "Y" && answer != "yes")
        throw Error("nothing drawn: the run was not confirmed");
}

} // namespace incimap::cli
