// Accuracy of the reader on whole news articles: every report of a corpus
// folder (tests/extract/articles/) is read as `incimap extract` reads it
// (embedded gazetteer, builtin actors, incidents under the default minimum
// confidence left out) and its incidents are matched one to one with the
// gold ones of NAME.gold.json (extract/gold.hpp says how). Prints the gold
// incidents found, the spurious incidents per article, the precision, and
// for matched pairs each field's accuracy: over all articles, the English
// ones and the French ones.
//
//   eval_articles [--misses] [--min-confidence X] FOLDER
//
// --misses prints, per article, the gold incidents missed, the spurious
// extractions (with their confidence) and the fields of matched pairs that
// disagree. --min-confidence scores another threshold than the default,
// to see what the confidence tells apart.
#include "core/incident.hpp"
#include "extract/actors.hpp"
#include "extract/confidence.hpp"
#include "extract/extractor.hpp"
#include "extract/gold.hpp"
#include "gazetteer/gazetteer.hpp"

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

using namespace incimap;
using extract::GoldField;

namespace {

std::string describe(const extract::GoldIncident& g) {
    char line[400];
    std::snprintf(line, sizeof line, "%s %s (%.4f, %.4f) %s / %s, %s vs %s, %d dead", g.event_date.c_str(),
                  g.location.c_str(), g.latitude, g.longitude, g.event_type.c_str(), g.sub_event_type.c_str(),
                  g.actor1.c_str(), g.actor2.empty() ? "-" : g.actor2.c_str(), g.fatalities);
    return line;
}

std::string describe(const Incident& i) {
    extract::GoldIncident g{i.event_date, i.location, i.latitude, i.longitude,
                            static_cast<int>(i.geo_precision), i.event_type, i.sub_event_type,
                            i.actor1, i.actor2, i.fatalities};
    return describe(g);
}

std::string field_value(GoldField field, const extract::GoldIncident& g) {
    switch (field) {
    case GoldField::date: return g.event_date;
    case GoldField::location: return g.location;
    case GoldField::event_type: return g.event_type;
    case GoldField::sub_event_type: return g.sub_event_type;
    case GoldField::fatalities: return std::to_string(g.fatalities);
    case GoldField::actor1: return g.actor1;
    case GoldField::actor2: return g.actor2;
    }
    return "";
}

std::string field_value(GoldField field, const Incident& i) {
    if (field == GoldField::location) {
        char text[200];
        std::snprintf(text, sizeof text, "%s (%.4f, %.4f)", i.location.c_str(), i.latitude, i.longitude);
        return text;
    }
    return field_value(field, extract::GoldIncident{i.event_date, i.location, 0, 0, 1, i.event_type,
                                                   i.sub_event_type, i.actor1, i.actor2, i.fatalities});
}

void print_misses(const extract::GoldArticle& article, const std::vector<Incident>& extracted,
                  const std::vector<extract::IncidentMatch>& matches) {
    std::vector<bool> gold_matched(article.gold.incidents.size()), extracted_matched(extracted.size());
    std::vector<std::string> lines;
    for (const auto& m : matches) {
        gold_matched[m.gold] = extracted_matched[m.extracted] = true;
        for (GoldField f : extract::gold_fields)
            if (!extract::field_agrees(f, article.gold.incidents[m.gold], extracted[m.extracted]))
                lines.push_back("  wrong " + std::string(extract::field_name(f)) + ": '" +
                                field_value(f, extracted[m.extracted]) + "', gold '" +
                                field_value(f, article.gold.incidents[m.gold]) + "'");
    }
    for (std::size_t g = 0; g < gold_matched.size(); ++g)
        if (!gold_matched[g])
            lines.push_back("  missed:   " + describe(article.gold.incidents[g]));
    for (std::size_t e = 0; e < extracted_matched.size(); ++e)
        if (!extracted_matched[e])
            lines.push_back("  spurious: " + describe(extracted[e]) + ", confidence " +
                            std::to_string(extracted[e].confidence).substr(0, 4));
    if (lines.empty())
        return;
    std::printf("%s (%s)\n", article.name.c_str(), article.gold.language.c_str());
    for (const auto& line : lines)
        std::printf("%s\n", line.c_str());
}

void print_scores(const extract::CorpusScores& scores) {
    const extract::GoldScores* columns[] = {&scores.english, &scores.french, &scores.all};
    std::printf("\n%-32s %10s %10s %10s\n", "measure", "English", "French", "all");
    auto row = [&](const char* name, auto value, const char* format) {
        std::printf("%-32s", name);
        for (const auto* s : columns)
            std::printf(format, value(*s));
        std::printf("\n");
    };
    row("articles", [](const auto& s) { return s.reports; }, " %10d");
    row("gold incidents", [](const auto& s) { return s.gold; }, " %10d");
    row("extracted incidents", [](const auto& s) { return s.extracted; }, " %10d");
    row("matched pairs", [](const auto& s) { return s.matched; }, " %10d");
    row("gold found (recall)", [](const auto& s) { return s.recall(); }, " %9.1f%%");
    row("precision", [](const auto& s) { return s.precision(); }, " %9.1f%%");
    row("spurious per article", [](const auto& s) { return s.spurious_per_report(); }, " %10.2f");
    for (GoldField f : extract::gold_fields) {
        const std::string name = "  " + std::string(extract::field_name(f));
        row(name.c_str(), [f](const auto& s) { return s.accuracy(f); }, " %9.1f%%");
    }
}

} // namespace

int main(int argc, char** argv) {
    bool misses = false;
    double min_confidence = extract::default_min_confidence;
    std::vector<std::string> folders;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--misses")
            misses = true;
        else if (arg == "--min-confidence" && i + 1 < argc)
            min_confidence = std::stod(argv[++i]);
        else
            folders.push_back(arg);
    }
    if (folders.size() != 1) {
        std::fprintf(stderr, "usage: eval_articles [--misses] [--min-confidence X] FOLDER\n");
        return 2;
    }
    try {
        const auto corpus = extract::read_gold_corpus(folders.front());
        const auto gazetteer = gazetteer::Gazetteer::load(gazetteer::Sources{});
        const auto actors = extract::ActorDictionary::builtin();
        const extract::Extractor extractor(gazetteer, actors);

        const auto scores = extract::score_corpus(
            corpus, extractor, min_confidence,
            [&](const auto& article, const auto& extracted, const auto& matches) {
                if (misses)
                    print_misses(article, extracted, matches);
            });
        print_scores(scores);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "eval_articles: %s\n", e.what());
        return 1;
    }
    return 0;
}
