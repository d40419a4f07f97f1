// Helpers for the store tests: a temporary folder removed at the end, files
// written from inline text, and incidents built in one line.
#pragma once

#include "core/incident.hpp"
#include "support/scratch_dir.hpp"

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

namespace incimap::store_test {

// A temporary folder removed at the end (path(), / NAME, write(NAME, TEXT)).
using TempDir = test::ScratchDir;

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// An incident at a place on a day: the fields the merge rules look at.
inline Incident incident_at(std::string date, double lat, double lon, std::string type,
                            std::string actor1 = "", std::string actor2 = "",
                            int fatalities = 0) {
    Incident incident;
    incident.event_date = std::move(date);
    incident.latitude = lat;
    incident.longitude = lon;
    incident.event_type = std::move(type);
    incident.actor1 = std::move(actor1);
    incident.actor2 = std::move(actor2);
    incident.fatalities = fatalities;
    return incident;
}

} // namespace incimap::store_test
