// A fresh, empty folder for one test's files under the system temporary
// directory, removed with everything in it when the test ends.
#pragma once

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace incimap::test {

class ScratchDir {
  public:
    ScratchDir() {
        auto pattern = (std::filesystem::temp_directory_path() / "incimap-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
        path_ = pattern;
    }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(std::string_view name) const { return path_ / name; }
    bool empty() const { return std::filesystem::is_empty(path_); }

    // Writes TEXT to NAME in this folder ("sub/a.txt" makes sub/ too) and
    // returns its path.
    std::filesystem::path write(std::string_view name, std::string_view text) const {
        auto file = path_ / name;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }

  private:
    std::filesystem::path path_;
};

} // namespace incimap::test
