#include "core/stop_signal.hpp"

#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <cstring>

namespace incimap {
namespace {

std::atomic<int> received{0};
static_assert(std::atomic<int>::is_always_lock_free, "a signal handler may only touch lock-free atomics");

extern "C" void record_signal(int signal) {
    int none = 0;
    received.compare_exchange_strong(none, signal);
}

void catch_signal(int signal, struct sigaction& before) {
    struct sigaction action {};
    action.sa_handler = record_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(signal, nullptr, &before);
    if (before.sa_handler != SIG_IGN)
        sigaction(signal, &action, nullptr);
}

} // namespace

Stopped::Stopped(int signal)
    : Error(fmt::format("stopped by {}", signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM"
                                                                                      : strsignal(signal))),
      signal_(signal) {}

StopOnSignal::StopOnSignal() {
    received = 0;
    catch_signal(SIGINT, before_interrupt_);
    catch_signal(SIGTERM, before_terminate_);
}

StopOnSignal::~StopOnSignal() {
    sigaction(SIGINT, &before_interrupt_, nullptr);
    sigaction(SIGTERM, &before_terminate_, nullptr);
}

bool stop_requested() noexcept { return received.load() != 0; }

void throw_if_stop_requested() {
    if (const int signal = received.load())
        throw Stopped(signal);
}

} // namespace incimap
