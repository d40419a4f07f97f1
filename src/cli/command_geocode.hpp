// `incimap geocode`: resolves place names with the gazetteer and prints the
// ranked candidates — as a table, as JSON, or as JSON Lines for a batch.
#pragma once

#include "cli/command.hpp"
#include "cli/gazetteer_options.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace incimap::cli {

class GeocodeCommand final : public Command {
  public:
    std::string_view name() const override { return "geocode"; }
    std::string_view synopsis() const override;
    std::string_view examples() const override;
    void setup(CLI::App& app) override;
    int run(const GlobalOptions& global) override;

  private:
    std::vector<std::string> queries_;
    std::string country_;
    std::size_t limit_ = 5;
    std::string format_ = "text";
    std::string batch_;
    bool exact_ = false;
    GazetteerOptions gazetteer_options_;
    CLI::App* app_ = nullptr;
};

} // namespace incimap::cli
