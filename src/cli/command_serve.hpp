// `incimap serve`: previews a folder (the web page and its tiles) on
// http://127.0.0.1 only.
#pragma once

#include "cli/command.hpp"

#include <string>

namespace incimap::cli {

class ServeCommand final : public Command {
public:
    std::string_view name() const override { return "serve"; }
    std::string_view synopsis() const override;
    std::string_view examples() const override;
    void setup(CLI::App& app) override;
    int run(const GlobalOptions& global) override;

private:
    std::string folder_;
    int port_ = 8080;
};

} // namespace incimap::cli
