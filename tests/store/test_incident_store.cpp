#include "core/error.hpp"
#include "store/content_hash.hpp"
#include "store/incident_store.hpp"
#include "store_test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <optional>
#include <string>

#include <unistd.h>

using incimap::Incident;
using incimap::store::AddOutcome;
using incimap::store::IncidentFilter;
using incimap::store::IncidentStore;
using incimap::store::PutOutcome;
using incimap::store::SourceRecord;
using incimap::store_test::incident_at;
using incimap::store_test::TempDir;

namespace {

using Access = IncidentStore::Access;

Incident acled_row(std::string id, std::string date, double lat, double lon, std::string type,
                   int fatalities) {
    auto incident = incident_at(std::move(date), lat, lon, std::move(type), "JNIM", "", fatalities);
    incident.event_id_cnty = std::move(id);
    return incident;
}

SourceRecord source_of(std::string_view text, std::string url) {
    SourceRecord source;
    source.url = std::move(url);
    source.title = "report";
    source.published = "2024-03-03";
    source.content_hash = incimap::store::content_hash(text);
    return source;
}

// A store at PATH holding one incident, MLI1.
void store_one_incident(const std::string& path) {
    auto store = IncidentStore::open(path, Access::write);
    auto transaction = store.begin();
    auto incident = acled_row("MLI1", "2024-03-02", 16.27, -0.04, "Battles", 3);
    store.put(incident);
    transaction.commit();
    store.close();
}

std::vector<Incident> all(IncidentStore& store, const IncidentFilter& filter = {}) {
    std::vector<Incident> found;
    store.scan(filter, [&](const Incident& incident) { found.push_back(incident); });
    return found;
}

} // namespace

TEST_CASE("A new store file appears only once its first transaction is committed",
          "[store][incident_store]") {
    TempDir dir;
    auto path = (dir / "sub" / "incidents.gpkg").string();
    {
        auto store = IncidentStore::open(path, Access::write);
        auto transaction = store.begin();
        auto incident = acled_row("MLI1", "2024-03-02", 16.27, -0.04, "Battles", 3);
        store.put(incident);
        CHECK_FALSE(std::filesystem::exists(path));
        transaction.commit();
        store.close();
    }
    CHECK(std::filesystem::exists(path));
    CHECK(std::distance(std::filesystem::directory_iterator(dir / "sub"),
                        std::filesystem::directory_iterator()) == 1);

    SECTION("abandoned, it leaves nothing") {
        auto other = (dir / "other.gpkg").string();
        {
            auto store = IncidentStore::open(other, Access::write);
            auto transaction = store.begin();
            auto incident = acled_row("MLI2", "2024-03-02", 16.27, -0.04, "Battles", 3);
            store.put(incident);
        }
        CHECK_FALSE(std::filesystem::exists(other));
        CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                            std::filesystem::directory_iterator()) == 1);
    }
}

TEST_CASE("Putting an incident with a known event_id_cnty updates it", "[store][incident_store]") {
    TempDir dir;
    auto path = (dir / "s.gpkg").string();
    {
        auto store = IncidentStore::open(path, Access::write);
        auto transaction = store.begin();
        auto first = acled_row("MLI1", "2024-03-02", 16.27, -0.04, "Battles", 3);
        auto second = acled_row("MLI2", "2024-03-05", 14.49, -4.19, "Riots", 0);
        CHECK(store.put(first) == PutOutcome::inserted);
        CHECK(store.put(second) == PutOutcome::inserted);
        CHECK(first.id != second.id);
        transaction.commit();
        store.close();
    }
    auto store = IncidentStore::open(path, Access::write);
    auto transaction = store.begin();
    auto corrected = acled_row("MLI1", "2024-03-02", 16.27, -0.04, "Battles", 5);
    CHECK(store.put(corrected) == PutOutcome::updated);
    transaction.commit();

    REQUIRE(store.count() == 2);
    auto stored = store.find(corrected.id);
    REQUIRE(stored);
    CHECK(stored->event_id_cnty == "MLI1");
    CHECK(stored->fatalities == 5);
    CHECK(stored->fatalities_low == 5);
    CHECK(stored->fatalities_high == 5);
    CHECK(stored->sources == 1);
    CHECK(stored->event_date == "2024-03-02");
    CHECK(stored->created.size() == 20);
    CHECK(stored->created <= stored->updated);
}

TEST_CASE("A rolled-back transaction leaves the store as it was", "[store][incident_store]") {
    TempDir dir;
    auto path = (dir / "s.gpkg").string();
    auto store = IncidentStore::open(path, Access::write);
    {
        auto transaction = store.begin();
        auto incident = acled_row("MLI1", "2024-03-02", 16.27, -0.04, "Battles", 3);
        store.put(incident);
        transaction.commit();
    }
    {
        auto transaction = store.begin();
        auto more = acled_row("MLI2", "2024-03-03", 16.27, -0.04, "Battles", 3);
        store.put(more);
        auto changed = acled_row("MLI1", "2024-03-02", 16.27, -0.04, "Battles", 99);
        store.put(changed);
    }  // no commit
    CHECK(store.count() == 1);
    CHECK(all(store)[0].fatalities == 3);

    SECTION("and the next transaction starts from the stored state") {
        auto transaction = store.begin();
        auto again = acled_row("MLI2", "2024-03-03", 16.27, -0.04, "Battles", 3);
        CHECK(store.put(again) == PutOutcome::inserted);
        transaction.commit();
        CHECK(store.count() == 2);
    }
}

