// Placing event-table rows that name a place but give no coordinates, with
// the reader's own resolver (extract/place_resolver.hpp): the row's
// location is read as a place named in a report, with its admin units as
// the hints in brackets after it ("Biba (Yaba, Nayala, Boucle du Mouhoun)").
//
//  * The row's country is a hard constraint: a place elsewhere is never
//    taken, however well its name matches.
//  * A spelling a few letters off is taken only when its edits are at most
//    fuzzy_edit_share of the name's letters (RowPlacing); the share was set
//    from the ACLED Burkina Faso tables (docs/geocoding.md).
//  * A location the gazetteer lacks is placed at its admin3, else its
//    admin2 (geo_precision 2), else its admin1 (geo_precision 3), as ACLED
//    codes such events.
//  * A row still unplaced is rejected with every reason on the way.
#pragma once

#include "gazetteer/gazetteer.hpp"
#include "store/event_rows.hpp"

#include <functional>

namespace incimap::store {

struct RowPlacing {
    // The most edits a fuzzy match may have per letter of the name's key:
    // 0.15 takes one edit in a name of 7 letters or more, two in 14.
    double fuzzy_edit_share = 0.15;
};

// A resolver placing rows as above. GAZETTEER is called for on the first
// lookup only (loading costs nothing until a row needs it) and must stay
// valid while the resolver is used. Rows asking the same question are
// answered from a cache, so a table of a few thousand rows takes well under
// a second.
PlaceResolver gazetteer_resolver(std::function<const gazetteer::Gazetteer&()> gazetteer,
                                 RowPlacing placing = {});

// ACLED's geo_precision for a gazetteer match: 1 for a populated place, 3
// for a first-level area (its centre stands for it), 2 for anything else
// (a district, a wadi, a hill: near the event).
int geo_precision_of(const gazetteer::Place& place);

} // namespace incimap::store
