#include "extract/context.hpp"

#include "extract/text.hpp"

#include <array>
#include <string>
#include <vector>

namespace incimap::extract {
namespace {

struct Cue {
    std::string_view phrase;  // folded words separated by spaces; * ends a prefix
    ContextFlag flag;
    // It speaks of the whole sentence, not only of the event word beside
    // it: "… were abducted in the region since the start of the year".
    bool sentence_wide = false;
};

constexpr Cue cues[] = {
    {"not", context_negated}, {"never", context_negated}, {"didn", context_negated}, {"doesn", context_negated}, {"don", context_negated},
    {"wasn", context_negated}, {"weren", context_negated}, {"hasn", context_negated}, {"haven", context_negated},
    {"denied", context_negated}, {"deny", context_negated}, {"denies", context_negated},
    {"pas", context_negated}, {"jamais", context_negated}, {"dementi*", context_negated},
    {"could", context_speculative}, {"may", context_speculative}, {"might", context_speculative},
    {"would", context_speculative}, {"possibly", context_speculative}, {"rumour*", context_speculative},
    {"rumor*", context_speculative}, {"unconfirmed", context_speculative}, {"speculation", context_speculative},
    {"alleged", context_speculative}, {"allegedly", context_speculative}, {"threatened to", context_speculative},
    {"threatens to", context_speculative}, {"threat of", context_speculative}, {"feared", context_speculative},
    {"fears", context_speculative}, {"pourrait", context_speculative}, {"pourraient", context_speculative},
    {"aurait", context_speculative}, {"auraient", context_speculative}, {"rumeur*", context_speculative},
    {"will", context_future}, {"is expected to", context_future}, {"are expected to", context_future},
    {"plans to", context_future}, {"plan to", context_future}, {"planning to", context_future},
    {"going to", context_future}, {"upcoming", context_future}, {"next week", context_future},
    {"next month", context_future}, {"next year", context_future}, {"va", context_future},
    {"vont", context_future}, {"prochain*", context_future}, {"is set to", context_future},
    {"anniversary", context_historical}, {"commemorat*", context_historical}, {"years ago", context_historical},
    {"history", context_historical}, {"historically", context_historical}, {"in the past", context_historical},
    {"anniversaire", context_historical}, {"commemor*", context_historical}, {"decades", context_historical},
    {"analysts", context_analysis}, {"analysis", context_analysis}, {"underscore*", context_analysis},
    {"highlight*", context_analysis}, {"trend*", context_analysis}, {"strategy", context_analysis},
{"experts", context_analysis}, {"raising concerns", context_analysis},
    {"observers", context_analysis}, {"fragility", context_analysis}, {"begs the question", context_analysis},
{"geopolitic*", context_analysis}, {"battleground", context_analysis},
    {"the question", context_analysis},
    {"regularly", context_habitual}, {"frequently", context_habitual}, {"often", context_habitual},
    {"routinely", context_habitual}, {"no stranger to", context_habitual}, {"become common", context_habitual},
    {"becoming common", context_habitual}, {"have risen", context_habitual}, {"has risen", context_habitual},
    {"on the rise", context_habitual}, {"regulierement", context_habitual}, {"souvent", context_habitual},
    {"frequemment", context_habitual}, {"devenu* frequent*", context_habitual}, {"en hausse", context_habitual},
    {"se multiplient", context_habitual},
    // Periods that make a sentence a tally or a trend wherever they stand.
    {"in recent months", context_habitual, true},
    {"in recent years", context_habitual, true},
    {"in recent weeks", context_habitual, true},
    {"for years", context_habitual, true},
    {"since the start of the year", context_habitual, true},
    {"since the beginning of the year", context_habitual, true},
    {"over the past years", context_habitual, true},
    {"ces derniers mois", context_habitual, true},
    {"ces dernieres annees", context_habitual, true},
    {"ces dernieres semaines", context_habitual, true},
    {"depuis plusieurs annees", context_habitual, true},
    {"depuis des annees", context_habitual, true},
    {"depuis plusieurs mois", context_habitual, true},
    {"depuis le debut de l ' annee", context_habitual, true},
};


// For each first byte, the cues whose phrase starts with it, in the order
// of cues[]: a token is compared only with the cues it may begin.
const std::array<std::vector<const Cue*>, 256>& cues_by_first_byte() {
    static const std::array<std::vector<const Cue*>, 256> table = [] {
        std::array<std::vector<const Cue*>, 256> out;
        for (const auto& cue : cues)
            out[static_cast<unsigned char>(cue.phrase.front())].push_back(&cue);
        return out;
    }();
    return table;
}

double factor(ContextFlag flag) {
    switch (flag) {
    case context_negated: return 0.2;
    case context_future: return 0.4;
    case context_speculative: return 0.5;
    case context_historical: return 0.5;
    case context_analysis: return 0.7;
    case context_habitual: return 0.3;
    }
    return 1.0;
}

// Matches phrase (folded words, "*" = prefix) at tokens[i]; returns the
// index after it, or i when it does not match.
std::size_t match(std::string_view phrase, std::span<const Token> tokens, std::size_t i) {
    std::size_t k = i;
    while (!phrase.empty()) {
        auto sp = phrase.find(' ');
        std::string_view word = phrase.substr(0, sp);
        phrase = sp == std::string_view::npos ? std::string_view{} : phrase.substr(sp + 1);
        if (k >= tokens.size())
            return i;
        bool prefix = word.ends_with('*');
        if (prefix)
            word.remove_suffix(1);
        const std::string_view t = tokens[k].text;
        if (prefix ? !word_starts_with(t, word) : !same_word(t, word))
            return i;
        ++k;
    }
    return k;
}

} // namespace

ContextAssessment assess_context(std::string_view sentence, std::size_t trigger_begin, std::size_t trigger_end) {
    const WordPass pass = read_words(sentence);
    return assess_context(pass.words(), trigger_begin, trigger_end);
}

ContextAssessment assess_context(const Words& words, std::size_t trigger_begin, std::size_t trigger_end) {
    ContextAssessment out;
    const FoldedText& f = *words.folded;
    const std::span<const Token> tokens = words.tokens;
    // Token indexes of the trigger and of the token after it, when one is
    // given.
    std::size_t trigger_token = tokens.size(), after_trigger = tokens.size();
    if (trigger_end > trigger_begin) {
        for (std::size_t k = 0; k < tokens.size(); ++k)
            if (words.source_begin(k) >= trigger_begin) {
                trigger_token = k;
                break;
            }
        for (std::size_t k = trigger_token; k < tokens.size(); ++k)
            if (words.source_begin(k) >= trigger_end) {
                after_trigger = k;
                break;
            }
    }
    // A modal or a time cue speaks of the event when it stands in its clause
    // before the event's word ("could attack", "plans to march") or just
    // after it ("fighting will spread", "sacked years ago"); further on it
    // speaks of something else ("marched against a law that would…").
    auto governs_trigger = [&](std::size_t i) {
        return trigger_token >= tokens.size() || (i < trigger_token && trigger_token - i <= 6) ||
               (i >= after_trigger && i - after_trigger <= 2);
    };
    // "The strike came a week after fighters attacked the post", "l'attaque
    // intervient deux jours après…": the event told after "after" is an
    // earlier one the report recalls.
    if (trigger_token < tokens.size())
        for (std::size_t i = 0; i < trigger_token; ++i) {
            const std::string_view w = tokens[i].text;
            if (!(w == "came" || w == "comes" || w == "intervient" || w == "survient" || w == "intervenue" ||
                  w == "survenue"))
                continue;
            for (std::size_t k = i + 1; k <= i + 5 && k < trigger_token; ++k)
                if (tokens[k].text == "after" || tokens[k].text == "apres") {
                    if (!(out.flags & context_historical))
                        out.weight *= factor(context_historical);
                    out.flags |= context_historical;
                    out.cues.push_back(ContextCue{context_historical, words.source_begin(i), words.source_end(k)});
                    i = trigger_token;
                    break;
                }
        }
    const auto& by_first_byte = cues_by_first_byte();
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].text.empty())
            continue;
        for (const Cue* cue_at : by_first_byte[static_cast<unsigned char>(tokens[i].text.front())]) {
            const Cue& cue = *cue_at;
            std::size_t end = match(cue.phrase, tokens, i);
            if (end == i)
                continue;
            // "may" the month, "will" the noun ("the will of"): only a modal
            // before a verb-like lowercase word counts.
            if ((cue.phrase == "may" || cue.phrase == "will") &&
                (is_ascii_upper(f.cased[tokens[i].begin]) || (i > 0 && tokens[i - 1].text == "the")))
                continue;
            bool denial = cue.phrase.starts_with("den") || cue.phrase.starts_with("dement");
            if (cue.flag == context_negated && !denial && trigger_token < tokens.size() &&
                (i > trigger_token || i + 5 < trigger_token))
                continue;
            if ((cue.flag == context_future || cue.flag == context_speculative || cue.flag == context_historical ||
                 cue.flag == context_habitual) &&
                !cue.sentence_wide && !governs_trigger(i))
                continue;
            if (!(out.flags & cue.flag))
                out.weight *= factor(cue.flag);
            out.flags |= cue.flag;
            out.cues.push_back(ContextCue{cue.flag, words.source_begin(i), words.source_end(end - 1)});
            break;
        }
    }
    return out;
}

} // namespace incimap::extract
