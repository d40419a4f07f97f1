#include "cli/command_serve.hpp"

#include "core/error.hpp"
#include "render/preview_server.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>

namespace incimap::cli {

std::string_view ServeCommand::synopsis() const {
    return "Serve a folder (the web page and its tiles) on 127.0.0.1 for preview";
}

std::string_view ServeCommand::examples() const {
    return "incimap serve output/site\n"
           "incimap serve output/site --port 9000\n"
           "incimap serve site --port 0    # any free port, printed on start";
}

void ServeCommand::setup(CLI::App& app) {
    app.add_option("folder", folder_, "The folder to serve")->required();
    app.add_option("--port", port_, "Port on 127.0.0.1 (0: any free port)")
        ->check(CLI::Range(0, 65535))
        ->default_val(8080);
}

int ServeCommand::run(const GlobalOptions& global) {
    render::PreviewServer server(folder_, port_);
    // This line is what scripts wait for to learn the port.
    fmt::print(stderr, "serving {} at http://127.0.0.1:{}/ (Ctrl-C stops)\n", folder_, server.port());
    std::fflush(stderr);
    const bool quiet = global.quiet;
    server.run([quiet](const std::string& line) {
        if (!quiet)
            fmt::print(stderr, "{}\n", line);
    });
    return exit_ok;
}

} // namespace incimap::cli
