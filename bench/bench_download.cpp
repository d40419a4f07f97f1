// bench_download: throughput of the download engine against the curl tool.
//
//   bench_download URL [RUNS]
//
// Downloads URL RUNS times (default 5) with sources::download_to_file, then
// as many times with `curl -sS -o FILE URL`, into a scratch folder, and
// prints the median time and rate of each. Serve a large file on loopback to
// measure the engine rather than the network, e.g.
//   head -c 500M /dev/urandom > /tmp/big.bin
//   python3 -m http.server --bind 127.0.0.1 8765 --directory /tmp &
//   bench_download http://127.0.0.1:8765/big.bin
#include "sources/http.hpp"
#include "sources/transfer_display.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

void print_row(const char* what, const std::vector<double>& seconds, std::uint64_t bytes) {
    double m = median(seconds);
    fmt::print("{:<28} {:>8.3f} s  {:>10}/s\n", what, m,
               incimap::sources::format_byte_size(
                   static_cast<std::uint64_t>(static_cast<double>(bytes) / m)));
}

std::string shell_quote(const std::string& text) {
    std::string quoted = "'";
    for (char c : text)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        fmt::print(stderr, "usage: bench_download URL [RUNS]\n");
        return 2;
    }
    std::string url = argv[1];
    int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    auto scratch = std::filesystem::temp_directory_path() /
                   fmt::format("incimap-bench-download-{}", ::getpid());
    std::filesystem::create_directories(scratch);
    auto dest = scratch / "download.bin";

    try {
        std::vector<double> engine;
        std::uint64_t bytes = 0;
        for (int i = 0; i < runs; ++i) {
            std::filesystem::remove(dest);
            auto start = Clock::now();
            auto report =
                incimap::sources::download_to_file(url, dest, incimap::sources::DownloadOptions{});
            engine.push_back(std::chrono::duration<double>(Clock::now() - start).count());
            bytes = report.bytes;
        }
        fmt::print("{} ({}), median of {} runs\n", url, incimap::sources::format_byte_size(bytes),
                   runs);
        print_row("incimap download_to_file", engine, bytes);

        std::vector<double> peer;
        std::string command =
            fmt::format("curl -sS -o {} {}", shell_quote(dest.string()), shell_quote(url));
        for (int i = 0; i < runs; ++i) {
            std::filesystem::remove(dest);
            auto start = Clock::now();
            if (std::system(command.c_str()) != 0) {
                fmt::print("curl failed or is missing; no comparison\n");
                peer.clear();
                break;
            }
            peer.push_back(std::chrono::duration<double>(Clock::now() - start).count());
        }
        if (!peer.empty())
            print_row("curl -o (peer)", peer, bytes);
    } catch (const std::exception& e) {
        fmt::print(stderr, "bench_download: {}\n", e.what());
        std::filesystem::remove_all(scratch);
        return 1;
    }
    std::filesystem::remove_all(scratch);
    return 0;
}
