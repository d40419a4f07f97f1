#include "sources/html.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace incimap::sources;

namespace {

const char* news_page = R"(<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Attack near Gao | Sahel Daily</title>
<meta property="og:title" content="Attack near Gao">
<meta property="article:published_time" content="2024-09-18T06:30:00+00:00">
<style>p { color: red }</style>
<script>var tracking = "killed 99 people";</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/sahel">Sahel</a></nav></header>
<aside class="sidebar"><p>Most read: a story about football that is long enough to matter here.</p></aside>
<article>
  <h1>Attack near Gao</h1>
  <figure><img src="x.jpg"><figcaption>Soldiers on patrol, in a file photo.</figcaption></figure>
  <p>Gunmen attacked a checkpoint near Gao on Tuesday, killing three soldiers.</p>
  <p>The army said the assailants fled toward the border &amp; were pursued.</p>
  <div class="share-buttons">Share on social media</div>
</article>
<footer>© Sahel Daily</footer>
</body></html>)";

std::vector<std::string> warnings;
WarningHandler warn = [](const std::string& w) { warnings.push_back(w); };

} // namespace

TEST_CASE("the article body is kept and the page furniture dropped", "[sources][html]") {
    auto doc = document_from_html(news_page, "gao.html", "", warn);
    CHECK(doc.text ==
          "Gunmen attacked a checkpoint near Gao on Tuesday, killing three soldiers.\n\n"
          "The army said the assailants fled toward the border & were pursued.");
    CHECK(doc.source_kind == SourceKind::html);
    CHECK(doc.id == "gao.html");
}

TEST_CASE("a heading that repeats the title is metadata, not text", "[sources][html]") {
    const auto page = [](const std::string& title, const std::string& heading) {
        return "<html><head><title>" + title + "</title></head><body><article><h1>" + heading +
               "</h1><p>Gunmen attacked a post in Gao on Monday.</p></article></body></html>";
    };
    CHECK(document_from_html(page("Post attacked in Gao", "Post  attacked in Gao"), "a", "", warn).text ==
          "Gunmen attacked a post in Gao on Monday.");
    CHECK(document_from_html(page("Post attacked in Gao | Sahel Wire", "Post attacked in Gao"), "b", "", warn)
              .text == "Gunmen attacked a post in Gao on Monday.");
    SECTION("another heading is text") {
        CHECK(document_from_html(page("Sahel Wire", "Post attacked in Gao"), "c", "", warn).text ==
              "Post attacked in Gao\n\nGunmen attacked a post in Gao on Monday.");
        CHECK(document_from_html(page("Post attacked in Gao again", "Post attacked in Gao"), "d", "", warn)
                  .text.starts_with("Post attacked in Gao\n\n"));
    }
}

TEST_CASE("title and publication date come from the metadata", "[sources][html]") {
    auto doc = document_from_html(news_page, "gao.html", "", warn);
    CHECK(doc.title == "Attack near Gao");
    CHECK(doc.published == "2024-09-18");
}

TEST_CASE("without <article>, the block with the most paragraph text wins", "[sources][html]") {
    const char* page = R"(<html><head><title>Kidal</title></head><body>
      <div id="menu"><p>Home</p><p>World</p></div>
      <div class="content"><p>The army entered Kidal on Tuesday.</p><p>Rebels had left the town the day before.</p></div>
      </body></html>)";
    auto doc = document_from_html(page, "kidal.html", "", warn);
    CHECK(doc.text == "The army entered Kidal on Tuesday.\n\nRebels had left the town the day before.");
    CHECK(doc.title == "Kidal");
    CHECK(doc.published.empty());
}

TEST_CASE("publication dates from other metadata", "[sources][html]") {
    SECTION("JSON-LD datePublished") {
        auto doc = document_from_html(R"(<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2023-11-14T10:00:00Z"}]}
            </script></head><body><p>Text of the report.</p></body></html>)",
                                      "ld.html", "", warn);
        CHECK(doc.published == "2023-11-14");
    }
    SECTION("a <time datetime> in the article") {
        auto doc = document_from_html(
            R"(<html><body><article><time datetime="2024-07-29">29 July</time><p>Fighting near the border.</p></article></body></html>)",
            "t.html", "", warn);
        CHECK(doc.published == "2024-07-29");
    }
    SECTION("a date meta") {
        auto doc = document_from_html(R"(<html><head><meta name="date" content="2020-05-09"></head><body><p>Report.</p></body></html>)",
                                      "m.html", "", warn);
        CHECK(doc.published == "2020-05-09");
    }
}

TEST_CASE("charsets are converted to UTF-8", "[sources][html]") {
    std::string latin1 = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
                         "</head><body><p>Attaque \xe0 M\xe9naka</p></body></html>";
    CHECK(declared_charset(latin1) == "iso-8859-1");
    CHECK(document_from_html(latin1, "l1.html", "", warn).text == "Attaque à Ménaka");
    SECTION("the caller's charset wins") {
        std::string bytes = "<html><body><p>D\xe9j\xe0</p></body></html>";
        CHECK(document_from_html(bytes, "w.html", "windows-1252", warn).text == "Déjà");
    }
    SECTION("<meta charset>") {
        CHECK(declared_charset("<html><head><meta charset='windows-1252'>") == "windows-1252");
        CHECK(declared_charset("<html><head><title>x</title>").empty());
    }
}

TEST_CASE("a page whose meta names a single-byte charset but whose bytes are UTF-8", "[sources][html]") {
    warnings.clear();
    const auto doc = document_from_html(
        "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Attaque à Ménaka</p></body></html>",
        "wrong.html", "", warn);
    CHECK(doc.text == "Attaque à Ménaka");
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] == "wrong.html: declared charset 'iso-8859-1' but the bytes are UTF-8; read as UTF-8");
}

TEST_CASE("named and numeric entities are decoded", "[sources][html]") {
    const auto doc = document_from_html(
        "<html><head><title>Gao &ndash; Tomb&#233;</title></head><body><article>"
        "<p>L&rsquo;arm&eacute;e &amp; les VDP &#x2014; &quot;10&nbsp;morts&quot; &lt;Kaya&gt;</p>"
        "</article></body></html>",
        "entities.html", "", warn);
    CHECK(doc.title == "Gao – Tombé");
    CHECK(doc.text == "L’armée & les VDP — \"10\u00A0morts\" <Kaya>");  // the reader folds U+00A0
}

TEST_CASE("invalid UTF-8 in an HTML page is repaired with a warning", "[sources][html]") {
    warnings.clear();
    auto doc = document_from_html("<html><body><p>Gao \xff ok</p></body></html>", "bad.html", "", warn);
    CHECK(doc.text == "Gao \xEF\xBF\xBD ok");
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("bad.html") == 0);
}

TEST_CASE("broken HTML is still read", "[sources][html]") {
    auto doc = document_from_html("<p>First<p>Second <b>bold</i> end", "broken.html", "", warn);
    CHECK(doc.text == "First\n\nSecond bold end");
    CHECK(document_from_html("", "empty.html", "", warn).text.empty());
    CHECK(document_from_html("\x01\x02\x03 binary", "bin.html", "", warn).text.find("binary") != std::string::npos);
}

TEST_CASE("HTML fragments become text", "[sources][html]") {
    CHECK(html_fragment_text("<p>Two soldiers &amp; a civilian</p><p>were killed.</p>", "f") ==
          "Two soldiers & a civilian\n\nwere killed.");
    CHECK(html_fragment_text("  plain   text  ", "f") == "plain text");
}
