// The small HTTP server behind `incimap serve`: it serves one folder (the
// web page, its tiles) on 127.0.0.1 only, for previewing in a browser;
// TileJSON documents get absolute tile URLs on the way out.
// GET and HEAD; paths that climb out of the folder ("..", symbolic links)
// are refused, and hidden files (any name starting with a dot, such as the
// manifests .incimap-files and .incimap-tiles) are not served; tiles inside
// an MBTiles file or a PMTiles archive are served as
// NAME.mbtiles/{z}/{x}/{y}.png (NAME.pmtiles/…). Files are served in byte
// ranges too (RFC 9110: Range, If-Range, 206 Partial Content, 416), as
// static hosts do, so that a browser reads a PMTiles archive through it.
// One thread per connection, no keep-alive.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace incimap::render {

struct HttpResponse {
    int status = 200;
    std::string content_type;
    std::string body;
    // Further header fields (Accept-Ranges, Content-Range, ETag, Last-Modified).
    std::vector<std::pair<std::string, std::string>> headers;
    std::string note;  // for the server's log only (a file's path, a library's message)
};

// The request's header fields that change the answer, as sent (empty: absent).
struct RequestConditions {
    std::string_view range;     // "bytes=0-16383"
    std::string_view if_range;  // an ETag or an HTTP date
};

// "text/html; charset=utf-8", "image/png", "application/geo+json", …;
// "application/octet-stream" for anything else.
std::string_view content_type_for(const std::filesystem::path& file);

// The answer to METHOD TARGET for a site rooted at `root` (a canonical
// path). Never throws for bad input: 400, 403, 404, 405 as fitting. With
// ORIGIN ("http://127.0.0.1:8080"), a TileJSON document written by `incimap
// tiles` (tiles.json, NAME.mbtiles.json, NAME.pmtiles.json) is served with
// its relative `tiles` URLs made absolute, as TileJSON 3.0 requires.
//
// A file is served whole (200) or, when CONDITIONS.range asks for one range
// of bytes ("bytes=A-B", "bytes=A-", "bytes=-N"), that range alone (206,
// with Content-Range; only those bytes are read), unless CONDITIONS.if_range
// names another version of the file than its ETag or Last-Modified date. A
// range starting beyond the end gets 416 with "Content-Range: bytes */SIZE".
// A Range of several ranges, of another unit or of bad syntax is ignored
// (200), as RFC 9110 allows. Files carry Accept-Ranges: bytes, a strong
// ETag (size and modification time) and Last-Modified.
HttpResponse respond(const std::filesystem::path& root, std::string_view method,
                     std::string_view target, std::string_view origin = {},
                     const RequestConditions& conditions = {});

// The value of header field NAME (any case) in the head of a request,
// without surrounding blanks; empty when absent.
std::string_view header_field(std::string_view head, std::string_view name);

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
