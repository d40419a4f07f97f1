#include "sources/report_set.hpp"

#include "core/error.hpp"
#include "core/store_error.hpp"
#include "core/input_kind.hpp"
#include "sources/batch.hpp"
#include "sources/document_input.hpp"
#include "sources/transfer_display.hpp"

#include <fmt/format.h>

#include <fstream>

namespace incimap::sources {
namespace {

std::vector<Document> documents_of_url(const std::string& url, const ReportSet& set, const WarningHandler& warn) {
    ProgressMeter meter(url, set.download_progress);
    auto shown = set.web;
    shown.download.progress = [&meter](const TransferProgress& p) { meter.update(p); };
    auto docs = read_url_documents(url, shown, warn);
    meter.finish();
    return docs;
}

} // namespace

std::size_t read_reports(const ReportSet& set, std::istream& standard_input,
                         const std::function<void(Document&&)>& read, const FailureHandler& fail,
                         const WarningHandler& warn) {
    std::size_t failures = 0;
    auto failed = [&](const InputFailure& failure) {
        ++failures;
        if (fail)
            fail(failure);
    };
    auto dated = [&](Document&& doc) {
        if (doc.published.empty())
            doc.published = set.published;
        if (doc.published.empty() && warn)
            warn(fmt::format("{}: no publication date: relative dates (\"on Tuesday\") are not read{}", doc.id,
                             set.undated_advice.empty() ? "" : "; " + set.undated_advice));
        read(std::move(doc));
    };
    for (const auto& input : set.inputs) {
        try {
            auto docs = is_web_url(input) ? documents_of_url(input, set, warn)
                                          : read_documents(input, standard_input, warn, failed);
            for (auto& doc : docs)
                dated(std::move(doc));
        } catch (const StoreError&) {
            throw;  // where the documents go failed, not this input
        } catch (const Error& e) {
            failed(failure_of(input, e.what()));
        }
    }
    if (set.batch.empty())
        return failures;
    const std::string origin = set.batch == "-" ? "<stdin>" : set.batch;
    try {
        std::ifstream file;
        if (set.batch != "-") {
            if (const auto why = why_not_readable_file(set.batch); !why.empty())
                throw InputError(set.batch, 0, why);
            file.open(set.batch);
            if (!file)
                throw InputError(set.batch, 0, "cannot open");
        }
        std::istream& in = set.batch == "-" ? standard_input : file;
        read_json_lines(in, origin, dated, warn, failed);
    } catch (const StoreError&) {
        throw;
    } catch (const Error& e) {
        failed(failure_of(origin, e.what()));
    }
    return failures;
}

} // namespace incimap::sources
