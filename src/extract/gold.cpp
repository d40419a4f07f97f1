#include "extract/gold.hpp"

#include "core/acled_codebook.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "extract/event_types.hpp"
#include "extract/place_resolver.hpp"
#include "sources/document_input.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

namespace incimap::extract {

namespace {

constexpr double match_km = 25;
constexpr double km_per_day = 25;  // what a day apart costs in the matching

using Json = nlohmann::json;

const Json& member(const Json& object, const char* key, Json::value_t type, const std::string& where) {
    auto it = object.find(key);
    if (it == object.end())
        throw InputError(where + ": no \"" + key + "\"");
    const bool number_ok = type == Json::value_t::number_float && it->is_number();
    if (it->type() != type && !number_ok)
        throw InputError(where + ": \"" + key + "\" is " + it->dump() + ", not a " +
                         Json(type).type_name());
    return *it;
}

std::string text_member(const Json& object, const char* key, const std::string& where) {
    return member(object, key, Json::value_t::string, where).get<std::string>();
}

std::string iso_day_member(const Json& object, const char* key, const std::string& where) {
    auto text = text_member(object, key, where);
    if (text.size() != 10 || !parse_iso_date(text))
        throw InputError(where + ": \"" + key + "\" '" + text + "' is not an ISO day (YYYY-MM-DD)");
    return text;
}

int whole_member(const Json& object, const char* key, int low, int high, const std::string& where) {
    const auto& value = member(object, key, Json::value_t::number_float, where);
    const double number = value.get<double>();
    if (number != std::floor(number) || number < low || number > high)
        throw InputError(where + ": \"" + key + "\" " + value.dump() + " is not a whole number from " +
                         std::to_string(low) + " to " + std::to_string(high));
    return static_cast<int>(number);
}

double coordinate_member(const Json& object, const char* key, double limit, const std::string& where) {
    const auto& value = member(object, key, Json::value_t::number_float, where);
    const double number = value.get<double>();
    if (std::abs(number) > limit)
        throw InputError(where + ": \"" + key + "\" " + value.dump() + " is out of range");
    return number;
}

GoldIncident read_incident(const Json& item, const std::string& where) {
    if (!item.is_object())
        throw InputError(where + ": not an object");
    GoldIncident g;
    g.event_date = iso_day_member(item, "event_date", where);
    g.location = text_member(item, "location", where);
    g.latitude = coordinate_member(item, "latitude", 90, where);
    g.longitude = coordinate_member(item, "longitude", 180, where);
    g.geo_precision = whole_member(item, "geo_precision", 1, 3, where);
    g.event_type = text_member(item, "event_type", where);
    g.sub_event_type = text_member(item, "sub_event_type", where);
    const auto type = acled::event_type_of(g.sub_event_type);
    if (!type)
        throw InputError(where + ": \"sub_event_type\" '" + g.sub_event_type + "' is not one of ACLED's");
    if (*type != g.event_type)
        throw InputError(where + ": \"sub_event_type\" '" + g.sub_event_type + "' is of '" +
                         std::string(*type) + "', not '" + g.event_type + "'");
    g.actor1 = text_member(item, "actor1", where);
    g.actor2 = text_member(item, "actor2", where);
    g.fatalities = whole_member(item, "fatalities", 0, 100000, where);
    return g;
}

std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    if (!in || !(text << in.rdbuf()))
        throw InputError(path.string() + ": cannot be read");
    return text.str();
}

bool is_report(const std::filesystem::path& path) {
    return path.extension() == ".txt" || path.extension() == ".html";
}

const std::string gold_suffix = ".gold.json";

// The family of an event type: 0 political violence, 1 demonstrations,
// 2 strategic developments; -1 for anything else.
int family(std::string_view event_type) {
    if (acled::is_political_violence(event_type))
        return 0;
    if (event_type == acled::protests || event_type == acled::riots)
        return 1;
    if (event_type == acled::strategic_developments)
        return 2;
    return -1;
}

// Days between two ISO days; nothing when either is not one.
std::optional<int> days_apart(const std::string& a, const std::string& b) {
    const auto x = parse_iso_date(a), y = parse_iso_date(b);
    if (!x || !y)
        return std::nullopt;
    return static_cast<int>(std::abs((std::chrono::sys_days(*x) - std::chrono::sys_days(*y)).count()));
}

double km_apart(const GoldIncident& gold, const Incident& extracted) {
    return distance_km(gold.latitude, gold.longitude, extracted.latitude, extracted.longitude);
}

} // namespace

GoldReport read_gold_report(std::string_view json, std::string_view origin) {
    const std::string name(origin);
    Json root;
    try {
        root = Json::parse(json);
    } catch (const Json::parse_error& e) {
        throw InputError(name + ": not JSON: " + e.what());
    }
    if (!root.is_object())
        throw InputError(name + ": not a JSON object");
    GoldReport report;
    report.published = iso_day_member(root, "published", name);
    report.language = text_member(root, "language", name);
    if (report.language != "en" && report.language != "fr")
        throw InputError(name + ": \"language\" '" + report.language + "' is neither 'en' nor 'fr'");
    const auto& incidents = member(root, "incidents", Json::value_t::array, name);
    for (std::size_t i = 0; i < incidents.size(); ++i)
        report.incidents.push_back(read_incident(incidents[i], name + ": incident " + std::to_string(i + 1)));
    return report;
}

