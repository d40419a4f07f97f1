// Whole tile runs: folders and MBTiles files, the TileJSON beside them, and
// --update redrawing only what changed.
#include "adapters/sqlite.hpp"
#include "render/extent.hpp"
#include "render/mbtiles.hpp"
#include "render/tile_job.hpp"
#include "render/tile_manifest.hpp"
#include "render_fixtures.hpp"

#include "support/scratch_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace incimap;
using namespace incimap::render;
using namespace incimap::render::testing;
namespace fs = std::filesystem;
using incimap::test::ScratchDir;

namespace {

const std::map<std::string, PolygonFeatures> no_polygons;

const std::string sized_dots = R"([{"id": "dots", "type": "circle", "source": "incidents",
    "paint": {"circle-color": "#D55E00",
              "circle-radius": ["interpolate", ["linear"], ["get", "fatalities"], 0, 4, 100, 20]}}])";

TileJob job_for(const fs::path& out, int min_zoom, int max_zoom, bool update = false) {
    TileJob job;
    job.out = out;
    job.update = update;
    job.source = "test incidents";
    job.options.min_zoom = min_zoom;
    job.options.max_zoom = max_zoom;
    job.options.bbox = {-13, 9, 5, 21};
    job.options.threads = 2;
    return job;
}

// Inode of every tile file: a tile written again gets a new one (tiles are
// written to a temporary name and renamed).
std::map<std::string, ino_t> tile_inodes(const fs::path& folder) {
    std::map<std::string, ino_t> out;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.path().extension() != ".png")
            continue;
        struct stat st {};
        ::stat(entry.path().c_str(), &st);
        out[fs::relative(entry.path(), folder).string()] = st.st_ino;
    }
    return out;
}

std::string tile_name(TileId t) { return fmt::format("{}/{}/{}.png", t.z, t.x, t.y); }

} // namespace

TEST_CASE("A folder of tiles comes with its TileJSON document and manifest", "[render][tilejob]") {
    ScratchDir dir;
    const auto out = dir.path() / "tiles";
    const auto s = style(sized_dots);
    const auto data = incidents({{-8.0029, 12.6392}, {2.1098, 13.5137}});
    TileProgress quiet(true);
    const auto result = run_tile_job(s, data, no_polygons, job_for(out, 3, 5), quiet);
    CHECK(result.stats.written() == 6);
    CHECK(fs::exists(out / tile_name(tile_at(-8.0029, 12.6392, 5))));
    CHECK(fs::exists(out / ".incimap-tiles"));
    std::ifstream in(out / "tiles.json");
    const auto tj = nlohmann::json::parse(in);
    CHECK(tj["tilejson"] == "3.0.0");
    CHECK(tj["tiles"][0] == "{z}/{x}/{y}.png");
    CHECK(tj["minzoom"] == 3);
    CHECK(tj["maxzoom"] == 5);
    CHECK(tj["bounds"][0] == -13);
    CHECK_THAT(tj["description"].get<std::string>(), Catch::Contains("Empty tiles are not written"));
    CHECK_THAT(tj["attribution"].get<std::string>(), Catch::Contains("Natural Earth"));
}

TEST_CASE("TileJSON tile URLs are absolute when the URL they are published under is known",
          "[render][tilejob]") {
    ScratchDir dir;
    const auto s = style(sized_dots);
    const auto data = incidents({{-8.0029, 12.6392}});
    TileProgress quiet(true);
    SECTION("a folder") {
        auto job = job_for(dir.path() / "tiles", 3, 3);
        job.url_base = url_base("https://example.org/maps/tiles");
        run_tile_job(s, data, no_polygons, job, quiet);
        std::ifstream in(dir.path() / "tiles" / "tiles.json");
        CHECK(nlohmann::json::parse(in)["tiles"][0] == "https://example.org/maps/tiles/{z}/{x}/{y}.png");
    }
    SECTION("an MBTiles file, whose tiles 'incimap serve' gives below its name") {
        auto job = job_for(dir.path() / "incidents.mbtiles", 3, 3);
        job.url_base = url_base("http://127.0.0.1:8080/");
        run_tile_job(s, data, no_polygons, job, quiet);
        std::ifstream in(dir.path() / "incidents.mbtiles.json");
        CHECK(nlohmann::json::parse(in)["tiles"][0] ==
              "http://127.0.0.1:8080/incidents.mbtiles/{z}/{x}/{y}.png");
    }
    SECTION("only http and https URLs with a host are bases") {
        CHECK(url_base("https://example.org") == "https://example.org/");
        CHECK_THROWS_AS(url_base("example.org/maps"), UsageError);
        CHECK_THROWS_AS(url_base("ftp://example.org/"), UsageError);
        CHECK_THROWS_AS(url_base("https:///maps"), UsageError);
        CHECK_THROWS_WITH(url_base("https://example.org/?a=1"), Catch::Contains("'https://example.org/?a=1'"));
    }
}

