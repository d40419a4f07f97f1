#include "cli/store_options.hpp"

#include "cli/gazetteer_options.hpp"
#include "cli/option_errors.hpp"
#include "core/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

namespace incimap::cli {

void StoreOptions::add_to(CLI::App& app, bool writes) {
    app.add_option("--store", location,
                   "The incident store: a GeoPackage file, or a GDAL connection string such as "
                   "PG:dbname=incidents (default: $INCIMAP_STORE, else output/incidents.gpkg)");
    if (writes)
        lock_timeout.add_to(app, "to the store");
}

std::string StoreOptions::resolved_location() const {
    if (!location.empty())
        return location;
    if (const char* from_environment = std::getenv("INCIMAP_STORE"); from_environment && *from_environment)
        return from_environment;
    return "output/incidents.gpkg";
}

store::IncidentStore StoreOptions::open(store::IncidentStore::Access access) const {
    store::StoreOptions options;
    options.lock_timeout = lock_timeout.duration();
    options.on_wait = lock_timeout.on_wait("the store", resolved_location());
    return store::IncidentStore::open(resolved_location(), access, options);
}

void LockTimeout::add_to(CLI::App& app, std::string_view what) {
    app.add_option("--lock-timeout", seconds,
                   fmt::format("Seconds to wait while another process writes {}", what))
        ->check(CLI::Range(0.0, 86400.0))
        ->default_val(30);
}

std::chrono::milliseconds LockTimeout::duration() const {
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

OutputLock::OnWait LockTimeout::on_wait(std::string what, std::string output) const {
    return [what = std::move(what), output = std::move(output), timeout_seconds = seconds](pid_t owner) {
        fmt::print(stderr, "incimap: waiting for {}, which is writing to {} '{}' (--lock-timeout {} s)\n",
                   owner > 0 ? fmt::format("process {}", owner) : "another process", what, output,
                   timeout_seconds);
    };
}

namespace {

// Other names of countries ("Republic of Mali", "MLI"): the gazetteer's,
// loaded only for a --country the store's table does not know.
std::optional<std::string> country_code_of_name(std::string_view name) {
    const auto gazetteer = gazetteer::Gazetteer::load(installed_gazetteer_sources());
    if (auto country = gazetteer.country(name))
        return country->iso2;
    return std::nullopt;
}

} // namespace

void FilterOptions::add_to(CLI::App& app) {
    app.add_option("--bbox", bbox, "Only incidents inside minlon,minlat,maxlon,maxlat (degrees)");
    app.add_option("--since", since, "Only incidents on or after this day (YYYY-MM-DD)");
    app.add_option("--until", until, "Only incidents on or before this day (YYYY-MM-DD)");
    app.add_option("--type", type,
                   "Only this ACLED event type or sub-event type (any case), e.g. Battles, "
                   "'Armed clash'");
    app.add_option("--actor", actor,
                   "Only incidents whose actor1, actor2 or associated actors contain this text "
                   "(any case)");
    app.add_option("--country", country,
                   "Only this country: ISO code (ML) or name (Mali); an unknown one is a usage "
                   "error");
    app.add_option("--admin1", admin1, "Only this first-level region as ACLED or GeoNames names it (any case, accents or "
                   "usual spelling: Segou, Ségou; Tombouctou, Timbuktu)");
    app.add_option("--min-fatalities", min_fatalities, "Only incidents with at least N deaths")
        ->check(CLI::NonNegativeNumber);
}

store::IncidentFilter FilterOptions::parse() const {
    store::IncidentFilter filter;
    if (!bbox.empty())
        filter.bbox = naming_option("--bbox", [&] { return store::parse_bbox(bbox); });
    if (!since.empty())
        filter.since = naming_option("--since", [&] { return store::parse_filter_date(since); });
    if (!until.empty())
        filter.until = naming_option("--until", [&] { return store::parse_filter_date(until); });
    try {
        store::check_date_range(filter);
    } catch (const UsageError&) {
        throw UsageError(fmt::format("--since {} is after --until {}", filter.since, filter.until));
    }
    if (!type.empty())
        naming_option("--type", [&] { store::set_type_filter(filter, type); });
    filter.actor = actor;
    if (!country.empty())
        naming_option("--country", [&] { store::set_country_filter(filter, country, country_code_of_name); });
    filter.admin1 = admin1;
    filter.min_fatalities = min_fatalities;
    return filter;
}

} // namespace incimap::cli
