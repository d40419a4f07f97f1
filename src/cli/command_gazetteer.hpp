// `incimap gazetteer`: manages the GeoNames dumps the gazetteer loads besides
// its embedded West-Africa default. Subcommands: fetch (download into the
// cache and install), add (install local files), list, remove, learn (the
// places a store's coded events name, gazetteer_learn.hpp).
#pragma once

#include "cli/command.hpp"
#include "cli/gazetteer_learn.hpp"

#include <string>
#include <vector>

namespace incimap::cli {

class GazetteerCommand final : public Command {
  public:
    std::string_view name() const override { return "gazetteer"; }
    std::string_view synopsis() const override;
    std::string_view examples() const override;
    void setup(CLI::App& app) override;
    int run(const GlobalOptions& global) override;

  private:
    struct FetchSettings {
        std::vector<std::string> names;
        std::string base_url;
        std::string cache_dir; // empty: the default cache folder
        double timeout_seconds = 30;
        int retries = 3;
        std::string max_size = "1G";
        bool force = false;
    };

    int run_fetch(const GlobalOptions& global) const;
    int run_add(const GlobalOptions& global) const;
    int run_list(const GlobalOptions& global) const;
    int run_remove(const GlobalOptions& global) const;

    CLI::App* fetch_ = nullptr;
    CLI::App* add_ = nullptr;
    CLI::App* list_ = nullptr;
    CLI::App* remove_ = nullptr;
    CLI::App* learn_ = nullptr;
    GazetteerLearn learn_settings_;
    FetchSettings fetch_settings_;
    std::vector<std::string> files_;      // for add
    std::vector<std::string> dump_names_; // for remove
};

} // namespace incimap::cli
