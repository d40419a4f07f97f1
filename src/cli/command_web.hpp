// `incimap web`: a self-contained web page of the tiles and the incidents.
#pragma once

#include "cli/command.hpp"
#include "cli/output_options.hpp"
#include "cli/render_options.hpp"
#include "cli/store_options.hpp"

#include <string>

namespace incimap::cli {

class WebCommand final : public Command {
public:
    std::string_view name() const override { return "web"; }
    std::string_view synopsis() const override;
    std::string_view examples() const override;
    void setup(CLI::App& app) override;
    int run(const GlobalOptions& global) override;

private:
    RenderInputOptions input_;
    std::string out_;
    std::string tiles_;
    std::string basemap_;
    std::string basemap_attribution_;
    std::string title_ = "Incidents";
    std::string url_base_;
    std::string renderer_ = "leaflet";
    LockTimeout lock_timeout_;
    OutputOptions output_;
};

} // namespace incimap::cli
