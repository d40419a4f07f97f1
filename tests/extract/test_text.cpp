#include "extract/text.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <string>
#include <vector>

using namespace incimap::extract;

TEST_CASE("tokens are words, numbers and punctuation", "[extract][text]") {
    FoldedText f = fold("Over 1,200 fled; l'armée took 2.5 km.\nThen");
    auto tokens = tokenize(f);
    std::vector<std::string> texts;
    for (auto& t : tokens)
        texts.emplace_back(t.text);
    CHECK(texts == std::vector<std::string>{"over", "1,200", "fled", ";", "l", "'", "armee", "took",
                                            "2.5", "km", ".", "then"});
    CHECK(tokens[1].kind == TokenKind::number);
    CHECK(token_integer(tokens[1]) == 1200);
    CHECK(token_integer(tokens[8]) == -1);
    CHECK(tokens.back().newline_before);
    CHECK_FALSE(tokens[10].space_before);
}

TEST_CASE("integers with misplaced thousands separators are not whole numbers", "[extract][text]") {
    auto value = [](const char* s) {
        FoldedText f = fold(s);
        return token_integer(tokenize(f).at(0));
    };
    CHECK(value("12,000") == 12000);
    CHECK(value("12,00") == -1);
    CHECK(value("1234,567") == -1);
    CHECK(value("70") == 70);
}

TEST_CASE("a sentence's share of a document's words reads like the sentence alone",
          "[extract][text]") {
    const std::string document = "Calm returned to Gao. Gunmen killed three herders near Ménaka on Tuesday.";
    const std::size_t begin = document.find("Gunmen");
    const std::string_view sentence = std::string_view(document).substr(begin);
    const WordPass whole = read_words(document);
    Words share = words_between(whole.words(), begin, document.size());
    REQUIRE(share.size() == 9);  // gunmen killed three herders near menaka on tuesday .
    CHECK(share[0].is("gunmen"));
    CHECK(share.source_begin(0) == begin);

    SECTION("with the sentence's start as base, offsets are the sentence's own") {
        share.base = begin;
        const WordPass alone = read_words(sentence);
        const Words own = alone.words();
        REQUIRE(own.size() == share.size());
        for (std::size_t k = 0; k < own.size(); ++k) {
            CHECK(share[k].text == own[k].text);
            CHECK(share.source_begin(k) == own.source_begin(k));
            CHECK(share.source_end(k) == own.source_end(k));
        }
        CHECK(sentence.substr(share.source_begin(5), share.source_end(5) - share.source_begin(5)) == "Ménaka");
    }
    SECTION("a span with no word start in it has no words") {
        CHECK(words_between(whole.words(), begin + 1, begin + 3).size() == 0);
    }
}

TEST_CASE("words compare whole, or by a prefix", "[extract][text]") {
    CHECK(same_word("killed", "killed"));
    CHECK_FALSE(same_word("killed", "kills"));
    CHECK_FALSE(same_word("killed", "Killed"));
    CHECK(same_word("", ""));
    CHECK(word_starts_with("clashes", "clash"));
    CHECK_FALSE(word_starts_with("clas", "clash"));
    const std::array<std::string_view, 3> words = {"a", "an", "the"};
    CHECK(among(words, "an"));
    CHECK_FALSE(among(words, "and"));
}

TEST_CASE("a word set holds its words once, in order, and finds them whole", "[extract][text]") {
    const WordSet set({"the", "toll", "a", "the", "", "thereafter"});
    std::vector<std::string_view> words(set.words().begin(), set.words().end());
    // By first byte, then length, then bytes.
    CHECK(words == std::vector<std::string_view>{"a", "the", "toll", "thereafter"});
    CHECK(set.contains("the"));
    CHECK(set.contains("a"));
    CHECK(set.find("toll") == 2);
    CHECK(set.find("thereafter") == 3);

    SECTION("words of one first byte and length are told apart") {
        const WordSet same({"tell", "toll", "tall", "to", "tolls"});
        for (std::string_view w : {"tall", "tell", "toll", "to", "tolls"})
            CHECK(same.words()[same.find(w)] == w);
        CHECK_FALSE(same.contains("till"));
        CHECK_FALSE(same.contains("tol"));
    }

    SECTION("a word of another length or first letter is no member") {
        CHECK_FALSE(set.contains("then"));
        CHECK_FALSE(set.contains("th"));
        CHECK_FALSE(set.contains("an"));
        CHECK(set.find("tolls") == WordSet::npos);
    }
    SECTION("the empty word is never a member") {
        CHECK_FALSE(set.contains(""));
        CHECK_FALSE(WordSet().contains("the"));
    }
    SECTION("words of every length up to and past 8 bytes are told apart by all their bytes") {
        const WordSet lengths({"d", "de", "des", "dans", "delta", "depuis", "derrier", "derriere", "decembres",
                               "displacement", "displacements"});
        for (std::string_view w : lengths.words())
            CHECK(lengths.words()[lengths.find(w)] == w);
        // Same first and last bytes, another middle; one byte past 8 differs.
        for (std::string_view w : {"dx", "dzs", "dons", "dalta", "depuas", "derrxer", "derriexe", "decembrez",
                                   "displacemenx", "displacementz", "displacemen"})
            CHECK_FALSE(lengths.contains(w));
    }
    SECTION("a large set finds each of its words and no other") {
        std::vector<std::string> storage;
        for (char a = 'a'; a <= 'z'; ++a)
            for (char b = 'a'; b <= 'z'; ++b)
                storage.push_back(std::string{a, b, 'x', b, a});
        const WordSet large({storage.begin(), storage.end()});
        for (const std::string& w : storage)
            CHECK(large.words()[large.find(w)] == w);
        CHECK_FALSE(large.contains("abxaa"));
        CHECK_FALSE(large.contains("abxb"));
    }
    SECTION("words longer than 63 bytes are compared in full") {
        const std::string long_word(70, 'x');
        const WordSet longs({long_word});
        CHECK(longs.contains(long_word));
        CHECK_FALSE(longs.contains(std::string(64, 'x')));
    }
}
