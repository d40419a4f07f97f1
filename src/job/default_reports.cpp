#include "job/default_reports.hpp"

#include "core/resources.hpp"
#include "sources/document_input.hpp"

#include <string>

namespace incimap::job {

std::vector<sources::Document> default_reports(const sources::WarningHandler& warn) {
    std::vector<sources::Document> documents;
    for (const auto name : resource_names("examples/articles/")) {
        const auto bytes = as_text(resource(name));
        const auto format = sources::detect_format(std::string(name), bytes.substr(0, 512));
        for (auto& doc : sources::documents_from_bytes(bytes, format, std::string(name), warn))
            documents.push_back(std::move(doc));
    }
    return documents;
}

} // namespace incimap::job
