// Downloads over HTTP(S): the engine behind `gazetteer fetch` and the article
// reader. It retries what is worth retrying (refused or reset connections,
// timeouts, stalls, truncated bodies, HTTP 5xx and 429) with exponential
// backoff, never a 4xx; resumes a partial file with a Range request when the
// server allows it; caps the size of what it accepts; and never leaves a
// half-written file under the final name.
//
// Every error is a NetworkError whose message names the URL and what went
// wrong ("HTTP 404 Not Found for https://…/XX.zip", "stalled: no data for
// 30 s from …", "connection refused: …").
#pragma once

#include "core/error.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace incimap::sources {

inline constexpr std::uint64_t mebibyte = std::uint64_t{1} << 20;
inline constexpr std::uint64_t gibibyte = std::uint64_t{1} << 30;

// Where a transfer stands; passed to DownloadOptions::progress.
struct TransferProgress {
    std::string_view url;
    std::uint64_t received = 0;         // bytes of the body held so far, resumed ones included
    std::optional<std::uint64_t> total; // the full body size, when the server said
    std::uint64_t resumed_from = 0;     // bytes already held when this attempt began
    std::chrono::steady_clock::duration elapsed{}; // since this attempt began
};

struct DownloadOptions {
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(20)};
    // A stall: no data at all for low_speed_time once connected (noticed
    // within about a second). A low_speed_limit above 1 byte/s also gives up
    // on a transfer slower than that over a window of low_speed_time plus a
    // few seconds (libcurl's averaging).
    long low_speed_limit = 1;
    std::chrono::seconds low_speed_time{30};
    std::chrono::milliseconds total_timeout{0};  // per attempt; 0: no limit
    // All the attempts at one URL together, the waits between them included:
    // when it runs out the URL is given up, whatever retries are left, with
    // a message naming the URL and the limit. 0: no limit.
    std::chrono::milliseconds deadline{0};
    std::uint64_t max_bytes = gibibyte;          // the body may not be larger
    int retries = 3;                             // further attempts after a transient failure
    std::chrono::milliseconds retry_delay{1000}; // before the first retry, then doubled
    std::chrono::milliseconds max_retry_delay{30000};
    long max_redirects = 10;
    std::string user_agent;                                // empty: default_user_agent()
    std::function<void(const TransferProgress&)> progress; // may be empty
};

// A status >= 400 that was final (not retried, or retried without success).
class HttpStatusError : public NetworkError {
  public:
    HttpStatusError(const std::string& message, long status)
        : NetworkError(message), status_(status) {}
    long status() const { return status_; }

  private:
    long status_;
};

struct DownloadReport {
    std::uint64_t bytes = 0;        // size of the finished file
    std::uint64_t resumed_from = 0; // bytes reused from an earlier .part
    int attempts = 0;
    std::string final_url; // after redirects
    std::chrono::steady_clock::duration elapsed{};
};

// Downloads url into dest. The body goes to "dest.part" (created with its
// folder if missing) and is renamed to dest only once complete. An existing
// .part is resumed with a Range request; a server that answers 200 instead
// of 206 gets a clean restart. After a transient failure the .part stays for
// the next attempt (or the next run); after a permanent one it is removed.
// Throws NetworkError (HttpStatusError for HTTP statuses) naming the URL, and
// InputError when dest cannot be written.
DownloadReport download_to_file(std::string_view url, const std::filesystem::path& dest,
                                const DownloadOptions& options);

struct FetchedDocument {
    std::string body; // decoded when the server compressed it
    std::string final_url;
    std::string content_type;
    long status = 0;
};

// Fetches url into memory, with the same retries and limits (max_bytes
// applies to the decoded body). Throws as download_to_file does.
FetchedDocument fetch_to_memory(std::string_view url, const DownloadOptions& options);

// "incimap/VERSION (+project URL) libcurl/VERSION"
std::string default_user_agent();

} // namespace incimap::sources
