// Report maps: each format opens, projections PROJ knows work, the legend
// and the furniture follow the style and the projection.
#include "adapters/cairo.hpp"
#include "adapters/libxml.hpp"
#include "core/error.hpp"
#include "render/inset_map.hpp"
#include "render/legend.hpp"
#include "render/map_furniture.hpp"
#include "render/sources.hpp"
#include "render/static_map.hpp"
#include "render_fixtures.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace incimap;
using namespace incimap::render;
using namespace incimap::render::testing;
namespace fs = std::filesystem;

namespace {

const std::map<std::string, PolygonFeatures> no_polygons;

const std::string dots = R"([{"id": "dots", "type": "circle", "source": "incidents", "legend": "Incidents",
    "paint": {"circle-color": "#D55E00", "circle-radius": 8}}])";

fs::path temp_file(const std::string& name) {
    return fs::temp_directory_path() / ("incimap-map-" + std::to_string(::getpid()) + "-" + name);
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

MapOptions options(const fs::path& out, const std::string& crs = "EPSG:3857") {
    MapOptions o;
    o.out = out;
    o.width = 800;
    o.height = 600;
    o.dpi = 96;
    o.crs = crs;
    o.bbox = LonLatBox{-12, 9, 5, 21};
    return o;
}

} // namespace

TEST_CASE("A PNG map decodes, at the size asked for, with the incident drawn", "[render][map]") {
    const auto out = temp_file("a.png");
    const auto s = style(dots);
    auto o = options(out);
    o.bbox = LonLatBox{-9, 11.6, -7, 13.6};  // Bamako in the middle
    render_static_map(s, incidents({{-8.0, 12.6}}), no_polygons, o);
    auto image = cairo::Surface::read_png(out.string());
    CHECK(image.width() == 800);
    CHECK(image.height() == 600);
    int vermillion = 0;
    for (int y = 0; y < 600; y += 2)
        for (int x = 0; x < 800; x += 2) {
            const auto p = image.pixel(x, y);
            if (std::abs(p.r - 0.835) < 0.02 && std::abs(p.g - 0.369) < 0.02 && p.b < 0.02)
                ++vermillion;
        }
    CHECK(vermillion > 20);  // the disc (radius 8) and its legend swatch
    fs::remove(out);
}

TEST_CASE("PDF and SVG maps stay vector files that parse", "[render][map]") {
    const auto s = style(dots);
    SECTION("PDF") {
        const auto out = temp_file("b.pdf");
        render_static_map(s, incidents({{-8.0, 12.6}}), no_polygons, options(out));
        const auto bytes = slurp(out);
        CHECK(bytes.substr(0, 5) == "%PDF-");
        CHECK(bytes.find("%%EOF") != std::string::npos);
        fs::remove(out);
    }
    SECTION("SVG") {
        const auto out = temp_file("c.svg");
        render_static_map(s, incidents({{-8.0, 12.6}}), no_polygons, options(out));
        const auto doc = libxml::parse_xml(slurp(out), out.string());
        bool svg_root = false;
        for (const auto& child : doc.children)
            if (child.is_element("svg"))
                svg_root = true;
        CHECK(svg_root);
        fs::remove(out);
    }
}

