// Legends built from a style: what the colours and sizes of its layers mean.
// Layers appear when they have a "legend" title; a "match" on an attribute
// gives one entry per category, a "step" one per class, an "interpolate" on
// an attribute graduated sizes or a colour ramp. The static map draws it; the
// web page gets it as JSON.
#pragma once

#include "render/style.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace incimap::render {

struct LegendEntry {
    enum class Symbol { circle, fill, line, ramp };
    Symbol symbol = Symbol::circle;
    std::string label;
    Color fill, stroke;
    double size = 6;  // circle radius or line width, in pixels
    std::vector<std::pair<double, Color>> ramp;  // for Symbol::ramp, offsets 0..1
};

struct LegendSection {
    std::string title;
    std::vector<LegendEntry> entries;
};

// The legend of the layers visible at `zoom` (every layer when zoom < 0).
std::vector<LegendSection> build_legend(const Style& style, bool with_base, double zoom);

// What a cluster layer's discs mean, for a map that drew some ("Clusters
// of nearby incidents"): discs sized as the layer sizes 2, 10 and 100
// incidents (and MAX_COUNT, the largest drawn, when above 100), the first
// saying that the colour is that of their most frequent type.
LegendSection cluster_legend(const Style& style, const Layer& layer, double zoom, double max_count);

// As JSON for the web page: [{title, entries: [{symbol, label, fill, stroke,
// size, ramp: [[offset, colour]…]}]}], colours as CSS strings.
nlohmann::json legend_json(const std::vector<LegendSection>& legend);

} // namespace incimap::render
