#include "extract/actors.hpp"

#include "core/error.hpp"
#include "core/input_kind.hpp"
#include "core/resources.hpp"
#include "extract/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <array>
#include <cctype>
#include <cstring>
#include <fstream>
#include <sstream>

namespace incimap::extract {
namespace {

// The matching form: folded (fold()), with every run of spaces, hyphens,
// apostrophes and underscores made one space, so "al-Islam" = "al Islam"
// and "Jama’at" = "Jama'at". Only the places where bytes are dropped (the
// rest of a run, the text's leading ones) are kept, so that each byte maps
// back to FoldedText without a table eight times the size of the text.
struct MatchKey {
    std::string cased;
    std::string lower;
    // From key offset `at` on (until the next step), the folded text is
    // `skipped` bytes further on.
    struct Step {
        std::size_t at = 0;
        std::size_t skipped = 0;
    };
    std::vector<Step> steps;

    // The offset in the FoldedText of key byte k.
    std::size_t folded_offset(std::size_t k) const {
        const auto after = std::upper_bound(steps.begin(), steps.end(), k,
                                            [](std::size_t at, const Step& s) { return at < s.at; });
        return after == steps.begin() ? k : k + std::prev(after)->skipped;
    }
};

constexpr std::array<bool, 256> separators = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : {' ', '\t', '\n', '\r', '-', '\'', '_'})
        table[c] = true;
    return table;
}();

bool is_separator(char c) { return separators[static_cast<unsigned char>(c)]; }

// Letters, digits and the bytes of non-ASCII characters, by byte: tested
// at every byte of a text.
constexpr std::array<bool, 256> word_chars = [] {
    std::array<bool, 256> table{};
    for (std::size_t b = 0; b < table.size(); ++b) {
        table[b] = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b >= 0x80;
    }
    return table;
}();

bool is_word_char(char c) { return word_chars[static_cast<unsigned char>(c)]; }

MatchKey match_key(const FoldedText& f) {
    MatchKey key;
    const std::size_t n = f.cased.size();
    key.cased.resize(n);
    key.lower.resize(n);
    std::size_t size = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = f.cased[i];
        if (is_separator(c)) {
            if (size == 0 || key.cased[size - 1] == ' ') {
                key.steps.push_back(MatchKey::Step{size, i + 1 - size});
                continue;
            }
            key.cased[size] = key.lower[size] = ' ';
        } else {
            key.cased[size] = c;
            key.lower[size] = f.lower[i];
        }
        ++size;
    }
    key.cased.resize(size);
    key.lower.resize(size);
    return key;
}

std::string alias_key(std::string_view alias, bool case_sensitive) {
    MatchKey key = match_key(fold(alias));
    std::string& s = case_sensitive ? key.cased : key.lower;
    while (!s.empty() && s.back() == ' ')
        s.pop_back();
    return s;
}

// One word with two or more capitals: JNIM, FAMa, CSP-PSD.
bool is_acronym(std::string_view alias) {
    if (alias.find(' ') != std::string_view::npos)
        return false;
    return std::count_if(alias.begin(), alias.end(), [](char c) { return is_ascii_upper(c); }) >= 2;
}

// An acronym as reports write it: itself, its plural ("VDPs", "IEDs"),
// and a final S in lower case ("ISGs" for ISGS).
std::vector<std::string> acronym_spellings(const std::string& key) {
    std::vector<std::string> spellings{key};
    if (key.empty() || !is_ascii_upper(key.back()))
        return spellings;
    spellings.push_back(key + 's');
    if (key.back() == 'S')
        spellings.push_back(key.substr(0, key.size() - 1) + 's');
    return spellings;
}

bool is_common_noun(std::string_view alias) {
    return std::none_of(alias.begin(), alias.end(), [](char c) { return is_ascii_upper(c); });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    for (;;) {
        auto at = s.find(sep);
        parts.push_back(trim(s.substr(0, at)));
        if (at == std::string_view::npos)
            return parts;
        s.remove_prefix(at + 1);
    }
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

} // namespace

std::size_t ActorDictionary::add_actor(std::string name, ActorCategory category, std::string country) {
    for (std::size_t i = 0; i < actors_.size(); ++i)
        if (actors_[i].name == name) {
            actors_[i].category = category;
            actors_[i].country = std::move(country);
            return i;
        }
    actors_.push_back(Actor{std::move(name), category, std::move(country)});
    return actors_.size() - 1;
}

