// Reports from the web: pages fetched from the loopback server, told apart
// by content type, converted from the charset the server declares, and kept
// in the page cache.
#include "sources/url_documents.hpp"
#include "support/loopback_server.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>

using namespace incimap;
using namespace incimap::sources;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using incimap::test::LoopbackServer;
using incimap::test::ScratchDir;
using incimap::test::write_file;

namespace {

constexpr std::string_view article = R"(<html><head><title>Market burned in Ségou</title>
<meta property="article:published_time" content="2024-03-02T09:00:00Z"></head>
<body><article><p>Gunmen set fire to the weekly market of Ségou on Friday.</p>
<p>Traders said dozens of stalls were lost.</p></article></body></html>
)";

// A served folder, a cache folder, and quick limits.
struct WebFixture {
    ScratchDir served;
    ScratchDir cache_dir;
    LoopbackServer server{served.path()};
    WebReadOptions options;
    std::vector<std::string> warnings;
    WarningHandler warn = [this](const std::string& w) { warnings.push_back(w); };

    WebFixture() {
        write_file(served / "article.html", article);
        options.cache.emplace(cache_dir / "pages");
        options.download.connect_timeout = std::chrono::seconds(5);
        options.download.low_speed_time = std::chrono::seconds(10);
        options.download.retries = 0;
    }
    std::size_t requests() const { return server.requests().size(); }
};

} // namespace

TEST_CASE("The charset of a Content-Type", "[sources]") {
    CHECK(content_type_charset("text/html; charset=ISO-8859-1") == "iso-8859-1");
    CHECK(content_type_charset("text/plain;format=flowed; Charset=\"utf-8\"") == "utf-8");
    CHECK(content_type_charset("text/html") == "");
    CHECK(content_type_charset("") == "");
}

TEST_CASE("A page's format comes from its content type, else its name and first bytes",
          "[sources]") {
    CHECK(page_format("text/html; charset=utf-8", "http://h/news", "plain words") ==
          InputFormat::html);
    CHECK(page_format("application/rss+xml", "http://h/feed", "<rss>") == InputFormat::feed);
    CHECK(page_format("application/x-ndjson", "http://h/b", "{}") == InputFormat::json_lines);
    CHECK(page_format("text/plain", "http://h/report", "Gunmen attacked") == InputFormat::text);
    CHECK(page_format("application/xml", "http://h/feed", "<?xml version=\"1.0\"?><rss>") ==
          InputFormat::feed);
    CHECK(page_format("", "http://h/a/story.html?id=3", "") == InputFormat::html);
    CHECK(page_format("application/octet-stream", "http://h/x", "<html><p>a</p>") ==
          InputFormat::html);
}

TEST_CASE("A web page is read once, then from the cache", "[sources][network]") {
    WebFixture f;
    const auto url = f.server.url("article.html");
    const auto docs = read_url_documents(url, f.options, f.warn);
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].title == "Market burned in Ségou");
    CHECK(docs[0].published == "2024-03-02");
    CHECK_THAT(docs[0].text, Contains("weekly market of Ségou"));
    CHECK(docs[0].url == url);
    REQUIRE(f.requests() == 1);
    CHECK_THAT(f.server.requests()[0].user_agent, StartsWith("incimap/"));

    SECTION("the cache keeps the final URL, content type and fetch time") {
        const auto kept = f.options.cache->find(url);
        REQUIRE(kept);
        CHECK(kept->final_url == url);
        CHECK(kept->content_type == "text/html");
        CHECK(kept->fetched.size() == 20);  // YYYY-MM-DDTHH:MM:SSZ
        CHECK(kept->body == article);
    }
    SECTION("reading again does not download") {
        CHECK(read_url_documents(url, f.options, f.warn)[0].text == docs[0].text);
        CHECK(f.requests() == 1);
    }
    SECTION("refresh downloads again") {
        f.options.refresh = true;
        read_url_documents(url, f.options, f.warn);
        CHECK(f.requests() == 2);
    }
    SECTION("a damaged cache file is a miss, not an error") {
        write_file(f.options.cache->file_of(url), "{\"url\": \"");
        read_url_documents(url, f.options, f.warn);
        CHECK(f.requests() == 2);
    }
}

