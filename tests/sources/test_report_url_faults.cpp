// Reports read from URLs when the network or the server misbehaves: each
// fault gives an error naming the URL (and what went wrong) within the
// configured limits, is retried only when another attempt may help, and
// leaves nothing in the page cache.
#include "sources/url_documents.hpp"
#include "support/loopback_server.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <thread>

using namespace incimap;
using namespace incimap::sources;
using Catch::Matchers::Contains;
using incimap::test::LoopbackServer;
using incimap::test::ScratchDir;
using incimap::test::write_file;

namespace {

constexpr std::string_view report = R"(<html><head><title>Ambush near Djibo</title></head>
<body><article><p>Gunmen ambushed a supply convoy near Djibo on Sunday.</p></article></body>
</html>
)";

// A loopback server that answers every connection the same raw way, for the
// faults the HTTP test server cannot play: speaking plain HTTP to a TLS
// client, hanging up at once, and sending a body a few bytes at a time.
class RawServer {
  public:
    enum class Answer {
        hang_up,    // close the connection before reading anything
        plain_http, // answer whatever arrives with a plain-text HTTP 400
        trickle,    // a 200 with a long body sent 2 bytes every 250 ms
        silent,     // read the request, then answer nothing until the client leaves
    };

    explicit RawServer(Answer answer) : answer_(answer) {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (listener_ < 0 ||
            ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(listener_, 8) != 0 ||
            ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            throw std::runtime_error("cannot listen on 127.0.0.1");
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~RawServer() {
        stop_ = true;
        thread_.join();
        ::close(listener_);
    }
    RawServer(const RawServer&) = delete;
    RawServer& operator=(const RawServer&) = delete;

    std::string url(std::string_view scheme) const {
        return fmt::format("{}://127.0.0.1:{}/report.html", scheme, port_);
    }
    int connections() const { return connections_; }

  private:
    // Waits up to MS for FD to become readable, or for the server to stop.
    bool readable(int fd, int ms) const {
        pollfd watched{fd, POLLIN, 0};
        for (int waited = 0; waited < ms && !stop_; waited += 50)
            if (::poll(&watched, 1, 50) > 0)
                return true;
        return false;
    }
    void serve() {
        while (!stop_) {
            if (!readable(listener_, 100))
                continue;
            int client = ::accept(listener_, nullptr, nullptr);
            if (client < 0)
                continue;
            ++connections_;
            answer(client);
            ::close(client);
        }
    }
    void answer(int client) const {
        if (answer_ == Answer::hang_up)
            return;
        char request[4096];
        if (!readable(client, 5000) || ::recv(client, request, sizeof request, 0) <= 0)
            return;
        if (answer_ == Answer::silent) {
            while (!stop_)
                if (readable(client, 100) && ::recv(client, request, sizeof request, 0) <= 0)
                    return;
            return;
        }
        if (answer_ == Answer::plain_http) {
            send_all(client, "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
                             "Content-Length: 12\r\nConnection: close\r\n\r\nbad request\n");
            return;
        }
        if (!send_all(client, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                              "Content-Length: 100000\r\n\r\n"))
            return;
        while (!stop_ && send_all(client, "ab"))
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    static bool send_all(int fd, std::string_view bytes) {
        while (!bytes.empty()) {
            auto sent = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (sent <= 0)
                return false;
            bytes.remove_prefix(static_cast<std::size_t>(sent));
        }
        return true;
    }

    Answer answer_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<int> connections_{0};
    std::thread thread_;
};

// Quick limits, a few fast retries, and a page cache in a scratch folder.
WebReadOptions quick_options(const ScratchDir& cache_dir) {
    WebReadOptions options;
    options.cache.emplace(cache_dir / "pages");
    options.download.connect_timeout = std::chrono::seconds(5);
    options.download.low_speed_time = std::chrono::seconds(5);
    options.download.total_timeout = std::chrono::seconds(30);
    options.download.retries = 2;
    options.download.retry_delay = std::chrono::milliseconds(10);
    return options;
}

// The message of the NetworkError that reading URL throws, and into STATUS
// (when given) the HTTP status it carries, 0 for none; fails the test when
// nothing is thrown.
std::string failure_of(std::string_view url, const WebReadOptions& options,
                       long* status = nullptr) {
    try {
        read_url_documents(url, options, [](const std::string&) {});
    } catch (const NetworkError& e) {
        if (status) {
            const auto* http = dynamic_cast<const HttpStatusError*>(&e);
            *status = http ? http->status() : 0;
        }
        return e.what();
    }
    FAIL("reading " << url << " did not fail");
    return {};
}

struct ServedReports {
    ScratchDir served;
    ScratchDir cache_dir;
    LoopbackServer server{served.path()};
    WebReadOptions options = quick_options(cache_dir);

    ServedReports() { write_file(served / "report.html", report); }
    std::size_t requests() const { return server.requests().size(); }
    bool cached(std::string_view url) const { return options.cache->find(url).has_value(); }
};

} // namespace

TEST_CASE("An https URL to a server that does not speak TLS fails as TLS, once",
          "[sources][network]") {
    ScratchDir cache_dir;
    auto options = quick_options(cache_dir);
    SECTION("a server answering in plain HTTP") {
        RawServer server(RawServer::Answer::plain_http);
        const auto url = server.url("https");
        const auto message = failure_of(url, options);
        CHECK_THAT(message, Contains("TLS failed for " + url));
        CHECK(server.connections() == 1);
        CHECK_FALSE(options.cache->find(url));
    }
    SECTION("a server hanging up at once") {
        RawServer server(RawServer::Answer::hang_up);
        const auto url = server.url("https");
        CHECK_THAT(failure_of(url, options), Contains("TLS failed for " + url));
        CHECK(server.connections() == 1);
    }
}

TEST_CASE("A connection closed without an answer is retried, then named", "[sources][network]") {
    ScratchDir cache_dir;
    auto options = quick_options(cache_dir);
    RawServer server(RawServer::Answer::hang_up);
    const auto url = server.url("http");
    const auto message = failure_of(url, options);
    CHECK_THAT(message, Contains(url) && Contains("gave up after 3 attempts"));
    CHECK(server.connections() == 3);
}

TEST_CASE("A feed slower than the low-speed limit times out naming the URL",
          "[sources][network]") {
    ScratchDir cache_dir;
    auto options = quick_options(cache_dir);
    options.download.low_speed_limit = 100; // bytes/s; the server sends 8
    options.download.low_speed_time = std::chrono::seconds(1);
    options.download.retries = 0;
    RawServer server(RawServer::Answer::trickle);
    const auto url = server.url("http");
    const auto message = failure_of(url, options);
    CHECK_THAT(message, Contains("too slow: under 100 bytes/s for 1 s from " + url));
    CHECK_FALSE(options.cache->find(url));
}

TEST_CASE("A page that keeps trickling in is given up at the time limit, naming the URL",
          "[sources][network]") {
    ScratchDir cache_dir;
    auto options = quick_options(cache_dir);
    options.download.low_speed_limit = 1;  // the server's 8 bytes/s pass this
    options.download.total_timeout = std::chrono::seconds(1);
    options.download.retries = 0;
    RawServer server(RawServer::Answer::trickle);
    const auto url = server.url("http");
    const auto message = failure_of(url, options);
    CHECK_THAT(message, Contains("timed out after 1 s: " + url));
    CHECK_FALSE(options.cache->find(url));
}

TEST_CASE("A report URL serving no report names the URL and the type, and is not kept",
          "[sources][network]") {
    ServedReports f;
    SECTION("an image") {
        write_file(f.served / "photo", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
        write_file(f.served / "photo.content-type", "image/png");
        const auto url = f.server.url("photo");
        CHECK_THAT(failure_of(url, f.options), Contains(url + " sent image/png, not a report"));
        CHECK_FALSE(f.cached(url));
    }
    SECTION("a PDF, whatever its bytes") {
        write_file(f.served / "bulletin", "%PDF-1.7 Gunmen attacked Djibo");
        write_file(f.served / "bulletin.content-type", "application/pdf");
        const auto url = f.server.url("bulletin");
        CHECK_THAT(failure_of(url, f.options), Contains(url + " sent application/pdf"));
    }
    SECTION("binary bytes under a generic type") {
        write_file(f.served / "blob", std::string("GIF89a\x01\0\x01\0\0\0", 12));
        write_file(f.served / "blob.content-type", "application/octet-stream");
        const auto url = f.server.url("blob");
        CHECK_THAT(failure_of(url, f.options),
                   Contains(url + " sent binary data (application/octet-stream, a NUL byte at "
                                  "byte 7)"));
        CHECK_FALSE(f.cached(url));
    }
    SECTION("binary bytes claiming to be HTML") {
        write_file(f.served / "fake.html", std::string("<html>\0\0\0", 9));
        const auto url = f.server.url("fake.html");
        CHECK_THAT(failure_of(url, f.options), Contains(url + " sent binary data (text/html"));
    }
    CHECK(f.requests() == 1); // another attempt would get the same bytes
}

TEST_CASE("UTF-16 pages are text, NUL bytes and all", "[sources][network]") {
    ServedReports f;
    std::string wide = "\xFF\xFE";
    for (char c : report)
        wide += std::string{c, '\0'};
    write_file(f.served / "wide.html", wide);
    write_file(f.served / "wide.html.content-type", "text/html; charset=UTF-16");
    const auto docs = read_url_documents(f.server.url("wide.html"), f.options,
                                         [](const std::string&) {});
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].title == "Ambush near Djibo");
}

TEST_CASE("Report URLs that fail for good are not retried", "[sources][network]") {
    ServedReports f;
    SECTION("404") {
        const auto url = f.server.url("missing.html");
        long status = 0;
        CHECK_THAT(failure_of(url, f.options, &status), Contains("HTTP 404 Not Found for " + url));
        CHECK(status == 404);
    }
    SECTION("a body over the cap") {
        f.options.download.max_bytes = 64;
        const auto url = f.server.url("report.html");
        CHECK_THAT(failure_of(url, f.options), Contains("body larger than the") &&
                                                   Contains("cap from " + url));
        CHECK_FALSE(f.cached(url));
    }
    SECTION("a body over the cap, of unannounced length") {
        f.options.download.max_bytes = 64;
        const auto url = f.server.url("nolength/report.html");
        CHECK_THAT(failure_of(url, f.options), Contains("cap from " + url));
    }
    CHECK(f.requests() == 1);
}

TEST_CASE("Report URLs that fail for a while are retried and then read", "[sources][network]") {
    ServedReports f;
    std::string url;
    SECTION("500 twice") { url = f.server.url("fail=2/report.html"); }
    SECTION("a stall mid-body") {
        f.options.download.low_speed_time = std::chrono::seconds(1);
        url = f.server.url("stall=1/report.html");
    }
    SECTION("a body cut short") { url = f.server.url("truncate=2/report.html"); }
    const auto docs = read_url_documents(url, f.options, [](const std::string&) {});
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].title == "Ambush near Djibo");
    CHECK_THAT(docs[0].text, Contains("supply convoy near Djibo"));
    CHECK(f.cached(url));
}

