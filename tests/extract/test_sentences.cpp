#include "extract/sentences.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace incimap::extract;

namespace {
std::vector<std::string> sentences_of(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& s : split_sentences(text))
        out.emplace_back(s.in(text));
    return out;
}
} // namespace

TEST_CASE("sentences end at full stops, question and exclamation marks", "[extract][sentences]") {
    CHECK(sentences_of("Gunmen attacked a post. Two soldiers died! Who did it?  Nobody knows.") ==
          std::vector<std::string>{"Gunmen attacked a post.", "Two soldiers died!", "Who did it?",
                                   "Nobody knows."});
}

TEST_CASE("abbreviations, initials and decimals do not end a sentence", "[extract][sentences]") {
    CHECK(sentences_of("Gen. Tiani met Lt. Col. Maiga and Mr. Diallo. The U.N. mission left.") ==
          std::vector<std::string>{"Gen. Tiani met Lt. Col. Maiga and Mr. Diallo.", "The U.N. mission left."});
    CHECK(sentences_of("Capt. I. Traore spoke. Prices rose 2.5 percent.") ==
          std::vector<std::string>{"Capt. I. Traore spoke.", "Prices rose 2.5 percent."});
    CHECK(sentences_of("It happened on Sept. 17 near Gao. Then calm returned.") ==
          std::vector<std::string>{"It happened on Sept. 17 near Gao.", "Then calm returned."});
}

TEST_CASE("quotes and brackets stay with their sentence", "[extract][sentences]") {
    CHECK(sentences_of("He said: \"We will return.\" The army denied it.") ==
          std::vector<std::string>{"He said: \"We will return.\"", "The army denied it."});
    SECTION("French guillemets and the space before ? and !") {
        CHECK(sentences_of("Il a dit : « Nous reviendrons. » Puis il est parti. Pourquoi ? Personne ne sait.") ==
              std::vector<std::string>{"Il a dit : « Nous reviendrons. »", "Puis il est parti.", "Pourquoi ?",
                                       "Personne ne sait."});
    }
}

TEST_CASE("a lowercase word after a full stop continues the sentence", "[extract][sentences]") {
    CHECK(sentences_of("The attack (approx. at dawn) etc. was claimed.").size() == 1);
}

TEST_CASE("paragraph breaks and headings end sentences, hard wraps do not", "[extract][sentences]") {
    std::string text =
        "Tensions in the north\n"
        "Rebels and soldiers clashed near the border of Algeria on Monday, and the fighting\n"
        "went on for hours according to local sources\n\n"
        "A second paragraph";
    CHECK(sentences_of(text) == std::vector<std::string>{
                                    "Tensions in the north",
                                    "Rebels and soldiers clashed near the border of Algeria on Monday, and the "
                                    "fighting\nwent on for hours according to local sources",
                                    "A second paragraph"});
}

TEST_CASE("sentence offsets point into the original bytes", "[extract][sentences]") {
    std::string text = "Près de Ménaka, l’armée a riposté. Deux morts.";
    auto sentences = split_sentences(text);
    REQUIRE(sentences.size() == 2);
    CHECK(sentences[0].begin == 0);
    CHECK(text.substr(sentences[1].begin, sentences[1].end - sentences[1].begin) == "Deux morts.");
    CHECK(sentences[1].end == text.size());
}

TEST_CASE("empty and blank text has no sentence", "[extract][sentences]") {
    CHECK(split_sentences("").empty());
    CHECK(split_sentences(" \n\n\t ").empty());
}

TEST_CASE("a text already folded splits as the text does", "[extract][sentences]") {
    const std::string text = "L’armée est arrivée à Ménaka. Le calme est revenu! Gen. Traoré parle.";
    const auto from_text = split_sentences(text);
    const auto from_folded = split_sentences(fold(text));
    REQUIRE(from_text.size() == 3);
    REQUIRE(from_folded.size() == from_text.size());
    for (std::size_t k = 0; k < from_text.size(); ++k) {
        CHECK(from_folded[k].begin == from_text[k].begin);
        CHECK(from_folded[k].end == from_text[k].end);
    }
    CHECK(from_folded[1].in(text) == "Le calme est revenu!");
}

