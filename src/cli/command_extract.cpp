#include "cli/command_extract.hpp"

#include "core/counted.hpp"
#include "core/decimals.hpp"
#include "core/error.hpp"
#include "core/incident_fields.hpp"
#include "extract/confidence.hpp"
#include "extract/extractor.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include <cstdio>

namespace incimap::cli {
namespace {

using nlohmann::ordered_json;

// The incident's properties, named and written as exports write them
// (core/incident_fields.hpp), then the evidence: each sentence the incident
// was read from, with its byte offsets in the document.
ordered_json incident_properties(const Incident& i) {
    ordered_json properties = ordered_json::object();
    for (const auto& field : incident_fields()) {
        if (!(field.uses & in_extract))
            continue;
        const auto value = field.get(i);
        if (const auto* s = std::get_if<std::string>(&value))
            properties[std::string(field.name)] = *s;
        else if (const auto* n = std::get_if<std::int64_t>(&value))
            properties[std::string(field.name)] = *n;
        else if (const auto* d = std::get_if<double>(&value))
            properties[std::string(field.name)] =
                rounded(*d, field.name == "confidence" ? 3 : 6);
        else
            properties[std::string(field.name)] = nullptr;
    }
    auto evidence = ordered_json::array();
    for (const auto& e : i.notes)
        evidence.push_back({{"text", e.text}, {"begin", e.begin}, {"end", e.end}});
    properties["evidence"] = std::move(evidence);
    return properties;
}

std::string dump(const ordered_json& json) {
    return json.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

// Prints incidents as they come: a GeoJSON FeatureCollection or JSON Lines.
class IncidentPrinter {
public:
    explicit IncidentPrinter(bool geojson) : geojson_(geojson) {
        if (geojson_)
            std::fputs("{\"type\":\"FeatureCollection\",\"features\":[", stdout);
    }

    void print(const Incident& incident) {
        if (!geojson_) {
            std::puts(dump(incident_properties(incident)).c_str());
            return;
        }
        const ordered_json feature = {
            {"type", "Feature"},
            {"geometry",
             {{"type", "Point"},
              {"coordinates", {rounded(incident.longitude, 6), rounded(incident.latitude, 6)}}}},
            {"properties", incident_properties(incident)}};
        std::fputs(first_ ? "\n" : ",\n", stdout);
        std::fputs(dump(feature).c_str(), stdout);
        first_ = false;
    }

    void finish() {
        if (geojson_)
            std::fputs(first_ ? "]}\n" : "\n]}\n", stdout);
        std::fflush(stdout);
    }

private:
    bool geojson_;
    bool first_ = true;
};

constexpr const char* manual = R"(Reads reports and prints the incidents found in them, without storing them.
INPUT is a file (.txt, .html, .xml/.rss/.atom feeds, .jsonl batches, or
told by its first bytes), a folder (read recursively), - for standard input,
or an http(s) URL (downloaded once into the page cache, CACHE/pages, and read
from there until --refresh). A plain
text file may open with "Title:", "Published:" and "URL:" lines and a blank
line. --batch FILE reads a JSON Lines batch: {"id", "text", "published",
"title", "url"} per line. Relative dates ("on Tuesday") are read against
the publication date: the page's or feed item's, the header block's, the
batch line's, else --published; a report with none is named in a warning.
Web pages are fetched as incimap/VERSION, at most 10 redirects and 64 MiB
each, with retries; a page sending under 1 KB/s for 20 s is given up, and no
URL takes longer than --timeout seconds in all (default 60). Their charset
is the server's or the page's <meta>.

Each incident is one event at one place on one day, coded after ACLED,
with the fields and names `incimap export` writes (docs/data-model.md):
iso, event_date (ISO), time_precision (1 day, 2 week, 3 month),
disorder_type, event_type, sub_event_type, actor1, assoc_actor_1 and
assoc_actor_2 (joined with "; "), inter1 and inter2 (ACLED's actor
categories 1-8), interaction, civilian_targeting, country, admin1, location
with latitude and longitude, geo_precision (1 town, 2 near a town or part
of a region, 3 a region named alone), source (title, else URL, else id),
notes (the evidence sentences joined), fatalities (ACLED's most
conservative figure), geonameid, fatalities_low and fatalities_high, doc_id
and confidence (0..1); empty ACLED columns are "" or null. Then evidence:
the sentences as {text, begin, end} with byte offsets into the document.

Output: --format geojson (default) prints one RFC 7946 FeatureCollection
of Points ([longitude, latitude], 6 decimals) with those properties;
--format jsonl prints one JSON object per incident per line. Place data:
GeoNames (CC BY 4.0), not repeated in the output.

Confidence = context x (0.15 + 0.35 event + 0.30 place + 0.20 date): how
sure the trigger word, the place resolution and the date are, lowered for
sentences that deny, speculate, plan, recall history or analyse. Incidents
under --min-confidence (default 0.4) are left out; -v names them.

Where no town is named: an event is placed at a place a later sentence
gives, a village's commune, province or region (geo_precision 2 or 3), else
the country the report is about, or the country most reports of the run
are about, at its capital (geo_precision 3). -v names events nothing places.
The place among a name's namesakes is chosen by a ranker whose weights are
fitted on coded events (docs/accuracy.md); hints in brackets or after a
comma are a constraint. One event told twice in a report is one incident;
events over 30 days older than a report with recent ones are background.

Exit codes: 0 the input was read (even if no incident was found); 1 an
input or a document could not be read (named on stderr; the others still
go through); 2 usage error.
)";

} // namespace

std::string_view ExtractCommand::synopsis() const {
    return "Read reports and print the incidents in them (GeoJSON or JSON Lines)";
}

std::string_view ExtractCommand::examples() const {
    return "incimap extract examples/articles\n"
           "incimap extract examples/articles/2024-09-18-bamako-attacks.txt --format jsonl\n"
           "incimap extract --published 2024-09-18 - < report.txt\n"
           "incimap extract --batch reports.jsonl --min-confidence 0.6\n"
           "incimap extract examples/articles/sahel-brief-feed.xml > incidents.geojson\n"
           "incimap extract https://example.org/news/article.html";
}

void ExtractCommand::setup(CLI::App& app) {
    app.footer(std::string(manual) + "\n" + app.get_footer());
    inputs_.add_to(app);
    app.add_option("--format", format_, "Output format: geojson (default) or jsonl")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"geojson", "jsonl"}));
}