TEST_CASE("Projections: north arrows where north leans, errors for unknown ones", "[render][map]") {
    const auto s = style(dots);
    const auto out = temp_file("d.png");
    SECTION("Web Mercator has north straight up: no arrow") {
        const auto r = render_static_map(s, incidents({{-8.0, 12.6}}), no_polygons, options(out));
        CHECK_FALSE(r.north_arrow);
        CHECK(r.crs_name == "WGS 84 / Pseudo-Mercator");
    }
    SECTION("UTM 31N far from its central meridian: an arrow") {
        const auto r = render_static_map(s, incidents({{-8.0, 12.6}}), no_polygons,
                                         options(out, "EPSG:32631"));
        CHECK(r.north_arrow);
        CHECK(r.crs_name == "WGS 84 / UTM zone 31N");
    }
    SECTION("a Lambert conformal conic given as a PROJ string") {
        const std::string lcc = "+proj=lcc +lat_1=10 +lat_2=20 +lat_0=15 +lon_0=-2 +datum=WGS84";
        const auto r = render_static_map(s, incidents({{-8.0, 12.6}}), no_polygons, options(out, lcc));
        CHECK(r.north_arrow);
        CHECK(r.metres_per_pixel > 1000);
    }
    SECTION("plate carree has north straight up too") {
        auto o = options(out, "EPSG:4326");
        o.bbox = LonLatBox{-1, 11, 1, 13};
        const auto r = render_static_map(s, incidents({{0, 12}}), no_polygons, o);
        CHECK_FALSE(r.north_arrow);
        // The 2-degree box fills the 500 px tall frame of an 800x600 page
        // (250 px a degree); a degree of longitude at 12N is 108.9 km on
        // the WGS84 ellipsoid.
        CHECK(r.metres_per_pixel == Approx(108907.0 / 250).epsilon(0.005));
    }
    SECTION("an unknown CRS is a usage error quoting it") {
        CHECK_THROWS_AS(render_static_map(s, incidents({{0, 12}}), no_polygons, options(out, "EPSG:999999")),
                        UsageError);
        CHECK_THROWS_WITH(render_static_map(s, incidents({{0, 12}}), no_polygons, options(out, "EPSG:999999")),
                          Catch::Contains("EPSG:999999"));
    }
    SECTION("an unknown file type is a usage error") {
        CHECK_THROWS_AS(render_static_map(s, incidents({{0, 12}}), no_polygons, options(temp_file("e.gif"))),
                        UsageError);
    }
    fs::remove(out);
}

TEST_CASE("The legend follows the style", "[render][map]") {
    const auto s = load_style("default");
    const auto legend = build_legend(s, true, 8);
    const LegendSection* types = nullptr;
    for (const auto& section : legend)
        if (section.title == "Event type (ACLED)")
            types = &section;
    REQUIRE(types != nullptr);
    REQUIRE(types->entries.size() == 7);
    CHECK(types->entries[0].label == "Battles");
    CHECK(to_css(types->entries[0].fill) == "#d55e00");
    CHECK(types->entries[6].label == "Other");
    SECTION("sizes by fatalities get their own section") {
        bool sizes = false;
        for (const auto& section : legend)
            if (section.title == "Size: fatalities")
                sizes = section.entries.size() == 4 && section.entries.back().size > section.entries.front().size;
        CHECK(sizes);
    }
    SECTION("the choropleth's classes") {
        const auto c = build_legend(load_style("choropleth"), false, 6);
        REQUIRE(c.size() == 1);
        REQUIRE(c[0].entries.size() == 5);
        CHECK(c[0].entries[0].label == "< 5");
        CHECK(c[0].entries[1].label == "5 – 19");
        CHECK(c[0].entries[4].label == "≥ 200");
    }
    CHECK(length_label(50000) == "50 km");
    CHECK(length_label(500) == "500 m");
}

TEST_CASE("A map's options are checked before drawing, quoting the value", "[render][map]") {
    // Only the command line knows which option a value came from.
    CHECK_THROWS_WITH(check_map_file("x.gif"), Catch::StartsWith("'x.gif': the file name must end in .png"));
    CHECK_THROWS_WITH(check_map_size(100, 100), Catch::StartsWith("100x100: from 200x150"));
    CHECK_THROWS_WITH(check_map_dpi(20), Catch::StartsWith("20: from 36 to 1200"));
    CHECK_THROWS_AS(crs_name("EPSG:999999"), UsageError);
    CHECK(crs_name("EPSG:32631").find("UTM zone 31N") != std::string::npos);
    CHECK_NOTHROW(check_map_file("x.svg"));
    CHECK_NOTHROW(check_map_size(200, 150));
    CHECK_NOTHROW(check_map_dpi(36));
    SECTION("paper sizes: A4 at 150 dpi is 1240 x 1754 px, sideways as asked") {
        CHECK(paper_size("A4", false, 150) == std::pair{1240, 1754});
        CHECK(paper_size("a4", true, 150) == std::pair{1754, 1240});
        CHECK(paper_size("letter", false, 100) == std::pair{850, 1100});
        CHECK(paper_size("A5", false, 254) == std::pair{1480, 2100});
        CHECK_THROWS_WITH(paper_size("B5", false, 150), Catch::StartsWith("'B5': not a paper size"));
    }
}

