// The small HTTP server behind `incimap serve`: it serves one folder (the
// web page, its tiles) on 127.0.0.1 only, for previewing in a browser;
// TileJSON documents get absolute tile URLs on the way out.
// GET and HEAD; paths that climb out of the folder ("..", symbolic links)
// are refused, and hidden files (any name starting with a dot, such as the
// manifests .incimap-files and .incimap-tiles) are not served; tiles inside
// an MBTiles file are served as NAME.mbtiles/{z}/{x}/{y}.png. One thread
// per connection, no keep-alive.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace incimap::render {

struct HttpResponse {
    int status = 200;
    std::string content_type;
    std::string body;
    std::string note;  // for the server's log only (a file's path, a library's message)
};

// "text/html; charset=utf-8", "image/png", "application/geo+json", …;
// "application/octet-stream" for anything else.
std::string_view content_type_for(const std::filesystem::path& file);

// The answer to METHOD TARGET for a site rooted at `root` (a canonical
// path). Never throws for bad input: 400, 403, 404, 405 as fitting. With
// ORIGIN ("http://127.0.0.1:8080"), a TileJSON document written by `incimap
// tiles` (tiles.json, NAME.mbtiles.json) is served with its relative `tiles`
// URLs made absolute, as TileJSON 3.0 requires.
HttpResponse respond(const std::filesystem::path& root, std::string_view method,
                     std::string_view target, std::string_view origin = {});

// TEXT (a request's method or target) for a log line shown on a terminal:
// control bytes (ESC, CR, …), bytes beyond ASCII and backslashes as \xHH,
// so that a request cannot move the cursor, recolour or rewrite the log.
std::string log_safe(std::string_view text);

// TileJSON document TEXT, served at URL_PATH ("/site/tiles/tiles.json"), with
// its relative `tiles` URLs made absolute under ORIGIN; TEXT unchanged when
// it is not a TileJSON document.
std::string absolute_tilejson(std::string_view text, std::string_view origin,
                              std::string_view url_path);

class PreviewServer {
public:
    // Binds 127.0.0.1:port (0: any free port). Throws Error naming the port
    // when it cannot (in use, no permission) and the folder when it is not one.
    PreviewServer(const std::filesystem::path& root, int port);
    ~PreviewServer();
    PreviewServer(const PreviewServer&) = delete;
    PreviewServer& operator=(const PreviewServer&) = delete;

    int port() const { return port_; }
    // Serves until stop() is called, then waits for the answers under way;
    // `log` gets one line per request, from the connection's thread.
    void run(const std::function<void(const std::string&)>& log);
    // Makes run() return; safe from any thread.
    void stop();

private:
    std::filesystem::path root_;
    int socket_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> connections_{0};
};

} // namespace incimap::render
