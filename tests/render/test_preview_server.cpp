// The preview server: the right files with the right types, nothing outside
// the folder, tiles out of MBTiles files and PMTiles archives, byte ranges,
// and a real exchange on loopback.
#include "adapters/curl.hpp"
#include "render/mbtiles.hpp"
#include "render/pmtiles.hpp"
#include "render/preview_server.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

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

// A server on a free port, run in a thread of its own, keeping its log.
struct RunningServer {
    explicit RunningServer(const fs::path& root) : server(root, 0) {
        REQUIRE(server.port() > 0);
        thread = std::thread([this] {
            server.run([this](const std::string& line) {
                std::lock_guard lock(mutex);
                log.push_back(line);
            });
        });
    }
    ~RunningServer() { stop(); }
    // Stops the server once its answers are done; returns its log.
    std::vector<std::string> stop() {
        server.stop();
        if (thread.joinable())
            thread.join();
        std::lock_guard lock(mutex);
        return log;
    }
    PreviewServer server;
    std::thread thread;
    std::mutex mutex;
    std::vector<std::string> log;
};

// Sends RAW to the server on PORT and returns all it answers, waiting at
// most 3 s for each piece.
std::string exchange(int port, std::string_view raw) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    timeval timeout{3, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    ::send(fd, raw.data(), raw.size(), MSG_NOSIGNAL);
    std::string answer;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
        answer.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    return answer;
}

// The value of header field NAME in R, empty when it has none.
std::string field(const HttpResponse& r, std::string_view name) {
    for (const auto& [n, v] : r.headers)
        if (n == name)
            return v;
    return {};
}

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

TEST_CASE("Tiles inside an MBTiles file or a PMTiles archive are served by their XYZ address",
          "[render][serve]") {
    Site site;
    {
        auto sink = MbtilesSink::create(site.root / "heat.mbtiles");
        sink.put({8, 122, 118}, "\x89PNG tile bytes");
        sink.finish();
    }
    {
        auto sink = PmtilesSink::create(site.root / "heat.pmtiles");
        sink.put({8, 122, 118}, "\x89PNG tile bytes");
        sink.finish();
    }
    for (const std::string archive : {"/heat.mbtiles", "/heat.pmtiles"}) {
        INFO(archive);
        const auto r = respond(site.root, "GET", archive + "/8/122/118.png");
        CHECK(r.status == 200);
        CHECK(r.content_type == "image/png");
        CHECK(r.body == "\x89PNG tile bytes");
        CHECK(respond(site.root, "GET", archive + "/8/122/119.png").status == 404);
        CHECK(respond(site.root, "GET", archive + "/8/x/119.png").status == 404);
        CHECK(respond(site.root, "GET", archive + "/8/256/1.png").status == 404);
        CHECK(respond(site.root, "GET", archive + "/40/0/0.png").status == 404);
    }
}

