#include "render/preview_server.hpp"

#include "core/error.hpp"
#include "render/mbtiles.hpp"
#include "render/pmtiles.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <ctime>
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
    return {status, "text/plain; charset=utf-8", std::string(message) + "\n", {}, {}};
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

// NAME.mbtiles/{z}/{x}/{y}.png or NAME.pmtiles/… (or {y}@2x.png): the
// tile from the file.
std::optional<HttpResponse> archive_tile(const fs::path& root, const std::vector<std::string>& parts) {
    if (parts.size() < 4)
        return std::nullopt;
    const auto& archive = parts[parts.size() - 4];
    const bool pmtiles = archive.ends_with(".pmtiles");
    if (!pmtiles && !archive.ends_with(".mbtiles"))
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
        !parse_int(y, tile.y) || tile.z > pmtiles::max_zoom || tile.x >= (1 << tile.z) || tile.y >= (1 << tile.z))
        return text(404, "not a tile");
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return text(404, "no such file");
    try {
        if (auto png = pmtiles ? read_pmtiles_tile(file, tile) : read_mbtiles_tile(file, tile))
            return HttpResponse{200, "image/png", std::move(*png), {}, {}};
        return text(404, "no such tile (empty tiles are not stored)");
    } catch (const Error& e) {
        auto response = text(500, fmt::format("{}: not a readable {} (damaged or truncated?)", name,
                                              pmtiles ? "PMTiles archive" : "MBTiles file"));
        response.note = e.what();
        return response;
    }
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// LENGTH bytes from OFFSET of the open file FD; nothing when they cannot
// be read (the file shrank, an I/O error).
std::optional<std::string> read_part(int fd, std::uint64_t offset, std::uint64_t length) {
    std::string bytes(length, '\0');
    for (std::uint64_t done = 0; done < length;) {
        const auto n = ::pread(fd, bytes.data() + done, length - done, static_cast<off_t>(offset + done));
        if (n <= 0)
            return std::nullopt;
        done += static_cast<std::uint64_t>(n);
    }
    return bytes;
}

// An HTTP date (RFC 9110's IMF-fixdate): "Sun, 06 Nov 1994 08:49:37 GMT",
// in English whatever the locale.
std::string http_date(std::time_t t) {
    static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} GMT", days[tm.tm_wday], tm.tm_mday,
                       months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

struct ByteRange {
    std::uint64_t first = 0, last = 0;  // inclusive
};

// The one range of "bytes=A-B", "bytes=A-" or "bytes=-N" over a file of
// SIZE bytes, B clamped to the end. Nothing when the field is to be ignored
// (another unit, several ranges, bad syntax); a range with first > last when
// it cannot be satisfied.
std::optional<ByteRange> parse_range(std::string_view field, std::uint64_t size) {
    constexpr std::string_view unit = "bytes=";
    if (field.size() <= unit.size() || !equal_ignoring_case(field.substr(0, unit.size()), unit))
        return std::nullopt;
    const auto spec = field.substr(unit.size());
    const auto dash = spec.find('-');
    if (dash == std::string_view::npos || spec.find(',') != std::string_view::npos)
        return std::nullopt;
    const auto number = [](std::string_view digits, std::uint64_t& out) {
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
        return !digits.empty() && ec == std::errc() && end == digits.data() + digits.size();
    };
    const auto from = spec.substr(0, dash), to = spec.substr(dash + 1);
    std::uint64_t a = 0, b = 0;
    if (from.empty()) {  // the last N bytes
        if (!number(to, b))
            return std::nullopt;
        if (b == 0 || size == 0)
            return ByteRange{1, 0};
        return ByteRange{size - std::min(b, size), size - 1};
    }
    if (!number(from, a) || (!to.empty() && (!number(to, b) || b < a)))
        return std::nullopt;
    if (a >= size)
        return ByteRange{1, 0};
    return ByteRange{a, to.empty() ? size - 1 : std::min(b, size - 1)};
}

// A file of the site, whole or the range asked for: its size, ETag and
// bytes all come from the one file opened, even if it is replaced meanwhile.
HttpResponse file_response(const fs::path& file, const RequestConditions& conditions) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return text(403, "cannot read");
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return text(403, "cannot read");
    const auto size = static_cast<std::uint64_t>(st.st_size);
    const auto etag = fmt::format("\"{:x}-{:x}-{:x}\"", size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    const auto modified = http_date(st.st_mtim.tv_sec);
    HttpResponse r;
    r.content_type = std::string(content_type_for(file));
    r.headers = {{"Accept-Ranges", "bytes"}, {"ETag", etag}, {"Last-Modified", modified}};
    // If-Range: the range only of the version named (a strong ETag, or the
    // date); otherwise the whole file, which has changed.
    const auto& if_range = conditions.if_range;
    const bool same_version = if_range.empty() || if_range == etag || if_range == modified;
    const auto range = conditions.range.empty() || !same_version ? std::nullopt
                                                                  : parse_range(conditions.range, size);
    if (range && range->first > range->last) {
        r.status = 416;
        r.content_type = "text/plain; charset=utf-8";
        r.body = fmt::format("the file has {} bytes\n", size);
        r.headers.emplace_back("Content-Range", fmt::format("bytes */{}", size));
        return r;
    }
    auto body = range ? read_part(fd, range->first, range->last - range->first + 1) : read_part(fd, 0, size);
    if (!body)
        return text(403, "cannot read");
    r.body = std::move(*body);
    if (range) {
        r.status = 206;
        r.headers.emplace_back("Content-Range", fmt::format("bytes {}-{}/{}", range->first, range->last, size));
    }
    return r;
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
                     std::string_view origin, const RequestConditions& conditions) {
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
    if (auto tile = archive_tile(root, parts))
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
    const auto name = real.filename().string();
    if (!origin.empty() &&
        (name == "tiles.json" || name.ends_with(".mbtiles.json") || name.ends_with(".pmtiles.json"))) {
        std::ifstream in(real, std::ios::binary);
        if (!in)
            return text(403, "cannot read");
        std::ostringstream body;
        body << in.rdbuf();
        return {200, std::string(content_type_for(real)), absolute_tilejson(body.str(), origin, target), {}, {}};
    }
    return file_response(real, conditions);
}

std::string_view header_field(std::string_view head, std::string_view name) {
    for (std::size_t start = head.find('\n'); start != std::string_view::npos;) {
        const auto end = head.find('\n', start + 1);
        auto line = head.substr(start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1);
        start = end;
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        if (line.empty())
            break;  // the end of the head
        const auto colon = line.find(':');
        if (colon != name.size() || !equal_ignoring_case(line.substr(0, colon), name))
            continue;
        auto value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix(1);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
            value.remove_suffix(1);
        return value;
    }
    return {};
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
    case 206: return "Partial Content";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 416: return "Range Not Satisfiable";
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
                const auto head = std::string_view(request).substr(0, request.find("\n\r\n"));
                const RequestConditions conditions{header_field(head, "Range"), header_field(head, "If-Range")};
                response = respond(root_, method, target, fmt::format("http://127.0.0.1:{}", port_), conditions);
            }
            std::string fields;
            for (const auto& [name, value] : response.headers)
                fields += fmt::format("{}: {}\r\n", name, value);
            send_all(client, fmt::format("HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n{}"
                                         "Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\n"
                                         "Connection: close\r\n\r\n",
                                         response.status, reason(response.status),
                                         response.content_type, response.body.size(), fields));
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
