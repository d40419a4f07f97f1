// Helpers for the store tests: a temporary folder removed at the end, files
// written from inline text, and incidents built in one line.
#pragma once

#include "core/incident.hpp"

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

namespace incimap::store_test {

class TempDir {
public:
    TempDir() {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() /
                ("incimap-store-test-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::filesystem::path operator/(std::string_view name) const { return path_ / name; }
    const std::filesystem::path& path() const { return path_; }

    // Writes TEXT to NAME in this folder and returns its path.
    std::filesystem::path write(std::string_view name, std::string_view text) const {
        auto file = path_ / name;
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }

private:
    std::filesystem::path path_;
};

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
