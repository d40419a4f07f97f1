// Reports into the store: the reader's incidents added per document, the
// same text never twice, reports of one attack merged into one incident.
#include "extract/extractor.hpp"
#include "extract/place_fixture.hpp"
#include "sources/document.hpp"
#include "store/incident_store.hpp"
#include "store/ingest.hpp"
#include "store_test_support.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace incimap;

namespace {

sources::Document report(const std::string& name) {
    const auto text = store_test::read_file(std::string(INCIMAP_TEST_DIR) + "/ingest/reports/" + name);
    REQUIRE_FALSE(text.empty());
    return sources::document_from_text(text, name, [](const std::string&) {});
}

// Ingests the reports in one transaction, as `incimap ingest` does.
store::IngestCounts ingest(store::IncidentStore& store, const extract::Extractor& extractor,
                           const std::vector<std::string>& names, double min_confidence = 0.4) {
    store::Ingestion ingestion(store, min_confidence);
    auto transaction = store.begin();
    for (const auto& name : names) {
        const auto doc = report(name);
        const auto source = store::source_record(
            {doc.text, doc.url, doc.title, doc.published, "2024-06-05T10:00:00Z"});
        if (!ingestion.already_ingested(source))
            ingestion.add(extractor.extract(doc), source);
    }
    transaction.commit();
    return ingestion.counts();
}

std::vector<Incident> stored(store::IncidentStore& store) {
    std::vector<Incident> all;
    store.scan({}, [&](const Incident& i) { all.push_back(i); });
    return all;
}

} // namespace

TEST_CASE("Ingesting reports into the store") {
    const auto gazetteer = test::sahel_gazetteer();
    const auto actors = extract::ActorDictionary::builtin();
    const extract::Extractor extractor(gazetteer, actors);
    store_test::TempDir dir;
    auto store = store::IncidentStore::open((dir / "s.gpkg").string(),
                                            store::IncidentStore::Access::write);

    const std::vector<std::string> djibo = {"djibo-post-a.txt", "djibo-post-b.txt"};
    const auto first = ingest(store, extractor, djibo);

    SECTION("two reports of the same attack make one incident with both figures") {
        CHECK(first.documents == 2);
        CHECK(first.added == 1);
        CHECK(first.merged == 1);
        const auto incidents = stored(store);
        REQUIRE(incidents.size() == 1);
        const auto& attack = incidents[0];
        CHECK(attack.location == "Djibo");
        CHECK(attack.event_date == "2024-05-11");
        CHECK(attack.sources == 2);
        CHECK(attack.fatalities == 12);
        CHECK(attack.fatalities_low == 12);
        CHECK(attack.fatalities_high == 20);
        const auto links = store.links_of(attack.id);
        REQUIRE(links.size() == 2);
        CHECK(links[0].source.url == "http://reports.example/2024/05/djibo-post-attack");
        CHECK(links[0].source.title == "Army post near Djibo attacked");
        CHECK(links[0].source.published == "2024-05-12");
        CHECK(links[0].source.fetched == "2024-06-05T10:00:00Z");
        CHECK(links[1].fatalities == 20);
    }

    SECTION("the same reports again add nothing") {
        const auto again = ingest(store, extractor, djibo);
        CHECK(again.documents == 2);
        CHECK(again.already_ingested == 2);
        CHECK(again.added + again.merged == 0);
        REQUIRE(stored(store).size() == 1);
        CHECK(stored(store)[0].sources == 2);
    }

    SECTION("a report of another place and day is a new incident") {
        const auto gao = ingest(store, extractor, {"djibo-post-a.txt", "gao-convoy.txt"});
        CHECK(gao.already_ingested == 1);
        CHECK(gao.added == 1);
        const auto incidents = stored(store);
        REQUIRE(incidents.size() == 2);
        CHECK(incidents[1].location == "Gao");
        CHECK(incidents[1].event_date == "2024-06-03");
        CHECK(incidents[1].sources == 1);
    }

    SECTION("incidents under the confidence threshold are counted, not stored") {
        const auto unsure = ingest(store, extractor, {"gao-convoy.txt"}, 1.0);
        CHECK(unsure.below_confidence == 1);
        CHECK(unsure.added == 0);
        CHECK(stored(store).size() == 1);
    }
    store.close();
}