TEST_CASE("Reports of the same incident are merged; the same report twice adds nothing",
          "[store][incident_store]") {
    TempDir dir;
    auto store = IncidentStore::open((dir / "s.gpkg").string(), Access::write);
    auto first_report = incident_at("2024-03-02", 16.2717, -0.0447, "Battles", "JNIM",
                                    "Military Forces of Mali", 20);
    first_report.notes.push_back({"Militants attacked an army post near Gao; 20 dead.", 0, 0});
    auto first_source = source_of("report one", "https://example.org/1");

    auto added = store.add(first_report, first_source);
    CHECK(added.outcome == AddOutcome::added);

    auto second_report = incident_at("2024-03-02", 16.30, -0.05, "Battles", "", "JNIM", 12);
    second_report.notes.push_back({"Twelve soldiers or more died at Gao.", 0, 0});
    auto merged = store.add(second_report, source_of("report two", "https://example.org/2"));
    CHECK(merged.outcome == AddOutcome::merged);
    CHECK(merged.incident_id == added.incident_id);

    auto elsewhere = incident_at("2024-03-02", 14.49, -4.19, "Battles", "JNIM", "", 4);
    CHECK(store.add(elsewhere, source_of("report three", "https://example.org/3")).outcome ==
          AddOutcome::added);

    CHECK(store.add(first_report, first_source).outcome == AddOutcome::duplicate);
    CHECK(store.has_source(first_source.content_hash));
    CHECK_FALSE(store.has_source(incimap::store::content_hash("never seen")));

    REQUIRE(store.count() == 2);
    auto incident = store.find(added.incident_id);
    REQUIRE(incident);
    CHECK(incident->fatalities == 12);
    CHECK(incident->fatalities_low == 12);
    CHECK(incident->fatalities_high == 20);
    CHECK(incident->sources == 2);
    CHECK(incident->actor2 == "Military Forces of Mali");

    auto links = store.links_of(added.incident_id);
    REQUIRE(links.size() == 2);
    CHECK(links[0].source.url == "https://example.org/1");
    CHECK(links[0].evidence == "Militants attacked an army post near Gao; 20 dead.");
    CHECK(links[0].fatalities == 20);
    CHECK(links[1].source.url == "https://example.org/2");
    CHECK(links[1].evidence == "Twelve soldiers or more died at Gao.");

    SECTION("a second incident from an already known report is still added") {
        auto another = incident_at("2024-03-02", 13.0, 1.0, "Riots", "Rioters (Niger)");
        auto result = store.add(another, first_source);
        CHECK(result.outcome == AddOutcome::added);
        CHECK(store.links_of(result.incident_id).size() == 1);
    }
}

TEST_CASE("Filters select incidents, and hostile values are only ever data",
          "[store][incident_store][filter]") {
    TempDir dir;
    auto store = IncidentStore::open((dir / "s.gpkg").string(), Access::write);
    auto transaction = store.begin();
    auto put = [&](std::string id, std::string date, double lat, double lon, std::string type,
                   std::string actor, std::string admin1, std::string iso, int fatalities) {
        auto incident = acled_row(std::move(id), std::move(date), lat, lon, std::move(type),
                                  fatalities);
        incident.actor1 = std::move(actor);
        incident.admin1 = std::move(admin1);
        incident.iso = std::move(iso);
        store.put(incident);
    };
    put("MLI1", "2024-01-10", 16.27, -0.04, "Battles", "JNIM", "Gao", "ML", 10);
    put("MLI2", "2024-02-10", 18.44, 1.41, "Riots", "Rioters (Mali)", "Kidal", "ML", 0);
    put("TCD1", "2024-03-10", 12.11, 15.04, "Protests", "Protesters (Chad)", "N'Djamena", "TD", 0);
    put("BFA1", "2024-04-10", 14.1, -1.63, "Battles", "IS Sahel", "Soum", "BF", 30);
    transaction.commit();

    auto ids = [&](IncidentFilter filter) {
        std::vector<std::string> found;
        for (const auto& incident : all(store, filter))
            found.push_back(incident.event_id_cnty);
        std::sort(found.begin(), found.end());
        return found;
    };
    using Ids = std::vector<std::string>;

    IncidentFilter filter;
    filter.bbox = incimap::store::BoundingBox{-2, 13, 2, 17};
    CHECK(ids(filter) == Ids{"BFA1", "MLI1"});
    filter = {};
    filter.since = "2024-02-10";
    filter.until = "2024-03-10";
    CHECK(ids(filter) == Ids{"MLI2", "TCD1"});
    filter = {};
    incimap::store::set_type_filter(filter, "battles");
    CHECK(ids(filter) == Ids{"BFA1", "MLI1"});
    filter = {};
    filter.actor = "sahel";
    CHECK(ids(filter) == Ids{"BFA1"});
    filter = {};
    incimap::store::set_country_filter(filter, "Mali");
    CHECK(ids(filter) == Ids{"MLI1", "MLI2"});
    filter = {};
    filter.min_fatalities = 10;
    CHECK(ids(filter) == Ids{"BFA1", "MLI1"});
    CHECK(store.count(filter) == 2);

    SECTION("a value with a quote finds what it names") {
        filter = {};
        filter.admin1 = "n'djamena";
        CHECK(ids(filter) == Ids{"TCD1"});
        CHECK(store.count(filter) == 1);
    }
    SECTION("text and validated terms together select what both select") {
        filter = {};
        filter.actor = "(mali)";
        incimap::store::set_country_filter(filter, "ML");
        CHECK(ids(filter) == Ids{"MLI2"});
        filter.since = "2024-03-01";
        CHECK(ids(filter).empty());
        CHECK(store.count(filter) == 0);
    }
    SECTION("an injection attempt matches nothing and breaks nothing") {
        filter = {};
        filter.admin1 = "x' OR '1'='1";
        CHECK(ids(filter).empty());
        filter = {};
        filter.actor = "%' OR 1=1 --";
        CHECK(ids(filter).empty());
        filter = {};
        filter.actor = "_";
        CHECK(ids(filter).empty());  // LIKE's wildcard is escaped: no actor has a '_'
        CHECK(store.count() == 4);
    }
}