int ExtractCommand::run(const GlobalOptions& global) {
    inputs_.check();
    OutputGuard guard;
    inputs_.add_inputs_to(guard);
    guard.check_standard_output();
    const auto actors = inputs_.actors();
    const auto gazetteer = inputs_.gazetteer(global, name());
    const extract::Extractor extractor(gazetteer, actors);

    std::size_t failures = 0;
    auto fail = [&](const std::string& message) {
        fmt::print(stderr, "incimap extract: {}\n", message);
    };
    auto warn = [&](const std::string& message) {
        if (!global.quiet)
            fail(message);
    };
    IncidentPrinter printer(format_ == "geojson");
    std::size_t documents = 0, incidents = 0;
    extract::RunContext run;  // the countries of the reports read so far
    auto read = [&](sources::Document&& doc) {
        ++documents;
        try {
            extract::ExtractTrace trace;
            for (const auto& incident : extractor.extract(doc, &trace, &run)) {
                if (incident.confidence >= inputs_.min_confidence()) {
                    printer.print(incident);
                    ++incidents;
                } else if (global.verbose > 0) {
                    fmt::print(stderr, "incimap extract: {}: left out below --min-confidence {}: {} at {} ({:.2f})\n",
                               doc.id, inputs_.min_confidence(), incident.event_type, incident.location,
                               incident.confidence);
                }
            }
            if (global.verbose > 0)
                for (const auto& unplaced : trace.unplaced)
                    fmt::print(stderr, "incimap extract: {}: {}\n", doc.id, unplaced);
        } catch (const std::exception& e) {
            ++failures;
            fail(fmt::format("{}: {}", doc.id, e.what()));
        }
    };
    failures += sources::read_reports(
        inputs_.report_set(), std::cin, read,
        [&](const sources::InputFailure& failure) { fail(failure.message()); }, warn);
    printer.finish();
    if (!global.quiet)
        fmt::print(stderr, "incimap extract: {} from {}{}\n", counted(incidents, "incident"),
                   counted(documents, "document"),
                   failures ? fmt::format(", {} failed", failures) : "");
    return failures ? exit_data_error : exit_ok;
}

} // namespace incimap::cli
