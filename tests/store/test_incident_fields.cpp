// The incident's one field table (core/incident_fields.hpp) and what it
// drives: the store's columns, the exports' columns, a store made before
// ACLED's other columns were kept, the ACLED codes derived for reports.
#include "adapters/gdal.hpp"
#include "core/incident_fields.hpp"
#include "store/export.hpp"
#include "store/incident_store.hpp"
#include "store/schema.hpp"
#include "store_test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

using incimap::Incident;
using incimap::incident_field;
using incimap::incident_fields;
using incimap::store::IncidentStore;
using incimap::store_test::incident_at;
using incimap::store_test::TempDir;

namespace {

using Access = IncidentStore::Access;

// An incident with every ACLED column set to something of its own.
Incident fully_coded() {
    auto i = incident_at("2024-03-05", 14.35, -3.61, "Violence against civilians",
                         "Unidentified Armed Group (Mali)", "Civilians (Mali)", 4);
    i.event_id_cnty = "MLI99001";
    i.data_id = 4242;
    i.event_id_no_cnty = 99001;
    i.sub_event_type = "Attack";
    i.disorder_type = "Political violence";
    i.assoc_actors = {"Herders (Mali)"};
    i.assoc_actors_2 = {"Farmers (Mali)", "Women (Mali)"};
    i.inter1 = 3;
    i.inter2 = 7;
    i.interaction = 37;
    i.civilian_targeting = "Civilian targeting";
    i.region = "Western Africa";
    i.country = "Mali";
    i.iso = "ML";
    i.iso3 = "MLI";
    i.admin1 = "Mopti";
    i.admin2 = "Bandiagara";
    i.admin3 = "Dourou";
    i.location = "Dourou";
    i.source = "Local radio";
    i.source_scale = "Subnational";
    i.tags = "women targeted: girls";
    i.timestamp = 1709900000;
    i.notes.push_back({"Gunmen on motorbikes shot at villagers at a well.", 0, 0});
    return i;
}

} // namespace

TEST_CASE("the field table names every ACLED column once, in ACLED's order", "[store][fields]") {
    std::vector<std::string_view> acled;
    std::set<std::string_view> names;
    for (const auto& field : incident_fields()) {
        CHECK(names.insert(field.name).second);
        if (!field.acled.empty())
            acled.push_back(field.acled);
    }
    const std::vector<std::string_view> expected = {
        "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
        "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
        "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
        "civilian_targeting", "region", "country", "admin1", "admin2", "admin3", "location",
        "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
        "tags", "timestamp", "iso3"};
    CHECK(acled == expected);
    // The ACLED export is those columns; the CSV export adds the store's own after them.
    auto only = incimap::store::csv_export_columns(true);
    CHECK(std::vector<std::string_view>(only.begin(), only.end()) == expected);
    auto all = incimap::store::csv_export_columns();
    REQUIRE(all.size() > only.size());
    CHECK(std::equal(only.begin(), only.end(), all.begin()));
    CHECK(std::find(all.begin(), all.end(), "iso2") != all.end());

    CHECK(incimap::numeric_field("fatalities"));
    CHECK(incimap::numeric_field("inter2"));
    CHECK_FALSE(incimap::numeric_field("admin2"));
    CHECK(incident_field("ally_actor_1") == nullptr);
}

TEST_CASE("ACLED's forms: numeric iso, year from the date, joined actors", "[store][fields]") {
    auto i = fully_coded();
    CHECK(std::get<std::int64_t>(incident_field("iso")->acled_value(i)) == 466);
    CHECK(std::get<std::string>(incident_field("iso")->get(i)) == "ML");
    CHECK(std::get<std::int64_t>(incident_field("year")->get(i)) == 2024);
    CHECK(std::get<std::string>(incident_field("assoc_actor_2")->get(i)) ==
          "Farmers (Mali); Women (Mali)");
    // Without ACLED's timestamp, the time the store last changed the row.
    i.timestamp = 0;
    i.updated = "2024-03-08T12:00:00Z";
    CHECK(std::get<std::int64_t>(incident_field("timestamp")->acled_value(i)) == 1709899200);
    CHECK(std::holds_alternative<std::monostate>(incident_field("timestamp")->get(i)));
}

TEST_CASE("every ACLED column survives the store", "[store][fields]") {
    TempDir dir;
    const auto path = (dir.path() / "s.gpkg").string();
    auto given = fully_coded();
    {
        auto store = IncidentStore::open(path, Access::write);
        auto transaction = store.begin();
        store.put(given);
        transaction.commit();
        store.close();
    }
    auto store = IncidentStore::open(path, Access::read);
    std::vector<Incident> back;
    store.scan({}, [&](const Incident& i) { back.push_back(i); });
    REQUIRE(back.size() == 1);
    for (const auto& field : incident_fields()) {
        if (!(field.uses & incimap::in_store) || field.name == "created" || field.name == "updated")
            continue;
        INFO(field.name);
        CHECK(field.get(back[0]) == field.get(given));
    }
}