TEST_CASE("The credit line names the data drawn, and only that", "[render][map][credits]") {
    const auto s = style(dots);
    const auto out = temp_file("credits.png");
    // Bamako inside the frame, Niamey outside it.
    auto o = options(out);
    o.bbox = LonLatBox{-9, 11.6, -7, 13.6};
    auto data = incidents({{-8.0, 12.6}, {2.1, 13.5}});
    const int acled_id = data.attributes.add_column("event_id_cnty", AttributeTable::Kind::text);
    SECTION("an ACLED row drawn: ACLED in its own words") {
        data.attributes.set_text(acled_id, 0, "MLI9999");
        const auto r = render_static_map(s, data, no_polygons, o);
        CHECK_THAT(r.credits, Catch::Contains("Armed Conflict Location & Event Data (ACLED); acleddata.com"));
    }
    SECTION("an ACLED row outside the frame only: no ACLED") {
        data.attributes.set_text(acled_id, 1, "NIG9999");
        const auto r = render_static_map(s, data, no_polygons, o);
        CHECK_THAT(r.credits, !Catch::Contains("ACLED"));
    }
    SECTION("no boundaries drawn: no Natural Earth; the user's own credit as given") {
        o.credit = "Field reports: Sahel Watch";
        const auto r = render_static_map(s, data, no_polygons, o);
        CHECK(r.credits == "Field reports: Sahel Watch.");
    }
    SECTION("the country boundaries drawn: Natural Earth") {
        std::map<std::string, PolygonFeatures> polygons;
        polygons.emplace("admin0", load_polygons("admin0", ""));
        const auto countries = parse_style(R"({"layers": [{"id": "land", "type": "fill", "source": "admin0",
            "paint": {"fill-color": "#eeeeee"}}]})", "countries.json", "", {});
        const auto r = render_static_map(countries, data, polygons, o);
        CHECK(r.credits == "Made with Natural Earth.");
    }
    fs::remove(out);
}

TEST_CASE("A projection from a PROJ string is named by its method", "[render][map][credits]") {
    CHECK(crs_name("+proj=lcc +lat_1=10 +lat_2=20 +lat_0=15 +lon_0=-2 +datum=WGS84") ==
          "Lambert Conic Conformal (2SP)");
    CHECK(crs_name("EPSG:4326") == "WGS 84");
}

