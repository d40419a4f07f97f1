#include "sources/feed.hpp"

#include "core/error.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace incimap::sources;

namespace {
std::vector<std::string> warnings;
WarningHandler warn = [](const std::string& w) { warnings.push_back(w); };
} // namespace

TEST_CASE("RSS 2.0 items are documents", "[sources][feed]") {
    const char* rss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Sahel news</title>
<item>
  <title>Drone strike near Kidal</title>
  <link>https://news.example/kidal</link>
  <guid>kidal-1</guid>
  <pubDate>Mon, 26 Aug 2024 09:00:00 GMT</pubDate>
  <description>&lt;p&gt;A drone strike hit a pharmacy.&lt;/p&gt;</description>
</item>
<item>
  <title>Protest in Niamey</title>
  <link>https://news.example/niamey</link>
  <description>Short summary.</description>
  <content:encoded><![CDATA[<p>Thousands <b>marched</b> in Niamey.</p><p>No incident was reported.</p>]]></content:encoded>
</item>
</channel></rss>)";
    auto docs = documents_from_feed(rss, "sahel.rss", warn);
    REQUIRE(docs.size() == 2);
    CHECK(docs[0].title == "Drone strike near Kidal");
    CHECK(docs[0].url == "https://news.example/kidal");
    CHECK(docs[0].id == "kidal-1");
    CHECK(docs[0].published == "2024-08-26");
    CHECK(docs[0].text == "A drone strike hit a pharmacy.");
    CHECK(docs[0].source_kind == SourceKind::rss);
    SECTION("content:encoded is preferred to the description; the link is the id without a guid") {
        CHECK(docs[1].text == "Thousands marched in Niamey.\n\nNo incident was reported.");
        CHECK(docs[1].id == "https://news.example/niamey");
        CHECK(docs[1].published.empty());
    }
}

TEST_CASE("Atom entries are documents", "[sources][feed]") {
    const char* atom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Reports</title>
  <entry>
    <title>Clashes in Tessit</title>
    <link rel="alternate" href="https://reports.example/tessit"/>
    <id>urn:report:7</id>
    <updated>2024-08-02T12:00:00Z</updated>
    <published>2024-08-01T08:00:00Z</published>
    <summary>Summary only.</summary>
    <content type="html">&lt;p&gt;Fighting broke out in Tessit.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title type="text">Abduction near Diffa</title>
    <id>urn:report:8</id>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Gunmen abducted two herders.</p></div></content>
  </entry>
</feed>)";
    auto docs = documents_from_feed(atom, "reports.atom", warn);
    REQUIRE(docs.size() == 2);
    CHECK(docs[0].source_kind == SourceKind::atom);
    CHECK(docs[0].url == "https://reports.example/tessit");
    CHECK(docs[0].id == "urn:report:7");
    CHECK(docs[0].published == "2024-08-01");
    CHECK(docs[0].text == "Fighting broke out in Tessit.");
    CHECK(docs[1].text == "Gunmen abducted two herders.");
    CHECK(docs[1].title == "Abduction near Diffa");
}

TEST_CASE("an item without text or title is skipped with a warning", "[sources][feed]") {
    warnings.clear();
    auto docs = documents_from_feed("<rss><channel><item><link>x</link></item></channel></rss>", "e.rss", warn);
    CHECK(docs.empty());
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] == "e.rss: item 1 has neither text nor title; skipped");
}

TEST_CASE("malformed and hostile feeds fail cleanly", "[sources][feed]") {
    SECTION("not well-formed XML names the feed and line") {
        CHECK_THROWS_WITH(documents_from_feed("<rss>\n<channel>\n<item></channel></rss>", "bad.rss", warn),
                          Catch::StartsWith("bad.rss:3: not well-formed XML"));
    }
    SECTION("not a feed") {
        CHECK_THROWS_WITH(documents_from_feed("<html><body/></html>", "page.xml", warn),
                          Catch::Contains("neither an RSS nor an Atom feed"));
    }
    SECTION("a billion laughs") {
        std::string bomb = R"(<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss><channel><item><title>t</title><description>&lol9;</description></item></channel></rss>)";
        try {
            auto docs = documents_from_feed(bomb, "bomb.rss", warn);
            for (const auto& d : docs)
                CHECK(d.text.size() < 1000);
        } catch (const incimap::InputError& e) {
            CHECK(std::string(e.what()).find("bomb.rss") == 0);
        }
    }
    SECTION("an external entity is not fetched") {
        std::string xxe = R"(<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<rss><channel><item><title>t</title><description>x&secret;y</description></item></channel></rss>)";
        try {
            auto docs = documents_from_feed(xxe, "xxe.rss", warn);
            REQUIRE(docs.size() == 1);
            CHECK(docs[0].text.find("root:") == std::string::npos);
        } catch (const incimap::InputError&) {
            SUCCEED("refused");
        }
    }
}

TEST_CASE("feeds are recognised by their root", "[sources][feed]") {
    CHECK(looks_like_feed("<?xml version='1.0'?><rss version='2.0'>"));
    CHECK(looks_like_feed("<feed xmlns='http://www.w3.org/2005/Atom'>"));
    CHECK_FALSE(looks_like_feed("<html><body>"));
}
