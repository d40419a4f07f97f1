// The exceptions incimap throws. Every message quotes the bad value and
// where it came from ("ML.txt:1834: latitude '91.2' out of range"); callers
// higher up may prepend more context with Error::with_context().
//
// main() maps them to exit codes: UsageError -> 2, every other Error -> 1.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace incimap {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}

    // Returns a copy of this error (same dynamic type is not preserved on
    // purpose: the context is for the message) with "context: " in front.
    [[nodiscard]] Error with_context(std::string_view context) const;

    // The message as reported for NAME (an input, a file): "NAME: message",
    // or the message alone when it names NAME already ("NAME:13: …").
    [[nodiscard]] std::string naming(std::string_view name) const;
};

// The command line was wrong: unknown option, missing argument, bad value.
class UsageError : public Error {
public:
    using Error::Error;
};

// A file, row, document or value could not be read or made sense of.
class InputError : public Error {
public:
    using Error::Error;
    // "PATH:LINE: what"
    InputError(std::string_view path, long line, std::string_view what);
};

// Talking to a server failed: connection, timeout, HTTP status, size cap.
class NetworkError : public Error {
public:
    using Error::Error;
};

// A C library call failed; the message names the call and the library's own
// diagnostic.
class LibraryError : public Error {
public:
    using Error::Error;
};

// VALUE as messages quote it: in single quotes, cut after MAX_SHOWN bytes
// (at a character boundary) with "…" when longer, so that a megabyte of
// input is never echoed back whole.
std::string quoted(std::string_view value, std::size_t max_shown = 40);

// Exit codes, documented in `incimap --help`.
enum ExitCode : int { exit_ok = 0, exit_data_error = 1, exit_usage_error = 2 };

} // namespace incimap
