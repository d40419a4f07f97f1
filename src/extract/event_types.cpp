#include "extract/event_types.hpp"

#include "extract/event_lexicon.hpp"
#include "extract/numbers.hpp"
#include "extract/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace incimap::extract {
namespace {

using acled::battles;
using acled::explosions;
using acled::protests;
using acled::riots;
constexpr std::string_view vac = acled::violence_against_civilians;

SubEventType sub_event(std::string_view name) { return acled::sub_event_type(name); }

// Words that say ground forces fought beside an air strike (a joint air
// and ground operation, commandos landed by helicopter): ACLED codes the
// whole as a battle.
constexpr auto ground_fighting_cues = std::to_array<std::string_view>({
    "ground", "commando", "commandos", "landing", "landed", "aeroterrestre", "heliporte",
    "heliportee"});
// Gunfire or an ambush around an explosion: an IED that opens an ambush is
// a battle, not remote violence.
constexpr auto gunfight_cues = std::to_array<std::string_view>({
    "gunfire", "ambush", "ambushed", "embuscade", "fusillade"});

// Words that make the target of an attack civilians or armed men when no
// dictionary actor names it.
constexpr auto civilian_cues = std::to_array<std::string_view>({
    "people", "persons", "village", "villages", "community", "worshippers", "mosque", "church",
    "market", "school", "passengers", "bus", "women", "children", "family", "man", "woman", "boy",
    "girl", "chief", "imam", "teacher", "students", "displaced", "personnes", "fideles", "marche",
    "ecole", "femmes", "enfants", "famille", "homme", "camp", "households", "driver", "bar"});
constexpr auto armed_cues = std::to_array<std::string_view>({
    "terrorists", "terrorist", "jihadists", "jihadist", "militants", "insurgents", "assailants",
    "attackers", "fighters", "rebels", "post", "checkpoint", "convoy", "patrol", "terroristes",
    "djihadistes", "jihadistes", "assaillants", "poste", "patrouille"});

// Unorganised crowds: a fight between them (or with the police) is mob
// violence or a riot, not a battle between armed groups. Communities named
// by their village, trade or ethnicity (farmers, herders, the villagers of
// a named village) fight as communal militias, which ACLED codes as battles.
constexpr auto crowd_cues = std::to_array<std::string_view>({
    "families", "family", "merchants", "traders", "supporters", "opponents", "partisans",
    "activists", "students", "youths", "youth", "crowd", "crowds", "familles", "commercants",
    "jeunes"});
constexpr auto communal_cues = std::to_array<std::string_view>({
    "farmers", "herders", "pastoralists", "villagers", "village", "villages", "community",
    "communities", "communal", "intercommunal", "ethnic", "militia", "militiamen", "cultivateurs", "eleveurs", "villageois",
    "communaute", "camps"});
// Crowds that riot: no armed group, no community fighting as a militia.
constexpr auto rioting_crowd_cues = std::to_array<std::string_view>({
    "residents", "inhabitants", "citizens", "locals", "youths", "youth", "youngsters", "students", "pupils",
    "crowd", "crowds", "mob", "traders", "workers", "drivers", "supporters", "activists", "demonstrators",
    "protesters", "protestors", "rioters", "habitants", "jeunes", "eleves", "etudiants", "foule",
    "manifestants", "emeutiers"});
// What a crowd attacks when it turns on the state.
constexpr auto public_cues = std::to_array<std::string_view>({
    "police", "gendarmerie", "gendarmes", "station", "office", "offices", "hall", "mayor", "prefect",
    "governor", "court", "prison", "customs", "administration", "commissariat", "mairie", "prefecture",
    "brigade", "tribunal"});
// Words before a trigger that make it the motive of what the sentence
// reports, not the event: "in reaction to", "in retaliation for".
constexpr std::array<std::array<std::string_view, 2>, 9> motive_phrases = {{
    {"reaction", "to"}, {"response", "to"}, {"retaliation", "for"}, {"revenge", "for"},
    {"protest", "against"}, {"denounce", ""}, {"denouncing", ""}, {"condemn", ""},
    {"condemning", ""},
}};

// How far (bytes) an actor may stand before a verb to be its subject
// ("protesters then stormed").
constexpr std::size_t subject_reach = 16;

// Words before a party that make it the object of a verb, not its subject.
constexpr auto object_markers = std::to_array<std::string_view>({
    "at", "on", "against", "to", "with", "by", "sur", "contre", "par"});
// "were killed", "was attacked", "a ete attaque": the trigger's subject
// is its target.
constexpr auto passive_auxiliaries = std::to_array<std::string_view>({"was", "were", "been", "ete"});

// The cue lists above a word belongs to, as bits.
enum Cue : std::uint16_t {
    civilian_cue = 1u << 0,
    armed_cue = 1u << 1,
    crowd_cue = 1u << 2,
    communal_cue = 1u << 3,
    rioting_crowd_cue = 1u << 4,
    public_cue = 1u << 5,
    object_marker = 1u << 6,
    ground_fighting_cue = 1u << 7,
    gunfight_cue = 1u << 8,
    passive_auxiliary = 1u << 9,
};

// Every cue word with the lists it is in: a sentence's words are looked up
// once each, not compared with every list at every turn of the rules.
class CueTable {
public:
    CueTable() {
        const std::pair<std::span<const std::string_view>, std::uint16_t> lists[] = {
            {civilian_cues, civilian_cue},         {armed_cues, armed_cue},
            {crowd_cues, crowd_cue},               {communal_cues, communal_cue},
            {rioting_crowd_cues, rioting_crowd_cue}, {public_cues, public_cue},
            {object_markers, object_marker},       {ground_fighting_cues, ground_fighting_cue},
            {gunfight_cues, gunfight_cue},         {passive_auxiliaries, passive_auxiliary}};
        std::vector<std::string_view> all;
        for (const auto& [words, bit] : lists)
            all.insert(all.end(), words.begin(), words.end());
        words_ = WordSet(std::move(all));
        bits_.assign(words_.words().size(), 0);
        for (const auto& [words, bit] : lists)
            for (std::string_view w : words)
                bits_[words_.find(w)] |= bit;
    }
    std::uint16_t of(std::string_view word) const {
        const std::size_t k = words_.find(word);
        return k == WordSet::npos ? 0 : bits_[k];
    }

private:
    WordSet words_;
    std::vector<std::uint16_t> bits_;  // by position in words_
};

const CueTable& cue_table() {
    static const CueTable table;
    return table;
}

struct Phrase {
    std::vector<std::string> words;
    std::vector<bool> prefix;
};

// The first two bytes of a word (the second 0 for a one-byte word).
std::size_t opening(std::string_view word) {
    return static_cast<std::size_t>(static_cast<unsigned char>(word[0])) << 8 |
           (word.size() > 1 ? static_cast<unsigned char>(word[1]) : 0u);
}

// The phrases, and for each opening of a word (first two bytes) the phrases
// whose first word a token with that opening may match, so that a token is
// compared with one or two phrases instead of a whole bucket of initials:
// the phrases of opening o are index[begin[o]..begin[o + 1]).
struct CompiledLexicon {
    std::vector<Phrase> phrases;
    std::vector<std::uint32_t> begin;  // 65537 offsets into index
    std::vector<std::uint32_t> index;

