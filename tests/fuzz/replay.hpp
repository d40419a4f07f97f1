// Replaying a fuzz target's inputs inside the unit tests (fuzz_target.hpp):
// every file of tests/fuzz/corpus/NAME and tests/fuzz/regressions/NAME.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::fuzz {

inline std::vector<std::filesystem::path> replay_inputs(std::string_view target) {
    std::vector<std::filesystem::path> files;
    for (const char* kind : {"corpus", "regressions"}) {
        const auto folder = std::filesystem::path(INCIMAP_TEST_DIR) / "fuzz" / kind / target;
        if (!std::filesystem::is_directory(folder))
            continue;
        for (const auto& entry : std::filesystem::directory_iterator(folder))
            if (entry.is_regular_file())
                files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

inline void replay(std::string_view target, const std::function<void(std::string_view)>& body) {
    const auto files = replay_inputs(target);
    REQUIRE_FALSE(files.empty());  // every target ships a seed corpus
    for (const auto& file : files) {
        INFO(file.string());
        std::ifstream in(file, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        const std::string input = bytes.str();
        REQUIRE_NOTHROW(body(input));
    }
}

} // namespace incimap::fuzz
