// Progress of a long rendering on stderr: on a terminal a bar redrawn in
// place (at most five times a second); otherwise one line per zoom level;
// nothing at all when quiet.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace incimap::render {

class TileProgress {
public:
    explicit TileProgress(bool quiet, std::FILE* out = stderr);
    void update(int zoom, std::uint64_t done, std::uint64_t total);
    // A zoom level is complete: written tiles and seconds taken.
    void zoom_done(int zoom, std::uint64_t written, double seconds);
    void message(const std::string& text);

private:
    void clear_line();
    std::FILE* out_;
    bool quiet_;
    bool terminal_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_{};
};

} // namespace incimap::render
