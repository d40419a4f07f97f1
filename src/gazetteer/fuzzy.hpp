// Fuzzy lookup of name keys in one index: the keys a few edits away from a
// query key (press spellings: "Tinbuktu" → "timbuktu").
//
// How many edits: none when the shorter of the two keys has at most 4
// letters (short names never match fuzzily: "Gao" is not "Goa"), one for
// 5–8 letters, two for 9 or more.
//
// Candidates come from the trigram postings, by the pigeonhole principle:
// cut the padded query into k + 1 trigrams with a byte between each two;
// one edit (insertion, deletion, substitution, or a swap of two neighbours)
// damages at most one of them, so a key within k edits holds at least one
// of them intact. The search picks the k + 1 such trigrams with the
// shortest postings, keeps the keys of length |query| ± k that hold nearly
// the same letters (one edit changes at most two of the symbols a key
// holds; each posting carries its key's symbols, so this needs no look at
// the key) and verifies those with the bit-parallel edit distance
// (text/edit_distance.hpp).
#pragma once

#include "gazetteer/index.hpp"
#include "text/edit_distance.hpp"

#include <cstdint>
#include <vector>

namespace incimap::gazetteer {

// Edits allowed between two keys, by the length of the shorter one.
std::size_t allowed_edits(std::size_t shorter_length);

struct KeyMatch {
    std::uint32_t key; // position among index.keys()
    std::uint32_t edits;
};

// Appends to `matches` every key of `index` within the allowed edits of the
// pattern's key, the key itself excluded (exact matches are looked up
// directly). Cost: proportional to the rarest postings read, typically
// tens of microseconds.
void find_similar_keys(const Index& index, const text::OsaPattern& query,
                       std::vector<KeyMatch>& matches);

} // namespace incimap::gazetteer