TEST_CASE("The preview server serves byte ranges of files, as static hosts do", "[render][serve]") {
    Site site;
    std::ofstream(site.root / "archive.bin") << "0123456789";
    const auto get = [&](std::string_view range, std::string_view if_range = {}) {
        return respond(site.root, "GET", "/archive.bin", "", {range, if_range});
    };
    SECTION("whole, saying ranges may be asked for") {
        const auto r = get("");
        CHECK(r.status == 200);
        CHECK(r.body == "0123456789");
        CHECK(field(r, "Accept-Ranges") == "bytes");
        CHECK(field(r, "ETag").starts_with("\"a-"));  // the size first, in hex
        CHECK(field(r, "Last-Modified").ends_with(" GMT"));
        CHECK(field(r, "Content-Range").empty());
    }
    SECTION("one range: 206 with Content-Range") {
        const auto r = get("bytes=2-5");
        CHECK(r.status == 206);
        CHECK(r.body == "2345");
        CHECK(field(r, "Content-Range") == "bytes 2-5/10");
        CHECK(field(r, "Accept-Ranges") == "bytes");
        CHECK(get("bytes=7-").body == "789");
        CHECK(get("bytes=-3").body == "789");
        CHECK(get("bytes=-30").body == "0123456789");
        // Beyond the end is cut at the end: the 16 KiB a PMTiles reader asks first.
        const auto cut = get("bytes=0-16383");
        CHECK(cut.status == 206);
        CHECK(cut.body == "0123456789");
        CHECK(field(cut, "Content-Range") == "bytes 0-9/10");
    }
    SECTION("a range starting beyond the end: 416 with the size") {
        for (const auto* range : {"bytes=10-", "bytes=10-20", "bytes=-0"}) {
            INFO(range);
            const auto r = get(range);
            CHECK(r.status == 416);
            CHECK(field(r, "Content-Range") == "bytes */10");
        }
    }
    SECTION("several ranges, another unit or bad syntax: the whole file") {
        for (const auto* range : {"bytes=1-2,4-5", "items=1-2", "bytes=5-2", "bytes=a-b", "bytes=", "bytes=-"}) {
            INFO(range);
            const auto r = get(range);
            CHECK(r.status == 200);
            CHECK(r.body == "0123456789");
        }
    }
    SECTION("If-Range: the range only of the version named") {
        const auto whole = get("");
        CHECK(get("bytes=2-5", field(whole, "ETag")).status == 206);
        CHECK(get("bytes=2-5", field(whole, "Last-Modified")).status == 206);
        const auto changed = get("bytes=2-5", "\"a-0-0\"");
        CHECK(changed.status == 200);
        CHECK(changed.body == "0123456789");
        CHECK(get("bytes=2-5", "W/" + field(whole, "ETag")).status == 200);  // weak never matches
    }
    SECTION("not for TileJSON rewritten on the way out, nor tiles out of archives") {
        std::ofstream(site.root / "tiles" / "tiles.json") << R"({"tiles": ["{z}/{x}/{y}.png"]})";
        const auto r = respond(site.root, "GET", "/tiles/tiles.json", "http://127.0.0.1:1", {"bytes=0-1", ""});
        CHECK(r.status == 200);
        CHECK(field(r, "Accept-Ranges").empty());
    }
}

TEST_CASE("Header fields of a request are found whatever their case", "[render][serve]") {
    const std::string_view head = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nrange:  bytes=0-1 \r\n"
                                  "If-Range: \"a-1-2\"\r\n\r\nRange: bytes=5-6\r\n";
    CHECK(header_field(head, "Range") == "bytes=0-1");
    CHECK(header_field(head, "if-range") == "\"a-1-2\"");
    CHECK(header_field(head, "Accept").empty());
    CHECK(header_field("GET /Range: x HTTP/1.1\n\n", "Range").empty());  // not the request line
}

TEST_CASE("The preview server answers range requests on 127.0.0.1", "[render][serve]") {
    Site site;
    std::ofstream(site.root / "archive.bin") << "0123456789";
    RunningServer running(site.root);
    const auto port = running.server.port();
    curl::Session session;
    curl::Request request;
    request.url = "http://127.0.0.1:" + std::to_string(port) + "/archive.bin";
    request.range_from = 4;
    std::string body;
    curl::TransferCallbacks callbacks;
    callbacks.on_body = [&](std::string_view chunk) {
        body += chunk;
        return true;
    };
    curl::ResponseHead head;
    callbacks.on_head = [&](const curl::ResponseHead& h) {
        head = h;
        return true;
    };
    const auto result = session.perform(request, callbacks);
    const auto beyond = exchange(port, "GET /archive.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=12-\r\n\r\n");
    const auto stale = exchange(port, "GET /archive.bin HTTP/1.1\r\nRange: bytes=0-1\r\n"
                                      "If-Range: \"0-0-0\"\r\n\r\n");
    const auto log = running.stop();
    CHECK(result.status == 206);
    CHECK(head.range_start == 4u);
    CHECK(head.range_total == 10u);
    CHECK(body == "456789");
    CHECK(beyond.starts_with("HTTP/1.1 416 Range Not Satisfiable\r\n"));
    CHECK_THAT(beyond, Catch::Contains("\r\nContent-Range: bytes */10\r\n"));
    CHECK(stale.starts_with("HTTP/1.1 200 OK\r\n"));
    CHECK_THAT(stale, Catch::Contains("\r\nAccept-Ranges: bytes\r\n"));
    CHECK(stale.ends_with("\r\n\r\n0123456789"));
}

