// Byte sizes and download progress as people read and type them: "12.5 MiB",
// "--max-size 2G", and the one-line meter on stderr while a file downloads.
#pragma once

#include "core/progress.hpp"
#include "sources/http.hpp"

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace incimap::sources {

// "512 B", "1.5 KiB", "40 MiB", "1 GiB" (binary units, one decimal at most).
std::string format_byte_size(std::uint64_t bytes);

// Reads "1048576", "500K", "1.5M", "2G", "2GiB", "300 MB" (K, M, G, T are
// powers of 1024 whatever the spelling). Throws UsageError quoting the text
// when it is not a size.
std::uint64_t parse_byte_size(std::string_view text);

// Shows the progress of a download (core/progress.hpp). On a terminal it
// redraws one line in place (at most ten times a second); on anything else
// it writes a plain line now and then, once the download has taken a while;
// when disabled (-q) it writes nothing.
class ProgressMeter {
  public:
    ProgressMeter(std::string label, bool enabled, std::FILE* out = stderr);

    void update(const TransferProgress& progress);
    // Clears the redrawn line so that what follows starts on a clean line.
    void finish();

  private:
    std::string describe(const TransferProgress& progress) const;

    std::string label_;
    ProgressLine line_;
};

} // namespace incimap::sources
