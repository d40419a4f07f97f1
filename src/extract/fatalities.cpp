#include "extract/fatalities.hpp"

#include "extract/dates.hpp"
#include "extract/numbers.hpp"
#include "extract/sentences.hpp"
#include "extract/text.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <span>

namespace incimap::extract {
namespace {

// Words that report deaths after the figure: "70 dead", "were killed".
constexpr auto death_after = std::to_array<std::string_view>({
    "killed", "dead", "died", "die", "dies", "deaths", "death", "perished", "bodies", "corpses",
    "fatalities", "slain", "massacred", "executed", "beheaded", "tues", "tuees", "tue", "morts",
    "mortes", "mort", "decedes", "peri", "cadavres", "corps", "lifeless", "neutralized", "neutralised",
    "neutralises", "neutralizes", "assassinated", "murdered", "egorges", "egorgees", "egorge",
    "decapites", "decapitated"});
// Verbs that report deaths before the figure: "killing 12", "tuant 5".
constexpr auto death_before = std::to_array<std::string_view>({
    "killed", "killing", "kills", "kill", "massacred", "massacring", "executed", "executing",
    "tue", "tuant", "tuent", "tuer", "massacre", "abattu", "abattant", "execute", "beheaded",
    "assassinated", "assassinating", "murdered", "murdering", "neutralized", "neutralised", "neutralise",
    "neutralisant", "egorgeant", "decapitant"});
// Harm that is not death: a figure followed by these is not counted.
constexpr auto not_death = std::to_array<std::string_view>({
    "wounded", "wounding", "injured", "injuring", "injuries", "hurt", "abducted", "kidnapped",
    "missing", "arrested", "detained", "captured", "taken", "displaced", "fled", "blesses",
    "blessees", "blesse", "enleves", "enlevees", "disparus", "arretes", "interpelles",
    "hostage", "hostages", "rescued"});
// Nouns after a figure that say it does not count people.
constexpr auto not_people = std::to_array<std::string_view>({
    "km", "kilometres", "kilometers", "miles", "metres", "meters", "years", "year", "ans",
    "percent", "%", "hours", "days", "weeks", "months", "minutes", "jours", "heures", "mois",
    "livestock", "cattle", "oxen", "cows", "sheep", "goats", "camels", "animals", "donkeys",
    "vehicles", "motorcycles", "motorbikes", "kg", "tons", "tonnes", "weapon", "weapons", "gun", "guns",
    "rifle", "rifles", "vehicle", "motorcycle", "motorbike", "car", "cars", "truck", "trucks", "house",
    "houses", "shop", "shops", "building", "buildings", "unknown", "unspecified", "undetermined",
    "number", "cow", "cows", "head", "source", "sources", "attack", "attacks", "attaque", "attaques",
    "ambush", "ambushes", "embuscade", "embuscades", "assault", "assaut", "raid", "raids", "operation",
    "operations", "offensive", "explosion", "explosions", "strike", "strikes", "frappe", "frappes"});
// People named after what they handle: "a livestock trader", "a vehicle driver".
constexpr auto person_heads = std::to_array<std::string_view>({
    "trader", "traders", "herder", "herders", "owner", "owners", "seller", "sellers", "merchant",
    "merchants", "driver", "drivers", "dealer", "dealers", "breeder", "breeders", "keeper", "keepers"});
// Words that say who reports a figure; with "while" they set sources apart.
constexpr auto source_words = std::to_array<std::string_view>({
    "said", "say", "says", "reported", "reports", "according", "claimed", "claims", "toll", "selon",
    "affirme", "annonce", "bilan"});
// "while" etc.: the sentence sets two sources' figures against each other.
constexpr auto conflict_cues = std::to_array<std::string_view>({"while", "whereas", "tandis", "alors", "conflicting",
                                                           "sources", "other"});
// "also" etc.: a later sentence adds deaths rather than restating them.
constexpr auto additive_cues = std::to_array<std::string_view>({
    "also", "another", "other", "others", "additional", "further", "separately", "aussi",
    "egalement", "autre", "autres"});
// Words that end the naming of victims: "two policemen | who", "| near Gao".
constexpr auto victim_phrase_ends = std::to_array<std::string_view>({
    "who", "whom", "which", "that", "near", "in", "at", "on", "during", "after", "before",
    "while", "when", "as", "from", "by", "with", "qui", "pres", "dans", "lors", "shot"});
// Before a figure: how it is qualified. The figure is kept as said.
constexpr std::array<std::array<std::string_view, 3>, 23> qualifiers = {{
    {"at", "least", ""}, {"up", "to", ""}, {"more", "than", ""}, {"no", "fewer", "than"},
    {"no", "less", "than"}, {"as", "many", "as"}, {"close", "to", ""}, {"upwards", "of", ""},
    {"an", "estimated", ""}, {"over", "", ""}, {"nearly", "", ""}, {"almost", "", ""},
    {"about", "", ""}, {"around", "", ""}, {"some", "", ""}, {"approximately", "", ""},
    {"roughly", "", ""}, {"au", "moins", ""}, {"plus", "de", ""}, {"plus", "d", "'"},
    {"pres", "de", ""}, {"jusqu", "'", "a"}, {"environ", "", ""},
}};
// The words other than death verbs and numbers that each way of reporting
// deaths may open with. Each reader checks its own list first, and the
// scanner tries them only at tokens that open one (fatality_openers()).
constexpr auto death_phrase_openers = std::to_array<std::string_view>({
    "shot", "claimed", "claiming", "bodies", "corpses", "toll", "ont", "a"});
constexpr auto range_openers = std::to_array<std::string_view>({"between", "entre"});
constexpr auto singular_articles = std::to_array<std::string_view>({"a", "an", "his", "her", "their", "the"});
constexpr auto nobody_openers = std::to_array<std::string_view>({"no", "aucune", "nobody", "none", "aucun"});
constexpr auto code_openers = std::to_array<std::string_view>({"fatalities", "deaths"});
// After "since"/"depuis" (and an article), the opening of a long period:
// "since the start of the year", "depuis le debut", "since early May".
constexpr auto tally_periods = std::to_array<std::string_view>({
    "start", "beginning", "outbreak", "last", "early", "mid", "late", "debut", "an", "annee"});
constexpr auto period_words = std::to_array<std::string_view>({
    "year", "years", "month", "months", "week", "weeks", "annee", "annees", "mois", "semaines", "an", "ans"});

// The word lists above as WordSets: the readers test them at nearly every
// token, and most tokens are none of them.
struct Lexicon {
    WordSet death_after, death_before, not_death, not_people, person_heads, victim_phrase_ends;
};

WordSet set_of(std::span<const std::string_view> words) { return WordSet({words.begin(), words.end()}); }

const Lexicon& lexicon() {
    static const Lexicon words{set_of(death_after), set_of(death_before), set_of(not_death),
                               set_of(not_people),  set_of(person_heads), set_of(victim_phrase_ends)};
    return words;
}

const WordSet& fatality_openers() {
    static const WordSet openers = [] {
        std::vector<std::string_view> words;
        for (std::span<const std::string_view> list :
             {std::span<const std::string_view>(death_before), std::span<const std::string_view>(death_phrase_openers),
              std::span<const std::string_view>(range_openers), std::span<const std::string_view>(singular_articles),
              std::span<const std::string_view>(nobody_openers), std::span<const std::string_view>(code_openers)})
            words.insert(words.end(), list.begin(), list.end());
        for (const auto& phrase : qualifiers)
            words.push_back(phrase.front());
        return WordSet(std::move(words));
    }();
    return openers;
}

struct Figure {
    long low = 0;
    long high = 0;
    bool vague = false;
    std::size_t begin = 0;  // token range
    std::size_t end = 0;
};

class FatalityScanner {
public:
    explicit FatalityScanner(const Words& words) : t_(words) {}

