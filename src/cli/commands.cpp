#include "cli/command.hpp"

namespace incimap::cli {

std::vector<std::unique_ptr<Command>> make_commands() {
    std::vector<std::unique_ptr<Command>> commands;
    return commands;
}

} // namespace incimap::cli
