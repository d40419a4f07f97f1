#include "store/report_pairs.hpp"

#include "core/bounded_line.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/ascii.hpp"
#include "store/content_hash.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace incimap::store {
namespace {

// The incidents of one report that the store is given, with the ids it
// filed them under.
std::vector<std::int64_t> add_report(const std::string& text, const std::string& id,
                                     const std::string& published,
                                     const extract::Extractor& extractor, IncidentStore& store,
                                     double min_confidence, bool& merged_any) {
    sources::Document doc;
    doc.id = id;
    doc.text = text;
    doc.published = published;
    SourceRecord source;
    source.url = id;
    source.published = published;
    source.content_hash = content_hash(text);
    std::vector<std::int64_t> ids;
    for (const auto& incident : extractor.extract(doc)) {
        if (incident.confidence < min_confidence)
            continue;
        auto result = store.add(incident, source);
        merged_any = merged_any || result.outcome != AddOutcome::added;
        ids.push_back(result.incident_id);
    }
    return ids;
}

} // namespace

std::vector<ReportPair> read_report_pairs(std::istream& in, const std::string& name) {
    std::vector<ReportPair> pairs;
    std::string line;
    int number = 0;
    bool open = false;  // a pair whose header was read and whose b: was not
    auto where = [&] { return fmt::format("{}:{}", name, number); };
    while (read_line_bounded(in, line, batch_line_limit, name, number + 1)) {
        ++number;
        std::string_view text = trim(line);
        if (text.empty() || text.front() == '#')
            continue;
        if (text.starts_with("a:") || text.starts_with("b:")) {
            if (!open)
                throw InputError(fmt::format("{}: '{}' comes before a 'same' or 'different' line",
                                             where(), text.substr(0, 2)));
            auto& pair = pairs.back();
            auto& report = text.front() == 'a' ? pair.a : pair.b;
            if (!report.empty() || (text.front() == 'b' && pair.a.empty()))
                throw InputError(fmt::format("{}: expected '{}', found '{}'", where(),
                                             pair.a.empty() ? "a:" : "b:", text.substr(0, 2)));
            report = std::string(trim(text.substr(2)));
            if (report.empty())
                throw InputError(fmt::format("{}: empty report", where()));
            open = text.front() == 'a';
            continue;
        }
        if (open)
            throw InputError(fmt::format("{}: pair at {} has no 'b:' report", where(),
                                         pairs.back().origin));
        auto space = text.find(' ');
        std::string_view kind = text.substr(0, space);
        if (kind != "same" && kind != "different")
            throw InputError(fmt::format("{}: expected 'same' or 'different', found '{}'", where(),
                                         kind));
        ReportPair pair;
        pair.origin = where();
        pair.same_event = kind == "same";
        std::string_view rest =
            space == std::string_view::npos ? std::string_view{} : trim(text.substr(space));
        auto date_end = rest.find(' ');
        pair.published = std::string(rest.substr(0, date_end));
        if (!parse_iso_date(pair.published))
            throw InputError(fmt::format("{}: publication date '{}' is not YYYY-MM-DD", where(),
                                         pair.published));
        if (date_end != std::string_view::npos)
            pair.label = std::string(trim(rest.substr(date_end)));
        pairs.push_back(std::move(pair));
        open = true;
    }
    if (open)
        throw InputError(fmt::format("{}: pair at {} is not complete", name, pairs.back().origin));
    return pairs;
}

PairScore score_report_pairs(const std::vector<ReportPair>& pairs,
                             const extract::Extractor& extractor, IncidentStore& store,
                             double min_confidence) {
    PairScore score;
    store.begin().commit();  // a new store's tables, which the rollbacks below must keep
    for (const auto& pair : pairs) {
        PairOutcome outcome;
        {
            auto transaction = store.begin();  // rolled back: the pairs stay apart
            bool ignored = false;
            auto a = add_report(pair.a, pair.origin + ":a", pair.published, extractor, store,
                                min_confidence, ignored);
            bool b_merged = false;
            auto b = add_report(pair.b, pair.origin + ":b", pair.published, extractor, store,
                                min_confidence, b_merged);
            outcome.incidents_a = a.size();
            outcome.incidents_b = b.size();
            outcome.merged = b_merged && std::any_of(b.begin(), b.end(), [&](std::int64_t id) {
                                 return std::find(a.begin(), a.end(), id) != a.end();
                             });
        }
        if (pair.same_event) {
            ++score.same;
            score.same_merged += outcome.merged;
        } else {
            ++score.different;
            score.different_apart += !outcome.merged;
        }
        score.outcomes.push_back(outcome);
    }
    return score;
}

} // namespace incimap::store