TEST_CASE("A folder of someone's files is not replaced by tiles", "[render][tilejob]") {
    ScratchDir dir;
    std::ofstream(dir.path() / "thesis.txt") << "years of work";
    const auto s = style(sized_dots);
    TileProgress quiet(true);
    CHECK_THROWS_AS(run_tile_job(s, incidents({{-8, 12.6}}), no_polygons, job_for(dir.path(), 3, 3), quiet),
                    UsageError);
    CHECK(fs::exists(dir.path() / "thesis.txt"));
}

TEST_CASE("Updating tiles redraws only the tiles around what changed", "[render][tilejob]") {
    ScratchDir dir;
    const auto out = dir.path() / "tiles";
    const auto s = style(sized_dots);
    TileProgress quiet(true);
    // At zooms 6 to 8 each place has tiles of its own, away from tile edges.
    const Place bamako{-8.0029, 12.6392, "Battles", 1};
    const Place niamey{2.1098, 13.5137, "Battles", 1};
    const Place gao{-3.0074, 16.7735, "Battles", 3};  // Timbuktu
    run_tile_job(s, incidents({bamako, niamey, gao}), no_polygons, job_for(out, 6, 8), quiet);
    const auto before = tile_inodes(out);
    REQUIRE(before.size() == 9);

    SECTION("nothing changed: nothing is redrawn") {
        const auto r = run_tile_job(s, incidents({bamako, niamey, gao}), no_polygons,
                                    job_for(out, 6, 8, true), quiet);
        CHECK(r.incremental);
        CHECK(r.stats.written() == 0);
        CHECK(tile_inodes(out) == before);
    }
    SECTION("one incident restyled: only its tiles are redrawn") {
        Place worse = niamey;
        worse.fatalities = 80;
        const auto r = run_tile_job(s, incidents({bamako, worse, gao}), no_polygons,
                                    job_for(out, 6, 8, true), quiet);
        CHECK(r.incremental);
        CHECK(r.stats.written() == 3);
        const auto after = tile_inodes(out);
        for (int z = 6; z <= 8; ++z) {
            CHECK(after.at(tile_name(tile_at(niamey.lon, niamey.lat, z))) !=
                  before.at(tile_name(tile_at(niamey.lon, niamey.lat, z))));
            CHECK(after.at(tile_name(tile_at(bamako.lon, bamako.lat, z))) ==
                  before.at(tile_name(tile_at(bamako.lon, bamako.lat, z))));
        }
    }
    SECTION("an incident removed: its tiles are deleted, the others untouched") {
        const auto r = run_tile_job(s, incidents({bamako, niamey}), no_polygons,
                                    job_for(out, 6, 8, true), quiet);
        CHECK(r.incremental);
        const auto after = tile_inodes(out);
        CHECK(after.size() == 6);
        for (int z = 6; z <= 8; ++z)
            CHECK_FALSE(fs::exists(out / tile_name(tile_at(gao.lon, gao.lat, z))));
        for (const auto& [name, inode] : after)
            CHECK(before.at(name) == inode);
    }
    SECTION("an incident beyond the earlier extent: its tiles are drawn, the others untouched") {
        const Place agadez{7.9911, 16.9733, "Battles", 1};
        auto grown = job_for(out, 6, 8, true);
        grown.options.bbox = {-13, 9, 9, 21};  // the extent of the data grew east
        const auto r = run_tile_job(s, incidents({bamako, niamey, gao, agadez}), no_polygons, grown, quiet);
        CHECK(r.incremental);
        CHECK(r.stats.written() == 3);
        const auto after = tile_inodes(out);
        CHECK(after.size() == 12);
        for (const auto& [name, inode] : before)
            CHECK(after.at(name) == inode);
    }
    SECTION("a zoom added: that zoom is drawn in full, the others untouched") {
        const auto r = run_tile_job(s, incidents({bamako, niamey, gao}), no_polygons,
                                    job_for(out, 6, 9, true), quiet);
        CHECK(r.incremental);
        const auto after = tile_inodes(out);
        CHECK(r.stats.written() == after.size() - before.size());
        for (const auto& [name, inode] : after) {
            if (name.starts_with("9/"))
                CHECK_FALSE(before.contains(name));
            else
                CHECK(before.at(name) == inode);
        }
        for (const auto& place : {bamako, niamey, gao})
            CHECK(after.contains(tile_name(tile_at(place.lon, place.lat, 9))));
    }
    SECTION("the extent shrank: everything is redrawn, so no tile is left stale") {
        auto shrunk = job_for(out, 6, 8, true);
        shrunk.options.bbox = {-13, 9, 0, 21};
        const auto r = run_tile_job(s, incidents({bamako, gao}), no_polygons, shrunk, quiet);
        CHECK_FALSE(r.incremental);
        CHECK_THAT(r.why_full, Catch::Contains("extent"));
        CHECK(tile_inodes(out).size() == 6);
    }
    SECTION("the style changed: everything is redrawn") {
        const auto blue = style(R"([{"id": "dots", "type": "circle", "source": "incidents",
            "paint": {"circle-color": "#0072B2"}}])");
        const auto r = run_tile_job(blue, incidents({bamako, niamey, gao}), no_polygons,
                                    job_for(out, 6, 8, true), quiet);
        CHECK_FALSE(r.incremental);
        CHECK_THAT(r.why_full, Catch::Contains("style"));
        CHECK(r.stats.written() == 9);
        const auto after = tile_inodes(out);
        for (const auto& [name, inode] : after)
            CHECK(before.at(name) != inode);
    }
}

