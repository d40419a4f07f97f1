// `incimap store`: making a store's schema (init) and bringing an older one
// up to date (upgrade), for a GeoPackage file or a PostgreSQL database.
#pragma once

#include "cli/command.hpp"
#include "cli/store_options.hpp"

#include <string>

namespace incimap::cli {

class StoreCommand final : public Command {
  public:
    std::string_view name() const override { return "store"; }
    std::string_view synopsis() const override;
    std::string_view examples() const override;
    void setup(CLI::App& app) override;
    int run(const GlobalOptions& global) override;

  private:
    CLI::App* init_ = nullptr;
    CLI::App* upgrade_ = nullptr;
    StoreOptions store_; // the location is the positional argument
};

} // namespace incimap::cli
