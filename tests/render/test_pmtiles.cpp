// PMTiles v3: the pieces of the format checked against the values the
// specification and its reference implementation give, and whole archives
// written, read back and updated.
#include "adapters/zlib.hpp"
#include "core/error.hpp"
#include "core/output_guard.hpp"
#include "render/pmtiles.hpp"
#include "render/tile_job.hpp"
#include "render_fixtures.hpp"

#include "support/scratch_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>

using namespace incimap;
using namespace incimap::render;
using namespace incimap::render::testing;
namespace fs = std::filesystem;
using incimap::test::ScratchDir;

namespace {

const std::map<std::string, PolygonFeatures> no_polygons;

std::string bytes_of(std::initializer_list<int> values) {
    std::string out;
    for (const int v : values)
        out += static_cast<char>(v);
    return out;
}

std::string varint(std::uint64_t v) {
    std::string out;
    pmtiles::put_varint(out, v);
    return out;
}

std::string file_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

TEST_CASE("PMTiles tile IDs follow a Hilbert curve per zoom, zoom 0 first", "[render][pmtiles]") {
    SECTION("the values of the specification's reference implementation") {
        CHECK(pmtiles::tile_id({0, 0, 0}) == 0);
        CHECK(pmtiles::tile_id({1, 0, 0}) == 1);
        CHECK(pmtiles::tile_id({1, 0, 1}) == 2);
        CHECK(pmtiles::tile_id({1, 1, 1}) == 3);
        CHECK(pmtiles::tile_id({1, 1, 0}) == 4);
        CHECK(pmtiles::tile_id({2, 0, 0}) == 5);
        CHECK(pmtiles::tile_id({12, 3423, 1763}) == 19078479);
        CHECK(pmtiles::tile_id({22, 2000000, 3000000}) == 13618896924671ull);
    }
    SECTION("and back, for every tile of zoom 4 and some deeper ones") {
        std::set<std::uint64_t> ids;
        for (int x = 0; x < 16; ++x)
            for (int y = 0; y < 16; ++y) {
                const auto id = pmtiles::tile_id({4, x, y});
                ids.insert(id);
                CHECK(pmtiles::tile_of(id) == TileId{4, x, y});
            }
        CHECK(ids.size() == 256);
        CHECK(*ids.begin() == 85);  // 1 + 4 + 16 + 64 tiles above
        CHECK(*ids.rbegin() == 85 + 255);
        CHECK(pmtiles::tile_of(19078479) == TileId{12, 3423, 1763});
        CHECK(pmtiles::tile_of(13618896924671ull) == TileId{22, 2000000, 3000000});
    }
}

TEST_CASE("PMTiles varints are unsigned LEB128", "[render][pmtiles]") {
    CHECK(varint(0) == bytes_of({0x00}));
    CHECK(varint(1) == bytes_of({0x01}));
    CHECK(varint(127) == bytes_of({0x7f}));
    CHECK(varint(128) == bytes_of({0x80, 0x01}));
    CHECK(varint(300) == bytes_of({0xac, 0x02}));
    CHECK(varint(UINT64_MAX).size() == 10);
    for (const std::uint64_t v : {0ull, 300ull, 1ull << 35, 18446744073709551615ull}) {
        auto text = varint(v) + "rest";
        std::string_view in = text;
        CHECK(pmtiles::take_varint(in, "test") == v);
        CHECK(in == "rest");
    }
    std::string_view cut = "\x80\x80";
    CHECK_THROWS_WITH(pmtiles::take_varint(cut, "a.pmtiles: root directory"),
                      Catch::Contains("a.pmtiles: root directory: cut short inside a varint"));
    const auto eleven = std::string(10, '\xff') + '\x01';
    std::string_view long_one = eleven;
    CHECK_THROWS_AS(pmtiles::take_varint(long_one, "x"), InputError);
}

TEST_CASE("PMTiles directories are written column by column", "[render][pmtiles]") {
    // Tiles 0 and 1 one after the other in the data; tiles 4, 5, 6 the
    // same 50 bytes; tile 9 points back to tile 0's bytes.
    const std::vector<pmtiles::Entry> entries = {
        {0, 0, 100, 1}, {1, 100, 200, 1}, {4, 300, 50, 3}, {9, 0, 100, 1}};
    const auto bytes = pmtiles::encode_directory(entries);
    CHECK(bytes == bytes_of({4,                          // entries
                             0, 1, 3, 5,                 // tile ID deltas
                             1, 1, 3, 1,                 // run lengths
                             100, 0xc8, 0x01, 50, 100,   // lengths (200 takes two bytes)
                             1, 0, 0, 1}));              // offsets + 1, 0: right after the last
    CHECK(pmtiles::decode_directory(bytes, "test") == entries);
    SECTION("damaged ones are refused, saying where") {
        CHECK_THROWS_WITH(pmtiles::decode_directory(bytes + "x", "a.pmtiles: leaf directory at byte 90"),
                          Catch::Contains("a.pmtiles: leaf directory at byte 90: 1 bytes after the last entry"));
        CHECK_THROWS_AS(pmtiles::decode_directory(bytes.substr(0, 10), "x"), InputError);
        CHECK_THROWS_WITH(pmtiles::decode_directory(bytes_of({2, 0, 0, 1, 1, 1, 1, 1, 0}), "x"),
                          Catch::Contains("tile ID 0 repeated"));
        CHECK_THROWS_WITH(pmtiles::decode_directory(bytes_of({100, 0, 1, 2}), "x"),
                          Catch::Contains("100 entries in 3 bytes"));
    }
}

TEST_CASE("PMTiles directories fit the root in the first 16 KiB", "[render][pmtiles]") {
    SECTION("a few entries: the root alone") {
        const std::vector<pmtiles::Entry> entries = {{0, 0, 10, 1}, {5, 10, 10, 2}};
        const auto d = pmtiles::build_directories(entries);
        CHECK(d.leaves.empty());
        CHECK(pmtiles::decode_directory(zlib::gunzip(d.root, "root"), "root") == entries);
    }
    SECTION("many entries of scattered tiles: leaves of 4,096 entries or more") {
        std::vector<pmtiles::Entry> entries;
        std::uint64_t offset = 0;
        for (std::uint64_t i = 0; i < 100'000; ++i) {
            const auto length = static_cast<std::uint32_t>(100 + (i * 7919) % 900);
            entries.push_back({i * 3 + (i * 2654435761u) % 3, offset, length, 1});
            offset += length;
        }
        const auto d = pmtiles::build_directories(entries);
        CHECK(d.root.size() <= pmtiles::root_limit);
        CHECK(d.leaf_count >= 2);
        CHECK(d.leaf_count <= 100'000 / 4096 + 1);
        const auto root = pmtiles::decode_directory(zlib::gunzip(d.root, "root"), "root");
        std::vector<pmtiles::Entry> back;
        for (const auto& leaf : root) {
            CHECK(leaf.run_length == 0);
            const auto bytes = std::string_view(d.leaves).substr(leaf.offset, leaf.length);
            const auto part = pmtiles::decode_directory(zlib::gunzip(bytes, "leaf"), "leaf");
            CHECK(part.front().tile_id == leaf.tile_id);
            back.insert(back.end(), part.begin(), part.end());
        }
        CHECK(back == entries);
    }
}

TEST_CASE("PMTiles headers are 127 bytes with the positions in 1e-7 degrees", "[render][pmtiles]") {
    pmtiles::Header h;
    h.root_length = 300;
    h.metadata_offset = 427;
    h.data_length = 123456789012ull;
    h.tile_contents = 7;
    h.clustered = true;
    h.min_zoom = 3;
    h.max_zoom = 14;
    h.bounds = {-12.25, 9.5, 4.3, 25.0};
    h.center_zoom = 5;
    h.center_lon = -3.975;
    h.center_lat = 17.25;
    const auto bytes = pmtiles::encode_header(h);
    REQUIRE(bytes.size() == 127);
    CHECK(bytes.substr(0, 8) == std::string("PMTiles\x03", 8));
    CHECK(bytes.substr(8, 8) == bytes_of({127, 0, 0, 0, 0, 0, 0, 0}));  // root offset
    CHECK(bytes.substr(96, 6) == bytes_of({1, 2, 1, 2, 3, 14}));  // clustered, gzip, none, png, zooms
    // -12.25° = -122500000 = 0xf8b2cc60, little-endian
    CHECK(bytes.substr(102, 4) == bytes_of({0x60, 0xcc, 0xb2, 0xf8}));
    const auto back = pmtiles::decode_header(bytes, "test");
    CHECK(back.data_length == 123456789012ull);
    CHECK(back.tile_contents == 7);
    CHECK(back.bounds == h.bounds);
    CHECK(back.center_lon == Approx(-3.975).margin(1e-7));
    CHECK(back.max_zoom == 14);
    CHECK_THROWS_WITH(pmtiles::decode_header("SQLite format 3", "x.pmtiles"),
                      Catch::Contains("x.pmtiles: not a PMTiles archive"));
    auto v2 = bytes;
    v2[7] = 2;
    CHECK_THROWS_WITH(pmtiles::decode_header(v2, "x.pmtiles"), Catch::Contains("PMTiles version 2"));
}

TEST_CASE("A PMTiles archive stores identical tiles once and runs of them as one entry",
          "[render][pmtiles]") {
    ScratchDir dir;
    const auto out = dir.path() / "a.pmtiles";
    const std::string sea = "sea tile bytes", land = "land", town = "town";
    {
        auto sink = PmtilesSink::create(out);
        // Out of order, as workers finish them.
        sink.put({2, 3, 3}, town);
        for (int x = 0; x < 4; ++x)
            for (int y = 0; y < 2; ++y)
                sink.put({2, x, y}, sea);
        sink.put({0, 0, 0}, land);
        sink.put({2, 0, 3}, land);
        TileSetInfo info;
        info.name = "incimap test";
        info.attribution = "Made with Natural Earth.";
        info.min_zoom = 0;
        info.max_zoom = 2;
        info.bounds = {-10, 5, 10, 20};
        sink.set_metadata(info);
        const auto h = sink.finish();
        CHECK(h.addressed_tiles == 11);
        CHECK(h.tile_contents == 3);
        CHECK(h.data_length == sea.size() + land.size() + town.size());
        CHECK(h.tile_entries < 11);
    }
    const PmtilesArchive archive(out);
    CHECK(archive.tile({2, 1, 1}) == sea);
    CHECK(archive.tile({2, 3, 3}) == town);
    CHECK(archive.tile({0, 0, 0}) == land);
    CHECK(archive.tile({2, 0, 3}) == land);
    CHECK_FALSE(archive.tile({2, 2, 3}));
    CHECK_FALSE(archive.tile({1, 0, 0}));
    CHECK_FALSE(archive.tile({5, 0, 0}));
    // The data in tile ID order: zoom 0's land first.
    CHECK(archive.entries().front().offset == 0);
    CHECK(archive.entries().front().length == land.size());
    // No temporary file is left beside it.
    CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);

    SECTION("updated: tiles replaced and removed, the others kept") {
        auto sink = PmtilesSink::update(out);
        sink.put({2, 1, 1}, town);
        sink.remove({2, 3, 3});
        const auto h = sink.finish();
        CHECK(h.addressed_tiles == 10);
        const PmtilesArchive again(out);
        CHECK(again.tile({2, 1, 1}) == town);
        CHECK(again.tile({2, 0, 0}) == sea);
        CHECK_FALSE(again.tile({2, 3, 3}));
    }
    SECTION("a sink dropped before finish() leaves the archive as it was") {
        const auto before = file_text(out);
        {
            auto sink = PmtilesSink::update(out);
            sink.put({2, 1, 1}, town);
        }
        CHECK(file_text(out) == before);
        CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
    }
}

TEST_CASE("PMTiles archives from elsewhere are refused with the file named", "[render][pmtiles]") {
    ScratchDir dir;
    const auto path = dir.path() / "bad.pmtiles";
    SECTION("not an archive") {
        std::ofstream(path) << "<html>not found</html>";
        CHECK_THROWS_WITH(PmtilesArchive(path), Catch::Contains("bad.pmtiles: not a PMTiles archive"));
        CHECK_FALSE(is_incimap_pmtiles(path));
    }
    SECTION("cut short") {
        {
            auto sink = PmtilesSink::create(path);
            sink.put({0, 0, 0}, "tile");
            sink.finish();
        }
        const auto whole = file_text(path);
        std::ofstream(path, std::ios::binary | std::ios::trunc) << whole.substr(0, 140);
        CHECK_THROWS_WITH(PmtilesArchive(path), Catch::Contains("lies beyond the end of the file"));
    }
}

TEST_CASE("PMTiles leaf directories are followed, and a leaf listed twice is refused", "[render][pmtiles]") {
    // Built by hand: a root of two leaf pointers, tile data "tile".
    const auto leaf = zlib::gzip(pmtiles::encode_directory(std::vector<pmtiles::Entry>{{5, 0, 4, 1}}));
    const auto archive_with = [&](const std::vector<pmtiles::Entry>& root_entries) {
        const auto root = zlib::gzip(pmtiles::encode_directory(root_entries));
        pmtiles::Header h;
        h.root_length = root.size();
        h.metadata_offset = h.root_offset + root.size();
        h.leaves_offset = h.metadata_offset;
        h.leaves_length = leaf.size();
        h.data_offset = h.leaves_offset + leaf.size();
        h.data_length = 4;
        return pmtiles::encode_header(h) + root + leaf + "tile";
    };
    SECTION("one leaf") {
        const auto bytes = archive_with({{5, 0, static_cast<std::uint32_t>(leaf.size()), 0}});
        const PmtilesArchive archive(bytes, "one-leaf.pmtiles");
        CHECK(archive.tile({2, 0, 0}) == "tile");  // tile ID 5
        CHECK_FALSE(archive.tile({2, 0, 1}));
        CHECK(archive.entries() == std::vector<pmtiles::Entry>{{5, 0, 4, 1}});
    }
    SECTION("the same leaf twice") {
        const auto length = static_cast<std::uint32_t>(leaf.size());
        const auto bytes = archive_with({{5, 0, length, 0}, {6, 0, length, 0}});
        const PmtilesArchive archive(bytes, "twice.pmtiles");
        CHECK_THROWS_WITH(archive.entries(), Catch::Contains("twice.pmtiles: tile ID 5 given twice or out of order"));
    }
    SECTION("a leaf beyond the leaf section, even if inside the file") {
        const auto length = static_cast<std::uint32_t>(leaf.size());
        const auto bytes = archive_with({{5, 2, length, 0}});
        const PmtilesArchive archive(bytes, "beyond.pmtiles");
        CHECK_THROWS_WITH(archive.tile({2, 0, 0}), Catch::Contains("beyond.pmtiles: the leaf directory"));
    }
}

TEST_CASE("incimap tiles writes a PMTiles archive with the TileJSON fields in its metadata",
          "[render][tilejob][pmtiles]") {
    ScratchDir dir;
    const auto out = dir.path() / "incidents.pmtiles";
    const auto s = style(R"([{"id": "dots", "type": "circle", "source": "incidents",
        "paint": {"circle-color": "#D55E00", "circle-radius": 6}}])");
    TileProgress quiet(true);
    TileJob job;
    job.out = out;
    job.source = "test incidents";
    job.options.min_zoom = 7;
    job.options.max_zoom = 8;
    job.options.bbox = {-13, 9, 5, 21};
    job.options.threads = 2;
    run_tile_job(s, incidents({{-8.0029, 12.6392}}), no_polygons, job, quiet);
    CHECK(fs::exists(fs::path(out).concat(".json")));
    CHECK(fs::exists(fs::path(out).concat(".incimap-tiles")));
    CHECK(is_incimap_pmtiles(out));
    const PmtilesArchive archive(out);
    CHECK(archive.header().min_zoom == 7);
    CHECK(archive.header().max_zoom == 8);
    CHECK(archive.header().tile_type == pmtiles::TileType::png);
    CHECK(archive.header().bounds.min_lon == -13);
    const auto metadata = nlohmann::json::parse(archive.metadata());
    CHECK(metadata["format"] == "png");
    CHECK_THAT(metadata["name"].get<std::string>(), Catch::StartsWith("incimap "));
    CHECK_THAT(metadata["attribution"].get<std::string>(), Catch::Contains("Natural Earth"));
    CHECK_FALSE(metadata.contains("tiles"));
    const auto png = archive.tile({8, 122, 118});
    REQUIRE(png);
    auto image = cairo::Surface::decode_png(std::string(*png), "tile 8/122/118");
    const auto [x, y] = pixel_in_tile(-8.0029, 12.6392, {8, 122, 118});
    CHECK(image.pixel(x, y).a == Approx(1).margin(0.01));
    CHECK(read_pmtiles_tile(out, {8, 122, 118}) == std::string(*png));

    SECTION("replaced by a new run, as this program wrote it") {
        const OutputGuard guard;
        job.guard = &guard;
        run_tile_job(s, incidents({{2.1098, 13.5137}}), no_polygons, job, quiet);
        CHECK_FALSE(read_pmtiles_tile(out, {8, 122, 118}));
    }
    SECTION("but a file of that name from elsewhere is not replaced") {
        const auto theirs = dir.path() / "theirs.pmtiles";
        std::ofstream(theirs) << "a colleague's notes";
        const OutputGuard guard;
        job.guard = &guard;
        job.out = theirs;
        CHECK_THROWS_AS(run_tile_job(s, incidents({{2.1098, 13.5137}}), no_polygons, job, quiet), OutputRefused);
        CHECK(file_text(theirs) == "a colleague's notes");
        CHECK_FALSE(fs::exists(fs::path(theirs).concat(".json")));
    }
    SECTION("updated where the incidents changed") {
        job.update = true;
        const auto r = run_tile_job(s, incidents({{2.1098, 13.5137}}), no_polygons, job, quiet);
        CHECK(r.incremental);
        CHECK_FALSE(read_pmtiles_tile(out, {8, 122, 118}));
        CHECK(read_pmtiles_tile(out, tile_at(2.1098, 13.5137, 8)));
    }
}
