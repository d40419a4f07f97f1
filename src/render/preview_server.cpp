#include "render/preview_server.hpp"

#include "core/error.hpp"
#include "render/mbtiles.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace incimap::render {

namespace fs = std::filesystem;

std::string_view content_type_for(const fs::path& file) {
    const auto ext = file.extension().string();
    struct Type {
        std::string_view ext, type;
    };
    static constexpr Type types[] = {
        {".html", "text/html; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},     {".json", "application/json"},
        {".geojson", "application/geo+json"},    {".png", "image/png"},
        {".svg", "image/svg+xml"},               {".pdf", "application/pdf"},
        {".txt", "text/plain; charset=utf-8"},   {".jpg", "image/jpeg"},
        {".mbtiles", "application/vnd.sqlite3"},
    };
    for (const auto& t : types)
        if (ext == t.ext)
            return t.type;
    return "application/octet-stream";
}

namespace {

HttpResponse text(int status, std::string_view message) {
    return {status, "text/plain; charset=utf-8", std::string(message) + "\n", {}};
}

bool percent_decode(std::string_view in, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out += in[i];
            continue;
        }
        int v = 0;
        if (i + 2 >= in.size() ||
            std::from_chars(in.data() + i + 1, in.data() + i + 3, v, 16).ptr != in.data() + i + 3)
            return false;
        out += static_cast<char>(v);
        i += 2;
    }
    return true;
}

bool parse_int(std::string_view s, int& out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && out >= 0;
}

// NAME.mbtiles/{z}/{x}/{y}.png (or {y}@2x.png): the tile from the file.
std::optional<HttpResponse> mbtiles_tile(const fs::path& root, const std::vector<std::string>& parts) {
    if (parts.size() < 4 || !parts[parts.size() - 4].ends_with(".mbtiles"))
        return std::nullopt;
    auto file = root;
    std::string name;  // as the URL gives it: the answer never shows where root is
    for (std::size_t i = 0; i + 3 < parts.size(); ++i) {
        file /= parts[i];
        name += (name.empty() ? "" : "/") + parts[i];
    }
    std::string y = parts.back();
    for (const auto* suffix : {"@2x.png", ".png"})
        if (y.ends_with(suffix)) {
            y.erase(y.size() - std::strlen(suffix));
            break;
        }
    TileId tile;
    if (!parse_int(parts[parts.size() - 3], tile.z) || !parse_int(parts[parts.size() - 2], tile.x) ||
        !parse_int(y, tile.y) || tile.z > 30)
        return text(404, "not a tile");
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return text(404, "no such file");
    try {
        if (auto png = read_mbtiles_tile(file, tile))
            return HttpResponse{200, "image/png", std::move(*png), {}};
        return text(404, "no such tile (empty tiles are not stored)");
    } catch (const Error& e) {
        auto response = text(500, fmt::format("{}: not a readable MBTiles file (damaged or truncated?)",
                                              name));
        response.note = e.what();
        return response;
    }
}

} // namespace

std::string log_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x7f || c == '\\')
            out += fmt::format("\\x{:02x}", byte);
        else
            out += c;
    }
    return out;
}

std::string absolute_tilejson(std::string_view text, std::string_view origin,
                              std::string_view url_path) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("tiles") || !j["tiles"].is_array())
        return std::string(text);
    const auto folder = url_path.substr(0, url_path.rfind('/') + 1);
    for (auto& url : j["tiles"]) {
        if (!url.is_string())
            continue;
        const auto relative = url.get<std::string>();
        if (relative.find("://") != std::string::npos || relative.starts_with("/"))
            continue;
        url = fmt::format("{}{}{}", origin, folder, relative);
    }
    return j.dump(2) + "\n";
}

