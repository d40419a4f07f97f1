#include "job/map_package.hpp"

#include "core/counted.hpp"
#include "core/error.hpp"
#include "core/folders.hpp"
#include "core/progress.hpp"
#include "core/stop_signal.hpp"
#include "render/extent.hpp"
#include "render/mbtiles.hpp"
#include "render/sources.hpp"
#include "render/static_map.hpp"
#include "render/tile_job.hpp"
#include "render/web_page.hpp"
#include "store/aggregate.hpp"
#include "store/export.hpp"
#include "store/incident_store.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace incimap::job {
namespace fs = std::filesystem;

namespace {

// What the tiles cover when there is no incident to fit: Mali, Burkina Faso
// and Niger, at country level.
constexpr render::LonLatBox central_sahel{-12.3, 9.4, 16.0, 23.5};
constexpr int central_sahel_max_zoom = 6;

using render::Drawing;

// The incidents with every attribute the style, the popups and the credits
// read, and the style's polygons: the shipped style STYLE ("default" for
// the report maps and the MBTiles, "density" for the tiles beneath the
// page's own clusters).
Drawing load_drawing(const PackageOptions& o, const std::string& style) {
    render::IncidentSource source;
    source.store = o.store;
    source.filter = o.filter;
    return render::load_drawing(render::load_style(style), source, true, render::popup_attributes());
}

// The zooms and extent of the package's tiles: those the incidents call
// for, or the central Sahel at country level when there are none.
render::TileOptions tile_options(const Drawing& d) {
    render::TileOptions t;
    if (const auto extent = render::data_extent(d.incidents)) {
        std::string why;
        t.bbox = *extent;
        t.max_zoom = render::suggest_max_zoom(d.incidents, t.tile_size, why);
    } else {
        t.bbox = central_sahel;
        t.max_zoom = central_sahel_max_zoom;
    }
    return t;
}

render::TileJobResult draw_tiles(const Drawing& d, const render::TileOptions& tiles,
                                 const fs::path& out, const PackageOptions& o) {
    render::TileJob job;
    job.out = out;
    job.source = d.source;
    job.guard = o.guard;
    // Only the tiles that changed since the last run into this folder are
    // redrawn (a daily run does not redraw the world); other filters, a
    // shrunk extent or a first run draw everything.
    job.update = true;
    job.options = tiles;
    render::TileProgress progress(o.quiet, stderr, o.details);
    return render::run_tile_job(d.style, d.incidents, d.polygons, job, progress);
}

std::string describe_tiles(const render::TileJobResult& r, int max_zoom) {
    const auto drawn = r.incremental
                           ? fmt::format("{} redrawn, the others unchanged since the last run",
                                         counted(r.stats.written(), "tile"))
                           : counted(r.stats.written(), "tile");
    return fmt::format("{}, zooms 0-{}, TileJSON {}", drawn, max_zoom, r.tilejson.filename().string());
}

} // namespace

std::optional<render::LonLatBox> village_box(const render::LonLatBox& frame) {
    constexpr double town_scale_degrees = 1.5;
    const double width = frame.max_lon - frame.min_lon;
    const double height = frame.max_lat - frame.min_lat;
    if (!(width >= 0 && height >= 0 && width < town_scale_degrees && height < town_scale_degrees))
        return std::nullopt;
    return render::LonLatBox{frame.min_lon - width / 2, frame.min_lat - height / 2, frame.max_lon + width / 2,
                             frame.max_lat + height / 2};
}

render::PolygonFeatures gazetteer_towns(const gazetteer::Gazetteer& gazetteer,
                                        const std::optional<render::LonLatBox>& villages_within) {
    constexpr std::int64_t town_population = 2000;
    std::vector<render::Town> towns;
    std::optional<std::array<double, 4>> box;
    if (villages_within)
        box = {villages_within->min_lon, villages_within->min_lat, villages_within->max_lon, villages_within->max_lat};
    const auto places = gazetteer.towns(town_population, box);
    for (const auto& place : places) {
        const std::string_view code = place.feature_code;
        if (code == "PPLQ" || code == "PPLH" || code == "PPLW" || code == "PPLCH")
            continue;  // abandoned, historical or destroyed
        towns.push_back({place.name, place.longitude, place.latitude, place.population,
                         place.feature_code == "PPLC", place.feature_code == "PPLA", place.country});
    }
    return render::town_features(towns);
}

bool same_store_file(const std::string& location, const fs::path& file) {
    std::error_code ec;
    if (!fs::exists(location, ec) || !fs::exists(file, ec))
        return false;
    return fs::equivalent(location, file, ec);
}

void check_output_folder(const fs::path& folder) {
    std::error_code ec;
    if (fs::exists(folder, ec) && !fs::is_directory(folder, ec))
        throw UsageError(fmt::format("'{}' is a file; give a folder for the outputs",
                                     folder.string()));
}

namespace {

render::WebPageOptions web_page_options(const PackageOptions& o) {
    render::WebPageOptions web;
    web.out = o.folder;
    web.incidents_file = fs::path("assets") / "incidents.geojson";
    web.guard = o.guard;
    return web;
}

} // namespace

