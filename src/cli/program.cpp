// Parsing, dispatch, `help`, and the mapping of exceptions to exit codes.
#include "cli/command.hpp"
#include "core/error.hpp"
#include "core/stop_signal.hpp"
#include "core/output_guard.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace incimap::cli {
namespace {

constexpr const char* program_footer = R"(Exit codes:
  0  success
  1  data error: unreadable input, nothing found, a failed download
  2  usage error: unknown command or option, bad option value
  130, 143  stopped by SIGINT (Ctrl-C) or SIGTERM; tiles removes its unfinished output

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

// The subcommand of PARENT called NAME, or null.
const CLI::App* topic_named(const CLI::App& parent, const std::string& name) {
    for (const auto* sub : parent.get_subcommands([](const CLI::App*) { return true; }))
        if (sub->get_name() == name)
            return sub;
    return nullptr;
}

// The manual of COMMAND, whose Usage line names it as typed: PARENTS is
// "incimap" and the commands above it ("incimap gazetteer").
std::string manual(const CLI::App& command, const std::string& parents) {
    return command.get_parent() ? command.help(parents) : command.help();
}

// The commands given on the command line, outermost first, as "gazetteer fetch"
// (empty when none was).
std::string given_commands(const CLI::App& app) {
    std::string path;
    for (const auto* sub = &app; !sub->get_subcommands().empty();) {
        sub = sub->get_subcommands().back();
        path += (path.empty() ? "" : " ") + sub->get_name();
    }
    return path;
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

    std::vector<std::string> help_topic;
    auto* help = app.add_subcommand("help", "Show the manual of a command: incimap help COMMAND");
    help->add_option("command", help_topic,
                     "The command to describe, with its subcommand if it has them "
                     "(incimap help gazetteer fetch)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        // --help anywhere prints the help of the innermost command given.
        const CLI::App* shown = &app;
        std::string parents = "incimap";
        while (!shown->get_subcommands().empty()) {
            if (shown != &app)
                parents += ' ' + shown->get_name();
            shown = shown->get_subcommands().back();
        }
        std::fputs(manual(*shown, parents).c_str(), stdout);
        return exit_ok;
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0)  // --version
            return app.exit(e) == 0 ? exit_ok : exit_usage_error;
        // CLI11's own words, then where the command's options are described.
        const auto path = given_commands(app);
        if (path.empty())
            fmt::print(stderr, "incimap: {}\nRun 'incimap --help' for the commands and options.\n",
                       e.what());
        else
            fmt::print(stderr, "incimap {}: {}\nRun 'incimap help {}' for its options and examples.\n",
                       path, e.what(), path);
        return exit_usage_error;
    }

    if (help->parsed() || app.get_subcommands().empty()) {
        if (help_topic.empty()) {
            std::fputs(app.help().c_str(), app.get_subcommands().empty() ? stderr : stdout);
            return help->parsed() ? exit_ok : exit_usage_error;
        }
        const CLI::App* shown = &app;
        std::string parents = "incimap";
        std::string path;  // the words of help_topic found so far
        for (const auto& name : help_topic) {
            const auto* sub = topic_named(*shown, name);
            if (!sub || sub == help) {
                fmt::print(stderr, "incimap help: no command '{}{}'; 'incimap {}--help' lists them\n",
                           path, name, path);
                return exit_usage_error;
            }
            if (shown != &app)
                parents += ' ' + shown->get_name();
            shown = sub;
            path += name + ' ';
        }
        std::fputs(manual(*shown, parents).c_str(), stdout);
        return exit_ok;
    }

    for (auto& command : commands) {
        if (!app.got_subcommand(std::string(command->name())))
            continue;
        try {
            return command->run(global);
        } catch (const UsageError& e) {
            fmt::print(stderr, "incimap {}: {}\n", command->name(), e.what());
            return exit_usage_error;
        } catch (const Stopped& e) {
            fmt::print(stderr, "incimap {}: {}; what was unfinished is removed\n", command->name(),
                       e.what());
            return 128 + e.signal();
        } catch (const OutputRefused& e) {
            // The command's own --overwrite, or its parsed subcommand's.
            const CLI::App* command_app = app.get_subcommand(std::string(command->name()));
            bool can_overwrite = command_app->get_option_no_throw("--overwrite") != nullptr;
            for (const CLI::App* nested : command_app->get_subcommands())
                can_overwrite = can_overwrite || nested->get_option_no_throw("--overwrite") != nullptr;
            fmt::print(stderr, "incimap {}: {}\n{}", command->name(), e.what(),
                       can_overwrite ? "Give another output, or --overwrite to write over it.\n" : "");
            return exit_data_error;
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