TEST_CASE("The frame: a country, a region, or the incidents without outliers", "[render][map][frame]") {
    const auto s = style(dots);
    const auto out = temp_file("frame.png");
    auto o = options(out);
    o.bbox.reset();
    // Ouagadougou, Bobo-Dioulasso, Dori, Fada N'Gourma, and one misplaced at Dakar.
    const auto data = incidents({{-1.52, 12.37}, {-4.30, 11.18}, {-0.03, 14.03}, {0.35, 12.06},
                                 {-1.0, 12.0}, {-2.0, 13.0}, {-17.44, 14.69}});
    SECTION("by default, the outlier is left outside and counted") {
        const auto r = render_static_map(s, data, no_polygons, o);
        CHECK(r.extent.min_lon > -8);
        CHECK(r.left_outside == 1);
        CHECK_THAT(r.framed, Catch::Contains("1 far from the rest"));
    }
    SECTION("a country frames its boundary, whatever the incidents") {
        o.country = "BF";
        const auto r = render_static_map(s, incidents({{-1.52, 12.37}}), no_polygons, o);
        // Burkina Faso spans about 5.5 W to 2.4 E, 9.4 N to 15.1 N.
        CHECK(r.extent.min_lon < -5.4);
        CHECK(r.extent.max_lon > 2.3);
        CHECK(r.extent.min_lat < 9.5);
        CHECK(r.extent.max_lat > 15.0);
        CHECK(r.extent.min_lon > -6.5);
    }
    SECTION("a region frames its boundary") {
        o.country = "ML";
        o.admin1 = "Kidal";
        const auto r = render_static_map(s, data, no_polygons, o);
        CHECK(r.extent.min_lat > 16.5);
        CHECK(r.extent.min_lon > -3);
        CHECK(r.extent.max_lat > 20);
        CHECK_THAT(r.framed, Catch::Contains("Kidal"));
    }
    SECTION("--admin1 Est frames Burkina Faso's Est region, made of its five provinces") {
        o.admin1 = "Est";
        const auto r = render_static_map(s, data, no_polygons, o);
        // Gnagna, Gourma, Komondjari, Kompienga and Tapoa span 0.37 W to
        // 2.39 E, 10.93 N to 13.58 N in Natural Earth.
        CHECK(r.extent.min_lon < -0.36);
        CHECK(r.extent.min_lon > -0.6);
        CHECK(r.extent.max_lon > 2.39);
        CHECK(r.extent.max_lon < 2.7);
        CHECK(r.extent.min_lat < 10.94);
        CHECK(r.extent.min_lat > 10.7);
        CHECK(r.extent.max_lat > 13.57);
        CHECK(r.extent.max_lat < 13.8);
    }
    SECTION("a region without a boundary of its own frames the one drawing it, and says so") {
        o.admin1 = "Menaka";
        const auto r = render_static_map(s, data, no_polygons, o);
        CHECK_THAT(r.framed, Catch::Contains("Gao") && Catch::Contains("2016"));
        CHECK(r.extent.max_lon > 4);  // Gao's eastern border with Niger
    }
    fs::remove(out);
}

TEST_CASE("The country a map is about stands out; its neighbours are muted", "[render][map][frame]") {
    std::map<std::string, PolygonFeatures> polygons;
    polygons.emplace("admin0", load_polygons("admin0", ""));
    const auto land = parse_style(R"({"layers": [{"id": "land", "type": "fill", "source": "admin0",
        "paint": {"fill-color": ["case", ["==", ["get", "muted"], 1], "#000000", "#ffffff"]}}]})",
                                  "land.json", "", {});
    const auto out = temp_file("muted.png");
    auto o = options(out, "EPSG:4326");
    o.bbox = LonLatBox{-9, 9, 3, 16};  // Mali's south, Burkina Faso, Ghana's north
    // The page is 800x600 at 96 dpi: the frame starts at (16, 74) and is
    // 768x510 px (no legend): 64 px a degree across, 72.9 down.
    const auto brightness_at = [&](double lon, double lat) {
        auto image = cairo::Surface::read_png(out.string());
        const double k = std::min(768.0 / 12, 510.0 / 7);
        const int x = static_cast<int>(16 + 768 / 2.0 + (lon + 3) * k);
        const int y = static_cast<int>(74 + 510 / 2.0 - (lat - 12.5) * k);
        return image.pixel(x, y).r;
    };
    SECTION("--country BF") {
        o.country = "BF";
        render_static_map(land, incidents({{-8.0, 12.6}}), polygons, o);
        CHECK(brightness_at(-1.5, 12.4) > 0.9);  // Ouagadougou
        CHECK(brightness_at(-7.0, 13.5) < 0.1);  // Mali, west of Ségou
    }
    SECTION("else the country holding the incidents") {
        render_static_map(land, incidents({{-8.0, 12.6}, {-7.5, 13.0}}), polygons, o);
        CHECK(brightness_at(-1.5, 12.4) < 0.1);
        CHECK(brightness_at(-7.0, 13.5) > 0.9);
    }
    fs::remove(out);
}

