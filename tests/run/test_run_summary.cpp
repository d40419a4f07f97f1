#include "job/default_reports.hpp"
#include "job/run_summary.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace incimap;
using namespace incimap::job;

TEST_CASE("The run's summary names every document that gave nothing, and why", "[job]") {
    RunSummary s;
    s.inputs = "the inputs";
    s.store = "out/incidents.gpkg";
    s.documents = {
        {"a.txt", DocumentOutcome::stored, 2, 1, 0, ""},
        {"analysis.txt", DocumentOutcome::no_incident, 0, 0, 1, ""},
        {"again.txt", DocumentOutcome::duplicate, 0, 0, 0, ""},
        {"feed.xml", DocumentOutcome::unreadable, 0, 0, 0, "not well-formed XML"},
    };
    s.counts.added = 2;
    s.counts.merged = 1;
    s.counts.below_confidence = 1;
    s.stored = 7;
    s.package.items = {{"incidents (GeoJSON)", "out/incidents.geojson", "7 incidents"},
                       {"web page", "out/index.html", "tiles and clickable incidents"}};

    CHECK(s.unreadable() == 1);
    CHECK(format_summary(s) ==
          "read 4 documents from the inputs: 1 with incidents, 1 with none found, 1 duplicate, 1 unreadable\n"
          "incidents: 4 found, 2 added, 1 merged into stored ones, 1 below the confidence threshold; "
          "7 in the store out/incidents.gpkg\n"
          "  skipped analysis.txt: no incident found\n"
          "  skipped again.txt: duplicate content\n"
          "  skipped feed.xml: unreadable (not well-formed XML)\n"
          "outputs:\n"
          "  out/incidents.geojson  incidents (GeoJSON): 7 incidents\n"
          "  out/index.html         web page: tiles and clickable incidents\n");
}

TEST_CASE("The example reports are inside the program", "[job]") {
    std::vector<std::string> warnings;
    const auto docs = default_reports([&](const std::string& w) { warnings.push_back(w); });
    CHECK(warnings.empty());
    REQUIRE(docs.size() >= 9);
    const auto bamako = std::find_if(docs.begin(), docs.end(), [](const auto& d) {
        return d.id == "examples/articles/2024-09-18-bamako-attacks.txt";
    });
    REQUIRE(bamako != docs.end());
    CHECK(bamako->published == "2024-09-18");
    CHECK(bamako->text.find("Bamako") != std::string::npos);
    // The feed gives its items, named by their links.
    CHECK(std::any_of(docs.begin(), docs.end(),
                      [](const auto& d) { return d.source_kind == sources::SourceKind::rss; }));
}
