#include "cli/report_inputs.hpp"

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/input_kind.hpp"
#include "extract/confidence.hpp"
#include "extract/dates.hpp"
#include "gazetteer/fetch.hpp"
#include "sources/url_documents.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace incimap::cli {
namespace {

// Pages are kept beside the gazetteer downloads: CACHE/pages. A server
// sending under 1 KB/s for 20 s is given up (and retried), and no URL holds
// a run longer than TIMEOUT seconds, retries included.
sources::WebReadOptions web_options(bool refresh, double timeout_seconds) {
    sources::WebReadOptions options;
    options.cache.emplace(gazetteer::geonames_cache_dir().parent_path() / "pages");
    options.refresh = refresh;
    options.download.max_bytes = 64 * sources::mebibyte;
    options.download.low_speed_limit = 1024;
    options.download.low_speed_time = std::chrono::seconds(20);
    options.download.deadline = std::chrono::milliseconds(std::llround(timeout_seconds * 1000));
    options.download.retries = 2;
    return options;
}

} // namespace

void ReportInputs::add_to(CLI::App& app) {
    app.add_option("input", inputs_, "Files, folders, - for standard input, or http(s) URLs")
        ->type_name("INPUT");
    app.add_option("--batch", batch_, "Read a JSON Lines batch of reports (- for standard input)")
        ->type_name("FILE");
    app.add_option("--published", published_,
                   "Publication date (YYYY-MM-DD) of reports that carry none; relative dates "
                   "(\"on Tuesday\") are read against it")
        ->type_name("DATE");
    app.add_option("--min-confidence", min_confidence_,
                   fmt::format("Leave out incidents less sure than X, 0..1 (default {})",
                               extract::default_min_confidence))
        ->type_name("X")
        ->check(CLI::Range(0.0, 1.0))
        ->default_val(extract::default_min_confidence);
    app.add_option("--actors", actors_, "More actor names, in the format of the built-in "
                                        "dictionary (src/extract/actors.tsv)")
        ->type_name("FILE");
    app.add_flag("--refresh", refresh_,
                 "Download http(s) inputs again even when the page cache holds them");
    app.add_option("--timeout", timeout_seconds_,
                   "Give up an http(s) input after SECONDS, retries included (default 60); "
                   "one sending under 1 KB/s for 20 s is given up sooner")
        ->type_name("SECONDS");
    gazetteer_.add_to(app);
}

void ReportInputs::check(bool inputs_required) const {
    if (inputs_required && !has_inputs())
        throw UsageError("give one or more inputs (files, folders, -, URLs) or --batch FILE");
    if (!(timeout_seconds_ > 0 && timeout_seconds_ <= 86400))
        throw UsageError(fmt::format(
            "--timeout '{}' is not a number of seconds above 0 and at most 86400", timeout_seconds_));
    if (!published_.empty() && !parse_iso_date(published_))
        throw UsageError(fmt::format("--published '{}' is not a date (YYYY-MM-DD)", published_));
}

extract::ActorDictionary ReportInputs::actors() const {
    auto actors = extract::ActorDictionary::builtin();
    if (!actors_.empty())
        actors.merge(extract::ActorDictionary::load(actors_));
    return actors;
}

gazetteer::Gazetteer ReportInputs::gazetteer(const GlobalOptions& global,
                                             std::string_view command) const {
    return gazetteer_.load(global, command);
}

sources::ReportSet ReportInputs::report_set() const {
    sources::ReportSet set;
    set.inputs = inputs_;
    set.batch = batch_;
    set.published = published_;
    set.download_progress = download_progress_;
    set.undated_advice = "give --published";
    // The page cache only when there are pages to read.
    if (std::any_of(inputs_.begin(), inputs_.end(), [](const std::string& input) { return sources::is_web_url(input); }))
        set.web = web_options(refresh_, timeout_seconds_);
    return set;
}

void ReportInputs::add_inputs_to(OutputGuard& guard) const {
    for (const auto& input : inputs_)
        if (input.find("://") == std::string::npos)
            guard.add_input(input);
    guard.add_input(batch_, "the batch");
}

} // namespace incimap::cli