    std::vector<FatalityMention> scan() {
        std::vector<FatalityMention> out;
        std::vector<std::pair<std::size_t, std::size_t>> spans;  // token range of each mention
        for (std::size_t i = 0; i < t_.size();) {
            if (!fatality_openers().contains(t_[i].text) && !opens_quantity(t_[i])) {
                ++i;
                continue;
            }
            std::size_t end = i;
            std::optional<FatalityMention> m = death_then_figures(i, end);
            if (!m)
                m = figures_then_death(i, end);
            if (!m)
                m = nobody_died(i, end);
            if (!m)
                m = stated_code(i, end);
            if (m) {
                out.push_back(*m);
                spans.emplace_back(i, end);
                i = end;
            } else {
                ++i;
            }
        }
        for (std::size_t k = 0; k < out.size(); ++k)
            mark_clause(out[k], spans[k].first, spans[k].second);
        return out;
    }

private:
    Words t_;
    const Lexicon& lex_ = lexicon();

    std::string_view w(std::size_t i) const { return i < t_.size() ? t_[i].text : std::string_view{}; }
    bool is(std::size_t i, std::string_view word) const { return same_word(w(i), word); }
    // The clause of a mention: the comma-separated part of its sentence,
    // with a short opening phrase before it; a tally when a tally period
    // is said there.
    void mark_clause(FatalityMention& m, std::size_t first, std::size_t last) const {
        auto hard_break = [&](std::size_t k) { return clause_break(k) && k < t_.size(); };
        std::size_t b = first, e = last;
        while (b > 0 && !hard_break(b - 1) && !is(b - 1, ","))
            --b;
        while (e < t_.size() && !hard_break(e) && !is(e, ","))
            ++e;
        // "Since January, attacks have killed 300": the phrase opening the
        // sentence qualifies the clause after it.
        if (b > 0 && is(b - 1, ",")) {
            std::size_t o = b - 1;
            while (o > 0 && !hard_break(o - 1) && !is(o - 1, ","))
                --o;
            if ((o == 0 || hard_break(o - 1)) && b - 1 - o <= 8)
                b = o;
        }
        for (std::size_t k = b; k < e && !m.tally; ++k)
            m.tally = tally_cue(k);
        if (e <= b)
            e = b + 1;
        m.clause_begin = t_.source_begin(b);
        m.clause_end = t_.source_end(std::min(e, t_.size()) - 1);
    }