ActorDictionary ActorDictionary::parse(std::string_view tsv, std::string_view origin) {
    ActorDictionary dict;
    long line_no = 0;
    while (!tsv.empty()) {
        auto eol = tsv.find('\n');
        std::string_view line = tsv.substr(0, eol);
        tsv = eol == std::string_view::npos ? std::string_view{} : tsv.substr(eol + 1);
        ++line_no;
        if (trim(line).empty() || trim(line).front() == '#')
            continue;
        auto fields = split(line, '\t');
        if (fields[0] == "@period") {
            if (fields.size() != 4 || fields[1].empty() || fields[3].empty())
                throw InputError(origin, line_no, "a period line needs 4 tab-separated fields: @period, name, from, coded name");
            dict.periods_.push_back(Period{std::string(fields[1]), std::string(fields[2]), std::string(fields[3])});
            if (fields[2].size() != 10 || fields[2][4] != '-' || fields[2][7] != '-')
                throw InputError(origin, line_no, fmt::format("period start '{}' is not an ISO date", fields[2]));
            continue;
        }
        if (fields[0] == "@in") {
            if (fields.size() != 4 || fields[1].empty() || fields[2].empty() || fields[3].empty())
                throw InputError(origin, line_no,
                                 "a country line needs 4 tab-separated fields: @in, name, countries, coded as");
            for (auto country : split(fields[2], '|'))
                dict.local_names_.push_back(
                    LocalName{std::string(fields[1]), std::string(trim(country)), std::string(fields[3])});
            continue;
        }
        if (fields.size() != 3 && fields.size() != 4)
            throw InputError(origin, line_no,
                             fmt::format("expected 3 or 4 tab-separated fields (name, category, aliases, "
                                         "country), found {}",
                                         fields.size()));
        const std::string_view country = fields.size() == 4 ? trim(fields[3]) : std::string_view{};
        if (!country.empty() && (country.size() != 2 || !std::isupper(static_cast<unsigned char>(country[0])) ||
                                 !std::isupper(static_cast<unsigned char>(country[1]))))
            throw InputError(origin, line_no,
                             fmt::format("country '{}' is not an ISO 3166 alpha-2 code such as ML", country));
        if (fields[0].empty())
            throw InputError(origin, line_no, "empty actor name");
        auto category = parse_category(fields[1]);
        if (!category)
            throw InputError(origin, line_no,
                             fmt::format("unknown category '{}' (expected one of: {})", fields[1],
                                         fmt::join(acled::category_names(), ", ")));
        std::size_t actor = dict.add_actor(std::string(fields[0]), *category, std::string(country));
        for (auto alias : split(fields[2], '|')) {
            if (alias.empty())
                continue;
            bool acronym = is_acronym(alias);
            std::string key = alias_key(alias, acronym);
            if (key.empty())
                continue;
            for (auto& spelling : acronym ? acronym_spellings(key) : std::vector<std::string>{key})
                dict.aliases_.push_back(Alias{std::move(spelling), acronym, is_common_noun(alias), actor});
        }
    }
    dict.index_aliases();
    return dict;
}

namespace {

// Up to 8 bytes of s from `at` (zeros past its end), as Probe::prefix holds them.
std::uint64_t first_bytes(std::string_view s, std::size_t at) {
    std::uint64_t bytes = 0;
    std::memcpy(&bytes, s.data() + at, std::min<std::size_t>(8, s.size() - at));
    return bytes;
}

// The opening of the bytes at `at` (first two; the second 0 at the end).
std::size_t opening(std::string_view s, std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(s[at])) << 8 |
           (at + 1 < s.size() ? static_cast<unsigned char>(s[at + 1]) : 0u);
}

} // namespace

void ActorDictionary::index_aliases() {
    std::vector<std::vector<std::uint32_t>> by_opening(1u << 16);
    for (std::size_t a = 0; a < aliases_.size(); ++a)
        if (!aliases_[a].key.empty())
            by_opening[opening(aliases_[a].key, 0)].push_back(static_cast<std::uint32_t>(a));
    opening_begin_.clear();
    opening_index_.clear();
    initials_.fill(false);
    used_openings_.assign(by_opening.size() / 64, 0);
    for (const auto& alias : aliases_)
        if (!alias.key.empty())
            initials_[static_cast<unsigned char>(alias.key.front())] = true;
    for (std::size_t o = 0; o < by_opening.size(); ++o)
        if (!by_opening[o].empty())
            used_openings_[o / 64] |= std::uint64_t{1} << (o % 64);
    for (const auto& aliases : by_opening) {
        opening_begin_.push_back(static_cast<std::uint32_t>(opening_index_.size()));
        for (std::uint32_t a : aliases) {
            const std::string& key = aliases_[a].key;
            const std::uint64_t prefix = first_bytes(key, 0);
            const std::uint64_t mask = first_bytes(std::string(std::min<std::size_t>(8, key.size()), '\xff'), 0);
            opening_index_.push_back(Probe{prefix, mask, a, aliases_[a].case_sensitive});
        }
    }
    opening_begin_.push_back(static_cast<std::uint32_t>(opening_index_.size()));
}

