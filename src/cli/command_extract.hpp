// `incimap extract`: reads reports (files, folders, standard input, URLs,
// JSON Lines batches) and prints the incidents the reader finds in them as
// GeoJSON or JSON Lines, without storing them.
#pragma once

#include "cli/command.hpp"
#include "cli/report_inputs.hpp"

#include <string>

namespace incimap::cli {

class ExtractCommand final : public Command {
public:
    std::string_view name() const override { return "extract"; }
    std::string_view synopsis() const override;
    std::string_view examples() const override;
    void setup(CLI::App& app) override;
    int run(const GlobalOptions& global) override;

private:
    ReportInputs inputs_;
    std::string format_ = "geojson";
};

} // namespace incimap::cli
