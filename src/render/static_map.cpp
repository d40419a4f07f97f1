#include "render/static_map.hpp"

#include "adapters/cairo.hpp"
#include "adapters/proj.hpp"
#include "core/abandoned_files.hpp"
#include "core/counted.hpp"
#include "core/error.hpp"
#include "render/extent.hpp"
#include "render/inset_map.hpp"
#include "render/legend.hpp"
#include "render/map_furniture.hpp"
#include "render/painter.hpp"
#include "render/png.hpp"
#include "render/sources.hpp"
#include "render/tile_output.hpp"
#include "store/acled_admin1.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>
#include <tuple>
#include <span>

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
    throw UsageError(fmt::format("'{}': the file name must end in .png, .pdf or .svg", out.string()));
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

// Where things go on the page, in style pixels (1/96 inch).
struct Page {
    double px_scale = 1;  // output pixels per style pixel
    double width = 0, height = 0;
    double margin = 16, title_h = 58, footer_h = 26;
    Box map_box;
};

// The map takes the page but for the title, the footer and, when the style
// has one, the legend on the right.
Page lay_out_page(const MapOptions& o, bool with_legend) {
    Page page;
    page.px_scale = o.dpi / 96.0;
    page.width = o.width / page.px_scale;
    page.height = o.height / page.px_scale;
    const double legend_w = with_legend ? std::min(240.0, page.width * 0.3) : 0;
    page.map_box = {page.margin, page.margin + page.title_h,
                    page.width - page.margin - (legend_w > 0 ? legend_w + page.margin : 0),
                    page.height - page.footer_h};
    return page;
}

// Centres and scales FRAME so that EXTENT fits. Throws UsageError when the
// projection cannot show an extent the user GIVEN, InputError when it cannot
// show the incidents' own.
void fit_extent(Frame& frame, const LonLatBox& extent, const std::string& crs, bool given) {
    double x0, y0, x1, y1;
    if (!frame.to_map.forward_bounds(extent.min_lon, extent.min_lat, extent.max_lon, extent.max_lat, x0,
                                     y0, x1, y1) ||
        !(x1 > x0) || !(y1 > y0)) {
        const auto box = fmt::format("{},{},{},{}", extent.min_lon, extent.min_lat, extent.max_lon,
                                     extent.max_lat);
        if (given)
            throw UsageError(fmt::format("the extent {} cannot be shown in {}", box, crs));
        throw InputError(fmt::format("the incidents' extent {} cannot be shown in {}; frame a smaller "
                                     "area or draw the map in another projection",
                                     box, crs));
    }
    frame.cx = (x0 + x1) / 2;
    frame.cy = (y0 + y1) / 2;
    frame.k = std::min(frame.width / (x1 - x0), frame.height / (y1 - y0));
}

// The scale at the frame's centre, the web zoom it matches, and whether
// north needs an arrow; returns the meridian's lean at the centre.
double measure_frame(const Frame& frame, MapReport& report) {
    report.metres_per_pixel = metres_per_pixel(frame);
    double centre_lon = 0, centre_lat = 0;
    frame.unproject(frame.width / 2, frame.height / 2, centre_lon, centre_lat);
    report.zoom = report.metres_per_pixel > 0
                      ? std::clamp(std::log2(156543.03392 * std::cos(centre_lat * std::numbers::pi / 180) /
                                             report.metres_per_pixel),
                                   0.0, 22.0)
                      : 0;
    double lean_at_centre = 0;
    report.north_arrow = meridian_lean(frame, lean_at_centre) > 0.5 * std::numbers::pi / 180;
    return lean_at_centre;
}

// Each incident's place in the frame (NaN where the projection has none).
std::vector<Pixel> incident_pixels(const PointFeatures& incidents, const Frame& frame) {
    std::vector<Pixel> pixels(incidents.size());
    for (std::size_t i = 0; i < incidents.size(); ++i)
        if (!frame.project(incidents.lon[i], incidents.lat[i], pixels[i].x, pixels[i].y))
            pixels[i] = {NAN, NAN};
    return pixels;
}

