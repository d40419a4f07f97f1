// Options shared by the commands that draw incidents (tiles, map, web):
// where the incidents come from (--store or --input), which of them
// (the filters of list/export), and the style.
#pragma once

#include "cli/store_options.hpp"
#include "core/output_guard.hpp"
#include "render/drawing_window.hpp"
#include "render/geodata.hpp"
#include "render/sources.hpp"
#include "render/style.hpp"
#include "render/tiler.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::cli {

struct RenderInputOptions {
    StoreOptions store;
    FilterOptions filters;
    std::string input;
    std::string style = "default";
    bool no_basemap = false;
    // Where the incidents' columns are kept once large (temporary files);
    // empty: TMPDIR, else /tmp. Set by the command, not an option here.
    std::filesystem::path temp_folder;

    // Declares --store, --input, the filters (--bbox described by
    // `bbox_help`), --style and --no-basemap.
    void add_to(CLI::App& app, const std::string& bbox_help);
    // Records the store or --input, and a style file, as inputs.
    void add_inputs_to(OutputGuard& guard) const;

    struct Loaded {
        render::Style style;
        render::PointFeatures incidents;
        std::map<std::string, render::PolygonFeatures> polygons;
        std::optional<render::LonLatBox> bbox;  // --bbox, when given
        std::string country_code;  // --country as an ISO alpha-2 code, when it names a country
        std::string admin1;        // --admin1, when given
        std::string source;                     // "store PATH" or the input file
        bool with_base = true;
        // The window of the store or file read instead of --bbox (a run of
        // tiles), or why every incident was read.
        render::DrawingWindow window;
    };
    // The incidents a command drawing over --bbox reads when --bbox does
    // not filter them: those of a window around it that the style draws from
    // (render/drawing_window.hpp), or all when it has no box.
    using ReadWindow = std::function<render::DrawingWindow(const render::Style& style, const render::LonLatBox& bbox)>;
    // Loads the style, the incidents passing the filters (--bbox filters
    // them only when `bbox_filters`; else they are those of `window`'s box
    // when it gives one) with the attributes the style reads plus
    // `extra_attributes`, and the style's polygon sources (none when
    // `polygons` says so).
    Loaded load(bool bbox_filters, const std::vector<std::string>& extra_attributes = {},
                render::StylePolygons polygons = render::StylePolygons::load,
                const ReadWindow& window = {}) const;
};

// Beyond this many tiles a run asks first: zoom 14 over the Sahel is
// millions of tiles and gigabytes.
inline constexpr std::uint64_t tiles_without_asking = 100'000;

// Asks on a terminal whether to draw a run of more than
// tiles_without_asking tiles (at most: render::estimate_tiles()); elsewhere
// stops it unless YES (--yes). NARROWER says how to ask for fewer ("fewer
// zooms (--maxzoom) or a smaller --bbox"). Throws UsageError (not confirmed
// off a terminal) or Error (answered no).
void confirm_large_run(const render::TileOptions& options, bool yes, std::string_view command,
                       std::string_view narrower);

} // namespace incimap::cli
