// Actors: who did what to whom, coded with ACLED-style names. A dictionary
// maps the names reports use ("FAMa", "the Malian army", "GSIM", "JNIM") to one coded name and its ACLED interaction
// category. The default dictionary, src/extract/actors.tsv, is embedded in
// the program; a user file in the same format adds to it (the format is
// described at the top of that file).
//
// Matching is on whole words, with accents, typographic apostrophes and
// quotes folded, and hyphens, apostrophes and spaces treated alike; an
// alias that is an acronym (one word, two or more capitals) must match its
// case, every other alias matches in any case. Overlapping matches keep the
// longest ("Malian army" over "army"), of one length the earlier, and of
// two aliases over one span the one the dictionary lists first.
#pragma once

#include "core/acled_codebook.hpp"
#include "extract/text.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::extract {

// ACLED's actor categories, the inter codes (core/acled_codebook.hpp).
using acled::ActorCategory;
using acled::category_name;
using acled::parse_category;

// Civilians and crowds (protesters, rioters): the parties that carry no
// arms.
inline bool unarmed(ActorCategory c) {
    return c == ActorCategory::civilians || c == ActorCategory::protesters || c == ActorCategory::rioters;
}

struct ActorMention {
    std::string name;        // coded name; may hold "{country}" (see coded_name)
    ActorCategory category = ActorCategory::civilians;
    std::string country;     // ISO alpha-2 of the country the actor belongs to, or ""
    std::size_t begin = 0;   // byte span of the alias in the text
    std::size_t end = 0;
    bool generic = false;    // a common noun ("soldiers", "villagers"), not a name
};

// A government named as an actor ("Government of {country}"): it decides
// (curfews, bans); it takes no side in fighting.
inline bool is_government(const ActorMention& a) { return a.name.starts_with("Government of"); }

class ActorDictionary {
public:
    // The dictionary embedded in the program (src/extract/actors.tsv).
    static ActorDictionary builtin();
    // Parses the TSV format; origin names the text in errors. Throws
    // InputError("origin:line: ...") on a malformed line or unknown category.
    static ActorDictionary parse(std::string_view tsv, std::string_view origin);
    // Reads and parses a file. Throws InputError when it cannot be read.
    static ActorDictionary load(const std::filesystem::path& path);

    // Adds the actors, aliases and periods of more; an alias both define is
    // taken from more.
    void merge(const ActorDictionary& more);

    // Every actor mention of text, in order, none overlapping. Cost: linear
    // in the text; each word start meets the few aliases that open with its
    // first two bytes, most rejected by their first eight (tens of
    // microseconds for a 4 KB article).
    std::vector<ActorMention> find(std::string_view text) const;
    // The same on a text already folded (offsets in its source).
    std::vector<ActorMention> find(const FoldedText& folded) const;

    // The name to code: the actor a country's "@in" line codes it as
    // there, "{country}" filled in (dropped with its brackets
    // or "of" when country is empty) and the period in force on date
    // applied ("Military Forces of Mali" on 2024-09-17 -> "Military Forces
    // of Mali (2021-)"). date is ISO; when empty no period applies.
    std::string coded_name(std::string_view name, std::string_view country, std::string_view date) const;

    // The one actor ACLED codes for two groups a report cannot tell apart:
    // "A and/or B", both coded_name()s, A the one this dictionary lists
    // first; one name when both are coded alike ("JNIM and/or JNIM").
    std::string either_name(std::string_view a, std::string_view b, std::string_view country,
                            std::string_view date) const;

    std::size_t alias_count() const { return aliases_.size(); }

private:
    struct Alias {
        std::string key;  // matching form (see match_key in actors.cpp)
        bool case_sensitive = false;
        bool generic = false;  // written all in lowercase: a common noun
        std::size_t actor = 0;
    };
    struct Actor {
        std::string name;
        ActorCategory category;
        std::string country;
    };
    struct Period {
        std::string name;
        std::string from;  // ISO date
        std::string coded;
    };
    std::vector<Actor> actors_;
    std::vector<Alias> aliases_;
    std::vector<Period> periods_;
    struct LocalName {
        std::string name;     // as the dictionary names the actor
        std::string country;  // country name, as incidents carry it
        std::string coded_as; // the actor it is coded as there (periods apply)
    };
    std::vector<LocalName> local_names_;
    // Aliases by the opening of their key (first two bytes; the second 0 for
    // a one-byte key), so that each word start of a text is compared only
    // with the one or two aliases that may begin there: those of opening o
    // are opening_index_[opening_begin_[o] .. opening_begin_[o + 1]).
    std::vector<std::uint32_t> opening_begin_;
    // An alias as the index holds it: its first bytes, so that a position of
    // a text is rejected by one masked comparison before its key is read.
    struct Probe {
        std::uint64_t prefix = 0;  // the key's first min(8, size) bytes, as loaded by memcpy
        std::uint64_t mask = 0;    // ones over those bytes
        std::uint32_t alias = 0;
        bool case_sensitive = false;
    };
    std::vector<Probe> opening_index_;
    // Whether some alias key begins with the byte: the other positions of a
    // text are passed over without a lookup.
    std::array<bool, 256> initials_{};
    // Bit o set when some alias has opening o: a small table that spares
    // most lookups in the large opening_begin_.
    std::vector<std::uint64_t> used_openings_;

    std::size_t add_actor(std::string name, ActorCategory category, std::string country);
    void index_aliases();
};

} // namespace incimap::extract