TEST_CASE("a paragraph wrapped at any width stays one sentence", "[extract][sentences]") {
    SECTION("a line cut short by a long word, and a name across two lines") {
        const std::string text =
            "Gunmen on motorbikes attacked the weekly market of the\n"
            "Tillabéri-Ouallam road on Sunday, said a relative of Amadou\n"
            "Koufa, and left six dead.";
        CHECK(sentences_of(text) == std::vector<std::string>{text});
    }
    SECTION("narrow lines in French") {
        const std::string text =
            "Des hommes armés ont attaqué le\n"
            "marché de Sirakorola dimanche,\n"
            "selon le maire Boubacar\n"
            "Traoré.";
        CHECK(sentences_of(text) == std::vector<std::string>{text});
    }
    SECTION("a heading over a wrapped paragraph still ends") {
        CHECK(sentences_of("Attack in Gao\nGunmen attacked the market of Gao on Sunday and the army\n"
                           "arrived two hours later.") ==
              std::vector<std::string>{"Attack in Gao",
                                       "Gunmen attacked the market of Gao on Sunday and the army\n"
                                       "arrived two hours later."});
    }
}

TEST_CASE("a dateline is no sentence", "[extract][sentences]") {
    CHECK(sentences_of("BAMAKO, 3 June (Reuters) – Gunmen attacked a convoy. The army responded.") ==
          std::vector<std::string>{"Gunmen attacked a convoy.", "The army responded."});
    CHECK(sentences_of("NIAMEY (AFP) - Gunmen attacked a convoy.") ==
          std::vector<std::string>{"Gunmen attacked a convoy."});
    CHECK(sentences_of("Ouagadougou, le 3 juin (AFP) - Des hommes armés ont attaqué un convoi.") ==
          std::vector<std::string>{"Des hommes armés ont attaqué un convoi."});
    SECTION("at the head of a later paragraph, on a line of its own") {
        CHECK(sentences_of("First report.\n\nGAO, Mali -\nSoldiers arrived.") ==
              std::vector<std::string>{"First report.", "Soldiers arrived."});
    }
    SECTION("a dash inside a sentence is no dateline") {
        CHECK(sentences_of("MINUSMA peacekeepers were attacked - again - in Kidal.") ==
              std::vector<std::string>{"MINUSMA peacekeepers were attacked - again - in Kidal."});
        CHECK(sentences_of("Gunmen attacked Gao - the second time this week.") ==
              std::vector<std::string>{"Gunmen attacked Gao - the second time this week."});
    }
}

TEST_CASE("a run of text longer than a sentence can be is cut into bounded pieces", "[extract][sentences]") {
    std::string clause = "gunmen attacked the market of Djibo and killed 3 civilians, ";
    std::string text = "Reports say ";
    while (text.size() < 4 * sentence_byte_limit + 100)
        text += clause;
    text += "the end. Soldiers arrived later.";
    const auto sentences = split_sentences(text);
    REQUIRE(sentences.size() == 6);
    std::size_t covered = 0;
    for (std::size_t i = 0; i + 1 < sentences.size(); ++i) {
        const auto& s = sentences[i];
        CHECK(s.end - s.begin <= sentence_byte_limit);
        CHECK(s.cut == (i < 4));
        // Cut at a space: no word is broken.
        CHECK(text[s.end] == ' ');
        CHECK(text[s.begin - (s.begin > 0 ? 1 : 0)] == (s.begin > 0 ? ' ' : 'R'));
        covered += s.end - s.begin;
    }
    CHECK(sentences[4].in(text).ends_with("the end."));
    CHECK(sentences.back().in(text) == "Soldiers arrived later.");
    CHECK_FALSE(sentences.back().cut);
    // Nothing is lost but the spaces at the cuts.
    CHECK(covered + 4 >= text.size() - std::string_view("Soldiers arrived later.").size() - 1);

    SECTION("text without a space is cut inside, never inside a UTF-8 character") {
        std::string word;
        while (word.size() < 2 * sentence_byte_limit)
            word += "\xE4\xB8\xAD";  // a CJK ideograph, 3 bytes, folded as it is
        word.insert(0, "x");          // so that a cut at the limit falls inside one
        const auto pieces = split_sentences(word);
        REQUIRE(pieces.size() == 3);
        for (const auto& p : pieces) {
            CHECK(p.end - p.begin <= sentence_byte_limit);
            CHECK((static_cast<unsigned char>(word[p.begin]) & 0xC0) != 0x80);
        }
        CHECK(pieces.back().end == word.size());
    }
    SECTION("sentences of ordinary length are not cut") {
        for (const auto& s : split_sentences("Gunmen attacked a post. Two soldiers died."))
            CHECK_FALSE(s.cut);
    }
}

TEST_CASE("a dateline whose dash ends its line leaves no sentence before it", "[extract][sentences]") {
    const std::string text = "NIAMEY (AFP) -\n\nGunmen killed 10 herders near Ouallam.";
    const auto sentences = split_sentences(text);
    REQUIRE(sentences.size() == 1);
    CHECK(text.substr(sentences[0].begin, sentences[0].end - sentences[0].begin) ==
          "Gunmen killed 10 herders near Ouallam.");
}
