// `incimap ingest`: reads reports as `extract` does and adds the incidents
// found in them to the incident store in one transaction, merging reports of
// the same incident; prints what was read, skipped, added and merged.
#pragma once

#include "cli/command.hpp"
#include "cli/report_inputs.hpp"
#include "cli/store_options.hpp"

namespace incimap::cli {

class IngestCommand final : public Command {
public:
    std::string_view name() const override { return "ingest"; }
    std::string_view synopsis() const override;
    std::string_view examples() const override;
    void setup(CLI::App& app) override;
    int run(const GlobalOptions& global) override;

private:
    ReportInputs inputs_;
    StoreOptions store_;
};

} // namespace incimap::cli