ActorDictionary ActorDictionary::builtin() {
    return parse(as_text(resource("extract/actors.tsv")), "actors.tsv (built in)");
}

ActorDictionary ActorDictionary::load(const std::filesystem::path& path) {
    return parse(read_whole_file(path, std::size_t(64) << 20, "an actor dictionary"), path.string());
}

void ActorDictionary::merge(const ActorDictionary& more) {
    for (const auto& alias : more.aliases_) {
        std::erase_if(aliases_, [&](const Alias& a) {
            return a.key == alias.key && a.case_sensitive == alias.case_sensitive;
        });
        const Actor& actor = more.actors_[alias.actor];
        Alias copy = alias;
        copy.actor = add_actor(actor.name, actor.category, actor.country);
        aliases_.push_back(std::move(copy));
    }
    for (const auto& actor : more.actors_)
        add_actor(actor.name, actor.category, actor.country);
    periods_.insert(periods_.end(), more.periods_.begin(), more.periods_.end());
    local_names_.insert(local_names_.end(), more.local_names_.begin(), more.local_names_.end());
    index_aliases();
}

std::vector<ActorMention> ActorDictionary::find(std::string_view text) const { return find(fold(text)); }

std::vector<ActorMention> ActorDictionary::find(const FoldedText& folded) const {
    const MatchKey key = match_key(folded);
    struct Hit {
        std::size_t begin, end, alias;
        std::size_t length() const { return end - begin; }
    };
    // In order of their beginning; at one beginning the longest first, then
    // in the order of the dictionary.
    std::vector<Hit> hits;
    std::size_t longest = 0;
    const std::size_t size = key.lower.size();
    for (std::size_t at = 0; at < size; ++at) {
        const bool starts_word =
            at == 0 || !is_word_char(key.lower[at - 1]) || !is_word_char(key.lower[at]);
        if (!starts_word || (!initials_[static_cast<unsigned char>(key.lower[at])] &&
                             !initials_[static_cast<unsigned char>(key.cased[at])]))
            continue;
        const std::size_t first_hit = hits.size();
        // The openings an alias may have here: two bytes of the lowercase
        // or the cased form, or one byte of either for one-byte aliases
        // (the cased ones only where the text has capitals).
        const std::size_t lower_opening = opening(key.lower, at), cased_opening = opening(key.cased, at);
        const std::array<std::size_t, 4> openings = {lower_opening, cased_opening, lower_opening & 0xFF00u,
                                                     cased_opening & 0xFF00u};
        const bool lowercase = cased_opening == lower_opening;
        const std::uint64_t lower_bytes = first_bytes(key.lower, at), cased_bytes = first_bytes(key.cased, at);
        for (std::size_t o = 0; o < openings.size(); o += lowercase ? 2 : 1) {
            if (!(used_openings_[openings[o] / 64] >> (openings[o] % 64) & 1u) ||
                std::find(openings.begin(), openings.begin() + o, openings[o]) != openings.begin() + o)
                continue;  // no alias opens so, or looked up already
            for (std::uint32_t i = opening_begin_[openings[o]]; i < opening_begin_[openings[o] + 1]; ++i) {
                const Probe& probe = opening_index_[i];
                if (((probe.case_sensitive ? cased_bytes : lower_bytes) & probe.mask) != probe.prefix)
                    continue;
                const std::size_t a = probe.alias;
                const Alias& alias = aliases_[a];
                const std::string& hay = alias.case_sensitive ? key.cased : key.lower;
                const std::size_t length = alias.key.size();
                if (length > size - at || (length > 8 && hay.compare(at, length, alias.key) != 0))
                    continue;
                const std::size_t end = at + alias.key.size();
                if (end == size || !is_word_char(hay[end]) || !is_word_char(hay[end - 1])) {
                    hits.push_back(Hit{at, end, a});
                    longest = std::max(longest, length);
                }
            }
        }
        if (hits.size() - first_hit > 1)
            std::sort(hits.begin() + static_cast<std::ptrdiff_t>(first_hit), hits.end(),
                      [](const Hit& x, const Hit& y) {
                          return x.length() != y.length() ? x.length() > y.length() : x.alias < y.alias;
                      });
    }
    // Longest first among overlapping hits: take them by length (a counting
    // sort, stable, so in order of their beginning at one length).
    std::vector<std::size_t> by_length(hits.size());
    {
        std::vector<std::size_t> from(longest + 2, 0);
        for (const Hit& h : hits)
            ++from[longest - h.length() + 1];
        for (std::size_t l = 1; l < from.size(); ++l)
            from[l] += from[l - 1];
        for (std::size_t i = 0; i < hits.size(); ++i)
            by_length[from[longest - hits[i].length()]++] = i;
    }
    // A hit overlapping one kept before, which is no shorter, covers its
    // first or its last byte: two looks at the bytes kept decide, and the
    // whole stays linear in the text.
    std::vector<char> covered(size, 0), taken(hits.size(), 0);
    for (std::size_t i : by_length) {
        const Hit& h = hits[i];
        if (covered[h.begin] || covered[h.end - 1])
            continue;
        std::fill(covered.begin() + static_cast<std::ptrdiff_t>(h.begin),
                  covered.begin() + static_cast<std::ptrdiff_t>(h.end), 1);
        taken[i] = 1;
    }
    // A common noun right after a name is part of it: "JNIM militants",
    // "FAMa soldiers" are one mention.
    std::vector<Hit> kept;
    for (std::size_t i = 0; i < hits.size(); ++i) {
        if (!taken[i])
            continue;
        const Hit& h = hits[i];
        if (!kept.empty() && aliases_[h.alias].generic && !aliases_[kept.back().alias].generic &&
            key.lower.find_first_not_of(' ', kept.back().end) == h.begin)
            continue;
        kept.push_back(h);
    }

    std::vector<ActorMention> mentions;
    mentions.reserve(kept.size());
    for (const Hit& h : kept) {
        const Alias& alias = aliases_[h.alias];
        const Actor& actor = actors_[alias.actor];
        ActorMention m;
        m.name = actor.name;
        m.category = actor.category;
        m.country = actor.country;
        m.begin = folded.source_begin(key.folded_offset(h.begin));
        m.end = folded.source_end(key.folded_offset(h.end - 1) + 1);
        m.generic = alias.generic;
        mentions.push_back(std::move(m));
    }
    return mentions;
}