TEST_CASE("A redirected page is named by where it ended", "[sources][network]") {
    WebFixture f;
    const auto docs = read_url_documents(f.server.url("redirect=2/article.html"), f.options, f.warn);
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].url == f.server.url("redirect=0/article.html"));
    CHECK(f.options.cache->find(f.server.url("redirect=2/article.html")));
}

TEST_CASE("Pages that cannot be fetched fail naming the URL and leave nothing in the cache",
          "[sources][network]") {
    WebFixture f;
    std::string url;
    SECTION("404") {
        url = f.server.url("missing.html");
        try {
            fetch_page(url, f.options);
            FAIL("no error");
        } catch (const HttpStatusError& e) {
            CHECK(e.status() == 404);
            CHECK_THAT(e.what(), Contains(url));
        }
    }
    SECTION("a stall") {
        f.options.download.low_speed_time = std::chrono::seconds(1);
        url = f.server.url("stall=9/article.html");
        CHECK_THROWS_WITH(fetch_page(url, f.options), Contains("stalled") && Contains(url));
    }
    SECTION("a page over the size cap") {
        f.options.download.max_bytes = 100;
        url = f.server.url("article.html");
        CHECK_THROWS_AS(fetch_page(url, f.options), NetworkError);
    }
    CHECK_FALSE(std::filesystem::exists(f.options.cache->file_of(url)));
}

