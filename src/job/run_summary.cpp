#include "job/run_summary.hpp"

#include "core/counted.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace incimap::job {
namespace {

std::size_t with_outcome(const RunSummary& s, DocumentOutcome outcome) {
    return static_cast<std::size_t>(
        std::count_if(s.documents.begin(), s.documents.end(),
                      [outcome](const DocumentReport& d) { return d.outcome == outcome; }));
}

} // namespace

std::size_t RunSummary::unreadable() const {
    return with_outcome(*this, DocumentOutcome::unreadable);
}

std::string format_summary(const RunSummary& s) {
    std::string out = fmt::format(
        "read {} from {}: {} with incidents, {} with none found, {} duplicate, {} unreadable\n",
        counted(s.documents.size(), "document"), s.inputs,
        with_outcome(s, DocumentOutcome::stored), with_outcome(s, DocumentOutcome::no_incident),
        with_outcome(s, DocumentOutcome::duplicate), s.unreadable());
    out += fmt::format("incidents: {} found, {} added, {} merged into stored ones, {} below the "
                       "confidence threshold; {} in the store {}\n",
                       s.counts.added + s.counts.merged + s.counts.duplicates + s.counts.below_confidence,
                       s.counts.added, s.counts.merged + s.counts.duplicates,
                       s.counts.below_confidence, s.stored, s.store);
    for (const auto& d : s.documents) {
        if (d.outcome == DocumentOutcome::stored)
            continue;
        out += fmt::format("  skipped {}: {}{}\n", d.id, outcome_name(d.outcome),
                           d.why.empty() ? "" : " (" + d.why + ")");
    }
    out += "outputs:\n";
    std::size_t width = 0;
    for (const auto& item : s.package.items)
        width = std::max(width, item.path.string().size());
    for (const auto& item : s.package.items)
        out += fmt::format("  {:<{}}  {}: {}\n", item.path.string(), width, item.what, item.detail);
    return out;
}

} // namespace incimap::job
