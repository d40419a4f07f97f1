// `incimap run`: the main job. Reads reports (or, with no input, the
// embedded examples) into the store and writes the whole map package into
// one folder (job/map_package.hpp), then says what happened.
#pragma once

#include "cli/command.hpp"
#include "cli/output_options.hpp"
#include "cli/report_inputs.hpp"
#include "cli/store_options.hpp"

#include <string>

namespace incimap::cli {

class RunCommand final : public Command {
public:
    std::string_view name() const override { return "run"; }
    std::string_view synopsis() const override;
    std::string_view examples() const override;
    void setup(CLI::App& app) override;
    int run(const GlobalOptions& global) override;

private:
    ReportInputs inputs_;
    StoreOptions store_;
    FilterOptions filter_;
    std::string out_ = "output";
    bool yes_ = false;
    OutputOptions output_;
};

} // namespace incimap::cli
