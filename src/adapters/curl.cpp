#include "adapters/curl.hpp"

#include "core/error.hpp"

#include <array>
#include <charconv>
#include <curl/curl.h>
#include <exception>
#include <fmt/format.h>
#include <strings.h>

namespace incimap::curl {
namespace {

CURL* as_curl(void* handle) {
    return static_cast<CURL*>(handle);
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                             text.back() == '\n'))
        text.remove_suffix(1);
    return text;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

template <typename Number> std::optional<Number> parse_number(std::string_view text) {
    Number value{};
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// "HTTP/1.1 404 Not Found" or "HTTP/2 404"
void parse_status_line(std::string_view line, ResponseHead& head) {
    auto space = line.find(' ');
    if (space == std::string_view::npos)
        return;
    auto rest = line.substr(space + 1);
    auto code_end = rest.find(' ');
    head.status = parse_number<long>(rest.substr(0, code_end)).value_or(0);
    head.reason =
        code_end == std::string_view::npos ? "" : std::string(trim(rest.substr(code_end + 1)));
}

// "bytes 100-199/200", "bytes */200" (the latter on 416)
void parse_content_range(std::string_view value, ResponseHead& head) {
    if (value.substr(0, 6) != "bytes ")
        return;
    value.remove_prefix(6);
    auto slash = value.find('/');
    if (slash == std::string_view::npos)
        return;
    head.range_total = parse_number<std::uint64_t>(value.substr(slash + 1));
    auto dash = value.find('-');
    if (dash != std::string_view::npos && dash < slash)
        head.range_start = parse_number<std::uint64_t>(value.substr(0, dash));
}

void parse_header(std::string_view line, ResponseHead& head) {
    auto colon = line.find(':');
    if (colon == std::string_view::npos)
        return;
    auto name = trim(line.substr(0, colon));
    auto value = trim(line.substr(colon + 1));
    if (equals_ignoring_case(name, "Content-Length"))
        head.content_length = parse_number<std::uint64_t>(value);
    else if (equals_ignoring_case(name, "Content-Type"))
        head.content_type = std::string(value);
    else if (equals_ignoring_case(name, "Location"))
        head.has_location = !value.empty();
    else if (equals_ignoring_case(name, "Content-Range"))
        parse_content_range(value, head);
    else if (equals_ignoring_case(name, "Last-Modified")) {
        std::string date(value);
        if (time_t seconds = curl_getdate(date.c_str(), nullptr); seconds != -1)
            head.last_modified = std::chrono::system_clock::from_time_t(seconds);
    } else if (equals_ignoring_case(name, "Retry-After")) {
        if (auto seconds = parse_number<long>(value); seconds && *seconds >= 0)
            head.retry_after = std::chrono::seconds(*seconds);
    }
}

// What the C callbacks share with perform(). Exceptions must not cross
// libcurl's C frames, so a callback's exception is parked here.
struct TransferState {
    CURL* handle = nullptr;
    const TransferCallbacks* callbacks = nullptr;
    ResponseHead head;
    bool stopped = false;
    std::exception_ptr error;
    std::array<char, CURL_ERROR_SIZE> error_buffer{};
};

template <typename Body> bool guarded(TransferState& state, Body body) {
    try {
        if (body())
            return true;
        state.stopped = true;
    } catch (...) {
        state.error = std::current_exception();
    }
    return false;
}

size_t on_header_line(char* buffer, size_t size, size_t count, void* user) {
    auto& state = *static_cast<TransferState*>(user);
    size_t length = size * count;
    std::string_view line = trim(std::string_view(buffer, length));
    bool go_on = guarded(state, [&] {
        if (line.substr(0, 5) == "HTTP/") {
            state.head = ResponseHead{};
            parse_status_line(line, state.head);
        } else if (line.empty()) {
            bool interim = state.head.status >= 100 && state.head.status < 200;
            if (!interim && state.callbacks->on_head)
                return state.callbacks->on_head(state.head);
        } else {
            parse_header(line, state.head);
        }
        return true;
    });
    return go_on ? length : 0;
}

size_t on_body_chunk(char* data, size_t size, size_t count, void* user) {
    auto& state = *static_cast<TransferState*>(user);
    size_t length = size * count;
    bool go_on = guarded(state, [&] {
        return !state.callbacks->on_body ||
               state.callbacks->on_body(std::string_view(data, length));
    });
    return go_on ? length : 0;
}

int on_transfer_info(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto& state = *static_cast<TransferState*>(user);
    bool go_on = guarded(state, [&] {
        if (!state.callbacks->on_progress)
            return true;
        curl_off_t connect_time = 0;
        curl_easy_getinfo(state.handle, CURLINFO_CONNECT_TIME_T, &connect_time);
        return state.callbacks->on_progress(connect_time > 0);
    });
    return go_on ? 0 : 1;
}

Outcome outcome_of(CURLcode code, bool stopped) {
    switch (code) {
    case CURLE_OK:
        return Outcome::ok;
    case CURLE_URL_MALFORMAT:
        return Outcome::bad_url;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return Outcome::couldnt_resolve;
    case CURLE_COULDNT_CONNECT:
        return Outcome::couldnt_connect;
    case CURLE_OPERATION_TIMEDOUT:
        return Outcome::timed_out;
    case CURLE_PARTIAL_FILE:
        return Outcome::partial_body;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return Outcome::connection_failed;
    case CURLE_BAD_CONTENT_ENCODING:
        return Outcome::bad_body;
    case CURLE_TOO_MANY_REDIRECTS:
        return Outcome::too_many_redirects;
    case CURLE_UNSUPPORTED_PROTOCOL:
        return Outcome::protocol_not_allowed;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
        return Outcome::tls_failed;
    case CURLE_WRITE_ERROR:
    case CURLE_ABORTED_BY_CALLBACK:
        return stopped ? Outcome::stopped : Outcome::other;
    default:
        return Outcome::other;
    }
}

class Options {
  public:
    Options(CURL* handle, std::string_view url) : handle_(handle), url_(url) {}

    template <typename Value> void set(CURLoption option, const char* name, Value value) {
        CURLcode code = curl_easy_setopt(handle_, option, value);
        if (code != CURLE_OK)
            throw LibraryError(fmt::format("libcurl rejected {} for {}: {}", name, url_,
                                           curl_easy_strerror(code)));
    }

  private:
    CURL* handle_;
    std::string_view url_;
};

void apply(const Request& request, TransferState& state, CURL* handle, const std::string& range) {
    Options options(handle, request.url);
    options.set(CURLOPT_URL, "CURLOPT_URL", request.url.c_str());
    options.set(CURLOPT_ERRORBUFFER, "CURLOPT_ERRORBUFFER", state.error_buffer.data());
    options.set(CURLOPT_NOSIGNAL, "CURLOPT_NOSIGNAL", 1L);
    options.set(CURLOPT_PROTOCOLS_STR, "CURLOPT_PROTOCOLS_STR", "http,https");
    options.set(CURLOPT_REDIR_PROTOCOLS_STR, "CURLOPT_REDIR_PROTOCOLS_STR", "http,https");
    options.set(CURLOPT_FOLLOWLOCATION, "CURLOPT_FOLLOWLOCATION", 1L);
    options.set(CURLOPT_MAXREDIRS, "CURLOPT_MAXREDIRS", request.max_redirects);
    // Loopback never goes through a proxy taken from the environment.
    options.set(CURLOPT_NOPROXY, "CURLOPT_NOPROXY", "localhost,127.0.0.1,::1");
    options.set(CURLOPT_TCP_KEEPALIVE, "CURLOPT_TCP_KEEPALIVE", 1L);
    if (!request.user_agent.empty())
        options.set(CURLOPT_USERAGENT, "CURLOPT_USERAGENT", request.user_agent.c_str());
    options.set(CURLOPT_CONNECTTIMEOUT_MS, "CURLOPT_CONNECTTIMEOUT_MS",
                static_cast<long>(request.connect_timeout.count()));
    options.set(CURLOPT_TIMEOUT_MS, "CURLOPT_TIMEOUT_MS",
                static_cast<long>(request.total_timeout.count()));
    options.set(CURLOPT_LOW_SPEED_LIMIT, "CURLOPT_LOW_SPEED_LIMIT", request.low_speed_limit);
    options.set(CURLOPT_LOW_SPEED_TIME, "CURLOPT_LOW_SPEED_TIME",
                static_cast<long>(request.low_speed_time.count()));
    if (!range.empty())
        options.set(CURLOPT_RANGE, "CURLOPT_RANGE", range.c_str());
    if (request.accept_compressed)
        options.set(CURLOPT_ACCEPT_ENCODING, "CURLOPT_ACCEPT_ENCODING", "");
    options.set(CURLOPT_HEADERFUNCTION, "CURLOPT_HEADERFUNCTION", &on_header_line);
    options.set(CURLOPT_HEADERDATA, "CURLOPT_HEADERDATA", static_cast<void*>(&state));
    options.set(CURLOPT_WRITEFUNCTION, "CURLOPT_WRITEFUNCTION", &on_body_chunk);
    options.set(CURLOPT_WRITEDATA, "CURLOPT_WRITEDATA", static_cast<void*>(&state));
    options.set(CURLOPT_NOPROGRESS, "CURLOPT_NOPROGRESS", 0L);
    options.set(CURLOPT_XFERINFOFUNCTION, "CURLOPT_XFERINFOFUNCTION", &on_transfer_info);
    options.set(CURLOPT_XFERINFODATA, "CURLOPT_XFERINFODATA", static_cast<void*>(&state));
}

} // namespace

void initialize() {
    struct GlobalInit {
        GlobalInit() {
            CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
            if (code != CURLE_OK)
                throw LibraryError(
                    fmt::format("curl_global_init failed: {}", curl_easy_strerror(code)));
        }
        GlobalInit(const GlobalInit&) = delete;
        GlobalInit& operator=(const GlobalInit&) = delete;
        ~GlobalInit() { curl_global_cleanup(); }
    };
    static const GlobalInit once;
}

std::string_view version() {
    return curl_version_info(CURLVERSION_NOW)->version;
}

void Session::HandleDeleter::operator()(void* handle) const noexcept {
    curl_easy_cleanup(as_curl(handle));
}

Session::Session() {
    initialize();
    handle_.reset(curl_easy_init());
    if (!handle_)
        throw LibraryError("curl_easy_init failed to create a transfer handle");
}

Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

TransferResult Session::perform(const Request& request, const TransferCallbacks& callbacks) {
    CURL* handle = as_curl(handle_.get());
    curl_easy_reset(handle);
    TransferState state;
    state.handle = handle;
    state.callbacks = &callbacks;
    std::string range = request.range_from > 0 ? fmt::format("{}-", request.range_from) : "";
    apply(request, state, handle, range);

    CURLcode code = curl_easy_perform(handle);
    // The buffer must not outlive this call inside the reused handle.
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, nullptr);
    if (state.error)
        std::rethrow_exception(state.error);

    TransferResult result;
    result.outcome = outcome_of(code, state.stopped);
    result.message = state.error_buffer[0] != '\0' ? std::string(state.error_buffer.data())
                                                   : std::string(curl_easy_strerror(code));
    long os_errno = 0;
    if (curl_easy_getinfo(handle, CURLINFO_OS_ERRNO, &os_errno) == CURLE_OK)
        result.os_errno = static_cast<int>(os_errno);
    curl_off_t connect_time = 0;
    if (curl_easy_getinfo(handle, CURLINFO_CONNECT_TIME_T, &connect_time) == CURLE_OK)
        result.connected = connect_time > 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &result.status);
    const char* text = nullptr;
    if (curl_easy_getinfo(handle, CURLINFO_EFFECTIVE_URL, &text) == CURLE_OK && text)
        result.final_url = text;
    text = nullptr;
    if (curl_easy_getinfo(handle, CURLINFO_CONTENT_TYPE, &text) == CURLE_OK && text)
        result.content_type = text;
    return result;
}

} // namespace incimap::curl
