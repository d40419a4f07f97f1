// The hand-kept overrides of the embedded gazetteer (gazetteer/overrides.tsv):
// press spellings GeoNames lacks, and places it lacks. Tab-separated, one
// record a line, # starts a comment line:
//
//   alias <TAB> GEONAMEID <TAB> name[,name…]     more names for a place
//   place <TAB> the 19 columns of a GeoNames row  a place GeoNames lacks
//
// Places of the overrides file have negative geonameids, so they never
// collide with GeoNames ids. Overrides are applied after the dumps: place
// rows first, then aliases.
#pragma once

#include "gazetteer/index_builder.hpp"

#include <filesystem>

namespace incimap::gazetteer {

// Applies the overrides file to `builder`. The file is edited by hand, so
// every mistake is fatal: throws InputError "FILE:LINE: what" for a
// malformed line or an alias of a geonameid the builder does not hold.
// Returns how many records were applied.
std::size_t apply_overrides(const std::filesystem::path& file, IndexBuilder& builder);

} // namespace incimap::gazetteer
