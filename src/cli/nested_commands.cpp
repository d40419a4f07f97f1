#include "cli/nested_commands.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>

namespace incimap::cli {

CLI::App* add_nested(CLI::App& app, std::string parent, const char* name, const char* description,
                     const char* examples) {
    auto* sub = app.add_subcommand(name, description);
    sub->footer(examples);
    sub->set_help_flag();
    sub->add_flag_callback(
        "-h,--help",
        [sub, parent = std::move(parent)] {
            std::fputs(sub->help(parent).c_str(), stdout);
            throw CLI::Success();
        },
        "Print this help message and exit");
    return sub;
}

} // namespace incimap::cli