    // "since January", "since the start of the year", "this year", "so far",
    // "over the past months", "last year", "across the Sahel", "depuis le
    // debut de l'annee", "cette annee", "l'annee ecoulee", "a travers le
    // pays", "dans toute la region".
    bool tally_cue(std::size_t k) const {
        if (is(k, "since") || is(k, "depuis")) {
            std::size_t n = k + 1;
            if (is(n, "the") || is(n, "le") || is(n, "la") || (is(n, "l") && is(n + 1, "'")))
                n += is(n, "l") ? 2 : 1;
            // "since 26 November", "since November 26": days, not a tally.
            if (is_month_name(w(n)) && n + 1 < t_.size() && t_[n + 1].kind == TokenKind::number &&
                t_[n + 1].text.size() <= 2)
                return false;
            return is_month_name(w(n)) || among(tally_periods, w(n)) ||
                   (n < t_.size() && t_[n].kind == TokenKind::number && t_[n].text.size() == 4);
        }
        if ((is(k, "this") || is(k, "cette")) && (is(k + 1, "year") || is(k + 1, "annee")))
            return true;
        if (is(k, "so") && is(k + 1, "far"))
            return true;
        // "over the past three months", "in the last year", "in recent weeks"
        if ((is(k, "over") || is(k, "in") || is(k, "during")) && is(k + 1, "recent"))
            return among(period_words, w(k + 2));
        if ((is(k, "over") || is(k, "in") || is(k, "during")) && is(k + 1, "the") &&
            (is(k + 2, "past") || is(k + 2, "last")))
            return among(period_words, w(k + 3)) || among(period_words, w(k + 4));
        if ((is(k, "across") || is(k, "throughout")) && k + 1 < t_.size())
            return t_[k + 1].kind == TokenKind::word && !is(k + 2, "border") && !is(k + 2, "river");
        if (is(k, "a") && is(k + 1, "travers"))
            return true;
        if (is(k, "dans") && (is(k + 1, "tout") || is(k + 1, "toute") || is(k + 1, "tous") || is(k + 1, "toutes")))
            return true;
        // "last year", "the past year", "l'année écoulée", "l'an dernier",
        // "au cours de l'année": the year's toll, not the event's.
        if ((is(k, "last") || is(k, "past")) && is(k + 1, "year"))
            return true;  // not "last week": when an event was
        if (is(k, "past") && (is(k + 1, "years") || is(k + 1, "months")))
            return true;
        if (is(k, "l") && is(k + 1, "'") && (is(k + 2, "annee") || is(k + 2, "an")) &&
            (is(k + 3, "derniere") || is(k + 3, "dernier") || is(k + 3, "passee") || is(k + 3, "passe") ||
             is(k + 3, "ecoulee") || is(k + 3, "ecoule")))
            return true;
        if (is(k, "au") && is(k + 1, "cours") && is(k + 2, "de") && is(k + 3, "l") && is(k + 4, "'") &&
            is(k + 5, "annee"))
            return true;
        if ((is(k, "au") && is(k + 1, "cours") && is(k + 2, "des") &&
             (is(k + 3, "derniers") || is(k + 3, "dernieres"))) ||
            (is(k, "ces") && (is(k + 1, "derniers") || is(k + 1, "dernieres")) && among(period_words, w(k + 2))))
            return true;
        return false;
    }

