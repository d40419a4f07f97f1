#include "cli/command_map.hpp"

#include "cli/gazetteer_options.hpp"
#include "cli/option_errors.hpp"

#include "core/counted.hpp"
#include "core/error.hpp"
#include "job/map_package.hpp"
#include "render/extent.hpp"
#include "render/sources.hpp"
#include "render/static_map.hpp"
#include "store/acled_admin1.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <tuple>

namespace incimap::cli {

namespace {

bool draws_towns(const render::Style& style, bool with_base) {
    return std::any_of(style.layers.begin(), style.layers.end(), [&](const render::Layer& layer) {
        return layer.source == render::towns_source && (with_base || !layer.base);
    });
}

} // namespace

std::string_view MapCommand::synopsis() const {
    return "Draw one map for a report (PNG, PDF or SVG) with legend, scale bar and credits";
}

std::string_view MapCommand::examples() const {
    return "incimap map --out output/report.png\n"
           "incimap map --country ML --since 2024-01-01 --title 'Mali, 2024' --out mali.pdf\n"
           "incimap map --crs EPSG:32631 --bbox -6,11,4,20 --out central-sahel.svg\n"
           "incimap map --style choropleth --crs '+proj=lcc +lat_1=10 +lat_2=20 +lon_0=-2' --out regions.pdf\n"
           "incimap map --input incidents.geojson --size 3000x2000 --dpi 300 --out poster.png\n"
           "incimap map --country BF --paper A4 --landscape --credit 'Analysis: Sahel desk' --out bf.pdf";
}

void MapCommand::setup(CLI::App& app) {
    app.add_option("--out", out_, "The map file: .png, .pdf or .svg")->required();
    input_.add_to(app, "Show minlon,minlat,maxlon,maxlat (default: fit the incidents); only "
                       "incidents inside are counted");
    app.add_flag("--fit", fit_, "Fit the map to the incidents (the default without --bbox)")
        ->excludes("--bbox");
    auto* size = app.add_option("--size", size_, "Width x height in pixels at --dpi (PDF/SVG pages are as large)")
        ->default_val("1600x1200");
    auto* paper = app.add_option("--paper", paper_, "A sheet of paper instead of --size: A4, A5 or letter "
                                                    "(portrait), at --dpi")
        ->type_name("SIZE")
        ->excludes(size);
    app.add_flag("--landscape", landscape_, "Turn the --paper sideways")->needs(paper);
    app.add_option("--dpi", dpi_, "Resolution: pixels per inch")->default_val(150);
    app.add_option("--crs", crs_,
                   "Projection: any CRS PROJ knows (EPSG:3857, EPSG:32631 for UTM 31N, a PROJ "
                   "string, WKT)")
        ->default_val("EPSG:3857");
    app.add_option("--title", title_, "Title above the map (default: Incidents)");
    app.add_option("--credit", credit_,
                   "Your own credit, added to the credit line (which names ACLED, GeoNames and "
                   "Natural Earth when their data is drawn)")
        ->type_name("TEXT");
    output_.add_to(app);
}

int MapCommand::run(const GlobalOptions& global) {
    render::MapOptions o;
    o.out = out_;
    const auto x = size_.find('x');
    const auto parse = [&](std::string_view text, int& out) {
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
        return ec == std::errc() && end == text.data() + text.size();
    };
    if (!paper_.empty())
        std::tie(o.width, o.height) = naming_option("--paper", [&] { return render::paper_size(paper_, landscape_, dpi_); });
    else if (x == std::string::npos || !parse(std::string_view(size_).substr(0, x), o.width) ||
             !parse(std::string_view(size_).substr(x + 1), o.height))
        throw UsageError(fmt::format("--size '{}': expected WIDTHxHEIGHT in pixels, e.g. 1600x1200", size_));
    o.dpi = dpi_;
    o.crs = crs_;
    o.title = title_;
    naming_option("--out", [&] { render::check_map_file(o.out); });
    naming_option("--size", [&] { render::check_map_size(o.width, o.height); });
    naming_option("--dpi", [&] { render::check_map_dpi(o.dpi); });
    naming_option("--crs", [&] { render::crs_name(o.crs); });
    auto guard = output_.guard();
    input_.add_inputs_to(guard);
    guard.check(out_);
    auto loaded = input_.load(true, {"event_date"});
    o.bbox = loaded.bbox;
    o.country = loaded.country_code;
    o.admin1 = loaded.admin1;
    if (const auto region = store::admin1_boundary(o.admin1); !region.note.empty() && !global.quiet)
        fmt::print(stderr, "incimap map: --admin1 {}: {}\n", o.admin1, region.note);
    o.with_base = loaded.with_base;
    o.credit = credit_;
    if (draws_towns(loaded.style, loaded.with_base)) {
        // Villages are named on a town-scale frame: --bbox, or the
        // incidents' extent when no country or region frames the map.
        std::optional<render::LonLatBox> frame = o.bbox;
        if (!frame && o.country.empty() && o.admin1.empty())
            frame = render::data_extent(loaded.incidents, 0, 0);
        loaded.polygons.emplace(render::towns_source,
                                job::gazetteer_towns(gazetteer::Gazetteer::load(installed_gazetteer_sources()),
                                                     frame ? job::village_box(*frame) : std::nullopt));
    }
    if (!o.bbox && loaded.incidents.size() == 0)
        throw InputError("no incidents pass the filters; give --bbox to draw the map without them");
    const auto report = render::render_static_map(loaded.style, loaded.incidents, loaded.polygons, o);
    if (global.verbose > 0 && !global.quiet)
        fmt::print(stderr, "incimap map: the frame shows {}; {} outside it{}\n", report.framed,
                   counted(report.left_outside, "incident"),
                   report.left_outside > 0 && !o.bbox ? " (give --bbox to choose the frame)" : "");
    if (!global.quiet)
        fmt::print(stderr, "wrote {}: {}, {}, {:.0f} m per pixel at the centre (like zoom "
                           "{:.1f}){}\n",
                   out_, counted(loaded.incidents.size(), "incident"), report.crs_name, report.metres_per_pixel, report.zoom,
                   report.north_arrow ? ", with a north arrow" : "");
    return exit_ok;
}

} // namespace incimap::cli
