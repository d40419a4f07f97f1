// `incimap aggregate`: counts and fatality sums of the stored incidents per
// place, admin-1 region, grid or hex cell, week or month, as GeoJSON ready
// for a choropleth.
#pragma once

#include "cli/command.hpp"
#include "cli/output_options.hpp"
#include "cli/store_options.hpp"

#include <string>

namespace incimap::cli {

class AggregateCommand final : public Command {
public:
    std::string_view name() const override { return "aggregate"; }
    std::string_view synopsis() const override;
    std::string_view examples() const override;
    void setup(CLI::App& app) override;
    int run(const GlobalOptions& global) override;

private:
    std::string by_;
    std::string out_;
    bool no_style_ = false;
    StoreOptions store_;
    FilterOptions filter_;
    OutputOptions output_;
};

} // namespace incimap::cli
