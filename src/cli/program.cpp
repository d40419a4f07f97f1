// Parsing, dispatch, `help`, and the mapping of exceptions to exit codes.
#include "cli/command.hpp"
#include "core/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string>

namespace incimap::cli {
namespace {

constexpr const char* program_footer = R"(Exit codes:
  0  success
  1  data error: unreadable input, nothing found, a failed download
  2  usage error: unknown command or option, bad option value

Run 'incimap help COMMAND' for a command's options and examples.
Gazetteer data (c) GeoNames, CC BY 4.0 (https://www.geonames.org).)";

std::string examples_footer(const Command& command) {
    std::string text = "Examples:\n";
    std::string_view examples = command.examples();
    while (!examples.empty()) {
        auto end = examples.find('\n');
        text += "  ";
        text += examples.substr(0, end);
        text += '\n';
        examples = end == std::string_view::npos ? std::string_view{} : examples.substr(end + 1);
    }
    return text;
}

} // namespace

int run_program(int argc, const char* const* argv) {
    CLI::App app{"incimap: map conflict incidents from news reports and event tables",
                 "incimap"};
    app.footer(program_footer);
    app.set_version_flag("--version", std::string("incimap ") + INCIMAP_VERSION);
    app.require_subcommand(0, 1);

    GlobalOptions global;
    app.add_flag("-q,--quiet", global.quiet, "No progress or summary on stderr")
        ->configurable(false);
    app.add_flag("-v,--verbose", global.verbose, "More detail on stderr (repeat for more)");

    auto commands = make_commands();
    for (auto& command : commands) {
        auto* sub = app.add_subcommand(std::string(command->name()),
                                       std::string(command->synopsis()));
        sub->footer(examples_footer(*command));
        sub->fallthrough();  // -q and -v work after the command name too
        command->setup(*sub);
    }

    std::string help_topic;
    auto* help = app.add_subcommand("help", "Show the manual of a command: incimap help COMMAND");
    help->add_option("command", help_topic, "The command to describe");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        // --help anywhere prints the help of the innermost command given.
        auto* shown = &app;
        for (auto* sub : app.get_subcommands())
            shown = sub;
        std::fputs(shown->help().c_str(), stdout);
        return exit_ok;
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? exit_ok : exit_usage_error;
    }

    if (help->parsed() || app.get_subcommands().empty()) {
        if (help_topic.empty()) {
            std::fputs(app.help().c_str(), app.get_subcommands().empty() ? stderr : stdout);
            return help->parsed() ? exit_ok : exit_usage_error;
        }
        try {
            std::fputs(app.get_subcommand(help_topic)->help().c_str(), stdout);
            return exit_ok;
        } catch (const CLI::OptionNotFound&) {
            std::fprintf(stderr, "incimap: no command '%s'; 'incimap --help' lists them\n",
                         help_topic.c_str());
            return exit_usage_error;
        }
    }

    for (auto& command : commands) {
        if (!app.got_subcommand(std::string(command->name())))
            continue;
        try {
            return command->run(global);
        } catch (const UsageError& e) {
            fmt::print(stderr, "incimap {}: {}\n", command->name(), e.what());
            return exit_usage_error;
        } catch (const Error& e) {
            fmt::print(stderr, "incimap {}: {}\n", command->name(), e.what());
            return exit_data_error;
        } catch (const std::bad_alloc&) {
            fmt::print(stderr, "incimap {}: out of memory\n", command->name());
            return exit_data_error;
        } catch (const std::exception& e) {
            fmt::print(stderr, "incimap {}: internal error: {}\n", command->name(), e.what());
            return exit_data_error;
        }
    }
    return exit_usage_error;
}

} // namespace incimap::cli
