// Map styles: JSON files in the spirit of the MapLibre style spec, listing
// layers drawn in order. Shipped styles live in styles/*.json and are
// embedded into the binary; `--style NAME` finds ./NAME, then NAME.json
// beside it, then the embedded style of that name. docs/styles.md
// documents every property.
#pragma once

#include "render/expression.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace incimap::render {

enum class LayerType { circle, cluster, heatmap, fill, line, symbol };
std::string_view to_string(LayerType type);

struct Layer {
    std::string id;
    LayerType type = LayerType::circle;
    // "incidents", "admin0", "admin1", or a path to a GeoJSON file (relative
    // paths are taken from the folder of the style file, else the current one).
    std::string source;
    ExpressionPtr filter;  // null: every feature
    double minzoom = 0;    // drawn when minzoom <= zoom < maxzoom
    double maxzoom = 24;
    std::string legend;    // title in legends; empty: not in the legend
    bool base = false;     // comes from the style named by "base"
    // Paint and layout values by property name, defaults filled in.
    std::map<std::string, ExpressionPtr, std::less<>> properties;
    // Constant layout values.
    double cluster_radius = 40;              // cluster: pixels
    std::vector<std::string> cluster_sum;    // cluster: attributes summed per cluster
    std::vector<double> line_dasharray;      // line: in line widths
    std::string text_font = "DejaVu Sans";   // symbol, cluster
    bool text_bold = false;
    std::string text_anchor = "center";      // symbol: which side of the text sits on the point
    double text_offset_x = 0, text_offset_y = 0;  // symbol: pixels

    const ExpressionPtr& property(std::string_view name) const;
    // The attribute keys the filter and the properties read, sorted, once each.
    std::vector<int> keys_read() const;
    bool visible_at(double zoom) const { return zoom >= minzoom && zoom < maxzoom; }
    bool uses_incidents() const { return source == "incidents"; }
};

struct Style {
    std::string name;    // "default"
    std::string origin;  // the file it came from, or "embedded styles/NAME.json"
    std::string folder;  // for relative source paths; empty when embedded
    Keys keys;
    std::vector<Layer> layers;  // base layers first
    bool inset = true;          // report maps draw an inset locator map where one fits ("inset": false)
    std::string canonical;      // the style and its base as compact JSON, for hashing
};

// Parses a style. `origin` names it in error messages. `base_text` resolves a
// "base" style name to its JSON text (and origin). Throws InputError:
// "ORIGIN: layer 'ID': paint 'circle-radius': expected a number …".
using BaseResolver =
    std::function<std::pair<std::string, std::string>(const std::string& name)>;
Style parse_style(std::string_view text, const std::string& origin, const std::string& folder,
                  const BaseResolver& base_text);

// Finds and parses a style by file path or shipped name (see above).
// Throws UsageError when no such style exists, InputError when it is wrong.
Style load_style(const std::string& name_or_path);

// The names of the shipped styles.
std::vector<std::string> shipped_styles();

} // namespace incimap::render
