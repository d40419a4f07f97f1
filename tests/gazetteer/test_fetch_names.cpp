#include "core/error.hpp"
#include "gazetteer/fetch.hpp"

#include <catch2/catch.hpp>
#include <map>

using namespace incimap;
using namespace incimap::gazetteer;

TEST_CASE("GeoNames dump names map to the files on the server", "[gazetteer]") {
    CHECK(geonames_dump("ML").file_name == "ML.zip");
    CHECK(geonames_dump("bf").name == "BF");
    CHECK(geonames_dump("bf").file_name == "BF.zip");
    CHECK(geonames_dump("cities500").file_name == "cities500.zip");
    CHECK(geonames_dump("allcountries").name == "allCountries");
    CHECK(geonames_dump("allCountries").file_name == "allCountries.zip");
    CHECK(geonames_dump("admin1CodesASCII").file_name == "admin1CodesASCII.txt");
    CHECK(geonames_dump("countryInfo").file_name == "countryInfo.txt");
}

TEST_CASE("Anything else is a usage error quoting the name", "[gazetteer]") {
    for (const char* bad : {"", "M", "MLI", "M1", "cities", "cities2000", "../ML", "Mé"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(geonames_dump(bad), UsageError);
    }
    CHECK_THROWS_WITH(geonames_dump("Mali"),
                      Catch::Matchers::StartsWith("unknown GeoNames dump 'Mali'"));
}

TEST_CASE("A dump URL joins the base and the file name with one slash", "[gazetteer]") {
    auto ml = geonames_dump("ML");
    CHECK(dump_url(geonames_dump_base_url, ml) ==
          "https://download.geonames.org/export/dump/ML.zip");
    CHECK(dump_url("http://127.0.0.1:8080", ml) == "http://127.0.0.1:8080/ML.zip");
    CHECK(dump_url("http://127.0.0.1:8080/mirror//", ml) == "http://127.0.0.1:8080/mirror/ML.zip");
}

TEST_CASE("The download cache follows INCIMAP_CACHE_DIR, then XDG, then HOME", "[gazetteer]") {
    std::map<std::string, std::string> variables;
    auto environment = [&](const char* name) -> std::optional<std::string> {
        auto found = variables.find(name);
        if (found == variables.end() || found->second.empty())
            return std::nullopt;
        return found->second;
    };
    SECTION("nothing set") {
        CHECK_THROWS_AS(geonames_cache_dir(environment), Error);
    }
    SECTION("HOME only") {
        variables["HOME"] = "/home/ana";
        CHECK(geonames_cache_dir(environment) == "/home/ana/.cache/incimap/geonames");
    }
    SECTION("XDG_CACHE_HOME before HOME, unless relative") {
        variables["HOME"] = "/home/ana";
        variables["XDG_CACHE_HOME"] = "/var/cache/ana";
        CHECK(geonames_cache_dir(environment) == "/var/cache/ana/incimap/geonames");
        variables["XDG_CACHE_HOME"] = "relative/cache";
        CHECK(geonames_cache_dir(environment) == "/home/ana/.cache/incimap/geonames");
    }
    SECTION("INCIMAP_CACHE_DIR before everything") {
        variables["HOME"] = "/home/ana";
        variables["XDG_CACHE_HOME"] = "/var/cache/ana";
        variables["INCIMAP_CACHE_DIR"] = "/srv/incimap-cache";
        CHECK(geonames_cache_dir(environment) == "/srv/incimap-cache/geonames");
    }
}
