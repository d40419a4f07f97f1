// Reports into the store one by one, each with what became of it: the loop
// of `incimap ingest` and of `incimap run`.
#include "extract/extractor.hpp"
#include "extract/place_fixture.hpp"
#include "job/report_ingest.hpp"
#include "sources/document.hpp"
#include "store/incident_store.hpp"
#include "store/store_test_support.hpp"

#include <catch2/catch.hpp>

using namespace incimap;
using job::DocumentOutcome;

namespace {

sources::Document report(const std::string& name) {
    const auto text = store_test::read_file(std::string(INCIMAP_TEST_DIR) + "/ingest/reports/" + name);
    REQUIRE_FALSE(text.empty());
    return sources::document_from_text(text, name, [](const std::string&) {});
}

} // namespace

TEST_CASE("Each report says what became of it", "[job]") {
    const auto gazetteer = test::sahel_gazetteer();
    const auto actors = extract::ActorDictionary::builtin();
    const extract::Extractor extractor(gazetteer, actors);
    store_test::TempDir dir;
    auto store = store::IncidentStore::open((dir / "s.gpkg").string(), store::IncidentStore::Access::write);
    auto transaction = store.begin();
    job::ReportIngest ingest(store, extractor, 0.4, "2024-06-05T10:00:00Z");

    const auto first = ingest.ingest(report("djibo-post-a.txt"));
    CHECK(first.id == "djibo-post-a.txt");
    CHECK(first.outcome == DocumentOutcome::stored);
    CHECK(first.added == 1);
    CHECK(first.merged == 0);

    SECTION("a second report of the same attack is merged") {
        const auto second = ingest.ingest(report("djibo-post-b.txt"));
        CHECK(second.outcome == DocumentOutcome::stored);
        CHECK(second.added == 0);
        CHECK(second.merged == 1);
    }
    SECTION("the same text again is a duplicate, and changes nothing") {
        const auto again = ingest.ingest(report("djibo-post-a.txt"));
        CHECK(again.outcome == DocumentOutcome::duplicate);
        CHECK(again.added + again.merged == 0);
        CHECK(store.count() == 1);
    }
    SECTION("a text that reports nothing is said to have no incident") {
        auto doc = sources::document_from_text(
            "Title: Outlook\n\nRegional leaders will meet next year to talk about trade.\n",
            "outlook.txt", [](const std::string&) {});
        const auto none = ingest.ingest(doc);
        CHECK(none.outcome == DocumentOutcome::no_incident);
        CHECK(job::outcome_name(none.outcome) == "no incident found");
    }
    CHECK(ingest.counts().added == 1);
    transaction.commit();
}
