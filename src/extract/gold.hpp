// Gold incidents: what a coder following ACLED would code from a report,
// kept beside it as NAME.gold.json, and how the reader's incidents are
// matched to them and scored. bench/eval_articles and the article corpus
// test (tests/extract/articles/) share this code.
//
// Matching, one to one: an extracted incident may stand for a gold one when
// their event types are compatible (the same family: political violence —
// Battles, Violence against civilians, Explosions/Remote violence —,
// demonstrations — Protests, Riots —, or Strategic developments) and either
// their event dates are at most one day apart or their points at most 25 km
// apart. Of all such pairs, the cheapest is taken first, cost = km apart +
// 25 per day apart; ties go to the earlier gold incident, then the earlier
// extracted one; both leave the pool and the next cheapest follows.
#pragma once

#include "core/incident.hpp"
#include "extract/extractor.hpp"
#include "sources/document.hpp"

#include <array>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::extract {

struct GoldIncident {
    std::string event_date;  // ISO
    std::string location;
    double latitude = 0;
    double longitude = 0;
    int geo_precision = 1;  // 1..3
    std::string event_type;
    std::string sub_event_type;
    std::string actor1;
    std::string actor2;  // "" when there is none
    int fatalities = 0;
};

struct GoldReport {
    std::string published;  // ISO: the report's publication date
    std::string language;   // "en" or "fr"
    std::vector<GoldIncident> incidents;
};

// Reads {"published", "language", "incidents": [{event_date, location,
// latitude, longitude, geo_precision, event_type, sub_event_type, actor1,
// actor2, fatalities}]}. Throws InputError naming origin, the incident and
// the field when the JSON is malformed, a field is missing or has the wrong
// type, a date is not an ISO day, a coordinate or precision is out of
// range, or the sub-event type is not ACLED's or not of its event type.
GoldReport read_gold_report(std::string_view json, std::string_view origin);

// A report of a corpus and its gold incidents.
struct GoldArticle {
    std::string name;  // the report's file name
    sources::Document document;
    GoldReport gold;
};

// Every report of folder (NAME.txt or NAME.html, read as incimap extract
// reads files) with its NAME.gold.json, in name order; a report without a
// stated publication date is given the gold one. Throws InputError naming
// the file when a report has no gold file, a gold file no report, or either
// cannot be read.
std::vector<GoldArticle> read_gold_corpus(const std::filesystem::path& folder);

// Whether two ACLED event types are of the same family (see above).
bool compatible_event_types(std::string_view a, std::string_view b);

// Whether the extracted incident may stand for the gold one (see above).
bool may_match(const GoldIncident& gold, const Incident& extracted);

struct IncidentMatch {
    std::size_t gold = 0;       // index into the gold incidents
    std::size_t extracted = 0;  // index into the extracted incidents
};

// The one-to-one matching described above, in the order the pairs were
// taken. Cost: quadratic in the incidents of one report.
std::vector<IncidentMatch> match_incidents(const std::vector<GoldIncident>& gold,
                                           const std::vector<Incident>& extracted);

// The fields compared on a matched pair: event_date exact, location within
// 25 km, event_type, sub_event_type, fatalities, actor1 and actor2 exact.
enum class GoldField { date, location, event_type, sub_event_type, fatalities, actor1, actor2 };
inline constexpr std::array<GoldField, 7> gold_fields = {
    GoldField::date,       GoldField::location, GoldField::event_type, GoldField::sub_event_type,
    GoldField::fatalities, GoldField::actor1,   GoldField::actor2};
std::string_view field_name(GoldField field);
bool field_agrees(GoldField field, const GoldIncident& gold, const Incident& extracted);

// Tallies over reports.
struct GoldScores {
    int reports = 0;
    int gold = 0;       // gold incidents
    int extracted = 0;  // extracted incidents
    int matched = 0;    // pairs
    std::array<int, gold_fields.size()> agreeing{};  // per field, over the pairs

    void add(const std::vector<GoldIncident>& gold_incidents, const std::vector<Incident>& extracted_incidents,
             const std::vector<IncidentMatch>& matches);
    double recall() const;     // matched / gold, in %
    double precision() const;  // matched / extracted, in %
    double spurious_per_report() const;
    double accuracy(GoldField field) const;  // agreeing / matched, in %
};

// The tallies of a corpus: all reports, the English ones, the French ones.
struct CorpusScores {
    GoldScores all, english, french;
};

// What was made of one report: the incidents kept and their matches.
using ArticleVisitor = std::function<void(const GoldArticle& article, const std::vector<Incident>& extracted,
                                          const std::vector<IncidentMatch>& matches)>;

// Reads every report of the corpus with the extractor, keeps the incidents
// at or above min_confidence (as incimap extract does), matches them with
// the gold ones and tallies; visit, when given, sees each report's result.
CorpusScores score_corpus(const std::vector<GoldArticle>& corpus, const Extractor& extractor, double min_confidence,
                          const ArticleVisitor& visit = {});

} // namespace incimap::extract
