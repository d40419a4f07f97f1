// Import geocoding measured on event tables: every row is placed from its
// place name and admin units alone, as `incimap import` places a row
// without coordinates, through the same row reader.
//
//   eval_geocode [--misses] [--fuzzy-share X] [--gazetteer DUMP]... FILE.csv...
//
// --gazetteer adds a dump to the embedded gazetteer (a learned one:
// `incimap gazetteer learn --out`).
//
// Per file: the share of rows imported and rejected, the share placed
// outside the row's own country, the share per geo_precision, and, for
// files that carry ACLED's coordinates (which are blanked before the row is
// read), the share of all rows and of the imported ones within 25 km of
// ACLED's point. --misses lists the rows placed farther than that or
// rejected, with the reason. --fuzzy-share sets the most edits per letter a
// fuzzy match may have (store/place_lookup.hpp), to measure where it
// should lie.
//
// The same figures are given for a naive geocoder, for comparison: the
// gazetteer's first candidate for the location, with the row's country and
// admin1 only as preferences, fuzzy matches taken as they come.
#include "core/error.hpp"
#include "extract/place_resolver.hpp"
#include "gazetteer/gazetteer.hpp"
#include "core/countries.hpp"
#include "sources/csv.hpp"
#include "store/event_rows.hpp"
#include "store/place_lookup.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace incimap;

namespace {

constexpr double near_km = 25;

struct Figures {
    long rows = 0;
    long imported = 0;
    long rejected = 0;
    long other_country = 0;
    std::map<int, long> by_precision;
    long with_point = 0;  // rows ACLED placed
    long near = 0;        // placed within near_km of ACLED's point
};

std::optional<double> number(std::string_view text) {
    if (text.empty())
        return std::nullopt;
    try {
        return std::stod(std::string(text));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

double percent(long part, long whole) { return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole); }

Figures evaluate(const std::string& path, const gazetteer::Gazetteer& gazetteer, const store::RowContext& context,
                 bool misses) {
    Figures figures;
    sources::CsvReader reader(path, sources::BadRecords::keep);
    sources::CsvRecord record;
    if (!reader.next(record))
        return figures;
    std::vector<std::string> header_names(record.fields.begin(), record.fields.end());
    std::vector<std::string_view> header(header_names.begin(), header_names.end());
    const store::ColumnMap columns(header);
    const int lat_column = columns[store::Field::latitude];
    const int lon_column = columns[store::Field::longitude];
    const int country_column = columns[store::Field::country];
    while (reader.next(record)) {
        if (!record.error.empty() || record.fields.size() != header.size())
            continue;
        ++figures.rows;
        std::vector<std::string_view> fields(record.fields.begin(), record.fields.end());
        std::optional<double> lat, lon;
        if (lat_column >= 0 && lon_column >= 0) {
            lat = number(fields[static_cast<std::size_t>(lat_column)]);
            lon = number(fields[static_cast<std::size_t>(lon_column)]);
            fields[static_cast<std::size_t>(lat_column)] = {};
            fields[static_cast<std::size_t>(lon_column)] = {};
        }
        const bool placed = lat && lon;
        figures.with_point += placed ? 1 : 0;
        const std::string where = fmt::format("{}:{}", reader.name(), record.line);
        Incident incident;
        try {
            incident = store::incident_from_row(columns, fields, context);
        } catch (const InputError& e) {
            ++figures.rejected;
            if (misses)
                std::printf("rejected %s: %s\n", where.c_str(), e.what());
            continue;
        }
        ++figures.imported;
        ++figures.by_precision[static_cast<int>(incident.geo_precision)];
        if (country_column >= 0) {
            const auto named = incimap::country_by_name(fields[static_cast<std::size_t>(country_column)]);
            const auto place = gazetteer.place(incident.geonameid);
            if (named && place && place->country != named->iso2) {
                ++figures.other_country;
                if (misses)
                    std::printf("abroad %s: '%s' placed at %s in %s\n", where.c_str(), incident.location.c_str(),
                                place->name.c_str(), place->country.c_str());
            }
        }
        if (placed) {
            const double km = extract::distance_km(*lat, *lon, incident.latitude, incident.longitude);
            if (km <= near_km)
                ++figures.near;
            else if (misses)
                std::printf("far %s: '%s' placed %.0f km off (precision %d)\n", where.c_str(),
                            incident.location.c_str(), km, static_cast<int>(incident.geo_precision));
        }
    }
    return figures;
}

void print(const std::string& name, const Figures& f) {
    std::printf("%s: %ld rows\n", name.c_str(), f.rows);
    std::printf("  imported            %6.1f %%\n", percent(f.imported, f.rows));
    std::printf("  rejected            %6.1f %%\n", percent(f.rejected, f.rows));
    std::printf("  outside its country %6.1f %%\n", percent(f.other_country, f.rows));
    for (const auto& [precision, count] : f.by_precision)
        std::printf("  geo_precision %d     %6.1f %%\n", precision, percent(count, f.rows));
    if (f.with_point > 0) {
        std::printf("  within %.0f km of ACLED's point: %.1f %% of rows, %.1f %% of imported\n", near_km,
                    percent(f.near, f.with_point), percent(f.near, f.imported));
    }
}

} // namespace

int main(int argc, char** argv) {
    try {
        bool misses = false;
        store::RowPlacing placing;
        std::vector<std::string> files;
        gazetteer::Sources sources;
        for (int i = 1; i < argc; ++i) {
            const std::string arg = argv[i];
            if (arg == "--misses")
                misses = true;
            else if (arg == "--fuzzy-share" && i + 1 < argc)
                placing.fuzzy_edit_share = std::stod(argv[++i]);
            else if (arg == "--gazetteer" && i + 1 < argc)
                sources.dumps.emplace_back(argv[++i]);
            else
                files.push_back(arg);
        }
        if (files.empty()) {
            std::fprintf(stderr, "usage: eval_geocode [--misses] [--fuzzy-share X] [--gazetteer DUMP]... FILE.csv...\n");
            return 2;
        }
        const auto gazetteer = gazetteer::Gazetteer::load(sources);
        auto resolver =
            store::gazetteer_resolver([&]() -> const gazetteer::Gazetteer& { return gazetteer; }, placing);
        const store::PlaceResolver naive = [&](const store::PlaceQuery& row) {
            gazetteer::Query query{std::string(row.location), std::string(row.iso), std::string(row.admin1), 1,
                                   true};
            const auto candidates = gazetteer.resolve(query);
            if (candidates.empty())
                throw InputError(fmt::format("place '{}' not found", row.location));
            const auto& p = candidates.front().place;
            return store::ResolvedPlace{p.name,    p.latitude, p.longitude,
                                        p.geonameid, p.country,  p.admin1,
                                        store::geo_precision_of(p)};
        };
        for (const auto& file : files) {
            store::RowContext context;
            context.resolver = &naive;
            print(file + " (naive: the gazetteer's first candidate)", evaluate(file, gazetteer, context, false));
            context.resolver = &resolver;
            print(file + fmt::format(" (import, fuzzy share {:.2f})", placing.fuzzy_edit_share),
                  evaluate(file, gazetteer, context, misses));
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "eval_geocode: %s\n", e.what());
        return 1;
    }
}
