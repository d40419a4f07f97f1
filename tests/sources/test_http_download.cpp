#include "sources/http.hpp"
#include "support/loopback_server.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

using namespace incimap;
using namespace incimap::sources;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using incimap::test::LoopbackServer;
using incimap::test::read_file;
using incimap::test::sample_bytes;
using incimap::test::ScratchDir;
using incimap::test::write_file;

namespace {

// Short delays so that failures come quickly, and a stall limit long enough
// for a busy machine; the stall tests shorten it.
DownloadOptions quick_options() {
    DownloadOptions options;
    options.connect_timeout = std::chrono::seconds(5);
    options.low_speed_time = std::chrono::seconds(10);
    options.retries = 0;
    options.retry_delay = std::chrono::milliseconds(10);
    options.max_retry_delay = std::chrono::milliseconds(50);
    return options;
}

// A served folder with one 200 kB file and a folder to download into.
struct DownloadFixture {
    ScratchDir served;
    ScratchDir downloads;
    std::string content = sample_bytes(200'000);
    LoopbackServer server{served.path()};
    std::filesystem::path dest = downloads / "XX.zip";
    std::filesystem::path part = downloads / "XX.zip.part";

    DownloadFixture() { write_file(served / "XX.zip", content); }
};

} // namespace

TEST_CASE("A download arrives byte for byte under its final name", "[sources][network]") {
    DownloadFixture f;
    auto report = download_to_file(f.server.url("XX.zip"), f.dest, quick_options());
    CHECK(read_file(f.dest) == f.content);
    CHECK_FALSE(std::filesystem::exists(f.part));
    CHECK(report.bytes == f.content.size());
    CHECK(report.attempts == 1);
    CHECK(report.resumed_from == 0);
    REQUIRE(f.server.requests().size() == 1);
    CHECK_THAT(f.server.requests()[0].user_agent, StartsWith("incimap/"));
}

TEST_CASE("A missing file is a 404 naming the URL, not retried, leaving no file",
          "[sources][network]") {
    DownloadFixture f;
    auto options = quick_options();
    options.retries = 3;
    auto url = f.server.url("status=404/XX.zip");
    SECTION("with nothing downloaded before") {}
    SECTION("with a .part of an earlier run") {
        write_file(f.part, f.content.substr(0, 100));
    }
    try {
        download_to_file(url, f.dest, options);
        FAIL("no error");
    } catch (const HttpStatusError& e) {
        CHECK(std::string(e.what()) == "HTTP 404 Not Found for " + url);
        CHECK(e.status() == 404);
    }
    CHECK_FALSE(std::filesystem::exists(f.dest));
    CHECK_FALSE(std::filesystem::exists(f.part));
    CHECK(f.server.requests().size() == 1);
}

TEST_CASE("Server errors and 429 are retried until the file arrives", "[sources][network]") {
    DownloadFixture f;
    auto options = quick_options();
    options.retries = 3;
    SECTION("500 twice") {
        auto report = download_to_file(f.server.url("fail=2/XX.zip"), f.dest, options);
        CHECK(report.attempts == 3);
        CHECK(f.server.requests().size() == 3);
    }
    SECTION("429 once, with Retry-After") {
        auto report = download_to_file(f.server.url("busy=1/XX.zip"), f.dest, options);
        CHECK(report.attempts == 2);
    }
    CHECK(read_file(f.dest) == f.content);
}

TEST_CASE("A server that keeps failing exhausts the retries", "[sources][network]") {
    DownloadFixture f;
    auto options = quick_options();
    options.retries = 2;
    auto url = f.server.url("fail=9/XX.zip");
    CHECK_THROWS_WITH(download_to_file(url, f.dest, options),
                      "HTTP 500 Internal Server Error for " + url + " (gave up after 3 attempts)");
    CHECK(f.server.requests().size() == 3);
    CHECK_FALSE(std::filesystem::exists(f.dest));
}

TEST_CASE("A stalled transfer fails after the low-speed time and can be resumed",
          "[sources][network]") {
    DownloadFixture f;
    auto options = quick_options();
    options.low_speed_time = std::chrono::seconds(1);
    SECTION("without retries it fails, saying it stalled") {
        auto url = f.server.url("stall=9/XX.zip");
        CHECK_THROWS_WITH(download_to_file(url, f.dest, options),
                          "stalled: no data for 1 s from " + url);
        CHECK_FALSE(std::filesystem::exists(f.dest));
        // What arrived stays as an unfinished .part for the next attempt.
        CHECK(read_file(f.part) == f.content.substr(0, f.content.size() / 2));
    }
    SECTION("a server that never answers stalls too") {
        auto url = f.server.url("mute=9/XX.zip");
        CHECK_THROWS_WITH(download_to_file(url, f.dest, options),
                          "stalled: no data for 1 s from " + url);
        CHECK_FALSE(std::filesystem::exists(f.part));
    }
    SECTION("a retry resumes where the stall left off") {
        options.retries = 1;
        auto report = download_to_file(f.server.url("stall=1/XX.zip"), f.dest, options);
        CHECK(read_file(f.dest) == f.content);
        CHECK(report.resumed_from == f.content.size() / 2);
        REQUIRE(f.server.requests().size() == 2);
        CHECK(f.server.requests()[1].range == "bytes=100000-");
    }
}

TEST_CASE("A truncated body is resumed, restarted or reported", "[sources][network]") {
    DownloadFixture f;
    auto options = quick_options();
    options.retries = 2;
    SECTION("resumed with a Range request") {
        auto report = download_to_file(f.server.url("truncate=1/XX.zip"), f.dest, options);
        CHECK(report.attempts == 2);
        CHECK(report.resumed_from == f.content.size() / 2);
        CHECK(f.server.requests().at(1).range == "bytes=100000-");
        CHECK(read_file(f.dest) == f.content);
    }
    SECTION("restarted when the server ignores ranges") {
        auto report = download_to_file(f.server.url("truncate=1,norange/XX.zip"), f.dest, options);
        CHECK(report.attempts == 2);
        CHECK(report.resumed_from == 0);
        CHECK(read_file(f.dest) == f.content);
    }
    SECTION("reported when every attempt is cut short") {
        auto url = f.server.url("truncate=9,norange/XX.zip");
        CHECK_THROWS_WITH(download_to_file(url, f.dest, options),
                          "body truncated at 100000 of 200000 bytes from " + url +
                              " (gave up after 3 attempts)");
        CHECK_FALSE(std::filesystem::exists(f.dest));
    }
}

TEST_CASE("A .part left by an earlier run is resumed or replaced", "[sources][network]") {
    DownloadFixture f;
    auto options = quick_options();
    SECTION("resumed from its end when the server takes ranges") {
        write_file(f.part, f.content.substr(0, 1000));
        auto report = download_to_file(f.server.url("XX.zip"), f.dest, options);
        CHECK(report.resumed_from == 1000);
        CHECK(f.server.requests().at(0).range == "bytes=1000-");
    }
    SECTION("replaced when the file on the server is newer") {
        write_file(f.part, "an older version of the file");
        std::filesystem::last_write_time(
            f.part, std::filesystem::last_write_time(f.served / "XX.zip") - std::chrono::hours(24));
        auto report = download_to_file(f.server.url("XX.zip"), f.dest, options);
        CHECK(report.resumed_from == 0);
        REQUIRE(f.server.requests().size() == 2);
        CHECK(f.server.requests()[0].range == "bytes=28-");
        CHECK(f.server.requests()[1].range == "-");
    }
    SECTION("replaced when the server sends the whole body") {
        write_file(f.part, "not the start of the file");
        auto report = download_to_file(f.server.url("norange/XX.zip"), f.dest, options);
        CHECK(report.resumed_from == 0);
    }
    SECTION("kept when it already holds the whole body (416)") {
        write_file(f.part, f.content);
        auto report = download_to_file(f.server.url("XX.zip"), f.dest, options);
        CHECK(report.resumed_from == f.content.size());
    }
    CHECK(read_file(f.dest) == f.content);
    CHECK_FALSE(std::filesystem::exists(f.part));
}

TEST_CASE("A body larger than the cap is refused", "[sources][network]") {
    DownloadFixture f;
    auto options = quick_options();
    options.max_bytes = 1000;
    options.retries = 2;
    SECTION("from its Content-Length, before reading it") {
        auto url = f.server.url("XX.zip");
        CHECK_THROWS_WITH(download_to_file(url, f.dest, options),
                          "body larger than the 1000 B cap from " + url);
    }
    SECTION("while reading it, when the length is not announced") {
        auto url = f.server.url("nolength/XX.zip");
        CHECK_THROWS_WITH(download_to_file(url, f.dest, options),
                          "body larger than the 1000 B cap from " + url);
    }
    CHECK(f.server.requests().size() == 1);
    CHECK_FALSE(std::filesystem::exists(f.dest));
    CHECK_FALSE(std::filesystem::exists(f.part));
}

TEST_CASE("Redirects are followed, but not in a loop or to another scheme", "[sources][network]") {
    DownloadFixture f;
    auto options = quick_options();
    options.max_redirects = 5;
    SECTION("two redirects") {
        auto report = download_to_file(f.server.url("redirect=2/XX.zip"), f.dest, options);
        CHECK(read_file(f.dest) == f.content);
        CHECK(report.final_url == f.server.url("redirect=0/XX.zip"));
    }
    SECTION("a loop") {
        auto url = f.server.url("loop/XX.zip");
        CHECK_THROWS_WITH(download_to_file(url, f.dest, options),
                          "too many redirects (more than 5) from " + url);
        CHECK(f.server.requests().size() == 6);
    }
    SECTION("to ftp://") {
        auto url = f.server.url("offsite/XX.zip");
        CHECK_THROWS_WITH(download_to_file(url, f.dest, options),
                          "redirected to a scheme other than http or https from " + url);
    }
}

TEST_CASE("A refused connection names the URL and is retried", "[sources][network]") {
    ScratchDir downloads;
    incimap::test::RefusingPort nobody;
    auto url = "http://127.0.0.1:" + std::to_string(nobody.port()) + "/XX.zip";
    auto options = quick_options();
    SECTION("without retries") {
        CHECK_THROWS_WITH(download_to_file(url, downloads / "XX.zip", options),
                          "connection refused: " + url);
    }
    SECTION("with one retry") {
        options.retries = 1;
        CHECK_THROWS_WITH(download_to_file(url, downloads / "XX.zip", options),
                          "connection refused: " + url + " (gave up after 2 attempts)");
    }
    CHECK(std::filesystem::is_empty(downloads.path()));
}

TEST_CASE("A document whose body does not decode as its Content-Encoding is a bad body, not "
          "retried",
          "[sources][network]") {
    DownloadFixture f;
    auto options = quick_options();
    options.retries = 3;
    auto url = f.server.url("badgzip/XX.zip");
    CHECK_THROWS_WITH(fetch_to_memory(url, options),
                      StartsWith("bad body from " + url + ": it does not decode as its "
                                 "Content-Encoding says"));
    CHECK(f.server.requests().size() == 1);
}

TEST_CASE("Only http and https URLs are fetched", "[sources]") {
    ScratchDir downloads;
    for (std::string url : {"file:///etc/hostname", "ftp://127.0.0.1/XX.zip", "XX.zip"}) {
        CAPTURE(url);
        CHECK_THROWS_AS(download_to_file(url, downloads / "XX.zip", quick_options()), NetworkError);
        CHECK_THROWS_WITH(fetch_to_memory(url, quick_options()), Contains("'" + url + "'"));
    }
}

TEST_CASE("Progress is reported up to the full size", "[sources][network]") {
    DownloadFixture f;
    auto options = quick_options();
    std::vector<TransferProgress> seen;
    options.progress = [&](const TransferProgress& p) { seen.push_back(p); };
    download_to_file(f.server.url("XX.zip"), f.dest, options);
    REQUIRE_FALSE(seen.empty());
    CHECK(seen.back().received == f.content.size());
    CHECK(seen.back().total == f.content.size());
    CHECK(std::is_sorted(seen.begin(), seen.end(),
                         [](const auto& a, const auto& b) { return a.received < b.received; }));
}

TEST_CASE("A document is fetched into memory with its type and final URL", "[sources][network]") {
    ScratchDir served;
    write_file(served / "report.html", "<p>Two sentences about a place.</p>\n");
    LoopbackServer server(served.path());
    auto options = quick_options();
    SECTION("directly") {
        auto document = fetch_to_memory(server.url("report.html"), options);
        CHECK(document.body == "<p>Two sentences about a place.</p>\n");
        CHECK(document.content_type == "text/html");
        CHECK(document.status == 200);
        CHECK(document.final_url == server.url("report.html"));
    }
    SECTION("after a redirect and retries") {
        options.retries = 2;
        auto document = fetch_to_memory(server.url("redirect=1,fail=1/report.html"), options);
        CHECK(document.body == "<p>Two sentences about a place.</p>\n");
        CHECK(document.final_url == server.url("redirect=0,fail=1/report.html"));
    }
    SECTION("a missing one is an HTTP error") {
        CHECK_THROWS_AS(fetch_to_memory(server.url("missing.html"), options), HttpStatusError);
    }
    SECTION("a truncated one is fetched again whole") {
        options.retries = 1;
        auto document = fetch_to_memory(server.url("truncate=1/report.html"), options);
        CHECK(document.body == "<p>Two sentences about a place.</p>\n");
    }
}
