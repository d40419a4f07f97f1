// What the data says about how to draw it: its bounding box, the deepest
// zoom worth rendering, its date range and the credits it needs.
#pragma once

#include "render/geodata.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::render {

// The incidents' bounding box, grown by `margin` of its size on each side
// (and by at least `min_margin_degrees`); nothing when there are none.
std::optional<LonLatBox> data_extent(const PointFeatures& incidents, double margin = 0.02,
                                     double min_margin_degrees = 0.05);

// The zoom at which the median distance from an incident to its nearest
// neighbour (incidents at the same place count once) is at least
// `target_pixels` (two radii of a typical symbol: neighbours stand apart),
// capped at `cap`. `why` says how it was chosen. Fewer than
// two distinct places: `cap` minus 2 (a town-level view).
// Cost: a grid over the points, O(n) expected; at most 100,000 sampled.
int suggest_max_zoom(const PointFeatures& incidents, int tile_size, std::string& why,
                     double target_pixels = 16, int cap = 14);

// The first and last event_date ("YYYY-MM-DD"), when the incidents have one.
std::optional<std::pair<std::string, std::string>> date_range(const PointFeatures& incidents);

// The credit line of a drawing, as plain text: "Made with Natural Earth.
// Places: GeoNames (CC BY 4.0). Incidents: …" naming the outlets the
// incidents came from, most frequent first (three, then "and N more"). An
// outlet is the host name of a URL in the `source` or `doc_id` attribute
// ("reuters.com"), or ACLED for rows with ACLED's `event_id_cnty`; the rest
// of a report (its title, its text) is never part of the line, whatever it
// holds.
std::string attribution(const PointFeatures& incidents);

// The attributes attribution() reads: load them with the incidents.
const std::vector<std::string>& attribution_attributes();

// TEXT as HTML, for the fields that formats define as HTML (the attribution
// of TileJSON and MBTiles): & < > " ' as character references.
std::string escape_html(std::string_view text);

// The text of HTML that escape_html wrote: the five references it writes
// become characters again; anything else stays as it is.
std::string unescape_html(std::string_view html);

} // namespace incimap::render