    std::span<const std::uint32_t> candidates(std::string_view token) const {
        const std::size_t o = opening(token);
        return std::span<const std::uint32_t>(index).subspan(begin[o], begin[o + 1] - begin[o]);
    }
};

const CompiledLexicon& compiled_lexicon() {
    static const CompiledLexicon lexicon = [] {
        CompiledLexicon out;
        for (const auto& entry : trigger_lexicon()) {
            FoldedText f = fold(entry.phrase);
            Phrase p;
            for (const auto& t : tokenize(f)) {
                if (t.text == "*" && !p.prefix.empty()) {
                    p.prefix.back() = true;
                    continue;
                }
                p.words.emplace_back(t.text);
                p.prefix.push_back(false);
            }
            out.phrases.push_back(std::move(p));
        }
        // Openings a phrase may begin: its first word's, or all those of its
        // first byte when that word is a one-byte prefix.
        std::vector<std::vector<std::uint32_t>> by_opening(1u << 16);
        for (std::uint32_t k = 0; k < out.phrases.size(); ++k) {
            const Phrase& p = out.phrases[k];
            const std::string& first = p.words.front();
            if (first.size() == 1 && p.prefix.front()) {
                for (std::size_t second = 0; second < 256; ++second)
                    by_opening[opening(first) | second].push_back(k);
            } else {
                by_opening[opening(first)].push_back(k);
            }
        }
        out.begin.reserve(by_opening.size() + 1);
        for (const auto& phrases : by_opening) {
            out.begin.push_back(static_cast<std::uint32_t>(out.index.size()));
            out.index.insert(out.index.end(), phrases.begin(), phrases.end());
        }
        out.begin.push_back(static_cast<std::uint32_t>(out.index.size()));
        return out;
    }();
    return lexicon;
}

enum class Target { unknown, civilians, armed };

struct Found {
    EventTrigger trigger;
    Target target = Target::unknown;  // of a generic attack, once read
    unsigned roles = 0;
    std::size_t token = 0;      // first token
    std::size_t token_end = 0;  // one past the last token
};

// Whether people follow a verb of taking at token i: "seized 14 people",
// "seized two traders", "seized the passengers" are abductions, not looting.
bool people_taken(const Words& tokens, std::size_t i) {
    static const WordSet people({"people", "persons", "civilians", "villagers", "men", "women", "children",
                                 "traders", "passengers", "residents", "farmers", "herders", "workers",
                                 "teachers", "officials", "personnes", "civils", "villageois", "hommes",
                                 "femmes", "enfants", "commercants", "passagers", "habitants"});
    if (i < tokens.size() && (same_word(tokens[i].text, "the") || same_word(tokens[i].text, "des")))
        ++i;
    else if (const auto q = read_quantity(tokens.tokens, i))
        i = q->end;
    return i < tokens.size() && people.contains(tokens[i].text);
}

// The longest lexicon phrase at each token; returns them in order.
std::vector<Found> match_triggers(const Words& tokens) {
    const auto& compiled = compiled_lexicon();
    const auto& phrases = compiled.phrases;
    auto lexicon = trigger_lexicon();
    std::vector<Found> found;
    for (std::size_t i = 0; i < tokens.size();) {
        std::size_t best = phrases.size(), best_end = i;
        for (const std::size_t p : compiled.candidates(tokens[i].text)) {
            const Phrase& ph = phrases[p];
            std::size_t k = i;
            bool ok = true;
            for (std::size_t w = 0; w < ph.words.size() && ok; ++w) {
                while (w > 0 && k < tokens.size() && tokens[k].text == "-" && ph.words[w] != "-")
                    ++k;
                if (k >= tokens.size()) {
                    ok = false;
                    break;
                }
                const std::string_view t = tokens[k].text, word = ph.words[w];
                ok = ph.prefix[w] ? word_starts_with(t, word) : same_word(t, word);
                ++k;
            }
            if (ok && k > best_end) {
                best = p;
                best_end = k;
            }
        }
        if (best == phrases.size()) {
            ++i;
            continue;
        }
        const TriggerEntry& e = lexicon[best];
        if (e.sub_event_type.empty()) {  // a look-alike ("Protestant")
            i = best_end;
            continue;
        }
        Found fd;
        const bool abducted = e.roles == property && same_word(tokens[i].text, "seized") &&
                              people_taken(tokens, best_end);
        fd.trigger.type = sub_event(abducted ? "Abduction/forced disappearance" : e.sub_event_type);
        fd.trigger.strength = abducted ? 0.85 : e.strength;
        fd.trigger.begin = tokens.source_begin(i);
        fd.trigger.end = tokens.source_end(best_end - 1);
        fd.trigger.generic_attack = e.roles & generic_attack;
        fd.trigger.territory = e.roles & territory;
        fd.trigger.resistance = e.roles & resistance;
        fd.roles = abducted ? plain : e.roles;
        fd.token = i;
        fd.token_end = best_end;
        found.push_back(fd);
        i = best_end;
    }
    return found;
}

Target target_category(ActorCategory c) {
    return c == ActorCategory::civilians || c == ActorCategory::protesters ? Target::civilians : Target::armed;
}


class Classifier {
public:
    Classifier(const Words& words, const std::vector<ActorMention>& actors, std::vector<Found> found)
        : tokens_(words), actors_(actors), found_(std::move(found)) {}

