#include "extract/place_mentions.hpp"

#include "extract/place_words.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>

namespace incimap::extract {
namespace {

// Nouns after a name that make it an organisation's ("Timbuktu Institute",
// "Crisis Group"), and before one ("Radio Kledu", "Studio Tamani").
constexpr auto organisation_heads = std::to_array<std::string_view>({
    "institute", "institut", "centre", "center", "group", "foundation", "fondation", "network", "alert",
    "alerts", "watch", "times", "news", "journal", "radio", "tv", "television", "press", "observatory",
    "observatoire", "forum"});
constexpr auto organisation_openers = std::to_array<std::string_view>({
    "radio", "studio", "television", "tele", "journal", "agence", "institut", "institute", "centre",
    "university", "universite", "fondation", "foundation"});

namespace pw = place_words;

// "coded", "geocoded", "codé": the word of "coded as X".
bool is_coding_word(std::string_view word) {
    return word == "coded" || word == "geocoded" || word == "code" || word == "recoded";
}

// A word of a name with what is glued to it without spaces: "Ti-n-Zaouatene"
// is one unit of five tokens; "Boucle", "du", "Mouhoun" are three.
struct Unit {
    std::size_t first = 0;  // token indices, inclusive
    std::size_t last = 0;
    std::string key;  // folded lowercase text of the unit
};

class MentionReader {
public:
    MentionReader(std::string_view text, const FoldedText& folded, const std::vector<Token>& tokens,
                  std::size_t first, std::size_t last, const std::vector<ActorMention>& actors)
        : text_(text), folded_(folded), tokens_(tokens), first_(first), last_(last), actors_(actors) {}

    std::vector<PlaceMention> read();

private:
    std::string_view text_;
    const FoldedText& folded_;
    const std::vector<Token>& tokens_;
    std::size_t first_, last_;
    const std::vector<ActorMention>& actors_;
    std::vector<PlaceMention> mentions_;
    std::vector<std::size_t> mention_last_token_;  // last token of each mention (suffix included)
    std::vector<std::size_t> mention_first_token_;  // first token of each mention

    bool is_word(std::size_t k) const { return k < last_ && tokens_[k].kind == TokenKind::word; }
    bool is_punct(std::size_t k, char c) const {
        return k < last_ && tokens_[k].kind == TokenKind::punct && tokens_[k].text.size() == 1 &&
               tokens_[k].text[0] == c;
    }
    bool capitalised(std::size_t k) const {
        return is_word(k) && is_ascii_upper(folded_.cased[tokens_[k].begin]);
    }
    bool all_capitals(const Unit& unit) const;
    bool in_actor(std::size_t k) const;
    std::size_t source_begin(std::size_t k) const { return folded_.source_begin(tokens_[k].begin); }
    std::size_t source_end(std::size_t k) const { return folded_.source_end(tokens_[k].end); }
    std::size_t first_word() const;
    bool possessive_at(std::size_t k) const;