    bool clause_break(std::size_t i) const {
        auto s = w(i);
        return i >= t_.size() || s == "." || s == ";" || s == ":" || s == "(" || s == ")" || s == "?" ||
               s == "!" || s == "\"";
    }

    FatalityMention mention(long low, long high, bool vague, std::size_t b, std::size_t e) const {
        FatalityMention m;
        m.count = static_cast<int>(low);
        m.high = static_cast<int>(high);
        m.vague = vague;
        m.begin = t_.source_begin(b);
        m.end = t_.source_end(e - 1);
        return m;
    }

    // A figure at i, with its qualifier and range: "at least 20", "between
    // 10 and 15", "10 to 15", "a farmer" (1 when singular_article).
    std::optional<Figure> figure(std::size_t i, bool singular_article) const {
        if (!opens_figure(i))
            return std::nullopt;
        std::size_t k = i;
        bool between = false;
        for (bool more = true; more;) {
            more = false;
            for (const auto& phrase : qualifiers) {
                std::size_t n = 0;
                while (n < 3 && !phrase[n].empty() && is(k + n, phrase[n]))
                    ++n;
                if (n > 0 && (n == 3 || phrase[n].empty())) {
                    k += n;
                    more = true;
                    break;
                }
            }
        }
        if (among(range_openers, w(k))) {
            between = true;
            ++k;
        }
        auto q = read_quantity(t_.tokens, k);
        if (!q) {
            // "a farmer", "his son", "the chief" (not "the soldiers")
            bool definite = is(k, "his") || is(k, "her") || is(k, "their") || is(k, "the");
            if (singular_article && among(singular_articles, w(k)) && k + 1 < t_.size() &&
                t_[k + 1].kind == TokenKind::word && !speaker_at(i, k + 1) &&
                (!lex_.not_people.contains(w(k + 1)) || lex_.person_heads.contains(w(k + 2))) &&
                !lex_.death_after.contains(w(k + 1)) && !(definite && w(k + 1).ends_with('s')))
                return Figure{1, 1, false, i, k + 1};
            return std::nullopt;
        }
        if (t_[k].kind == TokenKind::number && t_[k].text.size() == 4 && q->value >= 1900 && q->value <= 2100)
            return std::nullopt;  // a year
        // "5 March", "le 3 juin", "March 5,": a day of the month.
        if (t_[k].kind == TokenKind::number && q->value <= 31 &&
            (is_month_name(w(q->end)) || (k > 0 && is_month_name(w(k - 1)) && is(q->end, ","))))
            return std::nullopt;
        // "according to a source", "selon une source": who reports, not who died.
        if (is(i - 1, "selon") || (is(i - 1, "to") && is(i - 2, "according")) ||
            (is(i - 1, "'") && is(i - 2, "apres") && is(i - 3, "d")))
            return std::nullopt;
        Figure fig{q->value, q->value, q->vague, i, q->end};
        // "10 to 15", "10 and 15" (after between), "10 or 15", "10-15"
        std::size_t j = q->end;
        if (is(j, "to") || is(j, "or") || is(j, "-") || is(j, "a") || is(j, "ou") ||
            (between && (is(j, "and") || is(j, "et")))) {
            if (auto q2 = read_quantity(t_.tokens, j + 1); q2 && q2->value >= q->value && !q2->vague) {
                fig.high = q2->value;
                fig.end = q2->end;
            }
        }
        if (lex_.not_people.contains(w(fig.end)))
            return std::nullopt;
        return fig;
    }

