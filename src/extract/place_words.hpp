// The words around and inside place names that decide whether a
// capitalised word of a report is a toponym: the cue before it ("in", "near",
// "village of"), the word after it ("region", "district"), and the
// capitalised words that are not places at all — calendar words, titles,
// given names and common Sahel surnames, demonyms and ethnic names,
// organisations, broad areas such as "the Sahel". Internal to extract/;
// place_mentions.cpp is its user.
//
// Every function takes one word in the folded lowercase form tokenize()
// gives ("tillaberi", not "Tillabéri") and is a lookup in a fixed table.
#pragma once

#include <string_view>

namespace incimap::extract::place_words {

// What a capitalised word is when it is not a place.
enum class NonPlace {
    none,          // may be (part of) a place name
    common,        // function word, verb, common noun capitalised in a title or at a sentence start
    calendar,      // month or weekday ("May", "Tuesday", "mardi")
    title,         // a person's title ("President", "Gen", "Colonel")
    given_name,    // a given name ("Amadou", "Said")
    surname,       // a common surname of the region ("Traore", "Diallo")
    demonym,       // "Malian", "Burkinabe", "Fulani", "Dogon", "French"
    organisation,  // "Council", "Ministry", "Reuters", "Facebook"
    broad_area,    // "Sahel", "Sahara", "Africa": not an incident location
};

NonPlace non_place(std::string_view word);

// ISO alpha-2 code of the country a demonym or short country name points to
// ("malian" -> "ML", "burkinabe" -> "BF", "nigerien" -> "NE"); "" if none.
std::string_view demonym_country(std::string_view word);

// How strongly the word before a name says that the name is a place.
enum class Cue { none, weak, strong };

// Words that put a place after them: "in", "at", "near", "around", "a"
// (French à), "dans"; weak ones "on", "to", "from", "towards", "between".
Cue preposition_cue(std::string_view word);

// Verbs whose object is where the event happened: "attacked X", "raided X",
// "a attaqué X". A weak cue: the object may also be a group or a person,
// which the gazetteer then does not know.
bool is_place_verb(std::string_view word);

// Verbs of going or carrying whose "to X" is where people went after the
// event: "evacuated to", "flown to", "fled to".
bool is_movement_verb(std::string_view word);

// Nouns of the powers that sit in a capital: "the authorities in X", "la
// junte de X".
bool is_institution(std::string_view word);

// Nouns of "NOUN of X" that make X a place: "village", "town", "outskirts",
// "region". Also used for "X NOUN" after a name ("Mopti region").
enum class PlaceNoun {
    none,
    settlement,  // town, village, city, locality, hamlet: X is a town
    site,        // airport, camp, market, mosque: a site in or at X
    near,        // outskirts, vicinity, environs, surroundings: near X
    area,        // district, commune, department, cercle, area, province, zone: part of a region
    region,      // region, région: an admin1
    direction,   // north, south-east, ...: "north of X" is near X
};

PlaceNoun place_noun(std::string_view word);

// "de", "du", "el", "al", "n": lowercase words inside place names
// ("Boucle du Mouhoun", "Tin Zaouatine").
bool is_name_particle(std::string_view word);

// Determiners skipped between a cue and a name ("in the Mopti region").
bool is_determiner(std::string_view word);

} // namespace incimap::extract::place_words