std::vector<GoldArticle> read_gold_corpus(const std::filesystem::path& folder) {
    std::set<std::filesystem::path> reports, golds;
    std::error_code error;
    for (std::filesystem::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        const auto& path = it->path();
        const auto file = path.filename().string();
        if (file.size() > gold_suffix.size() && file.ends_with(gold_suffix))
            golds.insert(path);
        else if (is_report(path))
            reports.insert(path);
    }
    if (error)
        throw InputError(folder.string() + ": cannot be read: " + error.message());

    std::vector<GoldArticle> corpus;
    for (const auto& path : reports) {
        auto gold_path = path;
        gold_path.replace_extension(gold_suffix);
        if (!golds.erase(gold_path))
            throw InputError(path.string() + ": no gold file " + gold_path.filename().string());
        std::istringstream no_input;
        const auto ignore = [](const std::string&) {};
        const auto fail = [](const sources::InputFailure& failure) { throw InputError(failure.message()); };
        auto documents = sources::read_documents(path, no_input, ignore, fail);
        if (documents.size() != 1)
            throw InputError(path.string() + ": holds " + std::to_string(documents.size()) +
                             " documents, not one report");
        GoldArticle article{path.filename().string(), std::move(documents.front()),
                            read_gold_report(file_text(gold_path), gold_path.string())};
        if (article.document.published.empty())
            article.document.published = article.gold.published;
        corpus.push_back(std::move(article));
    }
    if (!golds.empty())
        throw InputError(golds.begin()->string() + ": no report (NAME.txt or NAME.html) beside it");
    return corpus;
}

bool compatible_event_types(std::string_view a, std::string_view b) {
    return family(a) >= 0 && family(a) == family(b);
}

bool may_match(const GoldIncident& gold, const Incident& extracted) {
    if (!compatible_event_types(gold.event_type, extracted.event_type))
        return false;
    const auto days = days_apart(gold.event_date, extracted.event_date);
    return (days && *days <= 1) || km_apart(gold, extracted) <= match_km;
}

std::vector<IncidentMatch> match_incidents(const std::vector<GoldIncident>& gold,
                                           const std::vector<Incident>& extracted) {
    // (cost, gold, extracted) of every pair that may match.
    std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
    for (std::size_t g = 0; g < gold.size(); ++g)
        for (std::size_t e = 0; e < extracted.size(); ++e)
            if (may_match(gold[g], extracted[e])) {
                // Far-apart dates (or none) cost as much as a year.
                const int days = days_apart(gold[g].event_date, extracted[e].event_date).value_or(366);
                pairs.emplace_back(km_apart(gold[g], extracted[e]) + km_per_day * days, g, e);
            }
    std::sort(pairs.begin(), pairs.end());
    std::vector<bool> gold_taken(gold.size()), extracted_taken(extracted.size());
    std::vector<IncidentMatch> matches;
    for (const auto& [cost, g, e] : pairs)
        if (!gold_taken[g] && !extracted_taken[e]) {
            gold_taken[g] = extracted_taken[e] = true;
            matches.push_back({g, e});
        }
    return matches;
}

std::string_view field_name(GoldField field) {
    switch (field) {
    case GoldField::date: return "event_date";
    case GoldField::location: return "location (25 km)";
    case GoldField::event_type: return "event_type";
    case GoldField::sub_event_type: return "sub_event_type";
    case GoldField::fatalities: return "fatalities";
    case GoldField::actor1: return "actor1";
    case GoldField::actor2: return "actor2";
    }
    return "?";
}

bool field_agrees(GoldField field, const GoldIncident& gold, const Incident& extracted) {
    switch (field) {
    case GoldField::date: return gold.event_date == extracted.event_date;
    case GoldField::location: return km_apart(gold, extracted) <= match_km;
    case GoldField::event_type: return gold.event_type == extracted.event_type;
    case GoldField::sub_event_type: return gold.sub_event_type == extracted.sub_event_type;
    case GoldField::fatalities: return gold.fatalities == extracted.fatalities;
    case GoldField::actor1: return gold.actor1 == extracted.actor1;
    case GoldField::actor2: return gold.actor2 == extracted.actor2;
    }
    return false;
}

void GoldScores::add(const std::vector<GoldIncident>& gold_incidents, const std::vector<Incident>& extracted_incidents,
                     const std::vector<IncidentMatch>& matches) {
    ++reports;
    gold += static_cast<int>(gold_incidents.size());
    extracted += static_cast<int>(extracted_incidents.size());
    matched += static_cast<int>(matches.size());
    for (const auto& m : matches)
        for (std::size_t f = 0; f < gold_fields.size(); ++f)
            agreeing[f] += field_agrees(gold_fields[f], gold_incidents[m.gold], extracted_incidents[m.extracted]);
}

namespace {
double percent(int part, int whole) { return whole ? 100.0 * part / whole : 0; }
} // namespace

double GoldScores::recall() const { return percent(matched, gold); }
double GoldScores::precision() const { return percent(matched, extracted); }
double GoldScores::spurious_per_report() const {
    return reports ? static_cast<double>(extracted - matched) / reports : 0;
}
double GoldScores::accuracy(GoldField field) const {
    const auto at = std::find(gold_fields.begin(), gold_fields.end(), field) - gold_fields.begin();
    return percent(agreeing[static_cast<std::size_t>(at)], matched);
}

CorpusScores score_corpus(const std::vector<GoldArticle>& corpus, const Extractor& extractor, double min_confidence,
                          const ArticleVisitor& visit) {
    CorpusScores scores;
    for (const auto& article : corpus) {
        std::vector<Incident> extracted;
        for (auto& incident : extractor.extract(article.document))
            if (incident.confidence >= min_confidence)
                extracted.push_back(std::move(incident));
        const auto matches = match_incidents(article.gold.incidents, extracted);
        scores.all.add(article.gold.incidents, extracted, matches);
        (article.gold.language == "fr" ? scores.french : scores.english)
            .add(article.gold.incidents, extracted, matches);
        if (visit)
            visit(article, extracted, matches);
    }
    return scores;
}

} // namespace incimap::extract