    std::optional<EventClassification> classify() {
        if (found_.empty())
            return std::nullopt;
        read_cues();
        bool has_explosive = any_of_type("Remote explosive/landmine/IED");
        // A road blocked by armed men is no protest.
        std::erase_if(found_, [&](const Found& fd) { return (fd.roles & blockade) && armed_perpetrator(fd); });
        if (found_.empty())
            return std::nullopt;
        bool has_protest = any_role(protest);
        bool has_territory = any_role(territory);
        bool has_peaceful = any_role(peaceful_transfer);

        std::vector<Found> candidates;
        for (Found fd : found_) {
            if (found_.size() > 1 && motive(fd))
                continue;
            if ((fd.roles & defusal) && has_explosive && defuses_explosive(fd)) {
                fd.trigger.type = sub_event("Disrupted weapons use");
                fd.trigger.strength = std::max(fd.trigger.strength, 0.85);
            } else if ((fd.roles & defusal) && !(fd.roles & property)) {
                continue;  // "found", "discovered" with nothing defused
            }
            if ((fd.roles & (intervention | lethal_force)) && !has_protest)
                continue;
            // Vandalism by an armed group is property destruction, not a riot.
            if ((fd.roles & property) && !has_protest && armed_perpetrator(fd) &&
                fd.trigger.type.sub_event_type == "Violent demonstration")
                fd.trigger.type = sub_event("Looting/property destruction");
            if (fd.roles & territory)
                fd.trigger.type = territory_type(has_peaceful);
            else if (fd.roles & generic_attack)
                fd.trigger.type = attack_type(fd);
            else if (fd.trigger.type.sub_event_type == "Armed clash" && crowd_fight())
                fd.trigger.type = crowd_fight_type();
            // Violence by a crowd ("residents beat the thief", "youths
            // burned the police station") is a riot, as ACLED codes it.
            if ((fd.roles & (generic_attack | property | lethal)) && !has_protest && crowd_subject(fd))
                fd.trigger.type = crowd_violence_type(fd);
            candidates.push_back(fd);
        }
        if (has_protest && !has_explosive_strike())
            return protest_event();
        if (has_territory && has_peaceful) {
            for (const auto& c : candidates)
                if (c.roles & territory)
                    return result(c);
        }
        if (candidates.empty())
            return std::nullopt;
        if (has_explosive && std::any_of(candidates.begin(), candidates.end(), [](const Found& c) {
                return c.trigger.type.sub_event_type == "Disrupted weapons use";
            })) {
            for (const auto& c : candidates)
                if (c.trigger.type.sub_event_type == "Disrupted weapons use")
                    return result(c);
        }
        const Found* best = &candidates.front();
        for (const auto& c : candidates)
            if (rank(c) > rank(*best))
                best = &c;
        // A riot named outright outranks a vague word of conflict ("a
        // dispute" that "turned into riots").
        // So does it over an attack by no armed party ("students rioted,
        // attacking teachers").
        if (best->trigger.type.event_type == battles || best->trigger.type.event_type == vac) {
            const bool vague = !(best->roles & generic_attack) && best->trigger.strength < 0.65;
            const bool unarmed = (best->roles & generic_attack) && !armed_perpetrator(*best);
            if (vague || unarmed)
                for (const auto& c : candidates)
                    if (c.trigger.type.event_type == riots && c.trigger.strength >= 0.8)
                        return result(c);
        }
        // An attack that strikes armed men anywhere in the sentence is a
        // battle, even when the first target named is a village.
        if ((best->roles & generic_attack) && best->trigger.type.sub_event_type == "Attack")
            for (const auto& c : candidates)
                if ((c.roles & generic_attack) && c.target == Target::armed)
                    return result(c);
        if (best->trigger.type.event_type == explosions && fought_on_the_ground(*best)) {
            EventClassification clash = result(*best);
            clash.type = sub_event("Armed clash");
            return clash;
        }
        // A killing outranks the abduction it ended ("abducted and killed").
        if (best->trigger.type.sub_event_type == "Abduction/forced disappearance") {
            for (const auto& c : candidates)
                if ((c.roles & lethal) && c.trigger.type.sub_event_type == "Attack")
                    return result(c);
        }
        return result(*best);
    }

private:
    Words tokens_;
    const std::vector<ActorMention>& actors_;
    std::vector<Found> found_;
    std::vector<std::uint16_t> cues_;  // of each token, once the sentence has a trigger
    bool off_duty_ = false;

