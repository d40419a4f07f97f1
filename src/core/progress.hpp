// Progress of long work on stderr, shared by every area that has some
// (downloads, reading reports, drawing tiles): one status line redrawn in
// place on a terminal, with a bar when the amount of work is known. Off a
// terminal the line is not drawn (unless the owner asks for a plain line now
// and then); when disabled (-q) nothing is written but errors. Messages —
// whole lines between redraws — go out whenever the display is enabled.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace incimap {

class ProgressLine {
public:
    // PLAIN_EVERY: off a terminal, write the status as a plain line at most
    // this often (zero: never).
    explicit ProgressLine(bool enabled, std::FILE* out = stderr,
                          std::chrono::milliseconds plain_every = std::chrono::milliseconds(0));
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    bool enabled() const { return enabled_; }
    bool terminal() const { return terminal_; }

    // Shows TEXT as the status line: redrawn on a terminal at most ten times
    // a second (always when FORCE); off a terminal see PLAIN_EVERY.
    void status(std::string_view text, bool force = false);
    // "LABEL [#######.......] DONE/TOTAL UNITs", or "LABEL DONE UNITs" when
    // TOTAL is zero (unknown); final when DONE reaches TOTAL. UNIT is the
    // singular noun ("tile"), made plural as the count calls for.
    void count(std::string_view label, std::uint64_t done, std::uint64_t total,
               std::string_view unit);
    // A line of its own: clears the status line first.
    void message(std::string_view text);
    // As message(), but written even when disabled: for errors.
    void error(std::string_view text);
    // Removes the status line, so that what follows starts on a clean line.
    void clear();

private:
    std::FILE* out_;
    bool enabled_;
    bool terminal_;
    std::chrono::milliseconds plain_every_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_draw_{};
};

// "[##########..........]": DONE of TOTAL as a bar WIDTH characters wide.
std::string progress_bar(std::uint64_t done, std::uint64_t total, int width = 30);

} // namespace incimap
