#include "cli/gazetteer_learn.hpp"

#include "core/atomic_file.hpp"
#include "core/counted.hpp"
#include "core/error.hpp"
#include "gazetteer/learned_places.hpp"
#include "gazetteer/library.hpp"
#include "store/store_connection.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <sstream>
#include <unistd.h>

namespace incimap::cli {
namespace {

namespace fs = std::filesystem;

// The dump's file name in the data folder: one per store.
std::string installed_name(const std::string& store) {
    std::string stem = fs::path(store).stem().string();
    if (store::StoreConnection::is_connection_string(store) || stem.empty())
        stem = "postgis";
    std::replace_if(stem.begin(), stem.end(), [](char c) { return c == '/' || c == ' ' || c == '.'; }, '-');
    return "learned-" + stem + ".txt";
}

} // namespace

void GazetteerLearn::add_to(CLI::App& app) {
    store.add_to(app, false);
    gazetteer.add_to(app);
    app.add_option("--out", out,
                   "Write the learned places to this GeoNames dump instead of installing them "
                   "(use it with --gazetteer)");
    output.add_to(app);
}

int GazetteerLearn::run(const GlobalOptions& global) const {
    const auto known = gazetteer.load(global, "gazetteer learn");
    const std::string location = store.resolved_location();
    std::vector<gazetteer::CodedPlace> coded;
    {
        auto incidents = store.open(store::IncidentStore::Access::read);
        incidents.scan({}, [&](const Incident& incident) {
            if (incident.event_id_cnty.empty() && incident.data_id == 0)
                return;  // read from a report, not coded by a person
            coded.push_back({incident.location, incident.iso.empty() ? incident.country : incident.iso,
                             incident.admin1, incident.admin2, incident.admin3, incident.latitude,
                             incident.longitude, static_cast<int>(incident.geo_precision)});
        });
    }
    const auto learned = gazetteer::learn_places(coded, known);
    const auto units = std::count_if(learned.places.begin(), learned.places.end(),
                                     [](const gazetteer::LearnedPlace& p) { return p.feature_class == 'A'; });
    std::ostringstream rows;
    gazetteer::write_geonames_rows(learned.places, rows);
    if (!global.quiet)
        fmt::print(stderr,
                   "incimap gazetteer learn: {}, {} placed at their own location: {} and {} the "
                   "gazetteer lacks ({} it places already)\n",
                   counted(coded.size(), "coded event"), learned.events_used,
                   counted(learned.places.size() - static_cast<std::size_t>(units), "place"),
                   counted(static_cast<std::size_t>(units), "unit"), counted(learned.names_known, "name"));
    if (!out.empty()) {
        const auto guard = output.guard();
        guard.check(out);
        write_file_atomically(out, rows.str());
        return exit_ok;
    }
    if (learned.places.empty()) {
        if (!global.quiet)
            fmt::print(stderr, "incimap gazetteer learn: nothing to install\n");
        return exit_ok;
    }
    // Installed like any dump: validated and indexed under its own name.
    const fs::path staging = fs::temp_directory_path() / fmt::format("incimap-learn-{}", ::getpid());
    fs::create_directories(staging);
    const fs::path dump = staging / installed_name(location);
    try {
        write_file_atomically(dump, rows.str());
        const auto report = gazetteer::install_dump(dump, gazetteer::gazetteer_data_dir());
        if (!global.quiet)
            fmt::print(stderr,
                       "incimap gazetteer learn: installed {} into {}; every command now resolves its "
                       "places ('incimap gazetteer remove {}' forgets them)\n",
                       report.installed.filename().string(), report.installed.parent_path().string(),
                       report.installed.stem().string());
    } catch (...) {
        fs::remove_all(staging);
        throw;
    }
    fs::remove_all(staging);
    return exit_ok;
}

} // namespace incimap::cli
