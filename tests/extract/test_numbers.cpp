#include "extract/numbers.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace incimap::extract;

namespace {

// The quantity at the start of text, and how many tokens it took.
std::pair<long, std::size_t> quantity(const std::string& text, bool* vague = nullptr) {
    FoldedText folded = fold(text);
    auto tokens = tokenize(folded);
    auto q = read_quantity(tokens, 0);
    if (!q)
        return {-1, 0};
    if (vague)
        *vague = q->vague;
    return {q->value, q->end};
}

long value(const std::string& text) { return quantity(text).first; }

} // namespace

TEST_CASE("digits and thousands separators", "[extract][numbers]") {
    CHECK(value("70 dead") == 70);
    CHECK(value("1,200 displaced") == 1200);
    CHECK(value("3 thousand") == 3000);
}

TEST_CASE("English number words", "[extract][numbers]") {
    CHECK(value("one soldier") == 1);
    CHECK(value("seventeen members") == 17);
    CHECK(value("twenty-five") == 25);
    CHECK(value("ninety nine") == 99);
    CHECK(value("a hundred") == 100);
    CHECK(value("one hundred and twenty people") == 120);
    CHECK(value("two hundred") == 200);
    CHECK(value("a thousand") == 1000);
    CHECK(value("hundred") == -1);
    CHECK(quantity("twenty people").second == 1);
    CHECK(quantity("twenty-one people").second == 3);
}

TEST_CASE("dozens in English and French", "[extract][numbers]") {
    CHECK(value("a dozen") == 12);
    CHECK(value("two dozen") == 24);
    CHECK(value("half a dozen") == 6);
    CHECK(value("une dizaine de soldats") == 10);
    CHECK(value("une vingtaine") == 20);
    CHECK(value("une centaine") == 100);
}

TEST_CASE("French number words", "[extract][numbers]") {
    CHECK(value("deux soldats") == 2);
    CHECK(value("dix-sept") == 17);
    CHECK(value("vingt-cinq") == 25);
    CHECK(value("trente et un") == 31);
    CHECK(value("soixante-dix") == 70);
    CHECK(value("soixante et onze") == 71);
    CHECK(value("quatre-vingts") == 80);
    CHECK(value("quatre-vingt-dix-neuf") == 99);
    CHECK(value("cent vingt") == 120);
    CHECK(value("deux cents") == 200);
    CHECK(value("mille") == 1000);
}

TEST_CASE("vague quantities take ACLED's figures and are flagged", "[extract][numbers]") {
    bool vague = false;
    CHECK(quantity("dozens of", &vague).first == 12);
    CHECK(vague);
    CHECK(value("tens of") == 10);
    CHECK(value("hundreds") == 100);
    CHECK(value("several") == 10);
    CHECK(value("a few") == 3);
    CHECK(value("des dizaines") == 10);
    CHECK(value("de nombreux") == 10);
    quantity("seven", &vague);
    CHECK_FALSE(vague);
}

TEST_CASE("words that are not numbers", "[extract][numbers]") {
    CHECK(value("soldiers") == -1);
    CHECK(value("a soldier") == -1);
    CHECK(value("") == -1);
}

TEST_CASE("a number opens with digits or a number word", "[extract][numbers]") {
    const FoldedText folded = fold("Twelve men, 3 boys, dozens of others and the rest");
    const auto tokens = tokenize(folded);
    auto opens = [&](std::string_view word) {
        for (const auto& t : tokens)
            if (t.text == word)
                return opens_quantity(t);
        FAIL("no token " << word);
        return false;
    };
    CHECK(opens("twelve"));
    CHECK(opens("3"));
    CHECK(opens("dozens"));
    CHECK_FALSE(opens("men"));
    CHECK_FALSE(opens("rest"));
    CHECK_FALSE(opens(","));
    CHECK(quantity_openers().contains("vingt"));
    CHECK_FALSE(quantity_openers().contains("boys"));
}
