// One fuzz target per parser, written once and built two ways:
//   - with INCIMAP_FUZZ_ENTRY (the INCIMAP_FUZZ build tree, clang), as a
//     libFuzzer program: LLVMFuzzerTestOneInput calls the body with each
//     input libFuzzer makes up;
//   - otherwise, inside incimap_tests, as a Catch2 test case that runs the
//     body on every file of tests/fuzz/corpus/NAME and
//     tests/fuzz/regressions/NAME (inputs that once crashed).
//
//   INCIMAP_FUZZ_TARGET(dates) {
//       accept_input_errors([&] { find_dates(input, "2024-09-17"); });
//   }
//
// The body receives `std::string_view input`. Errors the parser documents
// (incimap::Error and its subclasses) are the right answer to a bad input;
// anything else that escapes — std::out_of_range, a JSON library exception —
// is a finding, and so is any crash or sanitizer report.
#pragma once

#include "core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace incimap::fuzz {

// Runs parse, treating an incimap::Error as a handled bad input.
template <typename Parse>
void accept_input_errors(Parse&& parse) {
    try {
        parse();
    } catch (const incimap::Error&) {
    }
}

// The input as the first line (up to the first '\n') and the rest.
inline std::pair<std::string_view, std::string_view> split_first_line(std::string_view input) {
    const auto newline = input.find('\n');
    if (newline == std::string_view::npos)
        return {input, {}};
    return {input.substr(0, newline), input.substr(newline + 1)};
}

} // namespace incimap::fuzz

#ifdef INCIMAP_FUZZ_ENTRY

#define INCIMAP_FUZZ_TARGET(name)                                                         \
    static void incimap_fuzz_##name(std::string_view input);                             \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { \
        incimap_fuzz_##name(std::string_view(reinterpret_cast<const char*>(data), size)); \
        return 0;                                                                         \
    }                                                                                     \
    static void incimap_fuzz_##name(std::string_view input)

#else

#include "fuzz/replay.hpp"

#include <catch2/catch.hpp>

#define INCIMAP_FUZZ_TARGET(name)                                                          \
    static void incimap_fuzz_##name(std::string_view input);                              \
    TEST_CASE("fuzz target " #name " reads its seed corpus and past crash inputs", "[fuzz]") { \
        incimap::fuzz::replay(#name, incimap_fuzz_##name);                                 \
    }                                                                                      \
    static void incimap_fuzz_##name(std::string_view input)

#endif