TEST_CASE("Opening a missing, foreign or damaged store fails with a clear message",
          "[store][incident_store]") {
    TempDir dir;
    SECTION("reading a store that does not exist") {
        auto path = (dir / "none.gpkg").string();
        CHECK_THROWS_WITH(IncidentStore::open(path, Access::read),
                          Catch::Contains("none.gpkg") && Catch::Contains("no incident store"));
        CHECK_FALSE(std::filesystem::exists(path));
    }
    SECTION("a file that is not a GeoPackage is left untouched") {
        auto path = dir.write("junk.gpkg", "this is not a database, just some text\n");
        CHECK_THROWS_AS(IncidentStore::open(path.string(), Access::write), incimap::InputError);
        CHECK_THROWS_WITH(IncidentStore::open(path.string(), Access::read),
                          Catch::Contains("junk.gpkg") && Catch::Contains("not a store"));
        CHECK(incimap::store_test::read_file(path) == "this is not a database, just some text\n");
    }
    SECTION("a truncated store") {
        auto good = (dir / "good.gpkg").string();
        store_one_incident(good);
        auto bytes = incimap::store_test::read_file(good);
        auto damaged = dir.write("damaged.gpkg", bytes.substr(0, 1500));
        CHECK_THROWS_AS(IncidentStore::open(damaged.string(), Access::read), incimap::Error);
        CHECK_THROWS_WITH(IncidentStore::open(damaged.string(), Access::read),
                          Catch::Contains("damaged.gpkg"));
        CHECK_THROWS_WITH(IncidentStore::open(damaged.string(), Access::write),
                          Catch::Contains("damaged.gpkg"));
        CHECK(incimap::store_test::read_file(damaged) == bytes.substr(0, 1500));
    }
}

TEST_CASE("A second writer waits for the first to close, then gives up saying how long it waited",
          "[store][incident_store][lock]") {
    TempDir dir;
    auto path = (dir / "s.gpkg").string();
    store_one_incident(path);
    std::optional<IncidentStore> writer(IncidentStore::open(path, Access::write));
    {
        auto writing = writer->begin();
        auto incident = acled_row("MLI2", "2024-03-03", 16.27, -0.04, "Battles", 3);
        writer->put(incident);
        writing.commit();
    }

    incimap::store::StoreOptions impatient;
    impatient.lock_timeout = std::chrono::milliseconds(200);
    int told = 0;
    impatient.on_wait = [&](pid_t owner) {
        ++told;
        CHECK(owner == ::getpid());
    };
    try {
        IncidentStore::open(path, Access::write, impatient);
        FAIL("a second writer opened the store");
    } catch (const incimap::OutputBusy& e) {
        const std::string message = e.what();
        CHECK_THAT(message, Catch::Contains("store '" + path + "' is locked") &&
                                Catch::Contains(fmt::format("(pid {})", ::getpid())));
        // The wait it reports is the one it made: at least its timeout.
        const auto at = message.find("(waited ");
        REQUIRE(at != std::string::npos);
        CHECK(std::stod(message.substr(at + 8)) >= 0.2);
    }
    CHECK(told == 1);
    // Readers are not held up.
    CHECK(IncidentStore::open(path, Access::read).count() == 2);

    writer.reset();
    auto second = IncidentStore::open(path, Access::write, impatient);
    auto transaction = second.begin();
    auto third = acled_row("MLI3", "2024-03-04", 16.27, -0.04, "Battles", 3);
    second.put(third);
    transaction.commit();
    CHECK(second.count() == 3);
    CHECK(told == 1);
}
