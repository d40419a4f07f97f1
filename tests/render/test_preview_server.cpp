// The preview server: the right files with the right types, nothing outside
// the folder, tiles out of MBTiles files, and a real exchange on loopback.
#include "adapters/curl.hpp"
#include "render/mbtiles.hpp"
#include "render/preview_server.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

using namespace incimap;
using namespace incimap::render;
namespace fs = std::filesystem;

namespace {

struct Site {
    fs::path outside, root;
    Site() {
        outside = fs::temp_directory_path() / ("incimap-serve-" + std::to_string(::getpid()));
        root = outside / "site";
        fs::remove_all(outside);
        fs::create_directories(root / "tiles" / "3");
        std::ofstream(root / "index.html") << "<!doctype html><title>t</title>";
        std::ofstream(root / "incidents.geojson") << R"({"type": "FeatureCollection", "features": []})";
        std::ofstream(root / "tiles" / "3" / "4.png") << "PNG";
        std::ofstream(outside / "secret.txt") << "not for the browser";
        fs::create_symlink(outside / "secret.txt", root / "link.txt");
        root = fs::canonical(root);
    }
    ~Site() { fs::remove_all(outside); }
};

} // namespace

TEST_CASE("The preview server answers with the folder's files and their types", "[render][serve]") {
    Site site;
    SECTION("the page") {
        const auto r = respond(site.root, "GET", "/");
        CHECK(r.status == 200);
        CHECK(r.content_type == "text/html; charset=utf-8");
        CHECK(r.body == "<!doctype html><title>t</title>");
    }
    SECTION("GeoJSON, PNG, and a query string ignored") {
        CHECK(respond(site.root, "GET", "/incidents.geojson?v=2").content_type == "application/geo+json");
        CHECK(respond(site.root, "GET", "/tiles/3/4.png").content_type == "image/png");
        CHECK(content_type_for("a/leaflet.js") == "text/javascript; charset=utf-8");
        CHECK(content_type_for("a/leaflet.css") == "text/css; charset=utf-8");
    }
    SECTION("missing files and other methods") {
        CHECK(respond(site.root, "GET", "/tiles/9/9/9.png").status == 404);
        CHECK(respond(site.root, "POST", "/").status == 405);
        CHECK(respond(site.root, "GET", "index.html").status == 400);
        CHECK(respond(site.root, "GET", "/a%zzb").status == 400);
    }
}

TEST_CASE("The preview server makes a TileJSON's tile URLs absolute", "[render][serve]") {
    Site site;
    std::ofstream(site.root / "tiles" / "tiles.json")
        << R"({"tilejson": "3.0.0", "tiles": ["{z}/{x}/{y}.png"], "maxzoom": 3})";
    std::ofstream(site.root / "heat.mbtiles.json")
        << R"({"tilejson": "3.0.0", "tiles": ["heat.mbtiles/{z}/{x}/{y}.png", "https://cdn.example/{z}/{x}/{y}.png"]})";
    const std::string origin = "http://127.0.0.1:8080";
    auto tiles_of = [&](std::string_view target, std::string_view from) {
        return nlohmann::json::parse(respond(site.root, "GET", target, from).body)["tiles"];
    };
    CHECK(tiles_of("/tiles/tiles.json", origin)[0] == "http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png");
    CHECK(tiles_of("/heat.mbtiles.json?v=1", origin)[0] == "http://127.0.0.1:8080/heat.mbtiles/{z}/{x}/{y}.png");
    CHECK(tiles_of("/heat.mbtiles.json", origin)[1] == "https://cdn.example/{z}/{x}/{y}.png");
    CHECK(tiles_of("/tiles/tiles.json", "")[0] == "{z}/{x}/{y}.png");
    CHECK(nlohmann::json::parse(respond(site.root, "GET", "/tiles/tiles.json", origin).body)["maxzoom"] == 3);
}

TEST_CASE("The preview server never serves what is outside its folder", "[render][serve]") {
    Site site;
    CHECK(respond(site.root, "GET", "/../secret.txt").status == 403);
    CHECK(respond(site.root, "GET", "/tiles/../../secret.txt").status == 403);
    CHECK(respond(site.root, "GET", "/%2e%2e/secret.txt").status == 403);
    CHECK(respond(site.root, "GET", "/..%2fsecret.txt").status == 403);
    CHECK(respond(site.root, "GET", "/link.txt").status == 403);  // a symbolic link out
    CHECK(respond(site.root, "GET", "/x%00.html").status == 400);
}

TEST_CASE("Tiles inside an MBTiles file are served by their XYZ address", "[render][serve]") {
    Site site;
    auto sink = MbtilesSink::create(site.root / "heat.mbtiles");
    sink.put({8, 122, 118}, "\x89PNG tile bytes");
    sink.finish();
    const auto r = respond(site.root, "GET", "/heat.mbtiles/8/122/118.png");
    CHECK(r.status == 200);
    CHECK(r.content_type == "image/png");
    CHECK(r.body == "\x89PNG tile bytes");
    CHECK(respond(site.root, "GET", "/heat.mbtiles/8/122/119.png").status == 404);
    CHECK(respond(site.root, "GET", "/heat.mbtiles/8/x/119.png").status == 404);
}

TEST_CASE("The preview server talks HTTP on 127.0.0.1", "[render][serve]") {
    Site site;
    PreviewServer server(site.root, 0);
    REQUIRE(server.port() > 0);
    std::vector<std::string> log;
    std::mutex log_mutex;
    std::thread running([&] {
        server.run([&](const std::string& line) {
            std::lock_guard lock(log_mutex);
            log.push_back(line);
        });
    });
    curl::Session session;
    curl::Request request;
    request.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/incidents.geojson";
    std::string body;
    curl::TransferCallbacks callbacks;
    callbacks.on_body = [&](std::string_view chunk) {
        body += chunk;
        return true;
    };
    const auto result = session.perform(request, callbacks);
    request.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/nothing-here";
    const auto missing = session.perform(request, {});
    server.stop();
    running.join();
    CHECK(result.outcome == curl::Outcome::ok);
    CHECK(result.status == 200);
    CHECK(result.content_type == "application/geo+json");
    CHECK(body == R"({"type": "FeatureCollection", "features": []})");
    CHECK(missing.status == 404);
    std::lock_guard lock(log_mutex);
    CHECK_FALSE(log.empty());
}
