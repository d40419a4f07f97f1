// First-level regions as ACLED codes them and GeoNames names them, drawn
// from the embedded Natural Earth admin-1 boundaries of West Africa:
//   - Burkina Faso's 45 provinces are dissolved (GEOS) into its 13 regions
//     (Boucle du Mouhoun … Sud-Ouest), the admin1 of ACLED and GeoNames;
//   - Mali's "Timbuktu" is named "Tombouctou", as ACLED and GeoNames do;
//   - Ménaka and Taoudénit, regions of Mali since 2016, have no boundary of
//     their own in Natural Earth, which still draws them inside Gao and
//     Tombouctou, the regions they were cut from. No boundary is made up
//     for them: their names lead to those two regions, which say so in a
//     property `note`, and so does every message that frames them.
// Every polygon winds as RFC 7946 asks (exterior rings counter-clockwise,
// holes clockwise), so the regions can be written out as they are.
#pragma once

#include <string>
#include <string_view>

namespace incimap::store {

// The regions as a GeoJSON FeatureCollection with the properties `name`,
// `iso_a2` and `admin` (the country), Natural Earth's others where a
// region is one of its features, `provinces` for Burkina Faso's regions
// and `note` where a region holds another. Made once per process, on first
// use (about 0.1 s: reading, dissolving and rewinding every polygon).
// Throws Error when the embedded data lacks a province of the table.
std::string_view acled_admin1_geojson();

// The region whose boundary draws the first-level region NAME (in any
// spelling ACLED, GeoNames or Natural Earth uses), and why when it is
// another region's: "Menaka" → Gao with a note; "Timbuktu" → Tombouctou;
// "Haut-Bassins" → Hauts-Bassins; any other name is its own.
struct Admin1Boundary {
    std::string name;
    std::string note; // empty when NAME has a boundary of its own
};
Admin1Boundary admin1_boundary(std::string_view name);

// The matching key of a first-level region's name: the name key
// (text::name_key: case, accents and punctuation folded) of its usual
// spelling, so that "Segou", "Ségou" and "SEGOU" match, and "Timbuktu"
// matches "Tombouctou". Ménaka keeps its own key (it is not Gao).
std::string admin1_key(std::string_view name);

} // namespace incimap::store
