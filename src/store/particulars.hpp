// The particulars a report's own words give of an incident: the groups of
// people who took part or were hit ("health workers", "élèves", "drivers")
// and the kind of place that was hit ("a church", "le marché"). Two reports
// of one incident name some of the same particulars, or one names none; two
// events that share a day, a town and a type but name different groups —
// a sit-in of students and one of health workers — are two incidents
// (store/merge.hpp).
//
// Words are matched whole, in English and French, ignoring case and accents
// ("élèves" is "eleves"); each word belongs to one particular. Words that
// name anyone at all ("civilians", "people", "residents") are no particular.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::store {

// A set of particulars, one bit each.
using Particulars = std::uint32_t;

// The particulars named in TEXT. Cost: linear in the text.
Particulars particulars_of(std::string_view text);

// The names of the particulars in SET, in a fixed order ("students").
std::vector<std::string> particular_names(Particulars set);

// The places TEXT names where it says where something happened, in order,
// folded lowercase: the run of capitalised words after "in", "at", "near",
// "outside", "between", "village of", "area of", "à", "près de", "village
// de" and the like ("in Bodiaga (Tansarga, Tapoa)" names "bodiaga"; what the
// brackets add does not count). Month and day names are not places. Cost:
// linear in the text.
std::vector<std::string> named_places(std::string_view text);

// Whether two reports' named places allow one place: one names none, or
// each names the place the other names first (a village and the town it
// lies near: "in Firguindi near Djibo", "in Djibo"). Two reports that name
// two different villages first, neither naming the other's, tell of two
// places.
bool places_compatible(const std::vector<std::string>& a, const std::vector<std::string>& b);

} // namespace incimap::store