HttpResponse respond(const fs::path& root, std::string_view method, std::string_view target,
                     std::string_view origin) {
    if (method != "GET" && method != "HEAD")
        return text(405, "only GET and HEAD");
    if (!target.starts_with("/"))
        return text(400, "bad request target");
    target = target.substr(0, target.find_first_of("?#"));
    std::string path;
    if (!percent_decode(target, path) || path.find('\0') != std::string::npos ||
        path.find('\\') != std::string::npos)
        return text(400, "bad path");
    std::vector<std::string> parts;
    std::istringstream segments(path);
    for (std::string part; std::getline(segments, part, '/');) {
        if (part.empty() || part == ".")
            continue;
        if (part == "..")
            return text(403, "paths may not climb out of the served folder");
        // Hidden files (the manifests .incimap-files and .incimap-tiles, a
        // .git folder) are not the site's.
        if (part.starts_with("."))
            return text(404, "not found");
        parts.push_back(part);
    }
    if (auto tile = mbtiles_tile(root, parts))
        return *tile;
    auto file = root;
    for (const auto& p : parts)
        file /= p;
    std::error_code ec;
    if (fs::is_directory(file, ec))
        file /= "index.html";
    // Symbolic links may not lead out of the folder either.
    const auto real = fs::weakly_canonical(file, ec);
    const auto rel = real.lexically_relative(root);
    if (ec || rel.empty() || *rel.begin() == "..")
        return text(403, "outside the served folder");
    for (const auto& part : rel)
        if (part.string().starts_with("."))
            return text(404, "not found");
    if (!fs::is_regular_file(real, ec))
        return text(404, "not found");
    std::ifstream in(real, std::ios::binary);
    if (!in)
        return text(403, "cannot read");
    std::ostringstream body;
    body << in.rdbuf();
    const auto name = real.filename().string();
    if (!origin.empty() && (name == "tiles.json" || name.ends_with(".mbtiles.json")))
        return {200, std::string(content_type_for(real)), absolute_tilejson(body.str(), origin, target), {}};
    return {200, std::string(content_type_for(real)), body.str(), {}};
}

PreviewServer::PreviewServer(const fs::path& root, int port) {
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        throw InputError(fmt::format("{}: not a folder to serve", root.string()));
    root_ = fs::canonical(root);
    socket_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (socket_ < 0)
        throw Error(fmt::format("cannot open a socket: {}", std::strerror(errno)));
    const int yes = 1;
    ::setsockopt(socket_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // never other interfaces
    if (::bind(socket_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(socket_, 64) != 0) {
        const std::string reason = std::strerror(errno);
        ::close(socket_);
        throw Error(fmt::format("cannot listen on 127.0.0.1:{}: {}", port, reason));
    }
    socklen_t length = sizeof address;
    ::getsockname(socket_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
}

PreviewServer::~PreviewServer() {
    stop();
    while (connections_.load() > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ::close(socket_);
}

void PreviewServer::stop() { stopping_ = true; }

namespace {

void send_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const auto n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n <= 0)
            return;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

// Whether the head of a request has arrived: lines end in CRLF, or in a
// bare LF as some clients send them.
bool head_complete(std::string_view request) {
    return request.find("\n\r\n") != std::string_view::npos ||
           request.find("\n\n") != std::string_view::npos;
}

std::string_view reason(int status) {
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    default: return "Internal Server Error";
    }
}

} // namespace

void PreviewServer::run(const std::function<void(const std::string&)>& log) {
    while (!stopping_) {
        pollfd p{socket_, POLLIN, 0};
        if (::poll(&p, 1, 200) <= 0)
            continue;
        const int client = ::accept4(socket_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0)
            continue;
        ++connections_;
        std::thread([this, client, log] {
            timeval timeout{10, 0};
            ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
            std::string request;
            char buffer[4096];
            while (!head_complete(request) && request.size() < 16384) {
                const auto n = ::recv(client, buffer, sizeof buffer, 0);
                if (n <= 0)
                    break;
                request.append(buffer, static_cast<std::size_t>(n));
            }
            const auto line_end = request.find('\n');
            std::string_view line = std::string_view(request).substr(0, line_end);
            if (line.ends_with('\r'))
                line.remove_suffix(1);
            const auto sp1 = line.find(' '), sp2 = line.rfind(' ');
            HttpResponse response;
            std::string_view method, target;
            if (line_end == std::string::npos || sp1 == std::string_view::npos || sp2 <= sp1) {
                response = text(400, "bad request");
            } else {
                method = line.substr(0, sp1);
                target = line.substr(sp1 + 1, sp2 - sp1 - 1);
                response = respond(root_, method, target, fmt::format("http://127.0.0.1:{}", port_));
            }
            send_all(client, fmt::format("HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n"
                                         "Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\n"
                                         "Connection: close\r\n\r\n",
                                         response.status, reason(response.status),
                                         response.content_type, response.body.size()));
            if (method != "HEAD")
                send_all(client, response.body);
            ::shutdown(client, SHUT_WR);
            ::close(client);
            if (log)
                log(fmt::format("{} {} {} {}{}", method.empty() ? "-" : log_safe(method),
                                target.empty() ? "-" : log_safe(target), response.status,
                                response.body.size(),
                                response.note.empty() ? "" : " (" + log_safe(response.note) + ")"));
            --connections_;
        }).detach();
    }
    // Answers under way finish before run() returns (they use `log`).
    while (connections_.load() > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

} // namespace incimap::render
