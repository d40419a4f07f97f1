// Stopping long work cleanly on SIGINT and SIGTERM. Work that keeps
// temporary files or folders until it completes (a tile folder rendered
// under "OUT.tmpPID") holds a StopOnSignal while it runs: the two signals
// then only record that a stop was asked for, the work polls
// stop_requested() where it can stop safely and throws Stopped, and the
// unwinding removes the temporaries. The recorded signal is the one piece
// of process-wide state here: a signal handler can reach nothing else.
#pragma once

#include "core/error.hpp"

#include <csignal>

namespace incimap {

// The work was stopped by a signal; main() exits with 128 + signal(), as a
// shell reports a process the signal ended.
class Stopped : public Error {
public:
    explicit Stopped(int signal);
    int signal() const noexcept { return signal_; }

private:
    int signal_;
};

// Catches SIGINT and SIGTERM while it lives and puts the earlier handlers
// back after (a signal the process was started with ignored stays ignored).
// One at a time, from the main thread.
class StopOnSignal {
public:
    StopOnSignal();
    ~StopOnSignal();
    StopOnSignal(const StopOnSignal&) = delete;
    StopOnSignal& operator=(const StopOnSignal&) = delete;

private:
    struct sigaction before_interrupt_ {};
    struct sigaction before_terminate_ {};
};

// Whether SIGINT or SIGTERM came while a StopOnSignal was alive. Any thread.
bool stop_requested() noexcept;
// Throws Stopped when stop_requested(). Any thread.
void throw_if_stop_requested();

} // namespace incimap