    void read_cues() {
        const CueTable& table = cue_table();
        cues_.resize(tokens_.size());
        for (std::size_t k = 0; k < tokens_.size(); ++k)
            cues_[k] = table.of(tokens_[k].text);
        off_duty_ = off_duty();
    }
    bool cue(std::size_t k, std::uint16_t bits) const { return (cues_[k] & bits) != 0; }

    bool any_role(unsigned role) const {
        return std::any_of(found_.begin(), found_.end(), [&](const Found& f) { return f.roles & role; });
    }
    bool any_of_type(std::string_view sub) const {
        return std::any_of(found_.begin(), found_.end(),
                           [&](const Found& f) { return f.trigger.type.sub_event_type == sub; });
    }
    // The trigger's subject is its target (passive_auxiliaries).
    bool in_passive(const Found& fd) const { return fd.token > 0 && cue(fd.token - 1, passive_auxiliary); }

    // The motive of another event, named a few words after a motive phrase.
    bool motive(const Found& fd) const {
        for (std::size_t k = fd.token >= 5 ? fd.token - 5 : 0; k < fd.token; ++k)
            for (const auto& phrase : motive_phrases)
                if (tokens_[k].is(phrase[0]) && (phrase[1].empty() || (k + 1 < fd.token && tokens_[k + 1].is(phrase[1]))))
                    return true;
        return false;
    }