TEST_CASE("Updating tiles keeps clusters right when a member moves", "[render][tilejob]") {
    ScratchDir dir;
    const auto out = dir.path() / "tiles";
    const auto s = style(R"([{"id": "c", "type": "cluster", "source": "incidents",
        "layout": {"cluster-radius": 60}, "paint": {"circle-radius": 10}}])");
    TileProgress quiet(true);
    std::vector<Place> places{{-8.00, 12.64}, {-8.05, 12.60}, {2.1098, 13.5137}};
    run_tile_job(s, incidents(places), no_polygons, job_for(out, 4, 4), quiet);
    places[1] = {-4.0, 12.6};  // leaves the Bamako cluster for Ségou's tile
    const auto r = run_tile_job(s, incidents(places), no_polygons, job_for(out, 4, 4, true), quiet);
    CHECK(r.incremental);
    // Re-render from scratch and compare every tile byte for byte.
    const auto fresh = dir.path() / "fresh";
    run_tile_job(s, incidents(places), no_polygons, job_for(fresh, 4, 4), quiet);
    const auto a = tile_inodes(out), b = tile_inodes(fresh);
    REQUIRE(a.size() == b.size());
    for (const auto& [name, inode] : b) {
        std::ifstream x(out / name, std::ios::binary), y(fresh / name, std::ios::binary);
        const std::string bx((std::istreambuf_iterator<char>(x)), {}), by((std::istreambuf_iterator<char>(y)), {});
        CHECK(bx == by);
    }
}

TEST_CASE("MBTiles: tiles stored with TMS rows and read back", "[render][tilejob][mbtiles]") {
    ScratchDir dir;
    const auto out = dir.path() / "incidents.mbtiles";
    const auto s = style(sized_dots);
    TileProgress quiet(true);
    run_tile_job(s, incidents({{-8.0029, 12.6392}}), no_polygons, job_for(out, 7, 8), quiet);
    CHECK(fs::exists(out));
    CHECK(fs::exists(fs::path(out).concat(".json")));
    const auto png = read_mbtiles_tile(out, {8, 122, 118});
    REQUIRE(png);
    auto image = cairo::Surface::decode_png(*png, "tile 8/122/118");
    const auto [x, y] = pixel_in_tile(-8.0029, 12.6392, {8, 122, 118});
    CHECK(image.pixel(x, y).a == Approx(1).margin(0.01));
    CHECK_FALSE(read_mbtiles_tile(out, {8, 122, 119}));

    SECTION("and updated in place") {
        const auto r = run_tile_job(s, incidents({{2.1098, 13.5137}}), no_polygons,
                                    job_for(out, 7, 8, true), quiet);
        CHECK(r.incremental);
        CHECK_FALSE(read_mbtiles_tile(out, {8, 122, 118}));
        CHECK(read_mbtiles_tile(out, tile_at(2.1098, 13.5137, 8)));
    }
}

