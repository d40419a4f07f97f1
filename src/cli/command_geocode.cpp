#include "cli/command_geocode.hpp"

#include "core/bounded_line.hpp"
#include "core/counted.hpp"
#include "core/decimals.hpp"
#include "core/error.hpp"
#include "core/input_kind.hpp"
#include "text/ascii.hpp"
#include "text/utf8.hpp"

#include <CLI/CLI.hpp>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <istream>
#include <nlohmann/json.hpp>

namespace incimap::cli {
namespace {

// A query is a place name and its hints: a longer line is no query (a binary
// file, a device that reads no end).
constexpr std::size_t query_line_limit = std::size_t(64) << 10;
// How much of a query a message quotes.
constexpr std::size_t shown_of_query = 80;

using gazetteer::Candidate;
using gazetteer::Gazetteer;
using gazetteer::Query;

nlohmann::ordered_json candidate_json(const Candidate& c) {
    const auto& p = c.place;
    return {
        {"geonameid", p.geonameid},
        {"name", p.name},
        {"country", p.country},
        {"country_name", p.country_name},
        {"admin1_code", p.admin1_code},
        {"admin1", p.admin1},
        {"latitude", p.latitude},
        {"longitude", p.longitude},
        {"feature_class", p.feature_class == 0 ? std::string() : std::string(1, p.feature_class)},
        {"feature_code", p.feature_code},
        {"population", p.population},
        {"score", rounded(c.score, 3)},
        {"matched_name", c.matched_name},
        {"edits", c.edits}};
}

nlohmann::ordered_json candidates_json(const std::vector<Candidate>& candidates) {
    auto array = nlohmann::ordered_json::array();
    for (const auto& c : candidates)
        array.push_back(candidate_json(c));
    return array;
}

std::string dump_json(const nlohmann::ordered_json& json) {
    return json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// An aligned table: text columns to the left, numbers to the right.
void print_table(const std::vector<Candidate>& candidates) {
    constexpr std::array<const char*, 10> header = {
        "geonameid", "name", "country",    "admin1", "latitude",
        "longitude", "code", "population", "score",  "matched"};
    constexpr std::array<bool, 10> numeric = {true, false, false, false, true,
                                              true, false, true,  true,  false};
    std::vector<std::array<std::string, 10>> rows;
    for (const auto& c : candidates) {
        const auto& p = c.place;
        std::string matched = c.matched_name;
        if (c.edits > 0)
            matched += " (" + counted(static_cast<std::uint64_t>(c.edits), "edit") + ")";
        rows.push_back({std::to_string(p.geonameid), p.name, p.country.empty() ? "-" : p.country,
                        p.admin1.empty() ? "-" : p.admin1, fmt::format("{:.5f}", p.latitude),
                        fmt::format("{:.5f}", p.longitude), p.feature_code,
                        std::to_string(p.population), fmt::format("{:.2f}", c.score), matched});
    }
    std::array<std::size_t, 10> width{};
    for (std::size_t i = 0; i < header.size(); ++i) {
        width[i] = std::strlen(header[i]);
        for (const auto& row : rows)
            width[i] = std::max(width[i], text::display_width(row[i]));
    }
    auto print_row = [&](auto cell) {
        std::string line;
        for (std::size_t i = 0; i < header.size(); ++i) {
            const std::string text = cell(i);
            const std::string pad(width[i] - text::display_width(text), ' ');
            if (i > 0)
                line += "  ";
            line += numeric[i] ? pad + text : (i + 1 == header.size() ? text : text + pad);
        }
        std::puts(line.c_str());
    };
    print_row([&](std::size_t i) { return std::string(header[i]); });
    for (const auto& row : rows)
        print_row([&](std::size_t i) { return row[i]; });
}

// Says why a query found nothing: no place of that name at all, or none
// where its hints say ("Lere, Timbuktu" when the only Lere known is in
// Nigeria), naming the places elsewhere.
void report_not_found(const Gazetteer& gazetteer, const Query& query, std::string_view where) {
    const auto comma = query.text.find(',');
    if (comma != std::string::npos) {
        Query bare = query;
        bare.text = query.text.substr(0, comma);
        bare.limit = 3;
        const auto elsewhere = gazetteer.resolve(bare);
        if (!elsewhere.empty()) {
            std::string places;
            for (const auto& c : elsewhere)
                places += fmt::format("{}{} ({}{}{})", places.empty() ? "" : ", ", c.place.name,
                                      c.place.admin1.empty() ? "" : c.place.admin1 + ", ",
                                      c.place.country.empty() ? "-" : c.place.country,
                                      c.edits > 0 ? ", " + counted(static_cast<std::uint64_t>(c.edits), "edit") : "");
            std::string hint(text::trim(query.text.substr(comma + 1)));
            if (hint.size() > shown_of_query)
                hint = quoted(hint, shown_of_query);
            fmt::print(stderr, "incimap geocode: {}no {} in or near {}; elsewhere: {}\n", where,
                       quoted(text::trim(bare.text), shown_of_query), hint, places);
            return;
        }
    }
    fmt::print(stderr, "incimap geocode: {}no place matches {}{}\n", where,
               quoted(query.text, shown_of_query),
               query.text.size() > shown_of_query ? fmt::format(" ({} bytes)", query.text.size()) : "");
}

// --batch: one query per line, JSON Lines out. Returns whether every query
// found something.
bool run_batch(const Gazetteer& gazetteer, const Query& base, std::istream& in,
               const std::string& name) {
    bool all_found = true;
    std::string line;
    long number = 0;
    while (read_line_bounded(in, line, query_line_limit, name, number + 1)) {
        ++number;
        const auto text = text::trim(line);
        if (text.empty() || text.front() == '#')
            continue;
        if (!text::is_valid_utf8(text))
            throw InputError(name, number, "invalid UTF-8");
        Query query = base;
        query.text = std::string(text);
        const auto candidates = gazetteer.resolve(query);
        if (candidates.empty()) {
            report_not_found(gazetteer, query, fmt::format("{}:{}: ", name, number));
            all_found = false;
        }
        nlohmann::ordered_json record = {{"query", query.text},
                                         {"candidates", candidates_json(candidates)}};
        std::puts(dump_json(record).c_str());
    }
    if (in.bad())
        throw InputError(name, number, "read error");
    return all_found;
}

constexpr const char* manual =
    R"(Data: GeoNames (c) GeoNames, licensed CC BY 4.0 (https://www.geonames.org).
The embedded West-Africa gazetteer holds Mali, Burkina Faso and Niger in full
and the towns and admin units of their neighbours; 'incimap gazetteer' adds
more dumps.

A query may carry hints after commas: "Koro, Mopti" (a region), "Gao, Mali"
(a country), "Lere, Niafunke" (a town or an admin unit). Hints are a
constraint: only places in a hinted country or region, within 50 km of a
hinted town or 100 km of a hinted unit are answered; when none is, the places
of that name elsewhere are named on stderr and the query counts as not found.
A hint the gazetteer does not know constrains nothing. Names are compared folded (case, accents, hyphens, apostrophes,
spaces); names of 5 to 8 letters also match one edit away, longer ones two.

Output: text prints an aligned table per query, after a 'query: NAME' line
when there are several. json prints one JSON array of candidates per query,
best first, one array per line. --batch prints JSON Lines, one
{"query": ..., "candidates": [...]} object per input query. A candidate has
geonameid, name, country (ISO code), admin1 (region), latitude, longitude,
feature code, population, score (higher is better: feature kind, population,
hints, minus 1.5 per edit), the spelling that matched and its edits. JSON
output leaves out the attribution: credit GeoNames (CC BY 4.0) where you
publish coordinates from it.

Exit codes: 0 every query found a place; 1 a query found nothing (named on
stderr) or a dump could not be read; 2 usage error.
)";

} // namespace

std::string_view GeocodeCommand::synopsis() const {
    return "Resolve place names to coordinates with the GeoNames gazetteer";
}

std::string_view GeocodeCommand::examples() const {
    return "incimap geocode Bamako\n"
           "incimap geocode Kidal Tinzaouatine \"Koro, Mopti\" --limit 3\n"
           "incimap geocode Gao --country ML --format json\n"
           "incimap geocode --batch examples/places.txt > places.jsonl\n"
           "echo Tombouctou | incimap geocode --batch -\n"
           "incimap geocode Ayorou --gazetteer NE.zip --no-default-gazetteer";
}

void GeocodeCommand::setup(CLI::App& app) {
    app_ = &app;
    app.footer(std::string(manual) + "\n" + app.get_footer());
    app.add_option("query", queries_,
                   "Place names, each optionally followed by hints: "
                   "\"Koro, Mopti\"")
        ->type_name("QUERY");
    app.add_option("--country", country_,
                   "Prefer places in this country: an ISO code (ML, MLI) or a name (Mali)")
        ->type_name("CC");
    app.add_option("--limit", limit_, "At most N candidates per query (default 5)")
        ->type_name("N")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000}));
    app.add_option("--format", format_, "Output format: text (default) or json")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"text", "json"}));
    app.add_option("--batch", batch_,
                   "Resolve the queries of FILE, one per line (- for standard input); blank lines "
                   "and lines starting with # are skipped. Prints JSON Lines")
        ->type_name("FILE");
    app.add_flag("--exact", exact_, "Only exact matches of the folded name, no fuzzy matching");
    gazetteer_options_.add_to(app);
}