std::string ActorDictionary::coded_name(std::string_view name, std::string_view country,
                                        std::string_view date) const {
    std::string coded(name);
    for (const auto& local : local_names_)
        if (local.name == name && local.country == country)
            coded = local.coded_as;
    if (country.empty()) {
        replace_all(coded, " ({country})", "");
        replace_all(coded, " of {country}", "");
        replace_all(coded, "{country}", "");
    } else {
        replace_all(coded, "{country}", country);
    }
    if (date.empty())
        return coded;
    // The actor's own periods, else those of the force a unit is named
    // after ("Police Forces of Mali Gendarmerie": "Police Forces of Mali").
    const Period* best = nullptr;
    for (const auto& p : periods_)
        if (p.name == coded && p.from <= date && (!best || p.from >= best->from))
            best = &p;
    if (best)
        return best->coded;
    std::string_view unit;
    for (const auto& p : periods_) {
        const bool force_of_unit = coded.size() > p.name.size() + 1 && coded.starts_with(p.name) &&
                                   coded[p.name.size()] == ' ' && coded[p.name.size() + 1] != '(';
        if (force_of_unit && p.from <= date && (!best || p.name.size() > best->name.size() ||
                                                (p.name == best->name && p.from >= best->from))) {
            best = &p;
            unit = std::string_view(coded).substr(p.name.size());
        }
    }
    return best ? best->coded + std::string(unit) : coded;
}

std::string ActorDictionary::either_name(std::string_view a, std::string_view b, std::string_view country,
                                         std::string_view date) const {
    auto listed_at = [&](std::string_view name) {
        for (std::size_t i = 0; i < actors_.size(); ++i)
            if (actors_[i].name == name)
                return i;
        return actors_.size();
    };
    if (listed_at(b) < listed_at(a))
        std::swap(a, b);
    std::string first = coded_name(a, country, date), second = coded_name(b, country, date);
    if (first == second)
        return first;  // "JNIM and/or JNIM", or a faction coded as its group
    return first + " and/or " + second;
}

} // namespace incimap::extract
