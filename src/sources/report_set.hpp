// The reports a command reads, and the loop that reads them: its inputs
// (files, folders, "-" for standard input, http(s) URLs) in order, then a
// JSON Lines batch. An input that fails, a file of a folder that fails and a
// batch line that is no report are failures, told with the input and why;
// the others are still read.
#pragma once

#include "sources/document.hpp"
#include "sources/url_documents.hpp"

#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <vector>

namespace incimap::sources {

struct ReportSet {
    std::vector<std::string> inputs;  // files, folders, "-", http(s) URLs
    std::string batch;                // a JSON Lines file, "-", or "" for none
    std::string published;  // ISO date of documents that carry none, or ""
    WebReadOptions web;     // how URLs are read (their page cache, limits)
    bool download_progress = false;  // a progress meter while pages download (on a terminal)
    // What to do about a document left without a publication date, as the
    // caller can say it ("give --published"); "" for nothing.
    std::string undated_advice;

    bool empty() const { return inputs.empty() && batch.empty(); }
};

// Calls READ for every document of the set, in order, with the set's
// publication date filled in where the document carries none. Failures go
// to FAIL; warnings (repaired text, feed items without text, a document
// left without a publication date) to WARN. STANDARD_INPUT is read for
// "-". Returns how many failures there were.
std::size_t read_reports(const ReportSet& set, std::istream& standard_input,
                         const std::function<void(Document&&)>& read, const FailureHandler& fail,
                         const WarningHandler& warn);

} // namespace incimap::sources