void check_map_package(const PackageOptions& o) {
    check_output_folder(o.folder);
    if (!o.guard)
        return;
    const auto& guard = *o.guard;
    const auto made = files_made_in(o.folder);
    const auto gpkg = o.folder / "incidents.gpkg";
    if (!same_store_file(o.store, gpkg))
        guard.check(gpkg, std::find(made.begin(), made.end(), "incidents.gpkg") != made.end());
    for (const auto* file : {"incidents.geojson", "incidents.qml", "admin1.geojson", "admin1.qml", "tiles",
                             "report.png", "report.pdf"})
        guard.check(o.folder / file);
    guard.check_folder(o.folder / "tiles");
    const auto mbtiles = o.folder / "incidents.mbtiles";
    guard.check(mbtiles, render::is_incimap_mbtiles(mbtiles));
    std::error_code ec;
    if (fs::is_regular_file(mbtiles, ec) && !render::is_incimap_mbtiles(mbtiles))
        guard.refuse_unless_overwrite(mbtiles, "it is not an MBTiles file incimap wrote");
    render::check_web_page(web_page_options(o));
}

MapPackage write_map_package(const PackageOptions& o) {
    check_map_package(o);
    create_folders(o.folder);

    MapPackage package;
    ProgressLine line(!o.quiet);
    auto step = [&](const std::string& file) {
        throw_if_stop_requested();  // between files, when a signal asked to stop
        if (o.details)
            line.message("writing " + (o.folder / file).string());
        else
            line.status("writing " + file + " …", true);
    };
    auto done = [&](std::string what, const std::string& file, std::string detail) {
        package.items.push_back({std::move(what), o.folder / file, std::move(detail)});
    };

    {
        auto store = store::IncidentStore::open(o.store, store::IncidentStore::Access::read);
        const auto gpkg = o.folder / "incidents.gpkg";
        if (same_store_file(o.store, gpkg)) {
            done("incident store (GeoPackage)", "incidents.gpkg",
                 counted(static_cast<std::size_t>(store.count()), "incident") + ", every one stored");
            record_files_made(o.folder, {}, {"incidents.gpkg"});  // the store is no copy to replace
        } else {
            step("incidents.gpkg");
            const auto n = store::export_gpkg(store, o.filter, gpkg);
            record_files_made(o.folder, {"incidents.gpkg"});
            done("incidents (GeoPackage copy of the store)", "incidents.gpkg", counted(n, "incident"));
        }

        step("incidents.geojson");
        const auto geojson = o.folder / "incidents.geojson";
        package.incidents =
            store::export_incidents(store, o.filter, store::ExportFormat::geojson, geojson);
        store::write_layer_style(store::style_path_for(geojson));
        done("incidents (GeoJSON)", "incidents.geojson",
             counted(package.incidents, "incident") + ", QGIS style " +
                 store::style_path_for(geojson).filename().string());

        step("admin1.geojson");
        const auto regions = store::aggregate(store, o.filter, store::parse_grouping("admin1"));
        store::write_aggregation(regions, o.folder / "admin1.geojson");
        store::write_layer_style(o.folder / "admin1.qml", store::LayerStyle::regions);
        done("incidents per region (GeoJSON)", "admin1.geojson",
             counted(regions.groups.size(), "region") + ", QGIS style admin1.qml");
    }

    const auto drawing = load_drawing(o, "default");
    const auto density = load_drawing(o, "density");
    const auto tiles = tile_options(drawing);
    if (o.confirm_tiles) {
        line.clear();
        o.confirm_tiles(tiles);
    }
    for (const auto* name : {"tiles", "incidents.mbtiles"}) {
        step(name);
        line.clear();  // the tiles show their own progress
        // The folder lies beneath the page, which clusters the incidents
        // itself: a density, not symbols of its own.
        const bool page_layer = std::string_view(name) == "tiles";
        const auto result = draw_tiles(page_layer ? density : drawing, tiles, o.folder / name, o);
        const auto max_zoom = result.stats.zooms.empty() ? 0 : result.stats.zooms.rbegin()->first;
        done(page_layer ? "density tiles beneath the page (XYZ PNG folder)" : "tiles (MBTiles)",
             name, describe_tiles(result, max_zoom));
    }

    // The report maps name the gazetteer's towns; tiles and the page do not.
    auto report_polygons = drawing.polygons;
    if (o.gazetteer != nullptr)
        report_polygons.emplace(render::towns_source, gazetteer_towns(*o.gazetteer));
    for (const auto* name : {"report.png", "report.pdf"}) {
        step(name);
        render::MapOptions map;
        map.out = o.folder / name;
        if (drawing.incidents.size() == 0)
            map.bbox = central_sahel;  // the region, without incidents
        const auto report = render::render_static_map(drawing.style, drawing.incidents, report_polygons, map);
        done(fs::path(name).extension() == ".pdf" ? "report map (PDF)" : "report map (PNG)", name,
             report.crs_name);
    }

    step("index.html");
    auto web = web_page_options(o);
    bool found = false;
    web.tiles = *render::tile_layer_in_page(o.folder, "tiles", found);
    render::write_web_page(density.style, density.incidents, web);
    done("web page (open with: incimap serve " + o.folder.string() + ")", "index.html",
         "tiles and clickable incidents");
    line.clear();
    return package;
}

} // namespace incimap::job
