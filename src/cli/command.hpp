// The shape of an incimap subcommand, after osmium-tool: setup() only
// declares options on the CLI11 subcommand, run() does the work. One command,
// one file pair (cli/command_NAME.{hpp,cpp}); commands.cpp lists them.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace incimap::cli {

// Options every command understands.
struct GlobalOptions {
    bool quiet = false;  // no progress, no summary on stderr
    int verbose = 0;     // -v, -vv: more detail on stderr
};

class Command {
public:
    virtual ~Command() = default;
    virtual std::string_view name() const = 0;
    // One line for `incimap --help`.
    virtual std::string_view synopsis() const = 0;
    // Example invocations, one per line, shown by `incimap help NAME`.
    virtual std::string_view examples() const = 0;
    // Declares the command's options and arguments; does no work.
    virtual void setup(CLI::App& app) = 0;
    // Does the work and returns the exit code (see core/error.hpp).
    // Throws incimap::Error (or a subclass) on failure.
    virtual int run(const GlobalOptions& global) = 0;
};

// Every command of the program, in the order `--help` lists them.
std::vector<std::unique_ptr<Command>> make_commands();

// Parses argv, dispatches to the command and maps exceptions to exit codes.
// main() is only this; tests call it too.
int run_program(int argc, const char* const* argv);

} // namespace incimap::cli