bool inside_frame(const Pixel& p, const Frame& frame) {
    return p.x >= 0 && p.y >= 0 && p.x <= frame.width && p.y <= frame.height;
}

// Whether the point is inside the polygon's rings (even-odd), in degrees.
bool contains(const Polygon& polygon, double lon, double lat) {
    const auto& b = polygon.bbox;
    if (polygon.lines || lon < b.min_lon || lon > b.max_lon || lat < b.min_lat || lat > b.max_lat)
        return false;
    bool inside = false;
    for (const auto& ring : polygon.rings)
        for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
            if ((ring[i][1] > lat) != (ring[j][1] > lat) &&
                lon < (ring[j][0] - ring[i][0]) * (lat - ring[i][1]) / (ring[j][1] - ring[i][1]) + ring[i][0])
                inside = !inside;
    return inside;
}

// The countries a map is about get `muted` 0, their neighbours 1 (styles
// grey them): the --country given, else those holding at least a tenth of
// the incidents in the frame (of up to 5,000 of them, evenly sampled).
// Without countries among the polygons, they are left as they are.
std::map<std::string, PolygonFeatures> with_neighbours_muted(
    const std::map<std::string, PolygonFeatures>& polygons, const PointFeatures& incidents,
    std::span<const Pixel> pixels, const Frame& frame, const MapOptions& o) {
    auto out = polygons;
    const auto countries = out.find("admin0");
    if (countries == out.end())
        return out;
    auto& features = countries->second;
    std::vector<std::size_t> held(features.polygons.size(), 0);
    std::size_t sampled = 0;
    const int iso = features.attributes.find("iso_a2");
    if (o.country.empty()) {
        const std::size_t step = std::max<std::size_t>(1, incidents.size() / 5000);
        for (std::size_t i = 0; i < incidents.size(); i += step) {
            if (!inside_frame(pixels[i], frame))
                continue;
            ++sampled;
            for (std::size_t f = 0; f < features.polygons.size(); ++f)
                if (contains(features.polygons[f], incidents.lon[i], incidents.lat[i])) {
                    ++held[f];
                    break;
                }
        }
    }
    std::vector<bool> focus(features.polygons.size());
    for (std::size_t f = 0; f < features.polygons.size(); ++f) {
        const auto code = iso >= 0 ? features.attributes.value(iso, f) : Value{};
        const auto* text = std::get_if<std::string_view>(&code);
        focus[f] = o.country.empty() ? sampled > 0 && held[f] * 10 >= sampled
                                     : text != nullptr && *text == o.country;
    }
    // No country to stand out (no incidents in any): none is muted.
    const bool any = std::find(focus.begin(), focus.end(), true) != focus.end();
    const int muted = features.attributes.add_column("muted", AttributeTable::Kind::number);
    for (std::size_t f = 0; f < features.polygons.size(); ++f)
        features.attributes.set_number(muted, f, any && !focus[f] ? 1 : 0);
    return out;
}

// The scale bar and the north arrow, as draw_page places them, in the
// frame's pixels.
std::vector<Box> furniture_boxes(const Frame& frame) {
    return {scale_bar_box(12, frame.height - 10, frame.width), {frame.width - 50, 4, frame.width, 52}};
}

