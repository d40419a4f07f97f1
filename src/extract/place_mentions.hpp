// Candidate toponyms of a sentence: the capitalised names that may be
// places, with what the words around them say — the cue before them ("in",
// "near", "the village of"), the scope they give ("near X", "X district",
// "X region"), the hints in brackets after them ("Boni (Douentza, Mopti)",
// "Koro (Mopti region)", an alternative spelling "Kara [Tin Kara]"),
// and whether they only locate another place ("Kolo, near Diffa",
// "on the road between Kolo and Gao": Diffa and Gao are references).
//
// A mention is a maximal run of capitalised words (hyphens, apostrophes and
// name particles such as "du" or "n" may join them: "Boucle du Mouhoun",
// "Ti-n-Zaouatene"), cut at words that are not place names: calendar words,
// titles, given names and common surnames (a run that begins with a title
// or a given name is a person), demonyms ("Malian"), organisations, broad
// areas ("the Sahel", unless "Sahel region"), and words inside an actor
// mention ("JNIM", "FAMa", "Wagner", "Soldiers"). The gazetteer decides afterwards which
// mentions are places (place_resolver.hpp); this step only reads the text.
#pragma once

#include "extract/actors.hpp"
#include "extract/text.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::extract {

// How surely the words before a name say it is a place.
enum class PlaceCue {
    none,        // no cue: "Liptako-Gourma charter", a name at a sentence start
    weak,        // "on", "to", "from", "between", "and" after a cued name, "of"
    strong,      // "in", "at", "near", "around", "outside"
    settlement,  // "the town of", "the village of", "X town"
};

// What part of the named place the report means.
enum class PlaceScope {
    place,   // the place itself
    near,    // near it: "near X", "outskirts of X", "20 km from X", "north of X"
    area,    // part of a region: "X district", "X commune", "X area", "X province"
    region,  // the admin1 region: "X region", "the region of X"
};

struct PlaceMention {
    std::string name;       // as written ("Tin Zaouatine", "Boucle du Mouhoun")
    std::string alternate;  // a spelling in square brackets after it, or ""
    std::size_t begin = 0;  // byte span of the name in the text
    std::size_t end = 0;
    PlaceCue cue = PlaceCue::none;
    PlaceScope scope = PlaceScope::place;
    // Names in brackets after it, larger areas first as written:
    // "(Douentza, Mopti)" -> {"Douentza", "Mopti"}; "(Mopti region)" -> {"Mopti"}.
    std::vector<std::string> hints;
    bool sentence_start = false;  // the name opens the sentence
    bool reference = false;       // only locates another mention of the sentence
    bool listed = false;          // joined to the mention before it: "X and Y", "X, Y"
    bool is_region_word = false;  // a broad-area word kept only because "region" follows
    bool coded = false;           // "coded as X": the report states where it places the event
    std::size_t sentence = 0;     // index of its sentence in the document (set by the caller)
};

// The candidate toponyms of tokens [first, last) of a text, in order.
// folded = fold(text), tokens = tokenize(folded); actors are the actor
// mentions of the same text; words inside them are never places. Offsets are byte offsets into text. Cost: linear in the
// tokens, a hash lookup per word.
std::vector<PlaceMention> find_place_mentions(std::string_view text, const FoldedText& folded,
                                              const std::vector<Token>& tokens,
                                              std::size_t first, std::size_t last,
                                              const std::vector<ActorMention>& actors);

// A point a report states in figures: "14.55455, -9.98426" (latitude then
// longitude in decimal degrees, two decimals at least, so that "2.5 km" is
// none) or "14°33'N 9°59'W" (degrees, minutes and optional seconds, each
// with its hemisphere). The reader codes it as the incident's point at
// precision 1: the report says exactly where.
struct StatedPoint {
    double latitude = 0;
    double longitude = 0;
    std::size_t begin = 0;  // byte span in the text
    std::size_t end = 0;
};

// Every stated point of text, in order. Linear in the text.
std::vector<StatedPoint> find_coordinates(std::string_view text);

// The same for a whole text taken as one sentence (tests, callers with a
// single sentence): folds, tokenizes and finds actors itself.
std::vector<PlaceMention> find_place_mentions(std::string_view sentence,
                                              const ActorDictionary& actors);

} // namespace incimap::extract