    std::size_t read_run(std::size_t start, std::vector<Unit>& units) const;
    Unit read_unit(std::size_t start) const;
    bool is_person(const std::vector<Unit>& units, std::size_t start_token) const;
    bool breaks_name(const std::vector<Unit>& units, std::size_t u) const;
    void add_segment(const std::vector<Unit>& units, std::size_t a, std::size_t b);
    void read_cue(std::size_t start, PlaceMention& mention) const;
    std::size_t read_suffix(std::size_t next, PlaceMention& mention) const;
    std::size_t read_brackets(std::size_t next, PlaceMention& mention) const;
};

bool MentionReader::all_capitals(const Unit& unit) const {
    for (std::size_t k = unit.first; k <= unit.last; ++k)
        for (std::size_t b = tokens_[k].begin; b < tokens_[k].end; ++b)
            if (is_ascii_alpha(folded_.cased[b]) && !is_ascii_upper(folded_.cased[b]))
                return false;
    return true;
}

bool MentionReader::in_actor(std::size_t k) const {
    const std::size_t b = source_begin(k), e = source_end(k);
    return std::any_of(actors_.begin(), actors_.end(),
                       [&](const ActorMention& a) { return a.begin < e && b < a.end; });
}

std::size_t MentionReader::first_word() const {
    std::size_t k = first_;
    while (k < last_ && tokens_[k].kind == TokenKind::punct)
        ++k;
    return k;
}

// "Mali's": an apostrophe and an s that end a name's word.
bool MentionReader::possessive_at(std::size_t k) const {
    return is_punct(k, '\'') && !tokens_[k].space_before && is_word(k + 1) && !tokens_[k + 1].space_before &&
           tokens_[k + 1].text == "s";
}

Unit MentionReader::read_unit(std::size_t start) const {
    Unit unit{start, start, std::string(tokens_[start].text)};
    // Glued by a hyphen or an apostrophe: "Gourma-Rharous", "N'Tillit";
    // not a possessive ("Mali's Mopti region" names Mali, then Mopti).
    while ((is_punct(unit.last + 1, '-') || (is_punct(unit.last + 1, '\'') && !possessive_at(unit.last + 1))) &&
           !tokens_[unit.last + 1].space_before && is_word(unit.last + 2) &&
           !tokens_[unit.last + 2].space_before) {
        unit.key += tokens_[unit.last + 1].text;
        unit.key += tokens_[unit.last + 2].text;
        unit.last += 2;
    }
    return unit;
}

// Reads the run of capitalised units that starts at token `start`; returns
// the token after it.
std::size_t MentionReader::read_run(std::size_t start, std::vector<Unit>& units) const {
    units.clear();
    units.push_back(read_unit(start));
    while (true) {
        std::size_t next = units.back().last + 1;
        if (capitalised(next) && tokens_[next].space_before) {
            units.push_back(read_unit(next));
        } else if (is_word(next) && !capitalised(next) && pw::is_name_particle(tokens_[next].text) &&
                   capitalised(next + 1) && tokens_[next + 1].space_before) {
            units.push_back(read_unit(next));
            units.push_back(read_unit(next + 1));
        } else {
            return next;
        }
    }
}

// "President Bazoum", "Amadou Koufa", "Iyad Ag Ghaly", "Col. Goita".
bool MentionReader::is_person(const std::vector<Unit>& units, std::size_t start_token) const {
    const auto first = pw::non_place(units.front().key);
    if (first == pw::NonPlace::title && units.size() > 1)
        return true;
    if (first == pw::NonPlace::given_name)
        return true;
    if (units.size() > 1 && pw::non_place(units.back().key) == pw::NonPlace::surname)
        return true;
    // A title just before: "Gen. Goita", "Mr Traore".
    std::size_t k = start_token;
    if (k > first_ && is_punct(k - 1, '.'))
        --k;
    return k > first_ && is_word(k - 1) &&
           pw::non_place(tokens_[k - 1].text) == pw::NonPlace::title && capitalised(k - 1);
}

// Whether unit u cannot be part of a place name.
bool MentionReader::breaks_name(const std::vector<Unit>& units, std::size_t u) const {
    const Unit& unit = units[u];
    if (!capitalised(unit.first))
        return false;  // a particle between two capitalised words
    if (in_actor(unit.first))
        return true;
    if (all_capitals(unit) && unit.key.size() <= 4 && unit.first == unit.last)
        return true;  // an acronym: "JNIM", "VDP", "UN"
    switch (pw::non_place(unit.key)) {
    case pw::NonPlace::none:
        return false;
    case pw::NonPlace::broad_area:
        // "Sahel region" is Burkina Faso's Sahel region, "the Sahel" is not a place.
        return !(u + 1 < units.size()
                     ? pw::place_noun(units[u + 1].key) == pw::PlaceNoun::region
                     : is_word(unit.last + 1) &&
                           pw::place_noun(tokens_[unit.last + 1].text) == pw::PlaceNoun::region);
    case pw::NonPlace::surname:
        return false;  // decided with its cue (add_segment)
    default:
        return true;
    }
}

void MentionReader::read_cue(std::size_t start, PlaceMention& mention) const {
    std::size_t k = start;
    // Skip determiners and elided articles: "in the", "à l'", "de la".
    while (k > first_) {
        const std::size_t p = k - 1;
        if (is_punct(p, '\'') && p > first_ && is_word(p - 1) && tokens_[p - 1].text.size() == 1) {
            k = p;  // "l'", "d'": the word before the apostrophe is read below
            break;
        }
        if (is_word(p) && pw::is_determiner(tokens_[p].text)) {
            k = p;
            continue;
        }
        break;
    }
    if (k == first_)
        return;
    std::size_t p = k - 1;
    if (is_punct(p, '\'') && p > first_)
        --p;
    if (!is_word(p))
        return;
    const std::string_view word = tokens_[p].text;
    // "coded as X", "coded at X", "codé à X": where the report itself says
    // it places the event, as event tables note a village they cannot find.
    if ((word == "as" || word == "at" || word == "to" || word == "in" || word == "a" || word == "en") &&
        p > first_ && is_word(p - 1) && is_coding_word(tokens_[p - 1].text)) {
        mention.cue = PlaceCue::strong;
        mention.coded = true;
        return;
    }
    const bool of = word == "of" || word == "de" || word == "du" || word == "d" || word == "des";
    // "the authorities in Niamey", "les autorités militaires de Niamey",
    // "the junta in Bamako": a seat of power naming who speaks or acts, not
    // where something happened.
    if ((of || word == "in" || word == "a") && p > first_) {
        std::size_t n = p - 1;
        if (n > first_ && is_word(n) && (tokens_[n].is("military") || tokens_[n].is("militaires")))
            --n;  // "les autorités militaires de Niamey"
        if (is_word(n) && pw::is_institution(tokens_[n].text)) {
            mention.cue = PlaceCue::weak;
            mention.reference = true;
            return;
        }
    }
    if (of || word == "from") {
        // "the village of X", "outskirts of X", "20 km north of X", "region of X".
        std::size_t n = p;
        while (n > first_ && is_word(n - 1) && pw::is_determiner(tokens_[n - 1].text))
            --n;
        if (n > first_ && is_word(n - 1)) {
            const std::string_view noun = tokens_[n - 1].text;
            switch (pw::place_noun(noun)) {
            case pw::PlaceNoun::settlement: mention.cue = PlaceCue::settlement; return;
            case pw::PlaceNoun::site: mention.cue = PlaceCue::strong; return;
            case pw::PlaceNoun::near:
            case pw::PlaceNoun::direction:
                mention.cue = PlaceCue::strong;
                mention.scope = PlaceScope::near;
                return;
            case pw::PlaceNoun::area:
                mention.cue = PlaceCue::strong;
                mention.scope = PlaceScope::area;
                return;
            case pw::PlaceNoun::region:
                mention.cue = PlaceCue::strong;
                mention.scope = PlaceScope::region;
                return;
            case pw::PlaceNoun::none: break;
            }
            if (noun == "direction") {
                mention.cue = PlaceCue::weak;  // "in the direction of X": where they went
                mention.reference = true;
                return;
            }
            if (noun == "pres" || noun == "close" || noun == "proximite") {
                mention.cue = PlaceCue::strong;
                mention.scope = PlaceScope::near;
                return;
            }
        }
        mention.cue = PlaceCue::weak;
        return;
    }
    if (word == "to" && p > first_ && is_word(p - 1) && tokens_[p - 1].is("close")) {
        mention.cue = PlaceCue::strong;
        mention.scope = PlaceScope::near;
        return;
    }
    // "the wounded were flown to X", "evacuated to X", "fled to X": where
    // people went after it, not where it happened.
    if (word == "to" && p > first_ && is_word(p - 1) && pw::is_movement_verb(tokens_[p - 1].text)) {
        mention.cue = PlaceCue::weak;
        mention.reference = true;
        return;
    }
    if (word == "towards" || word == "toward" || word == "vers") {
        mention.cue = PlaceCue::weak;  // a destination, not where it happened
        mention.reference = true;
        return;
    }
    if (pw::is_place_verb(word)) {
        mention.cue = PlaceCue::weak;
        return;
    }
    switch (pw::preposition_cue(word)) {
    case pw::Cue::strong: mention.cue = PlaceCue::strong; break;
    case pw::Cue::weak: mention.cue = PlaceCue::weak; break;
    case pw::Cue::none: return;
    }
    if (word == "near" || word == "around" || word == "outside" || word == "pres" ||
        word == "between" || word == "entre")
        mention.scope = PlaceScope::near;
}

// "Mopti region", "Gao district", "Djibo town", "Bamako airport": the noun
// after a name. Returns the token after what it read.
std::size_t MentionReader::read_suffix(std::size_t next, PlaceMention& mention) const {
    if (!is_word(next) || capitalised(next))
        return next;
    switch (pw::place_noun(tokens_[next].text)) {
    case pw::PlaceNoun::region:
        if (tokens_[next].is("state"))
            return next;
        mention.scope = PlaceScope::region;
        mention.cue = std::max(mention.cue, PlaceCue::strong);
        return next + 1;
    case pw::PlaceNoun::area:
        if (mention.scope == PlaceScope::place)
            mention.scope = PlaceScope::area;
        mention.cue = std::max(mention.cue, PlaceCue::strong);
        return next + 1;
    case pw::PlaceNoun::settlement:
        mention.cue = PlaceCue::settlement;
        return next + 1;
    case pw::PlaceNoun::site:
        mention.cue = std::max(mention.cue, PlaceCue::weak);
        return next + 1;
    default:
        return next;
    }
}

// "(Douentza, Mopti)", "(Mopti region)", "[Tin Kara]" after a name.
// Returns the token after the closing bracket, or next when there is none.
std::size_t MentionReader::read_brackets(std::size_t next, PlaceMention& mention) const {
    const bool square = is_punct(next, '[');
    if (!square && !is_punct(next, '('))
        return next;
    const char close = square ? ']' : ')';
    std::size_t end = next + 1;
    while (end < last_ && !is_punct(end, close) && !is_punct(end, '(') && !is_punct(end, '['))
        ++end;
    if (end >= last_ || !is_punct(end, close))
        return next;
    // "(coded as Djibo at geoprecision 2)" is no list of hints: its names
    // are read as mentions of their own.
    for (std::size_t k = next + 1; k < end; ++k)
        if (is_word(k) && is_coding_word(tokens_[k].text))
            return next;
    std::vector<std::string> parts;
    std::size_t part_first = next + 1;
    auto take_part = [&](std::size_t a, std::size_t b) {  // tokens [a, b)
        while (b > a && is_word(b - 1) && !capitalised(b - 1) &&
               pw::place_noun(tokens_[b - 1].text) != pw::PlaceNoun::none)
            --b;  // "Mopti region" -> "Mopti"
        if (b <= a || !capitalised(a))
            return;
        for (std::size_t k = a; k < b; ++k)
            if (is_word(k) && (in_actor(k) || pw::non_place(tokens_[k].text) == pw::NonPlace::calendar))
                return;
        parts.emplace_back(text_.substr(source_begin(a), source_end(b - 1) - source_begin(a)));
    };
    for (std::size_t k = next + 1; k <= end; ++k)
        if (k == end || is_punct(k, ',') || is_punct(k, ';')) {
            take_part(part_first, k);
            part_first = k + 1;
        }
    if (parts.empty())
        return next;
    if (square)
        mention.alternate = parts.front();
    else
        mention.hints = std::move(parts);
    return end + 1;
}

void MentionReader::add_segment(const std::vector<Unit>& units, std::size_t a, std::size_t b) {
    // Particles never open or close a name.
    while (a <= b && !capitalised(units[a].first))
        ++a;
    while (b > a && !capitalised(units[b].first))
        --b;
    if (a > b || !capitalised(units[a].first))
        return;
    // Nouns written in capitals after a name: "Mopti Region", "Djibo Airport".
    PlaceMention mention;
    std::size_t name_end = b;
    while (name_end > a && pw::place_noun(units[name_end].key) != pw::PlaceNoun::none &&
           pw::place_noun(units[name_end].key) != pw::PlaceNoun::direction)
        --name_end;
    const std::size_t begin_token = units[a].first;
    const std::size_t end_token = units[name_end].last;
    mention.begin = source_begin(begin_token);
    mention.end = source_end(end_token);
    mention.name = std::string(text_.substr(mention.begin, mention.end - mention.begin));
    mention.sentence_start = begin_token == first_word();
    mention.is_region_word = pw::non_place(units[a].key) == pw::NonPlace::broad_area;
    read_cue(begin_token, mention);
    // A lone surname is a person unless the text says it is a settlement.
    if (a == name_end && pw::non_place(units[a].key) == pw::NonPlace::surname &&
        mention.cue != PlaceCue::settlement)
        return;
    // A capitalised noun that was cut off acts as the suffix it is.
    for (std::size_t u = name_end + 1; u <= b; ++u)
        switch (pw::place_noun(units[u].key)) {
        case pw::PlaceNoun::region: mention.scope = PlaceScope::region; break;
        case pw::PlaceNoun::area:
            if (mention.scope == PlaceScope::place)
                mention.scope = PlaceScope::area;
            break;
        case pw::PlaceNoun::settlement: mention.cue = PlaceCue::settlement; break;
        default: break;
        }
    if (name_end < b)
        mention.cue = std::max(mention.cue, PlaceCue::strong);

    std::size_t next = units[b].last + 1;
    if (name_end == b)
        next = read_suffix(next, mention);
    // A spelling in square brackets, then the hints: "Kara [Tin Kara] (Amakoy, Gao)".
    next = read_brackets(next, mention);
    next = read_brackets(next, mention);

    // A list continues the cue of the name before it: "attacks on Djibo and
    // Arbinda", "in Gao, Ansongo and Menaka"; after "between" the second
    // name only says where the stretch ends.
    if (!mentions_.empty() && begin_token >= 2) {
        const std::size_t before = mention_last_token_.back();
        const std::size_t gap = begin_token - before;
        const bool joined = gap == 2 && (is_punct(before + 1, ',') ||
                                         (is_word(before + 1) && pw::preposition_cue(tokens_[before + 1].text) == pw::Cue::weak &&
                                          (tokens_[before + 1].is("and") || tokens_[before + 1].is("or") ||
                                           tokens_[before + 1].is("et") || tokens_[before + 1].is("ou"))));
        const bool and_joined = gap == 3 && is_punct(before + 1, ',') && is_word(before + 2) &&
                                (tokens_[before + 2].is("and") || tokens_[before + 2].is("et"));
        const PlaceMention& previous = mentions_.back();
        mention.listed = joined || and_joined;
        if ((joined || and_joined) && mention.cue <= PlaceCue::weak &&
            previous.cue != PlaceCue::none) {
            if (previous.scope == PlaceScope::near && mention.scope == PlaceScope::place &&
                !is_punct(before + 1, ',')) {
                mention.reference = true;  // between X and Y
            } else {
                mention.cue = previous.cue;
                if (mention.scope == PlaceScope::place)
                    mention.scope = previous.scope;
            }
        }
        // "The road linking Gao to Ansongo", "reliant Gao à Ansongo", "from
        // Gao to Ansongo": a stretch of road, told at the end named first
        // (near it, precision 2); the second only says where it ends.
        if (gap == 2 && is_word(before + 1) && mention_first_token_.back() > first_ &&
            is_word(mention_first_token_.back() - 1)) {
            const Token& link = tokens_[before + 1];
            const Token& opener = tokens_[mention_first_token_.back() - 1];
            const bool to = link.is("to") || link.is("a");
            const bool linking = opener.is("linking") || opener.is("connecting") || opener.is("joining") ||
                                 opener.is("reliant") || opener.is("relie") || opener.is("reliait");
            if ((linking && (to || link.is("and") || link.is("with") || link.is("et"))) ||
                (to && (opener.is("from") || opener.is("de")))) {
                mention.reference = true;
                if (mentions_.back().scope == PlaceScope::place)
                    mentions_.back().scope = PlaceScope::near;
            }
        }
        // "Kolo, near Diffa", "in Kolo, 40 km from Gao": a landmark.
        const bool landmark = mention.scope == PlaceScope::near && gap <= 7 &&
                              !previous.reference && previous.scope != PlaceScope::region &&
                              is_punct(before + 1, ',');
        if (landmark)
            mention.reference = true;
    }
    // Hints in brackets say a name on its own is a place: "attacked X
    // (Commune, Province)"; in a list they locate the names before it.
    if (!mention.hints.empty() && !mention.listed && !mention.reference)
        mention.cue = std::max(mention.cue, PlaceCue::strong);
    mentions_.push_back(std::move(mention));
    mention_last_token_.push_back(next > 0 ? next - 1 : 0);
    mention_first_token_.push_back(begin_token);
}

std::vector<PlaceMention> MentionReader::read() {
    std::vector<Unit> units;
    for (std::size_t k = first_; k < last_;) {
        if (!capitalised(k)) {
            ++k;
            continue;
        }
        const std::size_t next = read_run(k, units);
        if (is_person(units, k)) {
            k = next;
            continue;
        }
        // Cut the run at the units that cannot be part of a place name. A
        // name that an organisation is named after is no place either:
        // "Timbuktu Institute", "Soufan Centre", "Crisis Group", "Radio Kledu".
        std::size_t start = 0;
        for (std::size_t u = 0; u <= units.size(); ++u) {
            if (u < units.size() && !breaks_name(units, u))
                continue;
            const bool named_for = (u < units.size() && among(organisation_heads, units[u].key)) ||
                                   (start > 0 && start < units.size() && capitalised(units[start].first) &&
                                    among(organisation_openers, units[start - 1].key));
            if (u > start && !named_for)
                add_segment(units, start, u - 1);
            start = u + 1;
        }
        k = std::max(next, mention_last_token_.empty() ? next : mention_last_token_.back() + 1);
    }
    return std::move(mentions_);
}

} // namespace

std::vector<PlaceMention> find_place_mentions(std::string_view text, const FoldedText& folded,
                                              const std::vector<Token>& tokens, std::size_t first,
                                              std::size_t last,
                                              const std::vector<ActorMention>& actors) {
    return MentionReader(text, folded, tokens, first, std::min(last, tokens.size()), actors).read();
}

std::vector<PlaceMention> find_place_mentions(std::string_view sentence,
                                              const ActorDictionary& actors) {
    const FoldedText folded = fold(sentence);
    const std::vector<Token> tokens = tokenize(folded);
    return find_place_mentions(sentence, folded, tokens, 0, tokens.size(), actors.find(sentence));
}

namespace {

double to_double(std::string_view digits) {
    double value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return value;
}

// A decimal degree at s[i]: "-9.98426", "14.55455" (two decimals at least,
// so that "3.5 km" or a date is never read as one). Sets end past it.
std::optional<double> decimal_degree(std::string_view s, std::size_t i, std::size_t& end) {
    std::size_t k = i;
    if (k < s.size() && (s[k] == '-' || s[k] == '+'))
        ++k;
    const std::size_t int_begin = k;
    while (k < s.size() && is_ascii_digit(s[k]))
        ++k;
    if (k == int_begin || k - int_begin > 3 || k >= s.size() || s[k] != '.')
        return std::nullopt;
    const std::size_t frac_begin = ++k;
    while (k < s.size() && is_ascii_digit(s[k]))
        ++k;
    if (k - frac_begin < 2)
        return std::nullopt;
    end = k;
    return to_double(s.substr(s[i] == '+' ? i + 1 : i, k - (s[i] == '+' ? i + 1 : i)));
}

// A degree in degrees, minutes and seconds at s[i]: "14°33'N", "9°59'12\"W",
// "14° 33′ N". Sets end past its hemisphere letter.
std::optional<double> dms_degree(std::string_view s, std::size_t i, std::size_t& end) {
    auto number = [&](std::size_t& k, double& value) {
        const std::size_t b = k;
        while (k < s.size() && (is_ascii_digit(s[k]) || (s[k] == '.' && k > b)))
            ++k;
        if (k == b)
            return false;
        value = to_double(s.substr(b, k - b));
        return true;
    };
    auto skip_spaces = [&](std::size_t& k) {
        while (k < s.size() && s[k] == ' ')
            ++k;
    };
    auto mark = [&](std::size_t& k, std::initializer_list<std::string_view> marks) {
        for (std::string_view m : marks)
            if (s.substr(k, m.size()) == m) {
                k += m.size();
                return true;
            }
        return false;
    };
    std::size_t k = i;
    double degrees = 0, minutes = 0, seconds = 0;
    if (!number(k, degrees) || !mark(k, {"°", "º"}))
        return std::nullopt;
    skip_spaces(k);
    std::size_t m = k;
    if (number(m, minutes) && mark(m, {"'", "′", "’"})) {
        k = m;
        skip_spaces(k);
        std::size_t sec = k;
        if (number(sec, seconds) && mark(sec, {"\"", "″", "''", "”"}))
            k = sec;
        skip_spaces(k);
    } else {
        minutes = 0;
    }
    if (k >= s.size() || minutes >= 60 || seconds >= 60)
        return std::nullopt;
    const char hemisphere = s[k];
    double value = degrees + minutes / 60 + seconds / 3600;
    if (hemisphere == 'S' || hemisphere == 'W')
        value = -value;
    else if (hemisphere != 'N' && hemisphere != 'E')
        return std::nullopt;
    if (k + 1 < s.size() && is_ascii_alpha(s[k + 1]))
        return std::nullopt;
    end = k + 1;
    return value;
}

} // namespace

std::vector<StatedPoint> find_coordinates(std::string_view text) {
    std::vector<StatedPoint> points;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!is_ascii_digit(c) && c != '-' && c != '+')
            continue;
        if (i > 0 && (is_ascii_digit(text[i - 1]) || is_ascii_alpha(text[i - 1]) || text[i - 1] == '.'))
            continue;
        std::size_t end = i;
        // "14°33'N 9°59'W" (latitude first, each with its hemisphere)
        if (auto lat = dms_degree(text, i, end)) {
            std::size_t k = end;
            while (k < text.size() && (text[k] == ' ' || text[k] == ','))
                ++k;
            std::size_t lon_end = k;
            if (auto lon = dms_degree(text, k, lon_end); lon && text[end - 1] != 'E' && text[end - 1] != 'W' &&
                                                          (text[lon_end - 1] == 'E' || text[lon_end - 1] == 'W') &&
                                                          std::abs(*lat) <= 90 && std::abs(*lon) <= 180) {
                points.push_back(StatedPoint{*lat, *lon, i, lon_end});
                i = lon_end - 1;
            }
            continue;
        }
        // "14.55455, -9.98426" (latitude, longitude)
        if (auto lat = decimal_degree(text, i, end)) {
            std::size_t k = end;
            if (k < text.size() && text[k] == ',')
                ++k;
            while (k < text.size() && text[k] == ' ')
                ++k;
            std::size_t lon_end = k;
            if (k == end)
                continue;
            if (auto lon = decimal_degree(text, k, lon_end);
                lon && std::abs(*lat) <= 90 && std::abs(*lon) <= 180 &&
                (lon_end == text.size() || !is_ascii_digit(text[lon_end]))) {
                points.push_back(StatedPoint{*lat, *lon, i, lon_end});
                i = lon_end - 1;
            }
        }
    }
    return points;
}

} // namespace incimap::extract