// The frame's border in longitude and latitude, 16 points a side (a
// curved graticule bends it), and their box; points the projection cannot
// take back are left out.
std::vector<LonLat> frame_outline(const Frame& frame, LonLatBox& box) {
    std::vector<LonLat> outline;
    box = {180, 90, -180, -90};
    const auto add = [&](double x, double y) {
        double lon = 0, lat = 0;
        if (!frame.unproject(x, y, lon, lat) || !std::isfinite(lon) || !std::isfinite(lat))
            return;
        outline.push_back({lon, lat});
        box = {std::min(box.min_lon, lon), std::min(box.min_lat, lat), std::max(box.max_lon, lon),
               std::max(box.max_lat, lat)};
    };
    constexpr int steps = 16;
    for (int i = 0; i < steps; ++i)
        add(frame.width * i / steps, 0);
    for (int i = 0; i < steps; ++i)
        add(frame.width, frame.height * i / steps);
    for (int i = steps; i > 0; --i)
        add(frame.width * i / steps, frame.height);
    for (int i = steps; i > 0; --i)
        add(0, frame.height * i / steps);
    return outline;
}

// The inset locator map, when the style wants one and a corner is free.
struct InsetDrawing {
    InsetPlan plan;
    std::vector<LonLat> outline;
    PolygonFeatures countries;
};

std::optional<InsetDrawing> plan_inset(const Style& style, const Frame& frame, std::span<const Pixel> pixels,
                                       const std::map<std::string, PolygonFeatures>& shown) {
    if (!style.inset)
        return std::nullopt;
    LonLatBox box;
    auto outline = frame_outline(frame, box);
    const auto reserved = furniture_boxes(frame);
    const auto plan = place_inset(frame.width, frame.height, box, pixels, reserved);
    if (!plan)
        return std::nullopt;
    const auto countries = shown.find("admin0");
    return InsetDrawing{*plan, std::move(outline),
                        countries != shown.end() ? countries->second : load_polygons("admin0", "")};
}

Scene map_scene(const Style& style, const PointFeatures& incidents, std::span<const Pixel> pixels,
                const std::map<std::string, PolygonFeatures>& polygons, bool with_base,
                const Frame& frame, double zoom, const std::optional<InsetDrawing>& inset) {
    SceneInput in;
    in.style = &style;
    in.with_base = with_base;
    in.incidents = &incidents;
    in.incident_pixels = pixels;
    in.polygons = &polygons;
    in.project = [&frame](double lon, double lat, double& x, double& y) { return frame.project(lon, lat, x, y); };
    in.extent = {0, 0, frame.width, frame.height};
    in.labels_inside_extent = true;
    in.labels_clear_of_symbols = true;
    in.reserved = furniture_boxes(frame);
    if (inset)
        in.reserved.push_back(inset->plan.box);
    CairoTextMeasure measure;
    return build_scene(in, zoom, measure);
}

// The box a map frames (see MapOptions), and in WHAT words.
std::optional<LonLatBox> frame_extent(const PointFeatures& incidents,
                                      const std::map<std::string, PolygonFeatures>& polygons,
                                      const MapOptions& o, std::string& what) {
    if (o.bbox) {
        what = "the box given";
        return o.bbox;
    }
    std::optional<PolygonFeatures> loaded;
    const auto boundaries = [&](const std::string& source) -> const PolygonFeatures& {
        if (const auto it = polygons.find(source); it != polygons.end())
            return it->second;
        loaded = load_polygons(source, "");
        return *loaded;
    };
    std::vector<std::pair<std::string, std::string>> equal;
    if (!o.country.empty())
        equal.emplace_back("iso_a2", o.country);
    if (!o.admin1.empty()) {
        const auto region = store::admin1_boundary(o.admin1);
        equal.emplace_back("name", region.name);
        if (const auto box = matching_box(boundaries("admin1"), equal)) {
            what = region.note.empty() ? o.admin1 + " (its Natural Earth boundary)"
                                       : fmt::format("{} (the boundary of {}: {})", o.admin1,
                                                     region.name, region.note);
            return grown(*box, 0.04, 0.05);
        }
    } else if (!o.country.empty()) {
        if (const auto box = matching_box(boundaries("admin0"), equal)) {
            what = o.country + " (its Natural Earth boundary)";
            return grown(*box, 0.04, 0.05);
        }
    }
    std::size_t left_out = 0;
    const auto box = robust_extent(incidents, left_out, 0.08, 0.5);
    what = left_out > 0 ? fmt::format("the incidents but {} far from the rest", left_out) : "the incidents";
    return box;
}

