#include "core/progress.hpp"

#include "core/counted.hpp"

#include <fmt/format.h>

#include <unistd.h>

namespace incimap {

using Clock = std::chrono::steady_clock;

ProgressLine::ProgressLine(bool enabled, std::FILE* out, std::chrono::milliseconds plain_every)
    : out_(out), enabled_(enabled), terminal_(::isatty(::fileno(out)) == 1),
      plain_every_(plain_every) {}

ProgressLine::~ProgressLine() {
    clear();
}

void ProgressLine::status(std::string_view text, bool force) {
    if (!enabled_)
        return;
    const auto now = Clock::now();
    if (terminal_) {
        if (drawn_ && !force && now - last_draw_ < std::chrono::milliseconds(100))
            return;
        fmt::print(out_, "\r{}\033[K", text);
        drawn_ = true;
    } else {
        if (plain_every_.count() == 0 ||
            (last_draw_ != Clock::time_point{} && now - last_draw_ < plain_every_))
            return;
        fmt::print(out_, "{}\n", text);
    }
    last_draw_ = now;
    std::fflush(out_);
}

void ProgressLine::count(std::string_view label, std::uint64_t done, std::uint64_t total,
                         std::string_view unit) {
    if (!enabled_)
        return;
    if (total == 0)
        status(fmt::format("{} {}", label, counted(done, unit)));
    else
        status(fmt::format("{} {} {}/{} {}", label, progress_bar(done, total), done, total,
                           noun_for(total, unit)),
               done >= total);
}

void ProgressLine::message(std::string_view text) {
    if (!enabled_)
        return;
    clear();
    fmt::print(out_, "{}\n", text);
    std::fflush(out_);
}

void ProgressLine::error(std::string_view text) {
    clear();
    fmt::print(out_, "{}\n", text);
    std::fflush(out_);
}

void ProgressLine::clear() {
    if (enabled_ && terminal_ && drawn_) {
        fmt::print(out_, "\r\033[K");
        std::fflush(out_);
    }
    drawn_ = false;
}

std::string progress_bar(std::uint64_t done, std::uint64_t total, int width) {
    const auto filled =
        total == 0 ? 0 : static_cast<int>(static_cast<double>(width) * static_cast<double>(std::min(done, total)) /
                                          static_cast<double>(total));
    std::string bar(static_cast<std::size_t>(width) + 2, '.');
    bar.front() = '[';
    bar.replace(1, static_cast<std::size_t>(filled), static_cast<std::size_t>(filled), '#');
    bar.back() = ']';
    return bar;
}

} // namespace incimap