int GeocodeCommand::run(const GlobalOptions& global) {
    if (queries_.empty() && batch_.empty())
        throw UsageError("give one or more place names, or --batch FILE");
    if (!queries_.empty() && !batch_.empty())
        throw UsageError("give place names or --batch FILE, not both");
    if (!batch_.empty() && app_->count("--format") > 0 && format_ != "json")
        throw UsageError("--batch prints JSON Lines; --format text does not apply");

    const Gazetteer gazetteer = gazetteer_options_.load(global, name());
    Query base;
    base.limit = limit_;
    base.fuzzy = !exact_;
    if (!country_.empty()) {
        const auto country = gazetteer.country(country_);
        if (!country)
            throw UsageError(fmt::format(
                "--country: unknown country '{}' (give an ISO code such as ML or a name such "
                "as Mali)",
                country_));
        base.country_hint = country->iso2;
    }

    if (!batch_.empty()) {
        bool all_found = false;
        if (batch_ == "-") {
            all_found = run_batch(gazetteer, base, std::cin, "<stdin>");
        } else {
            if (const auto why = why_not_readable_file(batch_); !why.empty())
                throw InputError(batch_, 0, why);
            std::ifstream in(batch_);
            if (!in)
                throw InputError(batch_, 0, std::string("cannot open: ") + std::strerror(errno));
            all_found = run_batch(gazetteer, base, in, batch_);
        }
        return all_found ? exit_ok : exit_data_error;
    }

    bool all_found = true;
    for (std::size_t i = 0; i < queries_.size(); ++i) {
        Query query = base;
        query.text = queries_[i];
        const auto candidates = gazetteer.resolve(query);
        if (candidates.empty()) {
            report_not_found(gazetteer, query, "");
            all_found = false;
        }
        if (format_ == "json") {
            std::puts(dump_json(candidates_json(candidates)).c_str());
        } else if (!candidates.empty()) {
            if (queries_.size() > 1)
                std::printf("%squery: %s\n", i > 0 ? "\n" : "", query.text.c_str());
            print_table(candidates);
        }
    }
    return all_found ? exit_ok : exit_data_error;
}

} // namespace incimap::cli
