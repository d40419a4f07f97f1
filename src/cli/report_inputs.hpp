// The inputs and reading options shared by the commands that read reports
// (`extract`, `ingest`, `run`): INPUT… (files, folders, -, http(s) URLs),
// --batch, --published, --min-confidence, --actors, --refresh, --timeout and
// the gazetteer options, made into the set of reports to read
// (sources/report_set.hpp). Web pages are kept in CACHE/pages (CACHE:
// $INCIMAP_CACHE_DIR, else $XDG_CACHE_HOME/incimap, else ~/.cache/incimap)
// and read from there unless --refresh.
#pragma once

#include "cli/command.hpp"
#include "cli/gazetteer_options.hpp"
#include "core/output_guard.hpp"
#include "extract/actors.hpp"
#include "sources/report_set.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace incimap::cli {

class ReportInputs {
public:
    // Declares the input argument and the options on a command's app.
    void add_to(CLI::App& app);

    // Throws UsageError when --published is no date, --timeout no positive
    // number of seconds, or when there is no input and INPUTS_REQUIRED.
    void check(bool inputs_required = true) const;

    // Records the input files and folders and the batch (not URLs).
    void add_inputs_to(OutputGuard& guard) const;
    bool has_inputs() const { return !inputs_.empty() || !batch_.empty(); }
    double min_confidence() const { return min_confidence_; }
    // --published: the date of documents that carry none ("" when not given).
    const std::string& published() const { return published_; }
    // Show a progress meter while web pages download (on a terminal).
    void show_download_progress(bool show) { download_progress_ = show; }

    // The built-in actor dictionary with the --actors file merged in.
    // Throws InputError naming an unreadable --actors file.
    extract::ActorDictionary actors() const;
    gazetteer::Gazetteer gazetteer(const GlobalOptions& global, std::string_view command) const;

    // The reports to read, as the inputs and options give them: web pages
    // kept in CACHE/pages and read from there unless --refresh, given up
    // after --timeout.
    sources::ReportSet report_set() const;

private:
    std::vector<std::string> inputs_;
    std::string batch_;
    std::string published_;
    double min_confidence_ = 0;
    std::string actors_;
    bool refresh_ = false;
    double timeout_seconds_ = 60;  // --timeout: for one http(s) input, retries included
    bool download_progress_ = false;
    GazetteerOptions gazetteer_;
};

} // namespace incimap::cli
