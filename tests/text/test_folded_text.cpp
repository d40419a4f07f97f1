#include "text/folded_text.hpp"

#include "text/fold.hpp"
#include "text/utf8.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace incimap::text;

TEST_CASE("folding removes accents and typographic marks but keeps offsets", "[text][folded]") {
    std::string source = "L’armée a tué « 12 » hommes – à Ménaka";
    FoldedText f = fold(source);
    CHECK(f.lower == "l'armee a tue \" 12 \" hommes - a menaka");
    CHECK(f.cased == "L'armee a tue \" 12 \" hommes - a Menaka");

    SECTION("a folded span maps back to the original bytes") {
        auto at = f.lower.find("menaka");
        CHECK(source.substr(f.source_begin(at), f.source_end(at + 6) - f.source_begin(at)) == "Ménaka");
        auto armee = f.lower.find("armee");
        CHECK(source.substr(f.source_begin(armee), f.source_end(armee + 5) - f.source_begin(armee)) == "armée");
    }
    SECTION("ligatures expand to two letters") {
        CHECK(fold_lower("Œuvre") == "oeuvre");
    }
    SECTION("bytes that are not UTF-8 pass through") {
        CHECK(fold_lower(std::string("a\xff" "b")) == std::string("a\xff" "b"));
    }
}

TEST_CASE("folding copies long ASCII runs and keeps every offset", "[text][folded]") {
    const std::string source = "At dawn in Ménaka, then « calm » again.";
    const FoldedText f = fold(source);
    REQUIRE(f.origin.size() == f.cased.size() + 1);
    CHECK(f.origin.back() == source.size());
    CHECK(f.lower == "at dawn in menaka, then \" calm \" again.");
    CHECK(f.origin[f.lower.find("then")] == source.find("then"));
    CHECK(f.origin[f.lower.find("again")] == source.find("again"));
}

TEST_CASE("the letters of Sahel languages fold as name keys spell them", "[text][folded]") {
    CHECK(fold_lower("Kulikɔrɔ") == "kulikoro");
    CHECK(fold_lower("Sɛgu") == "segu");
    CHECK(fold("Ɗan Issa").cased == "Dan Issa");
    CHECK(fold_lower("Ŋɔnɔ") == "ngono");
    CHECK(fold_lower("Straße") == "strasse");
    SECTION("a character outside the table is copied") {
        CHECK(fold_lower("3 × 4") == "3 × 4");
        CHECK(fold_lower("Кидаль") == "Кидаль");
    }
}

TEST_CASE("a letter the reader spells in ASCII has that spelling, lowercased, as its name key",
          "[text][folded]") {
    for (char32_t c = 0x80; c <= 0x2FF; ++c) {
        std::string letter;
        append_utf8(letter, c);
        const std::string folded = fold_lower(letter);
        if (folded == letter || folded.find_first_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos)
            continue;
        INFO("U+" << std::hex << static_cast<unsigned>(c));
        CHECK(name_key(letter) == folded);
    }
}
