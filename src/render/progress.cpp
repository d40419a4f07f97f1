#include "render/progress.hpp"

#include <fmt/format.h>

#include <unistd.h>

namespace incimap::render {

TileProgress::TileProgress(bool quiet, std::FILE* out)
    : out_(out), quiet_(quiet), terminal_(::isatty(::fileno(out)) != 0) {}

void TileProgress::clear_line() {
    if (drawn_) {
        fmt::print(out_, "\r\033[K");
        drawn_ = false;
    }
}

void TileProgress::update(int zoom, std::uint64_t done, std::uint64_t total) {
    if (quiet_ || !terminal_ || total == 0)
        return;
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && done < total && now - last_ < std::chrono::milliseconds(200))
        return;
    last_ = now;
    constexpr int width = 30;
    const int filled = static_cast<int>(width * done / total);
    fmt::print(out_, "\rzoom {:2} [{}{}] {}/{} tiles", zoom, std::string(filled, '#'),
               std::string(width - filled, '.'), done, total);
    std::fflush(out_);
    drawn_ = true;
}

void TileProgress::zoom_done(int zoom, std::uint64_t written, double seconds) {
    if (quiet_)
        return;
    clear_line();
    fmt::print(out_, "zoom {:2}: {} tiles written in {:.2f} s\n", zoom, written, seconds);
}

void TileProgress::message(const std::string& text) {
    if (quiet_)
        return;
    clear_line();
    fmt::print(out_, "{}\n", text);
}

} // namespace incimap::render
