#include "cli/command_gazetteer.hpp"

#include "cli/nested_commands.hpp"
#include "core/counted.hpp"
#include "core/error.hpp"
#include "gazetteer/fetch.hpp"
#include "gazetteer/library.hpp"
#include "sources/http.hpp"
#include "sources/transfer_display.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <strings.h>

namespace incimap::cli {
namespace {

namespace fs = std::filesystem;
using gazetteer::InstallReport;
using sources::format_byte_size;

template <typename... Args>
void note(const GlobalOptions& global, fmt::format_string<Args...> format, Args&&... args) {
    if (!global.quiet)
        fmt::print(stderr, "{}\n", fmt::format(format, std::forward<Args>(args)...));
}

// Several dumps in one call: one failing does not stop the others, and the
// end says which failed.
class BatchOutcome {
  public:
    void failed(const std::string& name, const std::exception& error) {
        fmt::print(stderr, "incimap gazetteer: {}\n", error.what());
        failed_.push_back(name);
    }
    int finish(size_t total) const {
        if (failed_.empty())
            return exit_ok;
        fmt::print(stderr, "incimap gazetteer: {} of {} failed: {}\n", failed_.size(),
                   counted(total, "dump"), fmt::join(failed_, ", "));
        return exit_data_error;
    }

  private:
    std::vector<std::string> failed_;
};

void report_install(const GlobalOptions& global, const InstallReport& report) {
    note(global, "{}: installed {} ({}) into {}", report.installed.filename().string(),
         counted(report.read.rows_read, "row"), gazetteer::to_string(report.kind),
         report.installed.parent_path().string());
    for (const auto& line : report.read.summary_lines())
        note(global, "  {}", line);
}

constexpr const char* fetch_examples = R"(Examples:
  incimap gazetteer fetch ML BF NE
  incimap gazetteer fetch cities500 admin1CodesASCII countryInfo
  incimap gazetteer fetch ML --force --retries 5 --timeout 60
  incimap gazetteer fetch XX --base-url http://127.0.0.1:8000/ --cache /tmp/geonames

Dumps come from https://download.geonames.org/export/dump/ (GeoNames,
CC BY 4.0). An interrupted download resumes where it stopped on the next run.)";

bool is_http_url(std::string_view url) {
    return ::strncasecmp(url.data(), "http://", std::min<size_t>(url.size(), 7)) == 0 ||
           ::strncasecmp(url.data(), "https://", std::min<size_t>(url.size(), 8)) == 0;
}

// Installed dumps answering to a name: the file name itself ("ML.zip"), or
// the name without its extensions ("ML", any case).
std::vector<gazetteer::InstalledDump>
matching(const std::vector<gazetteer::InstalledDump>& installed, std::string_view name) {
    std::vector<gazetteer::InstalledDump> exact;
    std::vector<gazetteer::InstalledDump> by_stem;
    for (const auto& dump : installed) {
        std::string_view file = dump.name;
        std::string_view stem = file.substr(0, file.find('.'));
        if (file == name)
            exact.push_back(dump);
        else if (stem.size() == name.size() &&
                 ::strncasecmp(stem.data(), name.data(), name.size()) == 0)
            by_stem.push_back(dump);
    }
    return exact.empty() ? by_stem : exact;
}

std::string local_date(fs::file_time_type time) {
    auto system_time = std::chrono::file_clock::to_sys(time);
    return fmt::format(
        "{:%Y-%m-%d %H:%M}",
        fmt::localtime(std::chrono::system_clock::to_time_t(
            std::chrono::time_point_cast<std::chrono::system_clock::duration>(system_time))));
}

} // namespace

std::string_view GazetteerCommand::synopsis() const {
    return "Download, install, list and remove GeoNames gazetteer dumps; learn places from a store";
}

std::string_view GazetteerCommand::examples() const {
    return "incimap gazetteer fetch ML BF NE\n"
           "incimap gazetteer fetch cities500 admin1CodesASCII\n"
           "incimap gazetteer add ~/Downloads/ML.zip NE.txt.gz\n"
           "incimap gazetteer list\n"
           "incimap gazetteer learn --store team.gpkg\n"
           "incimap gazetteer remove ML";
}