TEST_CASE("A truncated MBTiles file is a 500 that names it as the URL does, never where it lies",
          "[render][serve]") {
    Site site;
    {
        auto sink = MbtilesSink::create(site.root / "whole.mbtiles");
        for (int x = 0; x < 64; ++x)
            sink.put({8, x, 118}, std::string(4000, static_cast<char>('a' + x % 26)));
        sink.finish();
    }
    std::ifstream in(site.root / "whole.mbtiles", std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    fs::create_directories(site.root / "maps");
    std::ofstream(site.root / "maps" / "cut.mbtiles", std::ios::binary) << bytes.substr(0, bytes.size() / 3);

    const auto r = respond(site.root, "GET", "/maps/cut.mbtiles/8/40/118.png");
    CHECK(r.status == 500);
    CHECK(r.body.starts_with("maps/cut.mbtiles: not a readable MBTiles file"));
    CHECK(r.body.find(site.root.string()) == std::string::npos);
    CHECK(r.note.find("cut.mbtiles") != std::string::npos);  // the log has the details
}

TEST_CASE("The preview server talks HTTP on 127.0.0.1", "[render][serve]") {
    Site site;
    RunningServer running(site.root);
    const auto& server = running.server;
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
    const auto log = running.stop();
    CHECK(result.outcome == curl::Outcome::ok);
    CHECK(result.status == 200);
    CHECK(result.content_type == "application/geo+json");
    CHECK(body == R"({"type": "FeatureCollection", "features": []})");
    CHECK(missing.status == 404);
    CHECK_FALSE(log.empty());
}

TEST_CASE("The preview server serves no hidden file", "[render][serve]") {
    Site site;
    std::ofstream(site.root / ".incimap-files") << "index.html\n";
    std::ofstream(site.root / "tiles" / ".incimap-tiles") << "{}";
    fs::create_directories(site.root / "tiles" / ".cache");
    std::ofstream(site.root / "tiles" / ".cache" / "5.png") << "PNG";
    fs::create_symlink(site.root / ".incimap-files", site.root / "files.txt");
    CHECK(respond(site.root, "GET", "/.incimap-files").status == 404);
    CHECK(respond(site.root, "GET", "/tiles/.incimap-tiles").status == 404);
    CHECK(respond(site.root, "GET", "/tiles/%2eincimap-tiles").status == 404);
    CHECK(respond(site.root, "GET", "/tiles/.cache/5.png").status == 404);
    CHECK(respond(site.root, "GET", "/files.txt").status == 404);  // a link to a hidden file
    CHECK(respond(site.root, "GET", "/tiles/.incimap-tiles").body.find("{}") == std::string::npos);
    SECTION("while a '.' segment is only the folder itself") {
        CHECK(respond(site.root, "GET", "/./index.html").status == 200);
        CHECK(respond(site.root, "GET", "/tiles/./3/4.png").status == 200);
    }
}

TEST_CASE("The preview server logs requests with their control bytes escaped",
          "[render][serve]") {
    Site site;
    RunningServer running(site.root);
    const auto& server = running.server;
    const auto planted = exchange(server.port(), "GET /\x1b[2J\x1b]0;owned\x07\rfake HTTP/1.1\r\n\r\n");
    // A request whose lines end in a bare LF is answered at once.
    const auto bare = exchange(server.port(), "GET /index.html HTTP/1.0\n\n");
    const auto log = running.stop();
    CHECK(planted.starts_with("HTTP/1.1 404"));
    CHECK(bare.starts_with("HTTP/1.1 200"));
    REQUIRE(log.size() == 2);
    for (const auto& line : log) {
        INFO(line);
        CHECK(std::none_of(line.begin(), line.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        }));
    }
    CHECK(std::count(log.begin(), log.end(), "GET /\\x1b[2J\\x1b]0;owned\\x07\\x0dfake 404 10") == 1);
    CHECK(log_safe("caf\xc3\xa9 a\\b") == "caf\\xc3\\xa9 a\\x5cb");
}