    // Whether the one named at `noun` (its phrase opening at `begin`) is
    // who tells of the deaths: "killing six passengers, a local official
    // said", "tuant six passagers, a indiqué vendredi un responsable".
    bool speaker_at(std::size_t begin, std::size_t noun) const {
        static const WordSet speaking({"said", "says", "told", "added", "explained", "recounted", "dit",
                                       "indique", "explique", "ajoute", "precise", "affirme", "declare",
                                       "raconte", "temoigne", "confie", "annonce", "rapporte"});
        for (std::size_t k = noun; k < noun + 4 && k < t_.size() && !clause_break(k) && !is(k, ","); ++k) {
            if (speaking.contains(w(k)))
                return true;
            if (lex_.death_after.contains(w(k)) || lex_.death_before.contains(w(k)))
                return false;  // "said a farmer was killed"
        }
        // A reporting verb just before it, or a day between: "a indiqué
        // (vendredi) un responsable".
        auto day = [&](std::string_view word) { return is_weekday_name(word) || word == "hier" || word == "yesterday"; };
        return (begin >= 1 && speaking.contains(w(begin - 1))) ||
               (begin >= 2 && day(w(begin - 1)) && speaking.contains(w(begin - 2)));
    }

    bool opens_figure(std::size_t i) const {
        if (i >= t_.size())
            return false;
        if (among(range_openers, w(i)) || among(singular_articles, w(i)) || opens_quantity(t_[i]))
            return true;
        return std::any_of(qualifiers.begin(), qualifiers.end(),
                           [&](const auto& phrase) { return is(i, phrase.front()); });
    }

    // Skips the victims after a figure ("soldiers of the army were
    // reportedly") up to a death word; returns the index after that word, or
    // nothing when the clause ends or turns to the wounded first.
    std::optional<std::size_t> death_word_after(std::size_t i) const {
        for (std::size_t k = i; k < i + 9 && k < t_.size(); ++k) {
            if (clause_break(k) || lex_.not_death.contains(w(k)) || (k > i && read_quantity(t_.tokens, k)))
                return std::nullopt;
            if (is(k, ",") && !(k + 1 < t_.size() && t_[k + 1].kind == TokenKind::number))
                return std::nullopt;
            if (lex_.death_after.contains(w(k))) {
                if (is(k, "death") && !is(k - 1, "to"))  // only "beaten to death"
                    continue;
                return k + 1;
            }
            if (is(k, "lost") && (is(k + 1, "their") || is(k + 1, "his") || is(k + 1, "her")) &&
                (is(k + 2, "lives") || is(k + 2, "life")))
                return k + 3;
            if (is(k, "perdu") && is(k + 1, "la") && is(k + 2, "vie"))
                return k + 3;
            if (fell(k))
                return k + 1;
            if (is(k, "and") || is(k, "et"))
                return std::nullopt;  // "two killed" is handled per figure
        }
        return std::nullopt;
    }