void GazetteerCommand::setup(CLI::App& app) {
    app.require_subcommand(1, 1);

    fetch_ = add_nested(app, "incimap gazetteer", "fetch",
                        "Download GeoNames dumps into the cache folder and install them",
                        fetch_examples);
    auto& fetch = fetch_settings_;
    fetch_
        ->add_option("names", fetch.names,
                     fmt::format("Dumps: two-letter country codes (ML, BF, NE) or {}",
                                 gazetteer::known_dump_names()))
        ->required();
    fetch.base_url = std::string(gazetteer::geonames_dump_base_url);
    fetch_
        ->add_option("--base-url", fetch.base_url,
                     "Where the dumps are served (an http:// or https:// URL)")
        ->capture_default_str();
    fetch_->add_option("--cache", fetch.cache_dir,
                       "Folder for downloaded dumps [default: $INCIMAP_CACHE_DIR/geonames, else "
                       "$XDG_CACHE_HOME/incimap/geonames, else ~/.cache/incimap/geonames]");
    fetch_
        ->add_option(
            "--timeout", fetch.timeout_seconds,
            "Give up on a connection or a transfer that sends nothing for this many seconds")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    fetch_->add_option("--retries", fetch.retries, "Further attempts after a failure that may pass")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    fetch_->add_option("--max-size", fetch.max_size, "Largest dump accepted, e.g. 500M or 2G")
        ->capture_default_str();
    fetch_->add_flag("--force", fetch.force, "Download again even when the cache holds the dump");

    add_ = add_nested(app, "incimap gazetteer", "add",
                      "Install local GeoNames dumps (plain text, .zip or .gz)",
                      "Examples:\n  incimap gazetteer add ~/Downloads/ML.zip\n"
                      "  incimap gazetteer add NE.txt.gz admin1CodesASCII.txt\n");
    add_->add_option("files", files_,
                     "GeoNames dump files: a country or cities table, admin1CodesASCII or "
                     "countryInfo")
        ->required();

    list_ = add_nested(app, "incimap gazetteer", "list",
                       "Show the installed dumps: name, kind, rows, size and date",
                       "Examples:\n  incimap gazetteer list\n"
                       "  INCIMAP_DATA_DIR=/srv/incimap incimap gazetteer list\n");

    remove_ = add_nested(
        app, "incimap gazetteer", "remove", "Uninstall dumps (the download cache keeps its copy)",
        "Examples:\n  incimap gazetteer remove ML\n  incimap gazetteer remove cities500.zip\n");
    remove_->add_option("names", dump_names_, "Installed dumps, by file name (ML.zip) or name (ML)")
        ->required();

    learn_ = add_nested(app, "incimap gazetteer", "learn",
                        "Learn the places the store's coded events name and GeoNames lacks, and install them",
                        "Examples:\n  incimap import acled_export.csv && incimap gazetteer learn\n"
                        "  incimap gazetteer learn --store \"PG:service=incidents\"\n"
                        "  incimap gazetteer learn --store team.gpkg --out team-places.txt\n\n"
                        "Places learned come from the events' own coordinates (geo_precision 1). The\n"
                        "installed dump is named after the store (learned-incidents.txt); learning\n"
                        "again replaces it.\n");
    learn_settings_.add_to(*learn_);
}

int GazetteerCommand::run(const GlobalOptions& global) {
    if (fetch_->parsed())
        return run_fetch(global);
    if (add_->parsed())
        return run_add(global);
    if (list_->parsed())
        return run_list(global);
    if (learn_->parsed())
        return learn_settings_.run(global);
    return run_remove(global);
}