TEST_CASE("Report URLs that keep failing give up naming the URL and the last fault",
          "[sources][network]") {
    ServedReports f;
    SECTION("500") {
        const auto url = f.server.url("fail=9/report.html");
        long status = 0;
        CHECK_THAT(failure_of(url, f.options, &status),
                   Contains("HTTP 500 Internal Server Error for " + url) &&
                       Contains("gave up after 3 attempts"));
        CHECK(status == 500);
        CHECK(f.requests() == 3);
        CHECK_FALSE(f.cached(url));
    }
    SECTION("a stall mid-body") {
        f.options.download.low_speed_time = std::chrono::seconds(1);
        f.options.download.retries = 0;
        const auto url = f.server.url("stall=9/report.html");
        CHECK_THAT(failure_of(url, f.options), Contains("stalled") && Contains(url));
        CHECK(f.requests() == 1);
    }
}

TEST_CASE("No URL holds a run past the time allowed for it, retries included",
          "[sources][network]") {
    ScratchDir cache_dir;
    auto options = quick_options(cache_dir);
    options.download.deadline = std::chrono::seconds(2);
    options.download.retries = 5;
    const auto started = std::chrono::steady_clock::now();
    const auto seconds_taken = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    SECTION("a server trickling bytes in, whose first attempt timed out") {
        options.download.total_timeout = std::chrono::milliseconds(1500);
        RawServer server(RawServer::Answer::trickle);
        const auto url = server.url("http");
        const auto message = failure_of(url, options);
        // The retry had what was left of the 2 s.
        CHECK_THAT(message, Contains("timed out: " + url + " took longer than the 2 s allowed for "
                                                           "one URL (gave up after 2 attempts)"));
        CHECK(seconds_taken() < 6);
        CHECK_FALSE(options.cache->find(url));
    }
    SECTION("a server that never answers") {
        RawServer server(RawServer::Answer::silent);
        const auto url = server.url("http");
        CHECK_THAT(failure_of(url, options),
                   Contains("timed out: " + url + " took longer than the 2 s allowed"));
        CHECK(server.connections() == 1);
        CHECK(seconds_taken() < 6);
    }
    SECTION("a failure whose retry would come after the time is up is not retried") {
        options.download.retry_delay = std::chrono::seconds(5);
        RawServer server(RawServer::Answer::hang_up);
        const auto url = server.url("http");
        CHECK_THAT(failure_of(url, options),
                   Contains(url) && Contains("(and the 2 s allowed for " + url + " ran out)"));
        CHECK(server.connections() == 1);
    }
}