// The credit line: whose data the scene shows, the incidents inside the
// frame among them.
std::string map_credits(const Scene& scene, const PointFeatures& incidents,
                        std::span<const Pixel> pixels, const Frame& frame, const MapOptions& o) {
    DrawnData drawn;
    drawn.natural_earth = false;
    for (const auto& layer : scene.layers)
        if (layer.item_count() > 0 && !layer.layer->uses_incidents()) {
            const auto& source = layer.layer->source;
            drawn.natural_earth = drawn.natural_earth || is_natural_earth_source(source);
            drawn.gazetteer_places = drawn.gazetteer_places || source == towns_source;
        }
    drawn.own = o.credit;
    drawn.drawn_row = [&](std::size_t row) { return inside_frame(pixels[row], frame); };
    return attribution(incidents, drawn);
}

// The legend explains what is drawn: a section goes when no layer of its
// title drew anything in the frame (a lake far away).
void keep_drawn_sections(std::vector<LegendSection>& legend, const Scene& scene) {
    std::erase_if(legend, [&](const LegendSection& section) {
        bool titled = false, drawn = false;
        for (const auto& layer : scene.layers)
            if (layer.layer->legend == section.title) {
                titled = true;
                drawn = drawn || layer.item_count() > 0;
            }
        return titled && !drawn;  // sections of sizes have no layer of their title
    });
}

// Clusters drawn: their sizes and colour explained after the section of
// the types they are coloured by.
void explain_clusters(std::vector<LegendSection>& legend, const Style& style, const Scene& scene) {
    for (const auto& layer : scene.layers) {
        if (layer.layer->type != LayerType::cluster || layer.circles.empty())
            continue;
        const auto after = std::find_if(legend.begin(), legend.end(), [&](const LegendSection& section) {
            return section.title == layer.layer->legend;
        });
        legend.insert(after == legend.end() ? after : after + 1, cluster_legend(style, *layer.layer, scene.zoom, 0));
        return;
    }
}

// What the page shows around the map.
struct Furniture {
    std::vector<LegendSection> legend;
    double lean_at_centre = 0;
    std::string credits;
    std::optional<InsetDrawing> inset;
};

void draw_page(cairo::Canvas& canvas, Format format, const Page& page, const Frame& frame,
               const Scene& scene, const Furniture& furniture, const PointFeatures& incidents,
               const MapOptions& o, const MapReport& report) {
    const Box& map_box = page.map_box;
    const double margin = page.margin;
    canvas.scale(format == Format::png ? page.px_scale : 0.75, format == Format::png ? page.px_scale : 0.75);
    canvas.rectangle(0, 0, page.width, page.height);
    canvas.set_colour({1, 1, 1, 1});
    canvas.fill();
    canvas.save();
    canvas.new_path();
    canvas.rectangle(map_box.x0, map_box.y0, frame.width, frame.height);
    canvas.clip();
    canvas.set_colour({0.906, 0.925, 0.937, 1});  // beyond the mapped countries
    canvas.paint();
    canvas.translate(map_box.x0, map_box.y0);
    paint_scene(canvas, scene, {0, 0, frame.width, frame.height, format == Format::png ? page.px_scale : 2});
    if (furniture.inset)
        draw_inset(canvas, furniture.inset->plan.box, furniture.inset->plan.region, furniture.inset->countries,
                   furniture.inset->outline);
    canvas.restore();
    canvas.new_path();
    canvas.rectangle(map_box.x0, map_box.y0, frame.width, frame.height);
    canvas.set_colour({0.55, 0.55, 0.55, 1});
    canvas.set_line_width(0.75);
    canvas.stroke();

    const auto dates = date_range(incidents);
    draw_title(canvas, {margin, margin, page.width - margin, margin + page.title_h},
               o.title.empty() ? "Incidents" : o.title,
               fmt::format("{}{} · {}",
                           dates ? fmt::format("{} to {} · ", dates->first, dates->second) : "",
                           counted(incidents.size(), "incident"), report.crs_name));
    if (!furniture.legend.empty())
        draw_legend(canvas, {map_box.x1 + margin, map_box.y0, page.width - margin, map_box.y1},
                    furniture.legend);
    if (report.metres_per_pixel > 0)
        draw_scale_bar(canvas, map_box.x0 + 12, map_box.y1 - 10, frame.width, report.metres_per_pixel);
    if (report.north_arrow)
        draw_north_arrow(canvas, map_box.x1 - 26, map_box.y0 + 28, furniture.lean_at_centre);
    draw_credits(canvas, margin, page.height - 9, page.width - 2 * margin,
                 furniture.credits + " Projection: " + report.crs_name + ". Map: incimap.");
    canvas.check("drawing the map");
}