    // Whether a defusal word acts on the explosive: "defused an IED",
    // "the mine was destroyed"; not explosives that destroyed something else.
    bool defuses_explosive(const Found& fd) const {
        const bool passive = in_passive(fd);
        for (const auto& other : found_) {
            if (other.trigger.type.sub_event_type != "Remote explosive/landmine/IED")
                continue;
            if (other.token >= fd.token_end && other.token < fd.token_end + 6)
                return true;
            if (passive && other.token_end <= fd.token && other.token_end + 8 > fd.token)
                return true;
        }
        return false;
    }

    // A fight among crowds: a crowd word, no communal or armed party, no
    // armed actor other than state forces.
    bool crowd_fight() const {
        bool crowd = false;
        for (std::size_t k = 0; k < tokens_.size(); ++k) {
            if (cue(k, communal_cue | armed_cue))
                return false;
            crowd = crowd || cue(k, crowd_cue);
        }
        for (const auto& a : actors_) {
            const auto c = a.category;
            if (!unarmed(c) && c != ActorCategory::state_forces)
                return false;
            crowd = crowd || c == ActorCategory::rioters || c == ActorCategory::protesters;
        }
        return crowd;
    }

    // Whether a crowd (no armed group: residents, youths, students) is the
    // subject of the trigger: the nearest party before it in its clause.
    bool crowd_subject(const Found& fd) const {
        // "Residents were attacked by gunmen": the crowd is the target.
        if (in_passive(fd))
            return false;
        for (std::size_t k = fd.token_end; k < tokens_.size() && k < fd.token_end + 3; ++k)
            if (tokens_[k].is("by") || tokens_[k].is("par"))
                return false;
        const std::size_t reach = fd.token > 20 ? fd.token - 20 : 0;
        for (std::size_t k = fd.token; k > reach; --k) {
            const std::string_view t = tokens_[k - 1].text;
            if (t == "," || t == ";" || t == ":" || t == "." || cue(k - 1, armed_cue | communal_cue))
                return false;
            if (!cue(k - 1, rioting_crowd_cue))
                continue;
            if (k >= 2 && cue(k - 2, object_marker))
                return false;
            const std::size_t at = tokens_.source_begin(k - 1);
            return std::none_of(actors_.begin(), actors_.end(), [&](const ActorMention& a) {
                return a.begin >= at && a.end <= fd.trigger.begin && !unarmed(a.category);
            });
        }
        return false;
    }