TEST_CASE("The charset the server declares is honoured", "[sources][network]") {
    WebFixture f;
    SECTION("a Latin-1 HTML page without a meta charset") {
        write_file(f.served / "latin1.html",
                   "<html><head><title>D\xE9g\xE2ts \xE0 S\xE9gou</title></head><body><article>"
                   "<p>Le march\xE9 de S\xE9gou a br\xFBl\xE9 vendredi.</p></article></body></html>");
        write_file(f.served / "latin1.html.content-type", "text/html; charset=ISO-8859-1");
        const auto docs = read_url_documents(f.server.url("latin1.html"), f.options, f.warn);
        REQUIRE(docs.size() == 1);
        CHECK(docs[0].title == "Dégâts à Ségou");
        CHECK_THAT(docs[0].text, Contains("Le marché de Ségou a brûlé vendredi."));
    }
    SECTION("Latin-1 and windows-1252 text") {
        write_file(f.served / "note.txt", "March\xE9 de S\xE9gou \x96 incendie");
        write_file(f.served / "note.txt.content-type", "text/plain; charset=windows-1252");
        const auto docs = read_url_documents(f.server.url("note.txt"), f.options, f.warn);
        REQUIRE(docs.size() == 1);
        CHECK(docs[0].text == "Marché de Ségou – incendie");
        CHECK(f.warnings.empty());
    }
    SECTION("a windows-1252 HTML page that declares it only in a meta") {
        write_file(f.served / "cp1252.html",
                   "<html><head><meta charset=\"windows-1252\"><title>Attaque \x96 Gao</title>"
                   "</head><body><article><p>L\x92" "arm\xE9" "e a riposT\xE9.</p></article></body></html>");
        const auto docs = read_url_documents(f.server.url("cp1252.html"), f.options, f.warn);
        REQUIRE(docs.size() == 1);
        CHECK(docs[0].title == "Attaque – Gao");
        CHECK(docs[0].text == "L’armée a riposTé.");
        CHECK(f.warnings.empty());
    }
    for (const std::string declared : {"ISO-8859-1", "UTF-16"}) {
        SECTION("a page declared " + declared + " whose bytes are UTF-8 is read as UTF-8, with a warning") {
            write_file(f.served / "mislabelled.html",
                       "<html><head><title>Dégâts à Ségou</title></head><body><article>"
                       "<p>Le marché de Ségou a brûlé.</p></article></body></html>");
            write_file(f.served / "mislabelled.html.content-type", "text/html; charset=" + declared);
            const auto url = f.server.url("mislabelled.html");
            const auto docs = read_url_documents(url, f.options, f.warn);
            REQUIRE(docs.size() == 1);
            CHECK(docs[0].title == "Dégâts à Ségou");
            CHECK(docs[0].text == "Le marché de Ségou a brûlé.");
            REQUIRE(f.warnings.size() == 1);
            std::string lower = declared;
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            CHECK(f.warnings[0] == url + ": declared charset '" + lower +
                                       "' but the bytes are UTF-8; read as UTF-8");
        }
    }
    SECTION("text declared UTF-16 whose bytes are UTF-8 is read as UTF-8") {
        write_file(f.served / "note.txt", "Gunmen attacked the market of Gao on Friday.");
        write_file(f.served / "note.txt.content-type", "text/plain; charset=utf-16");
        const auto docs = read_url_documents(f.server.url("note.txt"), f.options, f.warn);
        REQUIRE(docs.size() == 1);
        CHECK(docs[0].text == "Gunmen attacked the market of Gao on Friday.");
        CHECK(f.warnings.size() == 1);
    }
    SECTION("text declared windows-1252 whose bytes are UTF-8 is read as UTF-8") {
        write_file(f.served / "note.txt", "Marché de Ségou – incendie");
        write_file(f.served / "note.txt.content-type", "text/plain; charset=windows-1252");
        const auto docs = read_url_documents(f.server.url("note.txt"), f.options, f.warn);
        REQUIRE(docs.size() == 1);
        CHECK(docs[0].text == "Marché de Ségou – incendie");
        CHECK(f.warnings.size() == 1);
    }
    SECTION("a page declared UTF-8 whose bytes are Latin-1 is read, its bad bytes replaced") {
        write_file(f.served / "latin1.html",
                   "<html><body><article><p>Le march\xE9 de Gao.</p></article></body></html>");
        write_file(f.served / "latin1.html.content-type", "text/html; charset=utf-8");
        const auto url = f.server.url("latin1.html");
        const auto docs = read_url_documents(url, f.options, f.warn);
        REQUIRE(docs.size() == 1);
        CHECK(docs[0].text == "Le march\uFFFD de Gao.");
        REQUIRE(f.warnings.size() == 1);
        CHECK(f.warnings[0] == url + ": 1 invalid UTF-8 byte replaced with U+FFFD");
    }
    SECTION("text in a charset not converted is read as UTF-8 with a warning") {
        write_file(f.served / "note.txt", "Ségou");
        write_file(f.served / "note.txt.content-type", "text/plain; charset=koi8-r");
        const auto docs = read_url_documents(f.server.url("note.txt"), f.options, f.warn);
        REQUIRE(docs.size() == 1);
        CHECK(docs[0].text == "Ségou");
        REQUIRE(f.warnings.size() == 1);
        CHECK_THAT(f.warnings[0], Contains("koi8-r"));
    }
}

TEST_CASE("A feed served without an extension is read by its content type",
          "[sources][network]") {
    WebFixture f;
    write_file(f.served / "latest",
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
               "<title>Sahel wire</title><item><title>Clash near Dori</title>"
               "<link>http://wire.example/dori</link>"
               "<description>Soldiers and gunmen clashed near Dori on Monday.</description>"
               "</item></channel></rss>");
    write_file(f.served / "latest.content-type", "application/rss+xml");
    const auto docs = read_url_documents(f.server.url("latest"), f.options, f.warn);
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].title == "Clash near Dori");
    CHECK(docs[0].url == "http://wire.example/dori");
}
