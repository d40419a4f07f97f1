// Progress of a long rendering on stderr (core/progress.hpp): on a terminal
// a bar redrawn in place; the zoom levels done as lines of their own when
// DETAILS; nothing at all when quiet.
#pragma once

#include "core/progress.hpp"

#include <cstdint>
#include <cstdio>
#include <string>

namespace incimap::render {

class TileProgress {
public:
    explicit TileProgress(bool quiet, std::FILE* out = stderr, bool details = true);
    void update(int zoom, std::uint64_t done, std::uint64_t total);
    // A zoom level is complete: written tiles and seconds taken.
    void zoom_done(int zoom, std::uint64_t written, double seconds);
    void message(const std::string& text);

private:
    ProgressLine line_;
    bool details_;
};

} // namespace incimap::render
