#include "core/error.hpp"
#include "store/filter.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace incimap::store;

TEST_CASE("Filter options are validated and the bad value quoted", "[store][filter]") {
    auto box = parse_bbox("-5.5,10,4.25,20");
    CHECK(box.min_lon == -5.5);
    CHECK(box.max_lat == 20);
    CHECK_THROWS_WITH(parse_bbox("1,2,3"), Catch::StartsWith("'1,2,3': expected four numbers"));
    CHECK_THROWS_WITH(parse_bbox("a,b,c,d"), Catch::Contains("four numbers"));
    CHECK_THROWS_WITH(parse_bbox("5,10,-5,20"), Catch::Contains("minimum greater than maximum"));
    CHECK_THROWS_WITH(parse_bbox("-200,10,5,20"), Catch::Contains("outside"));
    CHECK_THROWS_AS(parse_bbox("1,2,3,4,5"), incimap::UsageError);

    CHECK(parse_filter_date("1 March 2024") == "2024-03-01");
    CHECK_THROWS_WITH(parse_filter_date("2024-02-30"), "'2024-02-30': not a date (expected YYYY-MM-DD)");

    IncidentFilter filter;
    set_type_filter(filter, "armed CLASH");
    CHECK(filter.type == "Armed clash");
    CHECK(filter.type_is_sub_event);
    CHECK_THROWS_AS(set_type_filter(filter, "Skirmish"), incimap::UsageError);

    set_country_filter(filter, "ml");
    CHECK(filter.country == "ML");
    set_country_filter(filter, "Burkina Faso");
    CHECK(filter.country == "BF");
    CHECK_THROWS_AS(set_country_filter(filter, "XX"), incimap::UsageError);

    filter.since = "2024-05-01";
    filter.until = "2024-04-01";
    CHECK_THROWS_AS(check_date_range(filter), incimap::UsageError);
}

TEST_CASE("A --country that names no known country is a usage error, not an empty selection",
          "[store][filter]") {
    IncidentFilter filter;
    SECTION("names spelled as GeoNames or ACLED spell them become the ISO code") {
        for (auto [name, code] : {std::pair{"Burkina Faso", "BF"}, {"burkina faso", "BF"},
                                  {"Cote d'Ivoire", "CI"}, {"Democratic Republic of Congo", "CD"},
                                  {" Niger ", "NE"}}) {
            set_country_filter(filter, name);
            CHECK(filter.country == code);
            CHECK(filter.country_is_code);
        }
    }
    SECTION("another name of a country, when the lookup knows it") {
        auto lookup = [](std::string_view name) -> std::optional<std::string> {
            if (name == "Republic of Mali")
                return "ML";
            return std::nullopt;
        };
        set_country_filter(filter, "Republic of Mali", lookup);
        CHECK(filter.country == "ML");
        CHECK_THROWS_WITH(set_country_filter(filter, "Atlantis", lookup),
                          Catch::StartsWith("'Atlantis': not a country incimap knows") &&
                              Catch::Contains("ML") && Catch::Contains("Mali"));
    }
    SECTION("an unknown name or code, quoted as given") {
        CHECK_THROWS_AS(set_country_filter(filter, "Atlantis"), incimap::UsageError);
        CHECK_THROWS_WITH(set_country_filter(filter, "Azawad'--"),
                          Catch::StartsWith("'Azawad'--': not a country"));
        CHECK_THROWS_WITH(set_country_filter(filter, "XX"),
                          Catch::StartsWith("'XX': no such ISO 3166 country code"));
    }
}

TEST_CASE("Only validated filter values reach the store's SQL; text is compared as read",
          "[store][filter]") {
    IncidentFilter filter;
    CHECK(validated_where_clause(filter).empty());
    CHECK_FALSE(has_text_terms(filter));
    filter.since = parse_filter_date("1 March 2024");
    set_type_filter(filter, "armed CLASH");
    set_country_filter(filter, "Burkina Faso");
    filter.min_fatalities = 3;
    CHECK(validated_where_clause(filter) ==
          "event_date >= '2024-03-01' AND lower(sub_event_type) = 'armed clash'"
          " AND iso = 'BF' AND fatalities >= 3");
    CHECK_FALSE(has_text_terms(filter));

    filter = {};
    filter.admin1 = "Tombouctou'; DROP TABLE incidents; --";
    filter.actor = "x' OR '1'='1";
    filter.country = "Azawad'--";  // a name no table knows, as the struct allows
    filter.country_is_code = false;
    CHECK(has_text_terms(filter));
    CHECK(text_term_fields(filter) ==
          std::vector<std::string_view>{"actor1", "actor2", "assoc_actor_1", "country", "admin1"});
    CHECK(validated_where_clause(filter).empty());

    incimap::Incident incident;
    incident.actor1 = "Military Forces of Mali (2021-)";
    incident.assoc_actors = {"Wagner Group", "Dozo Communal Militia (Mali)"};
    incident.admin1 = "N'Djamena";
    incident.country = "Mali";
    SECTION("--actor: a substring of either actor or the associated actors, in any case") {
        IncidentFilter actor;
        for (auto part : {"military forces", "WAGNER", "group; dozo", "(Mali)"}) {
            actor.actor = part;
            CHECK(matches_text_terms(actor, incident));
        }
        for (auto part : {"JNIM", "x' OR '1'='1", "%", "_"}) {
            actor.actor = part;
            CHECK_FALSE(matches_text_terms(actor, incident));
        }
    }
    SECTION("--admin1 and a country name: equal in any case, quotes and all") {
        IncidentFilter place;
        place.admin1 = "n'djamena";
        CHECK(matches_text_terms(place, incident));
        place.admin1 = "N'Djamena' OR '1'='1";
        CHECK_FALSE(matches_text_terms(place, incident));
        IncidentFilter country;
        set_country_filter(country, "MALI ");
        CHECK(country.country_is_code);  // a known name becomes its code, for SQL
        country.country = "mali";
        country.country_is_code = false;
        CHECK(matches_text_terms(country, incident));
        country.country = "Azawad";
        CHECK_FALSE(matches_text_terms(country, incident));
    }
}

TEST_CASE("A SQL string literal doubles its quotes", "[store][filter]") {
    CHECK(sql_literal("Kidal") == "'Kidal'");
    CHECK(sql_literal("N'Djamena") == "'N''Djamena'");
    CHECK(sql_literal("x' OR '1'='1") == "'x'' OR ''1''=''1'");
}