TEST_CASE("The attribution is incimap's own credit line, never report text", "[render][tilejob]") {
    ScratchDir dir;
    const auto s = style(sized_dots);
    const std::string planted = "\"><img src=x onerror=alert(1)>";
    // Rows as the store gives them: a report read from a file (its title as
    // source), one read from a URL, an ACLED row, and a URL whose host is
    // not a name.
    auto data = incidents({{-8.0029, 12.6392}, {2.1098, 13.5137}, {-4.0, 14.0}, {-5.0, 15.0}});
    auto& table = data.attributes;
    const int source = table.add_column("source", AttributeTable::Kind::text);
    const int doc_id = table.add_column("doc_id", AttributeTable::Kind::text);
    const int acled_id = table.add_column("event_id_cnty", AttributeTable::Kind::text);
    table.set_text(source, 0, planted);
    table.set_text(doc_id, 0, "report.txt");
    table.set_text(source, 1, planted + " & more");
    table.set_text(doc_id, 1, "https://www.Example.org/news/1?x=<b>");
    table.set_text(source, 2, planted);
    table.set_text(acled_id, 2, "MLI1234");
    table.set_text(source, 3, "http://x" + planted + "/");
    table.set_text(doc_id, 3, "http://localhost/" + planted);

    SECTION("as text, naming ACLED for its rows and never an outlet or a title") {
        CHECK(attribution(data) == "Incidents: Armed Conflict Location & Event Data (ACLED); "
                                   "acleddata.com. Made with Natural Earth.");
    }
    SECTION("without ACLED's rows, no ACLED") {
        auto reports = incidents({{-8.0029, 12.6392}});
        reports.attributes.add_column("event_id_cnty", AttributeTable::Kind::text);
        const int geonameid = reports.attributes.add_column("geonameid", AttributeTable::Kind::number);
        CHECK(attribution(reports) == "Made with Natural Earth.");
        SECTION("and GeoNames once the gazetteer placed one") {
            reports.attributes.set_number(geonameid, 0, 2460596);
            CHECK(attribution(reports) == "Places: GeoNames (CC BY 4.0). Made with Natural Earth.");
        }
    }
    SECTION("in the TileJSON and the MBTiles metadata, escaped for HTML") {
        const auto out = dir.path() / "incidents.mbtiles";
        TileProgress quiet(true);
        run_tile_job(s, data, no_polygons, job_for(out, 3, 3), quiet);
        std::ifstream in(fs::path(out).concat(".json"));
        const std::string tilejson((std::istreambuf_iterator<char>(in)), {});
        const auto tj = nlohmann::json::parse(tilejson);
        const auto credit = tj["attribution"].get<std::string>();
        CHECK(credit.find('<') == std::string::npos);
        CHECK(credit.find("img") == std::string::npos);
        CHECK_THAT(credit, Catch::StartsWith("Incidents: Armed Conflict Location &amp; Event Data (ACLED)"));
        CHECK(tilejson.find('<') == std::string::npos);

        sqlite::Database db(out.string(), sqlite::Database::Mode::read);
        sqlite::Statement metadata(db, "SELECT name, value FROM metadata");
        int rows = 0;
        while (metadata.step()) {
            ++rows;
            INFO(metadata.column_text(0));
            CHECK(metadata.column_text(1).find('<') == std::string::npos);
            if (metadata.column_text(0) == "attribution")
                CHECK(metadata.column_text(1) == credit);
        }
        CHECK(rows > 0);
    }
    SECTION("escape_html writes the five references, unescape_html reads them back") {
        CHECK(escape_html(planted + "&'") == "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;&#39;");
        CHECK(unescape_html(escape_html(planted + "&'")) == planted + "&'");
        CHECK(unescape_html("&amp;lt; &nbsp;") == "&lt; &nbsp;");
    }
}
