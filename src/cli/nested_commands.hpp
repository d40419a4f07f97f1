// Subcommands of a command (`incimap gazetteer fetch`, `incimap store init`):
// each with its own --help page and examples, which the program's generic
// handler, knowing only the first level, cannot give.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace incimap::cli {

// Adds the subcommand NAME to APP, the command PARENT ("incimap store"),
// with DESCRIPTION and EXAMPLES ("Examples:\n  incimap store init …") as
// the footer of its help page.
CLI::App* add_nested(CLI::App& app, std::string parent, const char* name, const char* description,
                     const char* examples);

} // namespace incimap::cli