std::string svg_colour(const cairo::Rgba& c) {
    const auto channel = [](double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
    return fmt::format("#{:02x}{:02x}{:02x}", channel(c.r), channel(c.g), channel(c.b));
}

// Cairo writes text as glyph outlines; the labels, titles and legend of a
// map are written after its shapes as SVG <text> in their font instead, so
// that the map can be edited as a drawing (Inkscape, Illustrator) and its
// text searched. They go on top: labels never lie under symbols anyway.
void add_svg_text(const fs::path& file, const std::vector<cairo::RecordedText>& texts, const fs::path& out) {
    std::string svg;
    {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        svg = text.str();
    }
    const auto end = svg.rfind("</svg>");
    if (end == std::string::npos)
        throw Error(fmt::format("writing {}: the SVG cairo wrote has no end", out.string()));
    std::string elements = "<g id=\"text\">\n";
    for (const auto& t : texts) {
        elements += fmt::format(R"(<text x="{:.2f}" y="{:.2f}" font-family="{}, sans-serif" font-size="{:.2f}")",
                                t.x, t.y, escape_html(t.family), t.size);
        if (t.bold)
            elements += R"( font-weight="bold")";
        elements += fmt::format(R"( fill="{}")", svg_colour(t.fill));
        if (t.fill.a < 1)
            elements += fmt::format(R"( fill-opacity="{:.3f}")", t.fill.a);
        if (t.halo.a > 0 && t.halo_width > 0)
            elements += fmt::format(R"( stroke="{}" stroke-opacity="{:.3f}" stroke-width="{:.2f}" )"
                                    R"(stroke-linejoin="round" paint-order="stroke")",
                                    svg_colour(t.halo), t.halo.a, t.halo_width);
        elements += fmt::format(R"( xml:space="preserve">{}</text>)", escape_html(t.text)) + "\n";
    }
    elements += "</g>\n";
    svg.insert(end, elements);
    std::ofstream write(file, std::ios::binary | std::ios::trunc);
    write << svg;
    write.close();
    if (!write)
        throw Error(fmt::format("writing {}: cannot write its text", out.string()));
}

} // namespace

void check_map_file(const fs::path& out) { format_of(out); }

void check_map_size(int width, int height) {
    if (width < 200 || height < 150 || width > 20000 || height > 20000)
        throw UsageError(fmt::format("{}x{}: from 200x150 to 20000x20000 pixels", width, height));
}

void check_map_dpi(double dpi) {
    if (!(dpi >= 36 && dpi <= 1200))
        throw UsageError(fmt::format("{}: from 36 to 1200 dots per inch", dpi));
}