int GazetteerCommand::run_fetch(const GlobalOptions& global) const {
    const auto& settings = fetch_settings_;
    std::vector<gazetteer::GeoNamesDump> dumps;
    for (const auto& name : settings.names) {
        auto dump = gazetteer::geonames_dump(name);
        if (std::none_of(dumps.begin(), dumps.end(),
                         [&](const auto& d) { return d.name == dump.name; }))
            dumps.push_back(std::move(dump));
    }
    if (!is_http_url(settings.base_url))
        throw UsageError(
            fmt::format("--base-url '{}' is not an http:// or https:// URL", settings.base_url));

    sources::DownloadOptions options;
    options.connect_timeout =
        std::chrono::milliseconds(static_cast<long>(settings.timeout_seconds * 1000));
    options.low_speed_time =
        std::chrono::seconds(std::max(1L, std::lround(settings.timeout_seconds)));
    options.retries = settings.retries;
    options.max_bytes = sources::parse_byte_size(settings.max_size);
    fs::path cache = settings.cache_dir;
    if (cache.empty()) {
        try {
            cache = gazetteer::geonames_cache_dir();
        } catch (const Error& e) {
            throw Error(fmt::format("{}, or pass --cache", e.what()));
        }
    }
    fs::path data_dir = gazetteer::gazetteer_data_dir();

    BatchOutcome outcome;
    for (const auto& dump : dumps) {
        fs::path file = cache / dump.file_name;
        try {
            if (!settings.force && fs::exists(file)) {
                note(global, "{}: already in {}, not downloaded again (--force downloads it anew)",
                     dump.file_name, cache.string());
            } else {
                sources::ProgressMeter meter(dump.file_name, !global.quiet);
                auto with_meter = options;
                with_meter.progress = [&meter](const sources::TransferProgress& p) {
                    meter.update(p);
                };
                auto report = sources::download_to_file(
                    gazetteer::dump_url(settings.base_url, dump), file, with_meter);
                meter.finish();
                note(global, "{}: downloaded {} in {:.1f} s{}", dump.file_name,
                     format_byte_size(report.bytes),
                     std::chrono::duration<double>(report.elapsed).count(),
                     report.resumed_from > 0
                         ? fmt::format(" (resumed after {})", format_byte_size(report.resumed_from))
                         : "");
            }
            try {
                report_install(global, gazetteer::install_dump(file, data_dir));
            } catch (const InputError&) {
                // Not a usable dump (an error page, a damaged file): keeping it
                // would make every later fetch fail the same way.
                fs::remove(file);
                throw;
            }
        } catch (const Error& e) {
            outcome.failed(dump.name, e);
        }
    }
    return outcome.finish(dumps.size());
}

int GazetteerCommand::run_add(const GlobalOptions& global) const {
    fs::path data_dir = gazetteer::gazetteer_data_dir();
    BatchOutcome outcome;
    for (const auto& file : files_) {
        try {
            report_install(global, gazetteer::install_dump(file, data_dir));
        } catch (const Error& e) {
            outcome.failed(file, e);
        }
    }
    return outcome.finish(files_.size());
}

int GazetteerCommand::run_list(const GlobalOptions& global) const {
    fs::path data_dir = gazetteer::gazetteer_data_dir();
    auto installed = gazetteer::installed_dumps(data_dir);
    if (installed.empty()) {
        note(global, "no dumps installed in {}; 'incimap gazetteer fetch ML' installs one",
             data_dir.string());
        return exit_ok;
    }
    fmt::print("{:<24} {:<13} {:>10} {:>10}  {}\n", "NAME", "KIND", "ROWS", "SIZE", "DATE");
    for (const auto& dump : installed)
        fmt::print("{:<24} {:<13} {:>10} {:>10}  {}\n", dump.name, gazetteer::to_string(dump.kind),
                   dump.rows, format_byte_size(dump.bytes), local_date(dump.modified));
    note(global, "in {}", data_dir.string());
    return exit_ok;
}

int GazetteerCommand::run_remove(const GlobalOptions& global) const {
    fs::path data_dir = gazetteer::gazetteer_data_dir();
    auto installed = gazetteer::installed_dumps(data_dir);
    BatchOutcome outcome;
    for (const auto& name : dump_names_) {
        try {
            auto found = matching(installed, name);
            if (found.empty())
                throw InputError(data_dir.string(), 0,
                                 fmt::format("no installed dump named '{}'", name));
            for (const auto& dump : found) {
                gazetteer::remove_dump(dump.name, data_dir);
                note(global, "{}: removed from {}", dump.name, data_dir.string());
            }
        } catch (const Error& e) {
            outcome.failed(name, e);
        }
    }
    return outcome.finish(dump_names_.size());
}

} // namespace incimap::cli
