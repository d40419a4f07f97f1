// A layer's look is worked out once per distinct set of the attribute values
// it reads, and never shared between incidents whose values differ.
#include "render/looks.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace incimap::render;

namespace {

struct Table {
    AttributeTable table;
    Keys keys;
    int type_key = keys.intern("event_type");
    int deaths_key = keys.intern("fatalities");
    int missing_key = keys.intern("not_loaded");
    int type = table.add_column("event_type", AttributeTable::Kind::text);
    int deaths = table.add_column("fatalities", AttributeTable::Kind::number);

    std::size_t row(const char* event_type, double fatalities) {
        const auto r = table.add_row();
        if (event_type != nullptr)
            table.set_text(type, r, event_type);
        if (fatalities == fatalities)  // NaN: left null
            table.set_number(deaths, r, fatalities);
        return r;
    }
};

// Caches the label "TYPE/DEATHS" of a row, counting the times it is made.
struct Labels {
    const AttributeTable& table;
    int type, deaths;
    int made = 0;
    std::string operator()(std::size_t row) {
        ++made;
        return to_text(table.value(type, row)) + "/" + to_text(table.value(deaths, row));
    }
};

} // namespace

TEST_CASE("Incidents with the same values read share one worked-out look", "[render][looks]") {
    Table t;
    const auto battle0 = t.row("Battles", 0);
    const auto riot3 = t.row("Riots", 3);
    const auto battle0_again = t.row("Battles", 0);
    const auto battle1 = t.row("Battles", 1);
    const auto riot3_again = t.row("Riots", 3);
    const auto binding = bind(t.keys, t.table);
    LookCache<std::string> cache(binding, {t.type_key, t.deaths_key});
    Labels label{t.table, t.type, t.deaths};
    const auto get = [&](std::size_t row) { return cache.get(row, [&] { return label(row); }); };

    CHECK(get(battle0) == "Battles/0");
    CHECK(get(riot3) == "Riots/3");
    CHECK(get(battle0_again) == "Battles/0");
    CHECK(get(battle1) == "Battles/1");
    CHECK(get(riot3_again) == "Riots/3");
    CHECK(label.made == 3);
    CHECK(cache.distinct() == 3);
}

TEST_CASE("A null value is its own look, apart from zero and from empty text", "[render][looks]") {
    Table t;
    const auto zero = t.row("Battles", 0);
    const auto no_count = t.row("Battles", std::nan(""));
    const auto no_type = t.row(nullptr, 0);
    const auto empty_type = t.row("", 0);
    const auto negative_zero = t.row("Battles", -0.0);
    const auto binding = bind(t.keys, t.table);
    LookCache<std::string> cache(binding, {t.type_key, t.deaths_key});
    Labels label{t.table, t.type, t.deaths};
    for (const auto row : {zero, no_count, no_type, empty_type, negative_zero, zero, no_count})
        cache.get(row, [&] { return label(row); });
    CHECK(label.made == 5);
}

TEST_CASE("Attributes the incidents lack do not split or merge looks", "[render][looks]") {
    Table t;
    const auto a = t.row("Battles", 2);
    const auto b = t.row("Riots", 2);
    const auto binding = bind(t.keys, t.table);
    LookCache<std::string> cache(binding, {t.type_key, t.missing_key});
    Labels label{t.table, t.type, t.deaths};
    CHECK(cache.get(a, [&] { return label(a); }) == "Battles/2");
    CHECK(cache.get(b, [&] { return label(b); }) == "Riots/2");
    CHECK(cache.get(a, [&] { return label(a); }) == "Battles/2");
    CHECK(label.made == 2);
}

TEST_CASE("A layer reading more attributes than are keyed works out every look", "[render][looks]") {
    Table t;
    std::vector<int> many;
    for (int i = 0; i <= int(LookKey::max_columns); ++i)
        many.push_back(t.keys.intern("extra" + std::to_string(i)));
    const auto row = t.row("Battles", 0);
    const auto binding = bind(t.keys, t.table);
    LookCache<std::string> cache(binding, many);
    Labels label{t.table, t.type, t.deaths};
    cache.get(row, [&] { return label(row); });
    cache.get(row, [&] { return label(row); });
    CHECK(label.made == 2);
}

TEST_CASE("Thousands of distinct looks are each kept and found again", "[render][looks]") {
    Table t;
    for (int i = 0; i < 5000; ++i)
        t.row(i % 2 == 0 ? "Battles" : "Riots", i);
    const auto binding = bind(t.keys, t.table);
    LookCache<std::string> cache(binding, {t.type_key, t.deaths_key});
    Labels label{t.table, t.type, t.deaths};
    for (int pass = 0; pass < 2; ++pass)
        for (std::size_t row = 0; row < 5000; ++row)
            REQUIRE(cache.get(row, [&] { return label(row); }) == label(row));
    // Each row made once by the cache in the first pass, and by the check
    // itself in both.
    CHECK(label.made == 5000 + 2 * 5000);
    CHECK(cache.distinct() == 5000);
}
