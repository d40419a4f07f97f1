// Filters on the incidents of an input file (tiles, map and web with
// --input): the values a user types are compared with each row as it is
// read, never pasted into the file's SQL, so quotes, wildcards, comments and
// keywords select exactly the rows that hold them.
#include "core/error.hpp"
#include "render/sources.hpp"

#include "support/scratch_dir.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>

using namespace incimap;
using namespace incimap::render;
using incimap::test::ScratchDir;

namespace {

struct Row {
    const char* id;
    const char* date;
    const char* type;
    const char* actor1;
    const char* actor2;
    const char* assoc;
    const char* country;
    const char* admin1;
    double lon, lat;
};

// Names chosen to look like SQL: a quote, a LIKE wildcard, a comment, a
// statement separator and keywords.
const Row rows[] = {
    {"TCD1", "2024-02-01", "Battles", "Jama'at Nusrat al-Islam wal Muslimin (JNIM)", "", "",
     "Chad", "N'Djamena", 15.04, 12.11},
    {"MLI2", "2024-02-05", "Protests", "50% Militia", "", "", "Mali", "Gao", -0.04, 16.27},
    {"MLI3", "2024-02-10", "Battles", "Group -- East", "Civilians (Mali)", "Wagner Group; Dozo",
     "Azawad", "Kidal; DROP TABLE incidents", 1.41, 18.44},
    {"MLI4", "2024-03-01", "Riots", "SELECT * FROM incidents", "", "", "Mali", "x' OR '1'='1",
     -4.2, 14.5},
    {"MLI5", "2024-03-02", "Violence against civilians", "Military Forces of Mali",
     "Civilians (Mali)", "", "Mali", "Mopti", -4.19, 14.49},
};

std::string geojson() {
    std::string features;
    for (const auto& r : rows) {
        if (!features.empty())
            features += ",\n";
        auto quoted = [](std::string_view text) {
            std::string out = "\"";
            for (char c : text)
                out += c == '"' ? std::string("\\\"") : std::string(1, c);
            return out + "\"";
        };
        features += fmt::format(
            R"({{"type":"Feature","geometry":{{"type":"Point","coordinates":[{},{}]}},)"
            R"("properties":{{"event_id_cnty":{},"event_date":{},"event_type":{},"actor1":{},)"
            R"("actor2":{},"assoc_actor_1":{},"country":{},"admin1":{},"fatalities":1}}}})",
            r.lon, r.lat, quoted(r.id), quoted(r.date), quoted(r.type), quoted(r.actor1),
            quoted(r.actor2), quoted(r.assoc), quoted(r.country), quoted(r.admin1));
    }
    return "{\"type\":\"FeatureCollection\",\"features\":[\n" + features + "\n]}\n";
}

std::string csv() {
    auto quoted = [](std::string_view text) {
        std::string out = "\"";
        for (char c : text)
            out += c == '"' ? std::string("\"\"") : std::string(1, c);
        return out + "\"";
    };
    std::string text =
        "event_id_cnty,event_date,event_type,actor1,actor2,assoc_actor_1,country,admin1,"
        "longitude,latitude,fatalities\n";
    for (const auto& r : rows)
        text += fmt::format("{},{},{},{},{},{},{},{},{},{},1\n", r.id, r.date, quoted(r.type),
                            quoted(r.actor1), quoted(r.actor2), quoted(r.assoc), quoted(r.country),
                            quoted(r.admin1), r.lon, r.lat);
    return text;
}

std::vector<std::string> selected(const std::filesystem::path& file, const store::IncidentFilter& filter) {
    IncidentSource source;
    source.input = file.string();
    source.filter = filter;
    const auto points = load_incidents(source, {"event_type", "fatalities"});
    std::vector<std::string> out;
    for (std::size_t i = 0; i < points.ids.size(); ++i)
        out.emplace_back(points.ids[i]);
    std::sort(out.begin(), out.end());
    return out;
}

using Ids = std::vector<std::string>;

} // namespace

TEST_CASE("Text filters on an input file select exactly the rows that hold the text",
          "[render][filter]") {
    ScratchDir dir;
    const auto file = GENERATE(as<std::string>{}, "incidents.geojson", "incidents.csv");
    const auto path = dir.write(file, file.ends_with(".csv") ? csv() : geojson());
    CAPTURE(file);
    auto with_actor = [&](std::string_view actor) {
        store::IncidentFilter filter;
        filter.actor = actor;
        return selected(path, filter);
    };
    auto with_admin1 = [&](std::string_view admin1) {
        store::IncidentFilter filter;
        filter.admin1 = admin1;
        return selected(path, filter);
    };

    SECTION("--actor: the characters SQL gives a meaning to are plain text") {
        CHECK(with_actor("'") == Ids{"TCD1"});
        CHECK(with_actor("jama'at") == Ids{"TCD1"});
        CHECK(with_actor("%") == Ids{"MLI2"});
        CHECK(with_actor("_").empty());
        CHECK(with_actor("--") == Ids{"MLI3"});
        CHECK(with_actor(";") == Ids{"MLI3"});  // in "Wagner Group; Dozo"
        CHECK(with_actor("select * from INCIDENTS") == Ids{"MLI4"});
        CHECK(with_actor("(Mali)") == (Ids{"MLI3", "MLI5"}));
    }
    SECTION("--actor: an injection attempt selects nothing, and nothing fails") {
        CHECK(with_actor("x' OR '1'='1").empty());
        CHECK(with_actor("' OR 1=1 --").empty());
        CHECK(with_actor("\"); DROP TABLE incidents; --").empty());
        CHECK(with_actor("%' OR actor1 LIKE '%").empty());
    }
    SECTION("--admin1: the whole value, in any case, quotes and all") {
        CHECK(with_admin1("n'djamena") == Ids{"TCD1"});
        CHECK(with_admin1("Kidal; DROP TABLE incidents") == Ids{"MLI3"});
        CHECK(with_admin1("x' OR '1'='1") == Ids{"MLI4"});
        CHECK(with_admin1("Gao' OR 'a'='a").empty());
        CHECK(with_admin1("Kidal").empty());
        CHECK(with_admin1("%").empty());
    }
    SECTION("a country name compared as text") {
        store::IncidentFilter filter;
        filter.country = "azawad";
        CHECK(selected(path, filter) == Ids{"MLI3"});
        filter.country = "Azawad' OR '1'='1";
        CHECK(selected(path, filter).empty());
    }
    SECTION("validated terms in SQL and text terms in code, together") {
        store::IncidentFilter filter;
        filter.since = "2024-02-03";
        filter.actor = "(";
        CHECK(selected(path, filter) == (Ids{"MLI3", "MLI5"}));
        store::set_type_filter(filter, "battles");
        CHECK(selected(path, filter) == Ids{"MLI3"});
        filter.admin1 = "mopti";
        CHECK(selected(path, filter).empty());
        filter = {};
        store::set_country_filter(filter, "ml");  // the ISO code; the file has no iso column
        CHECK_THROWS_AS(selected(path, filter), InputError);
    }
}

TEST_CASE("A text filter on a file without the field it compares names the field",
          "[render][filter]") {
    ScratchDir dir;
    const auto path = dir.write("points.csv", "event_id_cnty,longitude,latitude\nA1,1.5,14.2\n");
    store::IncidentFilter filter;
    filter.admin1 = "Gao";
    CHECK_THROWS_WITH(selected(path, filter),
                      Catch::Contains("points.csv") && Catch::Contains("'admin1'"));
    filter = {};
    CHECK(selected(path, filter) == Ids{"A1"});
}
