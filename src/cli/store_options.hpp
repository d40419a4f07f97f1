// Options shared by the commands that use the incident store: --store and
// --lock-timeout, and the incident filters of list, export and aggregate.
#pragma once

#include "store/filter.hpp"
#include "store/incident_store.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace incimap::cli {

// --lock-timeout: how long a writer waits while another process writes the
// same output (core/output_lock.hpp).
struct LockTimeout {
    double seconds = 30;
    // Declares --lock-timeout, "Seconds to wait while another process
    // writes WHAT".
    void add_to(CLI::App& app, std::string_view what);
    std::chrono::milliseconds duration() const;
    // What a writer says when another process holds its output: "waiting
    // for process 4242, which is writing to the store 'a.gpkg'
    // (--lock-timeout 30 s)".
    OutputLock::OnWait on_wait(std::string what, std::string output) const;
};

struct StoreOptions {
    std::string location;  // empty: $INCIMAP_STORE, else output/incidents.gpkg
    LockTimeout lock_timeout;

    // Declares --store (and --lock-timeout when WRITES).
    void add_to(CLI::App& app, bool writes);
    std::string resolved_location() const;
    store::IncidentStore open(store::IncidentStore::Access access) const;
};


struct FilterOptions {
    std::string bbox, since, until, type, actor, country, admin1;
    std::optional<int> min_fatalities;

    void add_to(CLI::App& app);
    // Validates every value; throws UsageError naming the option.
    store::IncidentFilter parse() const;
};

} // namespace incimap::cli