    // A crowd against the state (police, a town hall, officials): a violent
    // demonstration; against people: mob violence.
    SubEventType crowd_violence_type(const Found& fd) const {
        const bool state = std::any_of(actors_.begin(), actors_.end(), [&](const ActorMention& a) {
            return a.category == ActorCategory::state_forces && a.begin >= fd.trigger.end;
        });
        for (std::size_t k = fd.token_end; k < tokens_.size() && k < fd.token_end + 8; ++k)
            if (state || cue(k, public_cue))
                return sub_event("Violent demonstration");
        return sub_event(state ? "Violent demonstration" : "Mob violence");
    }

    // With the police or the army: a violent demonstration; among
    // themselves: mob violence.
    SubEventType crowd_fight_type() const {
        const bool state = std::any_of(actors_.begin(), actors_.end(), [](const ActorMention& a) {
            return a.category == ActorCategory::state_forces;
        });
        return sub_event(state ? "Violent demonstration" : "Mob violence");
    }

    bool has_explosive_strike() const {
        return std::any_of(found_.begin(), found_.end(), [](const Found& f) {
            return f.trigger.type.event_type == explosions && f.trigger.strength >= 0.8;
        });
    }

    // Violence first, then riots, protests, strategic developments; a weak
    // violent word (below 0.4) does not outrank a clear development.
    double rank(const Found& c) const {
        std::string_view type = c.trigger.type.event_type;
        double tier = 0;
        if (acled::is_political_violence(type) && c.trigger.strength >= 0.4)
            tier = 3;
        else if (type == riots)
            tier = 2;
        else if (type == protests)
            tier = 1;
        // Explicit words beat generic ones at equal strength.
        return tier * 10 + c.trigger.strength + ((c.roles & generic_attack) ? 0 : 0.05);
    }

    EventClassification result(const Found& c) const {
        return EventClassification{c.trigger.type, c.trigger.strength, c.trigger.begin, c.trigger.end,
                                   (c.roles & generic_attack) && c.target == Target::unknown};
    }

