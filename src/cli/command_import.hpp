// `incimap import`: loads event tables (ACLED exports, CSV, GeoJSON) into the
// incident store in one transaction; prints how many rows were imported,
// updated and rejected.
#pragma once

#include "cli/command.hpp"
#include "cli/output_options.hpp"
#include "cli/gazetteer_options.hpp"
#include "cli/store_options.hpp"

#include <string>
#include <vector>

namespace incimap::cli {

class ImportCommand final : public Command {
public:
    std::string_view name() const override { return "import"; }
    std::string_view synopsis() const override;
    std::string_view examples() const override;
    void setup(CLI::App& app) override;
    int run(const GlobalOptions& global) override;

private:
    std::vector<std::string> files_;
    std::string format_ = "auto";
    std::string rejects_;
    std::string country_;
    std::vector<std::string> maps_;
    std::string map_file_;
    StoreOptions store_;
    GazetteerOptions gazetteer_;
    OutputOptions output_;
};

} // namespace incimap::cli
