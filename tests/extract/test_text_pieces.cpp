#include "extract/text_pieces.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace incimap::extract;

namespace {

void check_cover(const std::string& text, const std::vector<TextPiece>& pieces, std::size_t limit) {
    REQUIRE_FALSE(pieces.empty());
    CHECK(pieces.front().begin == 0);
    CHECK(pieces.back().end == text.size());
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        CHECK(pieces[i].end - pieces[i].begin <= limit);
        CHECK(pieces[i].end > pieces[i].begin);
        if (i > 0)
            CHECK(pieces[i].begin == pieces[i - 1].end);
    }
}

} // namespace

TEST_CASE("A report no longer than the limit is one piece", "[text_pieces]") {
    const std::string text = "Gunmen attacked Djibo. Three traders died.";
    const auto pieces = split_into_pieces(text, 100);
    REQUIRE(pieces.size() == 1);
    CHECK(pieces[0].end == text.size());
}

TEST_CASE("A long report is cut at paragraph breaks first, then after sentences, then at spaces",
          "[text_pieces]") {
    const std::string paragraph = "Gunmen attacked the market of Djibo. Three traders died.\n\n";  // 58 bytes
    std::string paragraphs;
    for (int i = 0; i < 10; ++i)
        paragraphs += paragraph;
    auto pieces = split_into_pieces(paragraphs, 150);
    check_cover(paragraphs, pieces, 150);
    for (const auto& p : pieces)
        CHECK(paragraphs.substr(p.begin, p.end - p.begin).starts_with("Gunmen"));

    std::string sentences;
    for (int i = 0; i < 10; ++i)
        sentences += "Gunmen attacked the market of Djibo. ";
    pieces = split_into_pieces(sentences, 100);
    check_cover(sentences, pieces, 100);
    for (std::size_t i = 0; i + 1 < pieces.size(); ++i)
        CHECK(sentences.substr(pieces[i].begin, pieces[i].end - pieces[i].begin).ends_with("Djibo. "));

    std::string words;
    for (int i = 0; i < 40; ++i)
        words += "gunmen ";
    pieces = split_into_pieces(words, 50);
    check_cover(words, pieces, 50);
    for (std::size_t i = 0; i + 1 < pieces.size(); ++i)
        CHECK(words[pieces[i].end - 1] == ' ');
}

TEST_CASE("A text without spaces is cut outside its UTF-8 sequences", "[text_pieces]") {
    std::string text;
    for (int i = 0; i < 100; ++i)
        text += "\xC3\xA9";  // é, two bytes each
    const auto pieces = split_into_pieces(text, 51);
    check_cover(text, pieces, 51);
    for (const auto& p : pieces)
        CHECK((static_cast<unsigned char>(text[p.begin]) & 0xC0) != 0x80);
}
