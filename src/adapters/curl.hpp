// Thin RAII adapter over libcurl's easy interface, the only file pair that
// sees <curl/curl.h>. It performs one HTTP(S) transfer at a time and reports
// what happened in plain C++ terms; deciding what to retry, resume or give up
// on belongs to sources/http.hpp.
//
// Thread safety: one Session per thread. curl_global_init runs once, the
// first time a Session is made or initialize() is called; a program that
// starts threads calls initialize() before it does.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace incimap::curl {

// Runs curl_global_init exactly once for the process.
// Throws LibraryError when libcurl cannot initialise.
void initialize();

// libcurl's version string, e.g. "7.88.1".
std::string_view version();

struct Request {
    std::string url; // http:// or https:// only; other schemes fail
    std::string user_agent;
    std::chrono::milliseconds connect_timeout{0}; // 0: libcurl's default
    std::chrono::milliseconds total_timeout{0};   // 0: none
    // Abort when fewer than low_speed_limit bytes/s arrive for low_speed_time.
    long low_speed_limit = 0;
    std::chrono::seconds low_speed_time{0};
    long max_redirects = 10;        // followed automatically, http/https only
    std::uint64_t range_from = 0;   // > 0: ask for bytes range_from- (Range)
    bool accept_compressed = false; // Accept-Encoding, decoded transparently
};

// The status line and the headers the engine decides on, for one response.
// With redirects there is one per hop.
struct ResponseHead {
    long status = 0;
    std::string reason; // "Not Found"; empty over HTTP/2
    std::optional<std::uint64_t> content_length;
    std::string content_type;
    bool has_location = false;
    std::optional<std::uint64_t> range_start;        // Content-Range: bytes START-…
    std::optional<std::uint64_t> range_total;        // Content-Range: …/TOTAL
    std::optional<std::chrono::seconds> retry_after; // delta-seconds form only
    std::optional<std::chrono::system_clock::time_point> last_modified;
};

// The ways a transfer ends, as far as a caller needs to tell them apart.
enum class Outcome {
    ok,
    bad_url,
    couldnt_resolve,
    couldnt_connect,   // see os_errno for refused vs unreachable
    timed_out,         // connect timeout, total timeout or low-speed limit
    partial_body,      // closed before Content-Length bytes arrived
    connection_failed, // reset, nothing received, send/receive error
    bad_body,          // a body its Content-Encoding (gzip, deflate…) does not decode
    too_many_redirects,
    protocol_not_allowed, // a scheme other than http/https, also via redirect
    tls_failed,
    stopped, // a callback returned false
    other,
};

struct TransferResult {
    Outcome outcome = Outcome::other;
    std::string message;    // libcurl's error buffer, else its generic text
    int os_errno = 0;       // errno of the failed connect (ECONNREFUSED, …)
    bool connected = false; // a connection to the server was made
    long status = 0;        // status of the last response, 0 if none
    std::string final_url;
    std::string content_type;
};

// Each callback returns false to stop the transfer (Outcome::stopped).
// An exception thrown by a callback stops the transfer and is rethrown by
// perform().
struct TransferCallbacks {
    // A response head is complete (1xx interim responses are skipped).
    std::function<bool(const ResponseHead&)> on_head;
    // A chunk of the final response's body.
    std::function<bool(std::string_view chunk)> on_body;
    // About once a second and whenever data arrives; tells whether the
    // connection to the server is made yet.
    std::function<bool(bool connected)> on_progress;
};

// One libcurl easy handle. Reusing a Session for several transfers to the
// same host reuses its connection.
class Session {
  public:
    // Throws LibraryError when libcurl cannot create a handle.
    Session();
    ~Session();
    Session(Session&&) noexcept;
    Session& operator=(Session&&) noexcept;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Performs the request. Transfer failures come back in the result;
    // throws LibraryError only when libcurl rejects an option, and rethrows
    // what a callback threw.
    TransferResult perform(const Request& request, const TransferCallbacks& callbacks);

  private:
    struct HandleDeleter {
        void operator()(void* handle) const noexcept;
    };
    std::unique_ptr<void, HandleDeleter> handle_; // CURL*
};

} // namespace incimap::curl
