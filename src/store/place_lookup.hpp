// Placing event-table rows that name a place but give no coordinates: the
// bridge from the importer's PlaceResolver to the gazetteer.
#pragma once

#include "gazetteer/gazetteer.hpp"
#include "store/event_rows.hpp"

#include <functional>

namespace incimap::store {

// A resolver answering with the gazetteer's best candidate for the name,
// hinted by the row's country (ISO2) and admin1. GAZETTEER is called for on
// the first lookup only (loading costs nothing until a row needs it) and
// must stay valid while the resolver is used.
PlaceResolver gazetteer_resolver(std::function<const gazetteer::Gazetteer&()> gazetteer);

// ACLED's geo_precision for a gazetteer match: 1 for a populated place, 3
// for a first-level area (its centre stands for it), 2 for anything else
// (a district, a wadi, a hill: near the event).
int geo_precision_of(const gazetteer::Place& place);

} // namespace incimap::store
