#include "sources/document.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace incimap::sources;

TEST_CASE("valid UTF-8 is left alone", "[sources][document]") {
    std::string text = "Ménaka, Tinzaouatène — « 70 morts » 🙂";
    std::string copy = text;
    CHECK(repair_utf8(copy) == 0);
    CHECK(copy == text);
}

TEST_CASE("invalid UTF-8 is replaced with U+FFFD, byte by byte", "[sources][document]") {
    SECTION("a Latin-1 byte") {
        std::string text = "M\xe9naka";
        CHECK(repair_utf8(text) == 1);
        CHECK(text == "M\xEF\xBF\xBDnaka");
    }
    SECTION("a truncated sequence at the end") {
        std::string text = "Gao \xE2\x80";
        CHECK(repair_utf8(text) == 2);
        CHECK(text == "Gao \xEF\xBF\xBD\xEF\xBF\xBD");
    }
    SECTION("after long runs of ASCII, wherever the byte falls") {
        for (std::size_t before = 0; before < 20; ++before) {
            std::string text = std::string(before, 'a') + "\xe9" + std::string(before, 'b') + "\xC3\xA9";
            INFO(before);
            CHECK(repair_utf8(text) == 1);
            CHECK(text == std::string(before, 'a') + "\xEF\xBF\xBD" + std::string(before, 'b') + "\xC3\xA9");
        }
    }
    SECTION("overlong forms and surrogates") {
        std::string overlong = "\xC0\xAF";
        CHECK(repair_utf8(overlong) == 2);
        std::string surrogate = "\xED\xA0\x80";
        CHECK(repair_utf8(surrogate) == 3);
        std::string too_high = "\xF4\x90\x80\x80";
        CHECK(repair_utf8(too_high) == 4);
    }
}

TEST_CASE("a text document", "[sources][document]") {
    std::vector<std::string> warnings;
    auto warn = [&](const std::string& w) { warnings.push_back(w); };
    SECTION("the first short line is the title") {
        auto doc = document_from_text("Attack in Kati\r\n\r\nGunmen attacked a post.\r\n", "kati.txt", warn);
        CHECK(doc.title == "Attack in Kati");
        CHECK(doc.text == "Attack in Kati\n\nGunmen attacked a post.\n");
        CHECK(doc.id == "kati.txt");
        CHECK(doc.source_kind == SourceKind::text);
        CHECK(doc.published.empty());
        CHECK(warnings.empty());
    }
    SECTION("one line has no title") {
        CHECK(document_from_text("Gunmen attacked a post.", "a.txt", warn).title.empty());
    }
    SECTION("bad bytes are repaired with a warning naming the document") {
        auto doc = document_from_text("Gao \xff\n", "bad.txt", warn);
        CHECK(doc.text == "Gao \xEF\xBF\xBD\n");
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0] == "bad.txt: 1 invalid UTF-8 byte replaced with U+FFFD");
    }
    SECTION("a header block gives title, date and URL and leaves the text") {
        auto doc = document_from_text("Title: Attack in Kati\nPublished: 2024-09-18\n"
                                      "URL: https://example.org/kati\n\nGunmen attacked a post.\n",
                                      "kati.txt", warn);
        CHECK(doc.title == "Attack in Kati");
        CHECK(doc.published == "2024-09-18");
        CHECK(doc.url == "https://example.org/kati");
        CHECK(doc.text == "Gunmen attacked a post.\n");
    }
    SECTION("a first line with a colon that is no header stays in the text") {
        auto doc = document_from_text("Breaking: attack in Kati\n\nGunmen attacked a post.", "k.txt", warn);
        CHECK(doc.title == "Breaking: attack in Kati");
        CHECK(doc.text.starts_with("Breaking: attack in Kati\n"));
    }
    SECTION("a byte order mark is dropped") {
        CHECK(document_from_text("\xEF\xBB\xBFHello", "bom.txt", warn).text == "Hello");
    }
}

TEST_CASE("a declared single-byte charset gives way to bytes that are UTF-8", "[sources][document]") {
    std::vector<std::string> warnings;
    WarningHandler warn = [&](const std::string& w) { warnings.push_back(w); };
    CHECK(charset_of_bytes("Marché", "ISO-8859-1", "p", warn) == "utf-8");
    CHECK(charset_of_bytes("Marché", "windows-1252", "p", warn) == "utf-8");
    REQUIRE(warnings.size() == 2);
    CHECK(warnings[0] == "p: declared charset 'iso-8859-1' but the bytes are UTF-8; read as UTF-8");
    warnings.clear();
    SECTION("bytes that are not UTF-8 keep the declaration") {
        CHECK(charset_of_bytes("March\xE9", "ISO-8859-1", "p", warn) == "iso-8859-1");
    }
    SECTION("ASCII bytes keep it too: nothing tells them apart") {
        CHECK(charset_of_bytes("Market", "windows-1252", "p", warn) == "windows-1252");
    }
    SECTION("other charsets are not second-guessed") {
        CHECK(charset_of_bytes("Marché", "koi8-r", "p", warn) == "koi8-r");
        CHECK(charset_of_bytes("Marché", "", "p", warn) == "");
    }
    CHECK(warnings.empty());
}

TEST_CASE("UTF-16 or UTF-32 declared for UTF-8 bytes gives way to them", "[sources][document]") {
    std::vector<std::string> warnings;
    WarningHandler warn = [&](const std::string& w) { warnings.push_back(w); };
    CHECK(charset_of_bytes("Marché de Ségou", "UTF-16", "p", warn) == "utf-8");
    CHECK(charset_of_bytes("Market", "utf-16le", "p", warn) == "utf-8");  // ASCII too
    CHECK(charset_of_bytes("Market", "UTF-32", "p", warn) == "utf-8");
    REQUIRE(warnings.size() == 3);
    CHECK(warnings[0] == "p: declared charset 'utf-16' but the bytes are UTF-8; read as UTF-8");
    warnings.clear();
    SECTION("wide text keeps the declaration") {
        CHECK(charset_of_bytes(std::string_view("M\0a\0r\0", 6), "UTF-16LE", "p", warn) == "utf-16le");
        CHECK(charset_of_bytes("\xFF\xFE\x3A\x4E", "UTF-16", "p", warn) == "utf-16");
    }
    CHECK(warnings.empty());
}

TEST_CASE("dates from metadata", "[sources][document]") {
    CHECK(iso_date_from_metadata("2024-09-17") == "2024-09-17");
    CHECK(iso_date_from_metadata("2024-09-17T08:15:00+00:00") == "2024-09-17");
    CHECK(iso_date_from_metadata("Tue, 17 Sep 2024 08:15:00 GMT") == "2024-09-17");
    CHECK(iso_date_from_metadata("17 September 2024") == "2024-09-17");
    CHECK(iso_date_from_metadata(" 2024-02-30") == "");
    CHECK(iso_date_from_metadata("yesterday") == "");
    CHECK(iso_date_from_metadata("") == "");
    CHECK(source_kind_name(SourceKind::atom) == "atom");
}