TEST_CASE("Clusters are explained: their sizes, and what their colour means", "[render][map][legend]") {
    const auto s = load_style("default");
    const Layer* clusters = nullptr;
    for (const auto& layer : s.layers)
        if (layer.type == LayerType::cluster)
            clusters = &layer;
    REQUIRE(clusters != nullptr);
    const auto section = cluster_legend(s, *clusters, 5, 0);
    CHECK(section.title == "Clusters of nearby incidents");
    REQUIRE(section.entries.size() == 3);
    CHECK_THAT(section.entries[0].label, Catch::Contains("most frequent type"));
    CHECK(section.entries[2].label == "100 incidents");
    // The default style's radius: 5 px at 1, 16 px at sqrt(count) 10.
    CHECK(section.entries[2].size == Approx(16));
    CHECK(section.entries[0].size < section.entries[1].size);
}

TEST_CASE("Country and region maps get an inset locator map in a corner free of incidents",
          "[render][map][inset]") {
    const auto out = temp_file("inset.png");
    auto o = options(out);
    o.bbox.reset();
    o.country = "BF";
    const auto ouagadougou = incidents({{-1.52, 12.37}});
    SECTION("a country map shows one, the frame outlined in red on it") {
        const auto r = render_static_map(style(dots), ouagadougou, no_polygons, o);
        REQUIRE(r.inset);
        auto image = cairo::Surface::read_png(out.string());
        int red = 0;
        for (int y = static_cast<int>(r.inset->y0); y < static_cast<int>(r.inset->y1); ++y)
            for (int x = static_cast<int>(r.inset->x0); x < static_cast<int>(r.inset->x1); ++x) {
                const auto p = image.pixel(x, y);
                red += p.r > 0.7 && p.g < 0.35 && p.b < 0.35 ? 1 : 0;
            }
        CHECK(red > 60);  // the outline of the frame, about 110 px around
        CHECK(r.inset->x1 - r.inset->x0 >= 100);
    }
    SECTION("the style can leave it out") {
        const auto no_inset = style(dots);
        const auto parsed = parse_style(R"({"inset": false, "layers": [{"id": "dots", "type": "circle",
            "source": "incidents", "paint": {"circle-color": "#D55E00", "circle-radius": 8}}]})",
                                        "no-inset.json", "", {});
        CHECK_FALSE(parsed.inset);
        CHECK(no_inset.inset);
        CHECK_FALSE(render_static_map(parsed, ouagadougou, no_polygons, o).inset);
        CHECK_THROWS_WITH(parse_style(R"({"inset": "no", "layers": []})", "bad.json", "", {}),
                          "bad.json: 'inset' must be true or false, got \"no\"");
    }
    SECTION("a map of the whole region has none") {
        o.country.clear();
        o.bbox = LonLatBox{-18, 4, 16, 24};
        CHECK_FALSE(render_static_map(style(dots), ouagadougou, no_polygons, o).inset);
    }
    fs::remove(out);
}

TEST_CASE("The inset takes the first corner that covers no incident and no furniture", "[render][map][inset]") {
    const LonLatBox burkina{-5.5, 9.4, 2.4, 15.1};
    const std::vector<Box> arrow{{750, 4, 800, 52}};
    SECTION("top left when it is free") {
        const auto plan = place_inset(800, 600, burkina, std::vector<Pixel>{{400, 300}}, arrow);
        REQUIRE(plan);
        CHECK(plan->box.x0 < 20);
        CHECK(plan->box.y0 < 20);
        CHECK(plan->region.min_lon < burkina.min_lon - 10);
        CHECK(plan->region.max_lat > burkina.max_lat + 5);
    }
    SECTION("else the bottom right, away from an incident in the top left") {
        const auto plan = place_inset(800, 600, burkina, std::vector<Pixel>{{60, 60}}, arrow);
        REQUIRE(plan);
        CHECK(plan->box.x1 > 780);
        CHECK(plan->box.y1 > 580);
    }
    SECTION("none when an incident lies in every corner") {
        const std::vector<Pixel> corners{{30, 30}, {770, 30}, {30, 570}, {770, 570}};
        CHECK_FALSE(place_inset(800, 600, burkina, corners, arrow));
    }
}
