// `incimap list`: the incidents of the store that pass the filters, as a
// table, CSV or GeoJSON on standard output.
#pragma once

#include "cli/command.hpp"
#include "cli/store_options.hpp"

#include <string>

namespace incimap::cli {

class ListCommand final : public Command {
public:
    std::string_view name() const override { return "list"; }
    std::string_view synopsis() const override;
    std::string_view examples() const override;
    void setup(CLI::App& app) override;
    int run(const GlobalOptions& global) override;

private:
    std::string format_ = "table";
    StoreOptions store_;
    FilterOptions filter_;
};

} // namespace incimap::cli
