// Importing tables with other column names: --map FIELD=COLUMN, coded
// values FIELD[CODE]=VALUE, and mapping files.
#include "core/error.hpp"
#include "store/dates.hpp"
#include "store/event_rows.hpp"
#include "store/importer.hpp"
#include "store_test_support.hpp"

#include <catch2/catch.hpp>

#include <vector>

using incimap::store::ColumnMap;
using incimap::store::ColumnMapping;
using incimap::store::Field;
using incimap::store::RowContext;
using incimap::store_test::TempDir;

namespace {

// A table of the shape of a news-event database: its own names, numeric
// event codes, dates in ISO's basic form.
const std::vector<std::string_view> header = {"EventId", "Day", "Code", "Who", "Whom",
                                              "Place", "Lat", "Lon", "Cc"};

ColumnMapping news_mapping() {
    ColumnMapping mapping;
    mapping.add("event_id_cnty=EventId,event_date=Day,event_type=Code,actor1=Who", "--map");
    mapping.add("actor2=Whom, location=Place, latitude=Lat, longitude=Lon, iso=Cc", "--map");
    mapping.add("event_type[19]=Battles", "--map");
    mapping.add("event_type[14]=Protests", "--map");
    mapping.add("iso[UV]=BF", "--map");
    return mapping;
}

} // namespace

TEST_CASE("a mapping names the columns of a table with other names", "[store][mapping]") {
    const auto mapping = news_mapping();
    const ColumnMap columns(header, false, &mapping);
    CHECK(columns[Field::event_date] == 1);
    CHECK(columns[Field::event_type] == 2);
    CHECK(columns[Field::location] == 5);
    CHECK(columns[Field::iso] == 8);

    const std::vector<std::string_view> row = {"E7", "19870412", "19", "Rebels", "Army",
                                               "Kidal", "18.44", "1.41", "ML"};
    auto incident = incimap::store::incident_from_row(columns, row, RowContext{});
    CHECK(incident.event_id_cnty == "E7");
    CHECK(incident.event_date == "1987-04-12");
    CHECK(incident.event_type == "Battles");
    CHECK(incident.actor1 == "Rebels");
    CHECK(incident.actor2 == "Army");
    CHECK(incident.iso == "ML");  // a code without a value passes as it is

    const std::vector<std::string_view> burkina = {"E8", "19900102", "14", "Students", "",
                                                   "Ouagadougou", "12.37", "-1.53", "UV"};
    auto protest = incimap::store::incident_from_row(columns, burkina, RowContext{});
    CHECK(protest.event_type == "Protests");
    CHECK(protest.iso == "BF");

    const std::vector<std::string_view> unmapped = {"E9", "19900102", "04", "Envoys", "",
                                                    "Bamako", "12.65", "-8.0", "ML"};
    CHECK_THROWS_WITH(incimap::store::incident_from_row(columns, unmapped, RowContext{}),
                      Catch::Contains("'04'"));
}

TEST_CASE("a mapping names what is wrong with it", "[store][mapping]") {
    ColumnMapping mapping;
    CHECK_THROWS_AS(mapping.add("event_date", "--map"), incimap::UsageError);
    CHECK_THROWS_WITH(mapping.add("when=Day", "--map"), Catch::Contains("'when' is not a field"));
    CHECK_THROWS_WITH(mapping.add("year=Year", "--map"), Catch::Contains("'year' is not a field"));
    CHECK_THROWS_WITH(mapping.add("event_date=", "--map"), Catch::Contains("no column"));

    mapping.add("event_date=Date,event_type=Kind,location=Where", "--map");
    const std::vector<std::string_view> other = {"Date", "Kind", "Town"};
    CHECK_THROWS_WITH(ColumnMap(other, false, &mapping), Catch::Contains("no column 'Where'"));
}

TEST_CASE("ACLED columns without a check of their own are mapped too", "[store][mapping]") {
    ColumnMapping mapping;
    mapping.add("event_date=Day,event_type=Kind,latitude=Lat,longitude=Lon,admin2=District,"
                "timestamp=Changed",
                "--map");
    const std::vector<std::string_view> columns_of = {"Day", "Kind", "Lat", "Lon", "District",
                                                      "Changed"};
    const ColumnMap columns(columns_of, false, &mapping);
    const std::vector<std::string_view> row = {"2021-03-04", "Battles", "14.0", "-1.0", "Soum",
                                               "1614816000"};
    auto incident = incimap::store::incident_from_row(columns, row, RowContext{});
    CHECK(incident.admin2 == "Soum");
    CHECK(incident.timestamp == 1614816000);
}

TEST_CASE("a mapping file: one entry a line, comments, the line of an error", "[store][mapping]") {
    TempDir dir;
    auto good = dir.write("news.map", "# a news table\n\nevent_date = Day\r\nevent_type=Code\n"
                                      "event_type[19]=Battles\nlocation=Place\n");
    auto mapping = ColumnMapping::load(good);
    CHECK(mapping.columns.size() == 3);
    CHECK(mapping.values.size() == 1);

    auto bad = dir.write("bad.map", "event_date=Day\nwhen=Code\n");
    CHECK_THROWS_WITH(ColumnMapping::load(bad), Catch::Contains("bad.map:2"));
    CHECK_THROWS_AS(ColumnMapping::load(dir.path() / "missing.map"), incimap::InputError);
}

TEST_CASE("dates in ISO 8601's basic form", "[store][mapping]") {
    CHECK(incimap::store::parse_event_date("19790606").has_value());
    CHECK(incimap::store::parse_event_date("19790631") == std::nullopt);
    CHECK(incimap::store::parse_event_date("1979066") == std::nullopt);
}
