// `incimap export`: writes the incidents that pass the filters to a file —
// GeoJSON with a QGIS style beside it, ACLED-style CSV, or a GeoPackage copy.
#pragma once

#include "cli/command.hpp"
#include "cli/output_options.hpp"
#include "cli/store_options.hpp"

#include <string>

namespace incimap::cli {

class ExportCommand final : public Command {
public:
    std::string_view name() const override { return "export"; }
    std::string_view synopsis() const override;
    std::string_view examples() const override;
    void setup(CLI::App& app) override;
    int run(const GlobalOptions& global) override;

private:
    std::string format_;
    std::string out_;
    bool no_style_ = false;
    StoreOptions store_;
    FilterOptions filter_;
    OutputOptions output_;
};

} // namespace incimap::cli