TEST_CASE("a store made before ACLED's other columns gains them when written, losing nothing",
          "[store][fields]") {
    TempDir dir;
    const auto path = (dir.path() / "old.gpkg").string();
    auto given = fully_coded();
    {
        auto store = IncidentStore::open(path, Access::write);
        auto transaction = store.begin();
        store.put(given);
        transaction.commit();
        store.close();
    }
    // Take the store back to the columns of its first version.
    std::vector<std::string> added;
    for (const auto& column : incimap::store::incident_columns())
        if (column.added)
            added.emplace_back(column.name);
    REQUIRE(std::find(added.begin(), added.end(), "admin2") != added.end());
    REQUIRE(std::find(added.begin(), added.end(), "actor1") == added.end());
    {
        auto dataset = incimap::gdal::Dataset::open(path, true);
        for (const auto& name : added)
            dataset.execute(fmt::format("ALTER TABLE incidents DROP COLUMN {}", name));
        dataset.close();
    }
    auto names = [&] {
        auto dataset = incimap::gdal::Dataset::open(path, false);
        return dataset.layer("incidents").field_names();
    };
    auto has = [](const std::vector<std::string>& fields, std::string_view name) {
        return std::find(fields.begin(), fields.end(), name) != fields.end();
    };
    REQUIRE_FALSE(has(names(), "admin2"));

    // Read as it is: the old columns, the new ones empty.
    {
        auto store = IncidentStore::open(path, Access::read);
        std::vector<Incident> back;
        store.scan({}, [&](const Incident& i) { back.push_back(i); });
        REQUIRE(back.size() == 1);
        CHECK(back[0].actor1 == given.actor1);
        CHECK(back[0].fatalities == 4);
        CHECK(back[0].admin2.empty());
        store.close();
    }
    CHECK_FALSE(has(names(), "admin2"));  // reading changed nothing

    // Opened for writing: the columns are added, the incident kept, and new
    // rows keep every column.
    {
        auto store = IncidentStore::open(path, Access::write);
        auto transaction = store.begin();
        auto second = fully_coded();
        second.event_id_cnty = "MLI99002";
        store.put(second);
        transaction.commit();
        store.close();
    }
    const auto after = names();
    for (const auto& name : added)
        CHECK(has(after, name));
    auto store = IncidentStore::open(path, Access::read);
    std::map<std::string, Incident> back;
    store.scan({}, [&](const Incident& i) { back[i.event_id_cnty] = i; });
    REQUIRE(back.size() == 2);
    CHECK(back["MLI99001"].actor1 == given.actor1);
    CHECK(back["MLI99001"].notes.at(0).text == given.notes.at(0).text);
    CHECK(back["MLI99002"].admin2 == "Bandiagara");
    CHECK(back["MLI99002"].assoc_actors_2 == given.assoc_actors_2);
}

TEST_CASE("ACLED codes that follow from a report's codes", "[store][fields]") {
    auto i = incident_at("2024-03-05", 14.3, -3.6, "Violence against civilians");
    i.inter1 = 3;
    i.inter2 = 7;
    incimap::complete_acled_codes(i);
    CHECK(i.interaction == 37);
    CHECK(i.disorder_type == "Political violence");
    CHECK(i.civilian_targeting == "Civilian targeting");

    auto battle = incident_at("2024-03-05", 14.3, -3.6, "Battles");
    battle.inter1 = 2;
    battle.inter2 = 1;
    incimap::complete_acled_codes(battle);
    CHECK(battle.interaction == 12);  // the lower code first
    CHECK(battle.civilian_targeting.empty());

    auto protest = incident_at("2024-03-05", 12.6, -8.0, "Protests");
    protest.inter1 = 6;
    incimap::complete_acled_codes(protest);
    CHECK(protest.interaction == 60);  // a sole actor
    CHECK(protest.disorder_type == "Demonstrations");

    // What an import brought is never overwritten.
    auto coded = fully_coded();
    coded.interaction = 17;
    coded.disorder_type = "Political violence; Demonstrations";
    incimap::complete_acled_codes(coded);
    CHECK(coded.interaction == 17);
    CHECK(coded.disorder_type == "Political violence; Demonstrations");
}

TEST_CASE("the field table holds the header names a field answers to, its own first",
          "[store][fields]") {
    using incimap::find_column;
    using incimap::header_names;
    CHECK(header_names("event_date").front() == "event_date");
    CHECK(header_names("fatalities").size() == 3);
    CHECK(header_names("longitude").front() == "longitude");
    // A field without other names answers to its own; no field, to nothing.
    REQUIRE(header_names("admin2").size() == 1);
    CHECK(header_names("admin2").front() == "admin2");
    CHECK(header_names("no_such_field").empty());

    const std::vector<std::string_view> header = {"Deaths", " DATE ", "lng", "Lat", "killed"};
    CHECK(find_column(header, header_names("event_date")) == 1);
    CHECK(find_column(header, header_names("longitude")) == 2);
    CHECK(find_column(header, header_names("latitude")) == 3);
    // The first name the header holds wins, wherever its column is.
    CHECK(find_column(header, header_names("fatalities")) == 0);
    CHECK(find_column(header, header_names("notes")) == -1);
}
