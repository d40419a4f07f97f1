// `incimap map`: one finished map for a report (PNG, PDF or SVG), in any
// projection PROJ knows.
#pragma once

#include "cli/command.hpp"
#include "cli/output_options.hpp"
#include "cli/render_options.hpp"

#include <string>

namespace incimap::cli {

class MapCommand final : public Command {
public:
    std::string_view name() const override { return "map"; }
    std::string_view synopsis() const override;
    std::string_view examples() const override;
    void setup(CLI::App& app) override;
    int run(const GlobalOptions& global) override;

private:
    RenderInputOptions input_;
    std::string out_;
    std::string size_ = "1600x1200";
    double dpi_ = 150;
    std::string crs_ = "EPSG:3857";
    std::string title_;
    std::string credit_;
    std::string paper_;
    bool landscape_ = false;
    bool fit_ = false;
    OutputOptions output_;
};

} // namespace incimap::cli
