// What the data says about how to draw it: its bounding box, the deepest
// zoom worth rendering, its date range and the credits it needs.
#pragma once

#include "render/geodata.hpp"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::render {

// The incidents' bounding box, grown by `margin` of its size on each side
// (and by at least `min_margin_degrees`); nothing when there are none.
std::optional<LonLatBox> data_extent(const PointFeatures& incidents, double margin = 0.02,
                                     double min_margin_degrees = 0.05);

// B grown by `margin` of its size on each side (at least
// `min_margin_degrees`), kept within what Web Mercator shows.
LonLatBox grown(LonLatBox b, double margin, double min_margin_degrees);

// As data_extent(), without the few incidents far from the rest: on each
// axis, those beyond Tukey's far-out fences (three interquartile ranges,
// counted as at least a degree, outside the middle half) are left out, and
// `left_out` says how many were. Fewer than four incidents: all of them.
// Cost: O(n), with two copies of the coordinates.
std::optional<LonLatBox> robust_extent(const PointFeatures& incidents, std::size_t& left_out,
                                       double margin = 0.02, double min_margin_degrees = 0.05);

// The box of the features whose text attributes equal every (name, value)
// of EQUAL, compared as name keys ("Ségou" is "segou"); nothing when no
// feature matches or an attribute is missing.
std::optional<LonLatBox> matching_box(const PolygonFeatures& features,
                                      std::span<const std::pair<std::string, std::string>> equal);

// The zoom at which the median distance from an incident to its nearest
// neighbour (incidents at the same place count once) is at least
// `target_pixels` (two radii of a typical symbol: neighbours stand apart),
// capped at `cap`. `why` says how it was chosen. Fewer than
// two distinct places: `cap` minus 2 (a town-level view).
// Cost: a grid over the points, O(n) expected; at most 100,000 sampled.
int suggest_max_zoom(const PointFeatures& incidents, int tile_size, std::string& why,
                     double target_pixels = 16, int cap = 14);

// The first and last event_date ("YYYY-MM-DD"), when the incidents have
// one; of the rows ROW_COUNTS says yes to, when given.
std::optional<std::pair<std::string, std::string>> date_range(
    const PointFeatures& incidents, const std::function<bool(std::size_t row)>& row_counts = {});

// The rows of incidents whose point lies inside BOX as Web Mercator tiles
// over it show them: latitudes beyond the map's edge at the edge. What a
// tile set over BOX describes, whether the incidents beyond it, whose
// symbols reach in, were read or not.
std::vector<bool> rows_inside(const PointFeatures& incidents, const LonLatBox& box);

// What a drawing shows besides its incidents, for its credit line.
struct DrawnData {
    bool natural_earth = true;      // boundaries, rivers or lakes of Natural Earth
    bool gazetteer_places = false;  // towns of the gazetteer (GeoNames)
    std::string own;                // the user's own credit, as given ("" for none)
    // Which incidents are drawn (inside the frame); null: all of them.
    std::function<bool(std::size_t row)> drawn_row;
};

// The wording ACLED's attribution policy asks of every map showing its data.
inline constexpr std::string_view acled_credit =
    "Armed Conflict Location & Event Data (ACLED); acleddata.com";

// The credit line of a drawing, as plain text, naming whose data it shows:
// "Incidents: <acled_credit>." when a drawn row is ACLED's (it has an
// `event_id_cnty`), and not otherwise; "Places: GeoNames (CC BY 4.0)." when
// gazetteer towns are drawn or a drawn incident was placed by the gazetteer
// (`geonameid` above 0); the user's own credit; "Made with Natural Earth."
// when its data is drawn. What reports say (their titles, outlets, text)
// is never part of the line, whatever it holds.
std::string attribution(const PointFeatures& incidents, const DrawnData& drawn = {});

// The attributes attribution() reads: load them with the incidents.
const std::vector<std::string>& attribution_attributes();

// TEXT as HTML, for the fields that formats define as HTML (the attribution
// of TileJSON and MBTiles): & < > " ' as character references.
std::string escape_html(std::string_view text);

// The text of HTML that escape_html wrote: the five references it writes
// become characters again; anything else stays as it is.
std::string unescape_html(std::string_view html);

} // namespace incimap::render
