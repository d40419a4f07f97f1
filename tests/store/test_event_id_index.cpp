#include "gazetteer/place.hpp"
#include "store/event_id_index.hpp"
#include "store/place_lookup.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>

using incimap::store::EventIdIndex;

TEST_CASE("The event id index finds every id it holds, confirmed by the caller",
          "[store][event_ids]") {
    EventIdIndex index;
    std::map<std::int64_t, std::string> stored;
    for (std::int64_t id = 1; id <= 5000; ++id) {
        stored[id] = "MLI" + std::to_string(id * 7);
        index.insert(stored[id], id);
    }
    CHECK(index.size() == 5000);
    auto confirm_for = [&](const std::string& wanted) {
        return [&stored, wanted](std::int64_t id) { return stored.at(id) == wanted; };
    };
    for (std::int64_t id : {1, 2, 777, 4096, 5000})
        CHECK(index.find(stored[id], confirm_for(stored[id])) == id);
    CHECK(index.find("MLI8", confirm_for("MLI8")) == 0);
    CHECK(index.find("", confirm_for("")) == 0);

    SECTION("a candidate the caller does not confirm is passed over") {
        CHECK(index.find(stored[42], [](std::int64_t) { return false; }) == 0);
    }
    SECTION("the same hash for two ids: both are found") {
        index.insert(stored[42], 9001);  // as if another id shared MLI294's hash
        stored[9001] = "other";
        CHECK(index.find(stored[42], confirm_for(stored[42])) == 42);
        int asked = 0;
        index.find(stored[42], [&](std::int64_t) { return ++asked == 2; });
        CHECK(asked == 2);
    }
    SECTION("cleared, it holds nothing") {
        index.clear();
        CHECK(index.find(stored[1], confirm_for(stored[1])) == 0);
    }
}

TEST_CASE("The event id index seldom asks the caller about an id it does not hold",
          "[store][event_ids]") {
    // Every candidate costs an importer a read from the store. 24 bits of
    // hash would give about 600 candidates here (100,000 lookups among
    // 100,000 ids); the 40 the index compares give about one in a hundred
    // such runs.
    EventIdIndex index;
    for (std::int64_t id = 1; id <= 100000; ++id)
        index.insert("NIG" + std::to_string(id), id);
    int asked = 0;
    for (std::int64_t n = 1; n <= 100000; ++n)
        index.find("BFO" + std::to_string(n), [&](std::int64_t) { return ++asked < 0; });
    CHECK(asked <= 2);
}

TEST_CASE("A gazetteer match gets ACLED's geo_precision from its kind of place",
          "[store][place_lookup]") {
    incimap::gazetteer::Place place;
    place.feature_class = 'P';
    place.feature_code = "PPLA";
    CHECK(incimap::store::geo_precision_of(place) == 1);
    place.feature_class = 'A';
    place.feature_code = "ADM1";
    CHECK(incimap::store::geo_precision_of(place) == 3);
    place.feature_code = "ADM2";
    CHECK(incimap::store::geo_precision_of(place) == 2);
    place.feature_class = 'H';
    place.feature_code = "WAD";
    CHECK(incimap::store::geo_precision_of(place) == 2);
}
