// `incimap tiles`: raster map tiles of the incidents (XYZ folder, MBTiles or
// PMTiles), with a TileJSON document beside them; `--update` redraws only the
// tiles that changed since the last run. `--vector` writes Mapbox Vector
// Tiles of the incidents instead.
#pragma once

#include "cli/command.hpp"
#include "cli/output_options.hpp"
#include "cli/render_options.hpp"
#include "cli/store_options.hpp"
#include "render/vector_fields.hpp"

#include <optional>
#include <string>
#include <vector>

namespace incimap::cli {

class TilesCommand final : public Command {
public:
    std::string_view name() const override { return "tiles"; }
    std::string_view synopsis() const override;
    std::string_view examples() const override;
    void setup(CLI::App& app) override;
    int run(const GlobalOptions& global) override;

private:
    // The checks of the options --vector changes, and the fields it writes.
    std::vector<render::VectorField> vector_fields() const;
    // The window of the store the tiles over BBOX are drawn from (with
    // --maxzoom given and no --input; every incident otherwise).
    render::DrawingWindow window(const render::Style& style, const render::LonLatBox& bbox) const;
    RenderInputOptions input_;
    std::string out_;
    std::string format_;
    int min_zoom_ = 0;
    std::optional<int> max_zoom_;
    int tile_size_ = 256;
    int scale_ = 1;
    unsigned threads_ = 0;
    bool update_ = false;
    bool yes_ = false;
    bool vector_ = false;
    bool no_regions_ = false;
    std::vector<std::string> attributes_;
    LockTimeout lock_timeout_;
    std::string temp_dir_;
    std::string url_base_;
    OutputOptions output_;
};

} // namespace incimap::cli