    // The first armed or civilian party after (or, in the passive, before)
    // the trigger.
    Target target_of(const Found& fd) const {
        const bool passive = in_passive(fd);
        std::size_t trigger_end = fd.trigger.end;
        std::size_t trigger_begin = fd.trigger.begin;
        if (passive) {
            for (auto it = actors_.rbegin(); it != actors_.rend(); ++it)
                if (it->end <= trigger_begin)
                    return target_category(it->category);
            return cue_target(0, fd.token, true);
        }
        if (off_duty_)
            return Target::civilians;
        Target by_cue = cue_target(fd.token_end, std::min(tokens_.size(), fd.token_end + 12), false);
        for (const auto& a : actors_) {
            if (a.begin < trigger_end)
                continue;
            // A cue word before the first actor decides ("attacked a village held by FAMa").
            std::size_t cue_at = first_cue_at(fd.token_end, std::min(tokens_.size(), fd.token_end + 12));
            if (by_cue != Target::unknown && cue_at < tokens_.size() && tokens_.source_begin(cue_at) < a.begin)
                return by_cue;
            return target_category(a.category);
        }
        if (by_cue != Target::unknown)
            return by_cue;
        // Only one kind of party in the sentence: civilians were the target.
        bool civilians = false, armed_after_subject = false;
        for (std::size_t k = 0; k < actors_.size(); ++k) {
            if (target_category(actors_[k].category) == Target::civilians)
                civilians = true;
            else if (k > 0)
                armed_after_subject = true;
        }
        if (civilians && !armed_after_subject)
            return Target::civilians;
        return Target::unknown;
    }

    // "Angry protesters stormed the town hall": the demonstrators attack,
    // not the police (the last party named before an active trigger).
    bool by_demonstrators(const Found& fd) const {
        if (in_passive(fd))
            return false;
        const ActorMention* last = nullptr;
        for (const auto& a : actors_)
            if (a.end <= fd.trigger.begin)
                last = &a;
        if (!last || (last->category != ActorCategory::protesters && last->category != ActorCategory::rioters) ||
            fd.trigger.begin - last->end > subject_reach)
            return false;
        // "fired at protesters, killing two": the protesters are the object.
        std::size_t k = fd.token;
        while (k > 0 && tokens_.source_begin(k - 1) >= last->end) {
            const std::string_view t = tokens_[--k].text;
            if (t == "," || t == ";" || t == ":")
                return false;
        }
        while (k > 0 && tokens_.source_end(k - 1) > last->begin)
            --k;  // the actor's own words
        return k == 0 || !cue(k - 1, object_marker);
    }

    // Whether the last actor named before the trigger is an armed one.
    bool armed_perpetrator(const Found& fd) const {
        const ActorMention* last = nullptr;
        for (const auto& a : actors_)
            if (a.end <= fd.trigger.begin)
                last = &a;
        return last && !unarmed(last->category);
    }

    // An air strike with ground forces, or an explosion with gunfire:
    // ACLED codes the engagement as a battle.
    bool fought_on_the_ground(const Found& strike) const {
        const std::string_view sub = strike.trigger.type.sub_event_type;
        const bool air = sub == "Air/drone strike";
        if (!air && sub != "Remote explosive/landmine/IED")
            return false;
        for (std::size_t k = 0; k < tokens_.size(); ++k) {
            if (tokens_[k].kind != TokenKind::word)
                continue;
            if (cue(k, air ? ground_fighting_cue : gunfight_cue))
                return true;
        }
        return false;
    }

    // ACLED codes off-duty or unarmed members of armed groups as civilians
    // (read once, in read_cues()).
    bool off_duty() const {
        for (std::size_t k = 0; k < tokens_.size(); ++k) {
            std::string_view t = tokens_[k].text;
            if (t == "unarmed" || (t == "off" && k + 2 < tokens_.size() && tokens_[k + 2].text == "duty"))
                return true;
        }
        return false;
    }

    std::size_t first_cue_at(std::size_t from, std::size_t to) const {
        for (std::size_t k = from; k < to; ++k)
            if (cue(k, civilian_cue | armed_cue))
                return k;
        return tokens_.size();
    }

