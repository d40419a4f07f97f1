#include "render/progress.hpp"

#include "core/counted.hpp"

#include <fmt/format.h>

namespace incimap::render {

TileProgress::TileProgress(bool quiet, std::FILE* out, bool details)
    : line_(!quiet, out), details_(details) {}

void TileProgress::update(int zoom, std::uint64_t done, std::uint64_t total) {
    line_.count(fmt::format("zoom {:2}", zoom), done, total, "tile");
}

void TileProgress::zoom_done(int zoom, std::uint64_t written, double seconds) {
    if (details_)
        line_.message(fmt::format("zoom {:2}: {} written in {:.2f} s", zoom, counted(written, "tile"), seconds));
}

void TileProgress::message(const std::string& text) {
    line_.message(text);
}

} // namespace incimap::render
