// The inset locator map of a report map: a small map of the wider region
// (the countries of the embedded boundaries) in a corner of the frame, with
// the frame's own extent outlined on it, so a reader of a country or region
// map sees where it lies. Drawn in longitude and latitude (plate carrée,
// scaled by the cosine of the latitude): a locator, not a measure.
#pragma once

#include "adapters/cairo.hpp"
#include "render/geodata.hpp"
#include "render/scene.hpp"
#include "render/tile.hpp"

#include <optional>
#include <span>

namespace incimap::render {

struct InsetPlan {
    Box box;          // in the frame's pixels
    LonLatBox region; // what the inset shows
};

// Where the inset of a frame of WIDTH x HEIGHT pixels goes, the frame
// showing SHOWN (its border's lon/lat box): the region around it is about
// six times as wide. The first corner of the frame (top left, bottom right,
// top right, bottom left; large, then smaller) that covers no incident
// (PIXELS, with a margin for their symbols) and none of RESERVED (the scale
// bar, the north arrow). Nothing when the frame spans more than 20° of
// longitude (it shows the region itself), is too small to hold an inset,
// or when no corner is free.
std::optional<InsetPlan> place_inset(double width, double height, const LonLatBox& shown,
                                     std::span<const Pixel> pixels, std::span<const Box> reserved);

// Draws the inset into BOX (page pixels): the sea, COUNTRIES (those whose
// attribute `muted` is 1 lighter than the others), and OUTLINE (the frame's
// border, in longitude and latitude) in red.
void draw_inset(cairo::Canvas& canvas, const Box& box, const LonLatBox& region,
                const PolygonFeatures& countries, std::span<const LonLat> outline);

} // namespace incimap::render