    Target cue_target(std::size_t from, std::size_t to, bool last) const {
        Target t = Target::unknown;
        for (std::size_t k = from; k < to; ++k) {
            Target here = cue(k, civilian_cue) ? Target::civilians
                          : cue(k, armed_cue)      ? Target::armed
                                                   : Target::unknown;
            if (here != Target::unknown) {
                t = here;
                if (!last)
                    return t;
            }
        }
        return t;
    }

    // An unknown victim of a killing is taken for a civilian, as ACLED
    // codes killings by unidentified men; an unknown target of an attack
    // that kills no one is taken for an armed party.
    SubEventType attack_type(Found& fd) const {
        Target t = target_of(fd);
        fd.target = t;
        if (t == Target::unknown && (fd.roles & lethal))
            t = Target::civilians;
        return t == Target::civilians ? sub_event("Attack") : sub_event("Armed clash");
    }

    // State forces, or foreign forces fighting with them, retake; others overtake.
    SubEventType territory_type(bool peaceful) const {
        if (peaceful)
            return sub_event("Non-violent transfer of territory");
        for (const auto& a : actors_) {
            if (a.category == ActorCategory::state_forces || a.category == ActorCategory::external_forces)
                return sub_event("Government regains territory");
            if (a.category != ActorCategory::civilians)
                return sub_event("Non-state actor overtakes territory");
        }
        return sub_event("Non-state actor overtakes territory");
    }

    std::optional<EventClassification> protest_event() const {
        const Found* protest_word = nullptr;
        const Found* decisive = nullptr;
        bool violent = false, lethal_force_used = false, intervened = false;
        for (const auto& fd : found_) {
            if ((fd.roles & protest) && !protest_word)
                protest_word = &fd;
            bool fought = (fd.trigger.type.event_type == battles && fd.roles == plain) ||
                          ((fd.roles & generic_attack) && by_demonstrators(fd));
            if ((fd.roles & property) || fought || fd.trigger.type.sub_event_type == "Violent demonstration") {
                violent = true;
                decisive = decisive ? decisive : &fd;
            }
        }
        for (const auto& fd : found_) {
            if ((fd.roles & lethal_force) || (fd.roles & lethal))
                lethal_force_used = true;
            if (fd.roles & intervention)
                intervened = true;
        }
        EventClassification out = result(*protest_word);
        if (violent) {
            out = result(*decisive);
            out.type = sub_event("Violent demonstration");
        } else if (lethal_force_used) {
            out.type = sub_event("Excessive force against protesters");
        } else if (intervened) {
            out.type = sub_event("Protest with intervention");
        } else {
            out.type = sub_event("Peaceful protest");
        }
        return out;
    }
};

} // namespace

std::vector<EventTrigger> find_event_triggers(const Words& words) {
    std::vector<EventTrigger> out;
    for (const auto& fd : match_triggers(words))
        out.push_back(fd.trigger);
    return out;
}

SentenceEvents read_events(const Words& sentence, const std::vector<ActorMention>& actors) {
    std::vector<Found> found = match_triggers(sentence);
    SentenceEvents out;
    out.triggers.reserve(found.size());
    for (const auto& fd : found)
        out.triggers.push_back(fd.trigger);
    out.event = Classifier(sentence, actors, std::move(found)).classify();
    return out;
}

std::vector<EventTrigger> find_event_triggers(std::string_view text) {
    return find_event_triggers(read_words(text).words());
}

std::optional<EventClassification> classify_event(const Words& sentence, const std::vector<ActorMention>& actors) {
    return Classifier(sentence, actors, match_triggers(sentence)).classify();
}

std::optional<EventClassification> classify_event(std::string_view sentence,
                                                  const std::vector<ActorMention>& actors) {
    const WordPass pass = read_words(sentence);
    return classify_event(pass.words(), actors);
}

} // namespace incimap::extract