    // Soldiers who fell died: "neuf soldats sont tombés", "tombés au
    // combat", "sous les balles", "fell in combat"; not those who fell into
    // an ambush or into the enemy's hands ("tombés dans une embuscade",
    // "aux mains de", "fell into", "fell to").
    bool fell(std::size_t k) const {
        const bool french = is(k, "tombes") || is(k, "tombe") || is(k, "tombees");
        if (!french && !is(k, "fell"))
            return false;
        const std::size_t n = k + 1;
        if (n >= t_.size() || clause_break(n) || is(n, ",") || is(n, "et") || is(n, "and"))
            return true;
        if (french)  // not "tombés dans une embuscade", "aux mains de", "malades", "sur une mine"
            return !(is(n, "dans") && (is(n + 1, "une") || is(n + 1, "un") || is(n + 2, "embuscade") ||
                                       is(n + 2, "piege"))) &&
                   !is(n, "aux") && !is(n, "entre") && !is(n, "en") && !is(n, "sur") && !is(n, "malade") &&
                   !is(n, "malades") && !is(n, "d") && !is(n, "par");
        return is(n, "in") && (is(n + 1, "combat") || is(n + 1, "battle") || is(n + 1, "action"));
    }

    // "killed 5 soldiers and 3 civilians", "killing at least 12",
    // "claimed the lives of 10", "death toll rose to 30", "tuant 5 soldats".
    std::optional<FatalityMention> death_then_figures(std::size_t i, std::size_t& end) const {
        if (!lex_.death_before.contains(w(i)) && !among(death_phrase_openers, w(i)))
            return std::nullopt;
        std::size_t k = i;
        bool verb = lex_.death_before.contains(w(i)) && !(is(i, "tue") && t_[i].space_before && is(i - 1, "ete"));
        if (is(i, "shot") && is(i + 1, "dead"))
            verb = true, k = i + 1;
        else if ((is(i, "claimed") || is(i, "claiming")) && is(i + 1, "the") && is(i + 2, "lives") && is(i + 3, "of"))
            verb = true, k = i + 3;
        else if ((is(i, "bodies") || is(i, "corpses")) && is(i + 1, "of"))
            verb = true, k = i + 1;
        else if (is(i, "toll")) {
            verb = true;
            while (k < i + 5 && (is(k + 1, "rose") || is(k + 1, "has") || is(k + 1, "risen") || is(k + 1, "climbed") ||
                                 is(k + 1, "to") || is(k + 1, "at") || is(k + 1, "of") || is(k + 1, "stands") ||
                                 is(k + 1, "stood") || is(k + 1, "reached") || is(k + 1, "is") || is(k + 1, "was")))
                ++k;
        } else if ((is(i, "ont") || is(i, "a")) && (is(i + 1, "tue") || is(i + 1, "abattu"))) {
            verb = true, k = i + 1;
        }
        // "killed and mutilated a herder": the victims follow the second verb.
        if (verb && (is(k + 1, "and") || is(k + 1, "et")) && k + 2 < t_.size() &&
            t_[k + 2].kind == TokenKind::word && t_[k + 2].text.ends_with("ed") &&
            !lex_.not_death.contains(w(k + 2)))
            k += 2;
        // "... the body of a herder": the figure is the dead, not the body.
        if (verb && is(k + 1, "the") && (is(k + 2, "body") || is(k + 2, "bodies")) && is(k + 3, "of"))
            k += 3;
        // "attempted to kill", "threatened to kill": no one died.
        if (!verb || (is(i - 1, "to") && (is(i - 2, "attempted") || is(i - 2, "tried") || is(i - 2, "threatened"))))
            return std::nullopt;
        bool article = !is(i, "toll");
        auto first = figure(k + 1, article);
        if (!first)
            return std::nullopt;
        long low = first->low, high = first->high;
        bool vague = first->vague;
        std::size_t last = first->end;
        // "... and 3 civilians", "..., 2 policemen and a child", "and his son"
        for (std::size_t j = skip_victims(last); j < t_.size();) {
            if (!(is(j, "and") || is(j, ",") || is(j, "et")))
                break;
            auto more = figure(j + 1, true);
            if (!more || harmed_otherwise(more->end))
                break;
            low += more->low;
            high += more->high;
            vague = vague || more->vague;
            last = more->end;
            j = skip_victims(last);
        }
        end = std::max(last, skip_victims(last));
        return mention(low, high, vague, i, end);
    }

