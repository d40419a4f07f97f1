#include "text/edit_distance.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <string>

using incimap::text::osa_distance;
using incimap::text::OsaPattern;

TEST_CASE("The OSA distance counts insertions, deletions, substitutions and swaps",
          "[text][distance]") {
    CHECK(osa_distance("timbuktu", "timbuktu") == 0);
    CHECK(osa_distance("tinbuktu", "timbuktu") == 1); // substitution
    CHECK(osa_distance("tinzaouatin", "tinzaouaten") == 1);
    CHECK(osa_distance("ouagadougou", "ouagadougo") == 1); // deletion
    CHECK(osa_distance("kidal", "kdial") == 1);            // transposition
    CHECK(osa_distance("ca", "abc") == 3);                 // no substring edited twice
    CHECK(osa_distance("", "gao") == 3);
    CHECK(osa_distance("gao", "") == 3);
}

TEST_CASE("The bit-parallel distance agrees with the reference", "[text][distance]") {
    std::mt19937 random(20240730);
    std::uniform_int_distribution<int> letter(0, 3); // a small alphabet: many near matches
    std::uniform_int_distribution<int> length(0, 20);
    auto word = [&] {
        std::string w(static_cast<std::size_t>(length(random)), 'a');
        for (auto& c : w)
            c = static_cast<char>('a' + letter(random));
        return w;
    };
    for (int i = 0; i < 2000; ++i) {
        const std::string a = word(), b = word();
        const OsaPattern pattern(a);
        const std::size_t expected = osa_distance(a, b);
        INFO(a << " / " << b);
        CHECK(pattern.distance(b, 64) == expected);
        // Bounded: exact up to the bound, above it when beyond.
        CHECK((pattern.distance(b, 2) == expected || (expected > 2 && pattern.distance(b, 2) > 2)));
    }
}

TEST_CASE("Patterns longer than a machine word fall back to the reference", "[text][distance]") {
    const std::string long_name(70, 'a');
    const OsaPattern pattern(long_name);
    CHECK(pattern.distance(long_name + "b", 5) == 1);
    CHECK(pattern.distance(std::string(60, 'a'), 5) > 5);
}
