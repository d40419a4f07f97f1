#include "render/static_map.hpp"

#include "adapters/cairo.hpp"
#include "adapters/proj.hpp"
#include "core/abandoned_files.hpp"
#include "core/counted.hpp"
#include "core/error.hpp"
#include "render/extent.hpp"
#include "render/legend.hpp"
#include "render/map_furniture.hpp"
#include "render/painter.hpp"
#include "render/png.hpp"
#include "render/tile_output.hpp"

#include <fmt/format.h>

#include <cmath>
#include <numbers>

namespace incimap::render {

namespace fs = std::filesystem;

namespace {

enum class Format { png, pdf, svg };

Format format_of(const fs::path& out) {
    const auto ext = out.extension().string();
    if (ext == ".png")
        return Format::png;
    if (ext == ".pdf")
        return Format::pdf;
    if (ext == ".svg")
        return Format::svg;
    throw UsageError(fmt::format("--out '{}': the file name must end in .png, .pdf or .svg", out.string()));
}

// The map frame in a projection: projected coordinates to frame pixels
// and back, centred and scaled to fit the extent.
struct Frame {
    proj::Transformer& to_map;
    double width, height;   // pixels
    double cx = 0, cy = 0;  // projected centre
    double k = 1;           // pixels per projected unit

    bool project(double lon, double lat, double& x, double& y) const {
        double px = lon, py = lat;
        if (!to_map.forward(px, py))
            return false;
        x = (px - cx) * k + width / 2;
        y = height / 2 - (py - cy) * k;
        return true;
    }
    bool unproject(double x, double y, double& lon, double& lat) const {
        lon = cx + (x - width / 2) / k;
        lat = cy - (y - height / 2) / k;
        return to_map.inverse(lon, lat);
    }
};

// Ground metres per pixel at the frame's centre, along a horizontal span.
double metres_per_pixel(const Frame& f) {
    double lon1, lat1, lon2, lat2;
    const double span = std::min(100.0, f.width / 4);
    if (!f.unproject(f.width / 2 - span / 2, f.height / 2, lon1, lat1) ||
        !f.unproject(f.width / 2 + span / 2, f.height / 2, lon2, lat2))
        return 0;
    return proj::geodesic_distance(lon1, lat1, lon2, lat2) / span;
}

// How far the meridian through a point leans from straight up, in radians
// clockwise; the largest over the frame's corners and centre.
double meridian_lean(const Frame& f, double& at_centre) {
    double worst = 0;
    at_centre = 0;
    const double xs[] = {f.width / 2, 1, f.width - 1, 1, f.width - 1};
    const double ys[] = {f.height / 2, 1, 1, f.height - 1, f.height - 1};
    for (int i = 0; i < 5; ++i) {
        double lon, lat, x0, y0, x1, y1;
        if (!f.unproject(xs[i], ys[i], lon, lat) || !f.project(lon, lat, x0, y0) ||
            !f.project(lon, std::min(lat + 0.01, 89.9), x1, y1))
            continue;
        const double lean = std::atan2(x1 - x0, y0 - y1);
        if (i == 0)
            at_centre = lean;
        worst = std::max(worst, std::fabs(lean));
    }
    return worst;
}

cairo::Surface make_surface(Format format, const fs::path& path, double w, double h, double scale) {
    switch (format) {
    case Format::png:
        return cairo::Surface::image(static_cast<int>(std::lround(w * scale)),
                                     static_cast<int>(std::lround(h * scale)));
    case Format::pdf: return cairo::Surface::pdf(path.string(), w * 0.75, h * 0.75);
    case Format::svg: return cairo::Surface::svg(path.string(), w * 0.75, h * 0.75);
    }
    throw Error("unknown map format");
}

} // namespace

MapReport render_static_map(const Style& style, const PointFeatures& incidents,
                            const std::map<std::string, PolygonFeatures>& polygons,
                            const MapOptions& o) {
    const auto format = format_of(o.out);
    if (o.width < 200 || o.height < 150 || o.width > 20000 || o.height > 20000)
        throw UsageError(fmt::format("--size {}x{}: from 200x150 to 20000x20000 pixels", o.width, o.height));
    if (!(o.dpi >= 36 && o.dpi <= 1200))
        throw UsageError(fmt::format("--dpi {}: from 36 to 1200", o.dpi));
    proj::Context context;
    MapReport report;
    try {
        report.crs_name = proj::describe(context, o.crs).name;
    } catch (const LibraryError& e) {
        throw UsageError(fmt::format("--crs '{}': {}", o.crs, e.what()));
    }
    proj::Transformer to_map(context, "EPSG:4326", o.crs);

    const auto extent = o.bbox ? o.bbox : data_extent(incidents, 0.08, 0.5);
    if (!extent)
        throw InputError("no incidents pass the filters; give --bbox to draw the map without them");
    report.extent = *extent;

    // Page layout in style pixels (1/96 inch).
    const double px_scale = o.dpi / 96.0;
    const double page_w = o.width / px_scale, page_h = o.height / px_scale;
    const double margin = 16, title_h = 58, footer_h = 26;
    const double zoom_guess = 5;
    auto legend = build_legend(style, o.with_base, zoom_guess);
    const double legend_w = legend.empty() ? 0 : std::min(240.0, page_w * 0.3);
    const Box map_box{margin, margin + title_h, page_w - margin - (legend_w > 0 ? legend_w + margin : 0),
                      page_h - footer_h};

    Frame frame{to_map, map_box.x1 - map_box.x0, map_box.y1 - map_box.y0};
    double x0, y0, x1, y1;
    if (!to_map.forward_bounds(extent->min_lon, extent->min_lat, extent->max_lon, extent->max_lat, x0,
                               y0, x1, y1) ||
        !(x1 > x0) || !(y1 > y0)) {
        const auto box = fmt::format("{},{},{},{}", extent->min_lon, extent->min_lat, extent->max_lon,
                                     extent->max_lat);
        if (o.bbox)
            throw UsageError(fmt::format("the extent {} cannot be shown in {}", box, o.crs));
        throw InputError(fmt::format("the incidents' extent {} cannot be shown in {}; give --bbox, "
                                     "or another --crs",
                                     box, o.crs));
    }
    frame.cx = (x0 + x1) / 2;
    frame.cy = (y0 + y1) / 2;
    frame.k = std::min(frame.width / (x1 - x0), frame.height / (y1 - y0));

    report.metres_per_pixel = metres_per_pixel(frame);
    double centre_lon = 0, centre_lat = 0;
    frame.unproject(frame.width / 2, frame.height / 2, centre_lon, centre_lat);
    report.zoom = report.metres_per_pixel > 0
                      ? std::clamp(std::log2(156543.03392 * std::cos(centre_lat * std::numbers::pi / 180) /
                                             report.metres_per_pixel),
                                   0.0, 22.0)
                      : 0;
    legend = build_legend(style, o.with_base, report.zoom);
    double lean_at_centre = 0;
    report.north_arrow = meridian_lean(frame, lean_at_centre) > 0.5 * std::numbers::pi / 180;

    std::vector<Pixel> pixels(incidents.size());
    for (std::size_t i = 0; i < incidents.size(); ++i)
        if (!frame.project(incidents.lon[i], incidents.lat[i], pixels[i].x, pixels[i].y))
            pixels[i] = {NAN, NAN};
    SceneInput in;
    in.style = &style;
    in.with_base = o.with_base;
    in.incidents = &incidents;
    in.incident_pixels = pixels;
    in.polygons = &polygons;
    in.project = [&frame](double lon, double lat, double& x, double& y) { return frame.project(lon, lat, x, y); };
    in.extent = {0, 0, frame.width, frame.height};
    CairoTextMeasure measure;
    const auto scene = build_scene(in, report.zoom, measure);

    // Vector files are written by cairo under a temporary name; a PNG is
    // encoded here.
    remove_abandoned_beside(output_target(o.out), ".tmp");
    const auto temporary = temporary_beside(o.out, ".tmp");
    try {
        auto surface = make_surface(format, temporary, page_w, page_h,
                                    format == Format::png ? px_scale : 1);
        {
            cairo::Canvas canvas(surface);
            canvas.scale(format == Format::png ? px_scale : 0.75, format == Format::png ? px_scale : 0.75);
            canvas.rectangle(0, 0, page_w, page_h);
            canvas.set_colour({1, 1, 1, 1});
            canvas.fill();
            canvas.save();
            canvas.new_path();
            canvas.rectangle(map_box.x0, map_box.y0, frame.width, frame.height);
            canvas.clip();
            canvas.set_colour({0.906, 0.925, 0.937, 1});  // beyond the mapped countries
            canvas.paint();
            canvas.translate(map_box.x0, map_box.y0);
            paint_scene(canvas, scene,
                        {0, 0, frame.width, frame.height, format == Format::png ? px_scale : 2});
            canvas.restore();
            canvas.new_path();
            canvas.rectangle(map_box.x0, map_box.y0, frame.width, frame.height);
            canvas.set_colour({0.55, 0.55, 0.55, 1});
            canvas.set_line_width(0.75);
            canvas.stroke();

            const auto dates = date_range(incidents);
            draw_title(canvas, {margin, margin, page_w - margin, margin + title_h},
                       o.title.empty() ? "Incidents" : o.title,
                       fmt::format("{}{} · {} · {}",
                                   dates ? fmt::format("{} to {} · ", dates->first, dates->second) : "",
                                   counted(incidents.size(), "incident"), o.source,
                                   report.crs_name));
            if (!legend.empty())
                draw_legend(canvas, {map_box.x1 + margin, map_box.y0, page_w - margin, map_box.y1}, legend);
            if (report.metres_per_pixel > 0)
                draw_scale_bar(canvas, map_box.x0 + 12, map_box.y1 - 10, frame.width, report.metres_per_pixel);
            if (report.north_arrow)
                draw_north_arrow(canvas, map_box.x1 - 26, map_box.y0 + 28, lean_at_centre);
            draw_credits(canvas, margin, page_h - 9, page_w - 2 * margin,
                         attribution(incidents) + " Projection: " + report.crs_name + ". Map: incimap.");
            canvas.check("drawing the map");
        }
        if (format == Format::png) {
            const PixelView view{surface.pixels(), surface.width(), surface.height(), surface.stride()};
            write_file_atomically(o.out, encode_png(view, {6, true}));
        } else {
            surface.finish("writing " + o.out.string());
            move_into_place(temporary, o.out);
        }
    } catch (...) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw;
    }
    return report;
}

} // namespace incimap::render