    // Past the words that name the victims: "soldiers", "Fulani herders",
    // "a herder of the Peul community".
    std::size_t skip_victims(std::size_t i) const {
        std::size_t k = i;
        while (k < i + 4 && k < t_.size() && t_[k].kind == TokenKind::word && !is(k, "and") && !is(k, "et") &&
               !lex_.death_after.contains(w(k)) && !lex_.not_death.contains(w(k)) &&
               !lex_.death_before.contains(w(k)) && !fell(k) &&
               !lex_.victim_phrase_ends.contains(w(k)) && !read_quantity(t_.tokens, k))
            ++k;
        if (is(k, "from"))
            if (std::size_t c = community_end(k + 1); c != k + 1)
                return c;
        return k;
    }

    // "the Arab community", "the Fulani ethnic group" after "from": the
    // victims' community, part of naming them. Returns the index after it,
    // or i when there is none.
    std::size_t community_end(std::size_t i) const {
        for (std::size_t k = i; k < i + 5 && k < t_.size() && t_[k].kind == TokenKind::word; ++k) {
            if (is(k, "community") || is(k, "communities") || is(k, "communaute"))
                return k + 1;
            if (is(k, "ethnic") && is(k + 1, "group"))
                return k + 2;
            if (is(k, "and") || is(k, "et") || lex_.death_after.contains(w(k)) ||
                lex_.not_death.contains(w(k)))
                break;
        }
        return i;
    }

    // The figure's clause goes on to the wounded: "and a dozen were injured".
    bool harmed_otherwise(std::size_t i) const {
        for (std::size_t k = i; k < i + 4 && k < t_.size() && !clause_break(k); ++k)
            if (lex_.not_death.contains(w(k)))
                return true;
        return false;
    }

    // "over 70 dead", "five soldiers were killed", "deux soldats ont ete tues",
    // "two guards and a driver were killed", "a soldier was killed".
    std::optional<FatalityMention> figures_then_death(std::size_t i, std::size_t& end) const {
        bool sentence_start = i == 0 || clause_break(i - 1) || is(i - 1, ",");
        if (is(i, "the") || is(i, "his") || is(i, "her") || is(i, "their") || is(i, "its"))
            return std::nullopt;  // "The attack was repelled": a subject, not a count
        auto first = figure(i, sentence_start);
        if (!first)
            return std::nullopt;
        long low = first->low, high = first->high;
        bool vague = first->vague;
        std::size_t last = first->end;
        for (std::size_t k = skip_victims(last); is(k, "and") || is(k, "et") || is(k, ",");) {
            auto more = figure(k + 1, true);
            if (!more)
                break;
            low += more->low;
            high += more->high;
            vague = vague || more->vague;
            last = more->end;
            k = skip_victims(last);
        }
        auto after = death_word_after(last);
        if (!after)
            return std::nullopt;
        // "The army killed two militants": the figure belongs to the object.
        if (lex_.death_before.contains(w(*after - 1)) && figure(*after, true))
            return std::nullopt;
        end = *after;
        return mention(low, high, vague, i, *after);
    }

    // "fatalities coded as N", "coded at the low estimate of N":
    // the figure a coder's note says it codes.
    std::optional<FatalityMention> stated_code(std::size_t i, std::size_t& end) const {
        if (!among(code_openers, w(i)) || !is(i + 1, "coded") || !(is(i + 2, "as") || is(i + 2, "at")))
            return std::nullopt;
        std::size_t k = i + 3;
        for (std::string_view filler : {"a", "the", "low", "lowest", "estimate", "of"})
            if (is(k, filler))
                ++k;
        auto q = read_quantity(t_.tokens, k);
        if (!q)
            return std::nullopt;
        end = q->end;
        FatalityMention m = mention(q->value, q->value, false, i, end);
        m.stated_code = true;
        return m;
    }