std::pair<int, int> paper_size(std::string_view paper, bool landscape, double dpi) {
    // Width and height in millimetres, portrait.
    static constexpr std::tuple<std::string_view, double, double> sheets[] = {
        {"a4", 210, 297}, {"a5", 148, 210}, {"letter", 215.9, 279.4}};
    std::string key;
    for (const char c : paper)
        key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [name, w, h] : sheets)
        if (key == name) {
            const auto px = [dpi](double mm) { return static_cast<int>(std::lround(mm / 25.4 * dpi)); };
            return landscape ? std::pair{px(h), px(w)} : std::pair{px(w), px(h)};
        }
    throw UsageError(fmt::format("'{}': not a paper size incimap knows (A4, A5, letter)", paper));
}

std::string crs_name(const std::string& crs) {
    proj::Context context;
    try {
        return proj::describe(context, crs).name;
    } catch (const LibraryError& e) {
        throw UsageError(fmt::format("'{}': {}", crs, e.what()));
    }
}

MapReport render_static_map(const Style& style, const PointFeatures& incidents,
                            const std::map<std::string, PolygonFeatures>& polygons,
                            const MapOptions& o) {
    const auto format = format_of(o.out);
    check_map_size(o.width, o.height);
    check_map_dpi(o.dpi);
    MapReport report;
    report.crs_name = crs_name(o.crs);
    proj::Context context;
    proj::Transformer to_map(context, "EPSG:4326", o.crs);

    const auto extent = frame_extent(incidents, polygons, o, report.framed);
    if (!extent)
        throw InputError("no incidents to draw, and no extent given to draw the map without them");
    report.extent = *extent;

    // The legend's width depends on whether it has entries, which a guess
    // of the zoom tells; its entries follow the zoom the map turns out at.
    const double zoom_guess = 5;
    const auto page = lay_out_page(o, !build_legend(style, o.with_base, zoom_guess).empty());
    Frame frame{to_map, page.map_box.x1 - page.map_box.x0, page.map_box.y1 - page.map_box.y0};
    fit_extent(frame, *extent, o.crs, o.bbox.has_value());
    Furniture furniture;
    furniture.lean_at_centre = measure_frame(frame, report);
    furniture.legend = build_legend(style, o.with_base, report.zoom);
    const auto pixels = incident_pixels(incidents, frame);
    const auto shown = with_neighbours_muted(polygons, incidents, pixels, frame, o);
    furniture.inset = plan_inset(style, frame, pixels, shown);
    if (furniture.inset)
        report.inset = Box{page.map_box.x0 + furniture.inset->plan.box.x0, page.map_box.y0 + furniture.inset->plan.box.y0,
                           page.map_box.x0 + furniture.inset->plan.box.x1, page.map_box.y0 + furniture.inset->plan.box.y1};
    const auto scene = map_scene(style, incidents, pixels, shown, o.with_base, frame, report.zoom, furniture.inset);
    furniture.credits = map_credits(scene, incidents, pixels, frame, o);
    keep_drawn_sections(furniture.legend, scene);
    explain_clusters(furniture.legend, style, scene);
    for (const auto& p : pixels)
        report.left_outside += inside_frame(p, frame) ? 0 : 1;
    report.credits = furniture.credits;

    // Vector files are written by cairo under a temporary name; a PNG is
    // encoded here.
    remove_abandoned_beside(output_target(o.out), ".tmp");
    const auto temporary = temporary_beside(o.out, ".tmp");
    try {
        auto surface = make_surface(format, temporary, page.width, page.height,
                                    format == Format::png ? page.px_scale : 1);
        std::vector<cairo::RecordedText> texts;
        {
            cairo::Canvas canvas(surface);
            if (format == Format::svg)
                canvas.record_text(&texts);
            draw_page(canvas, format, page, frame, scene, furniture, incidents, o, report);
        }
        if (format == Format::png) {
            const PixelView view{surface.pixels(), surface.width(), surface.height(), surface.stride()};
            write_file_atomically(o.out, encode_png(view, {6, true}));
        } else {
            surface.finish("writing " + o.out.string());
            if (format == Format::svg)
                add_svg_text(temporary, texts, o.out);
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
