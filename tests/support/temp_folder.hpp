// A fresh, empty folder for one test's files, removed with everything in it
// when the test ends.
#pragma once

#include <fmt/format.h>

#include <filesystem>
#include <unistd.h>

namespace incimap::testing {

struct TempFolder {
    std::filesystem::path path;
    explicit TempFolder(const char* name)
        : path(std::filesystem::temp_directory_path() / fmt::format("incimap-{}-{}", name, ::getpid())) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempFolder() { std::filesystem::remove_all(path); }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    bool empty() const { return std::filesystem::is_empty(path); }
};

} // namespace incimap::testing