    // "no one was killed", "nobody died", "no deaths", "aucun mort": zero.
    std::optional<FatalityMention> nobody_died(std::size_t i, std::size_t& end) const {
        if (!among(nobody_openers, w(i)))
            return std::nullopt;
        std::size_t k = 0;
        if ((is(i, "no") && is(i + 1, "one")) || (is(i, "aucune") && is(i + 1, "victime")))
            k = i + 2;
        else if (is(i, "nobody") || is(i, "none"))
            k = i + 1;
        else if ((is(i, "no") || is(i, "aucun")) && lex_.death_after.contains(w(i + 1)))
            k = i + 1;
        else if (is(i, "no") && is(i + 1, "casualties"))
            k = i + 1;
        else
            return std::nullopt;
        if (is(k - 1, "casualties") || is(k - 1, "victime") || lex_.death_after.contains(w(k - 1))) {
            end = k;
            return mention(0, 0, false, i, k);
        }
        auto after = death_word_after(k);
        if (!after)
            return std::nullopt;
        end = *after;
        return mention(0, 0, false, i, *after);
    }
};

bool sentence_has(const Words& sentence, std::span<const std::string_view> cues) {
    return std::any_of(sentence.tokens.begin(), sentence.tokens.end(), [&](const Token& t) {
        return among(cues, t.text);
    });
}

// Deaths "split across" or "divided between" N events: the number of
// events the deaths are shared by, or 0 when the text does not say.
long events_sharing(const Words& t) {
    for (std::size_t k = 0; k + 3 < t.size(); ++k) {
        if (!(t[k].is("split") || t[k].is("divided") || t[k].is("shared")) ||
            !(t[k + 1].is("across") || t[k + 1].is("between") || t[k + 1].is("among") || t[k + 1].is("over")))
            continue;
        if (auto q = read_quantity(t.tokens, k + 2); q && !q->vague && q->end < t.size() &&
                                              (t[q->end].is("events") || t[q->end].is("incidents")))
            return q->value;
    }
    return 0;
}

} // namespace

std::vector<FatalityMention> find_fatalities(const Words& words) { return FatalityScanner(words).scan(); }

std::vector<FatalityMention> find_fatalities(std::string_view text) {
    return find_fatalities(read_words(text).words());
}

FatalityCount count_fatalities(std::string_view text) {
    const WordPass pass = read_words(text);
    const Words words = pass.words();
    std::vector<Words> sentences;
    for (const auto& sentence : split_sentences(text))
        sentences.push_back(words_between(words, sentence.begin, sentence.end));
    return count_fatalities(sentences);
}

FatalityCount count_fatalities(std::span<const Words> sentences) {
    FatalityCount result;
    long total = -1, low = -1, high = -1;
    long events = 0;
    for (const Words& sentence : sentences) {
        auto mentions = find_fatalities(sentence);
        result.mentions.insert(result.mentions.end(), mentions.begin(), mentions.end());
        std::erase_if(mentions, [](const FatalityMention& fm) { return fm.tally; });
        events = std::max(events, events_sharing(sentence));
        long s_low = -1, s_high = -1;
        bool any = false;
        bool conflicting = sentence_has(sentence, conflict_cues) && sentence_has(sentence, source_words);
        for (const auto& fm : mentions) {
            if (!any) {
                s_low = fm.count, s_high = fm.high;
            } else if (conflicting) {
                s_low = std::min<long>(s_low, fm.count);
                s_high = std::max<long>(s_high, fm.high);
            } else {
                s_low += fm.count, s_high += fm.high;
            }
            any = true;
        }
        if (!any)
            continue;
        result.reported = true;
        if (total < 0) {
            total = s_low, low = s_low, high = s_high;
        } else if (sentence_has(sentence, additive_cues)) {
            total += s_low, low += s_low, high += s_high;
        } else {
            total = std::min(total, s_low);
            low = std::min(low, s_low);
            high = std::max(high, s_high);
        }
    }
    if (!result.reported)
        return result;
    if (auto coded = std::find_if(result.mentions.begin(), result.mentions.end(),
                                  [](const FatalityMention& fm) { return fm.stated_code; });
        coded != result.mentions.end())
        total = low = high = coded->count;
    else if (events > 1)
        total /= events, low /= events, high /= events;
    result.fatalities = static_cast<int>(std::max(total, 0L));
    result.low = static_cast<int>(std::max(low, 0L));
    result.high = static_cast<int>(std::max(high, result.low * 1L));
    return result;
}

} // namespace incimap::extract
