#include "sources/http.hpp"

#include "adapters/curl.hpp"
#include "sources/transfer_display.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <thread>

namespace incimap::sources {
namespace {

using Clock = std::chrono::steady_clock;

// Why an attempt did not deliver, and whether trying again may help.
struct Failure {
    std::string message;
    bool transient = false;
    long status = 0; // the HTTP status, when that was the failure
    std::optional<std::chrono::seconds> retry_after;
    bool counts = true; // false: a retry that does not use up options.retries
    bool out_of_time = false; // the time for the URL ran out: no more attempts
};

Failure retryable(std::string message) {
    return Failure{std::move(message), true, 0, std::nullopt};
}

Failure permanent(std::string message, long status = 0) {
    return Failure{std::move(message), false, status, std::nullopt};
}

// "3 s", "0.5 s"
std::string in_seconds(std::chrono::milliseconds time) {
    return fmt::format("{:g} s", std::chrono::duration<double>(time).count());
}

// When the time for one URL runs out (DownloadOptions::deadline).
using Deadline = std::optional<Clock::time_point>;

bool is_transient_status(long status) {
    return status == 408 || status == 429 || (status >= 500 && status <= 599);
}

struct ReasonPhrase {
    long status;
    std::string_view text;
};

// For servers that send none (HTTP/2).
constexpr ReasonPhrase reason_phrases[] = {
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {408, "Request Timeout"},
    {410, "Gone"},
    {416, "Range Not Satisfiable"},
    {429, "Too Many Requests"},
    {500, "Internal Server Error"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
};

std::string_view reason_phrase(long status) {
    for (const auto& phrase : reason_phrases)
        if (phrase.status == status)
            return phrase.text;
    return "";
}

std::string describe_status(long status, std::string_view reason) {
    if (reason.empty())
        reason = reason_phrase(status);
    return reason.empty() ? fmt::format("HTTP {}", status)
                          : fmt::format("HTTP {} {}", status, reason);
}

bool has_http_scheme(std::string_view url) {
    auto starts_with = [url](std::string_view scheme) {
        return url.size() > scheme.size() &&
               std::equal(scheme.begin(), scheme.end(), url.begin(), [](char a, char b) {
                   return a == std::tolower(static_cast<unsigned char>(b));
               });
    };
    return starts_with("http://") || starts_with("https://");
}

void require_http_scheme(std::string_view url) {
    if (!has_http_scheme(url))
        throw NetworkError(
            fmt::format("only http:// and https:// URLs can be fetched, not '{}'", url));
}

// Where a body goes: a .part file that may already hold a prefix of it, or
// memory.
class BodySink {
  public:
    virtual ~BodySink() = default;
    // Bytes held from earlier attempts; the next request asks for the rest.
    virtual std::uint64_t held() const = 0;
    // When the held bytes were last written, if known.
    virtual std::optional<std::chrono::system_clock::time_point> written() const = 0;
    // Drops what is held: the server is sending the whole body again.
    virtual void restart() = 0;
    virtual void append(std::string_view chunk) = 0;
};

class PartFile final : public BodySink {
  public:
    // Opens nothing yet: the file is created when the first byte arrives.
    explicit PartFile(std::filesystem::path path) : path_(std::move(path)) {
        std::error_code error;
        auto size = std::filesystem::file_size(path_, error);
        held_ = error ? 0 : size;
        auto time = std::filesystem::last_write_time(path_, error);
        if (!error && held_ > 0)
            written_ = std::chrono::time_point_cast<std::chrono::system_clock::duration>(
                std::chrono::file_clock::to_sys(time));
    }
    std::uint64_t held() const override { return held_; }
    std::optional<std::chrono::system_clock::time_point> written() const override {
        return written_;
    }
    void restart() override {
        out_.close();
        open(std::ios::trunc);
        held_ = 0;
    }
    void append(std::string_view chunk) override {
        if (!out_.is_open())
            open(std::ios::app);
        out_.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        if (!out_)
            fail("cannot write");
        held_ += chunk.size();
        written_ = std::chrono::system_clock::now();
    }
    // Flushes and closes; write errors (a full disk) surface here.
    void close() {
        if (!out_.is_open())
            open(std::ios::app); // an empty body still makes a file
        out_.close();
        if (out_.fail())
            fail("cannot write");
    }
    void discard() {
        out_.close();
        held_ = 0;
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }

  private:
    void open(std::ios::openmode mode) {
        out_.clear();
        out_.open(path_, std::ios::binary | std::ios::out | mode);
        if (!out_)
            fail("cannot open for writing");
    }
    [[noreturn]] void fail(std::string_view what) const {
        throw InputError(path_.string(), 0, fmt::format("{}: {}", what, std::strerror(errno)));
    }

    std::filesystem::path path_;
    std::ofstream out_;
    std::uint64_t held_ = 0;
    std::optional<std::chrono::system_clock::time_point> written_;
};

class MemoryBody final : public BodySink {
  public:
    std::uint64_t held() const override { return 0; } // memory is never resumed
    std::optional<std::chrono::system_clock::time_point> written() const override {
        return std::nullopt;
    }
    void restart() override { text.clear(); }
    void append(std::string_view chunk) override { text.append(chunk); }
    std::string text;
};

// One request and its response: decides on the head, feeds the body to the
// sink, and turns the way the transfer ended into a Failure or success.
class Attempt {
  public:
    Attempt(std::string_view url, const DownloadOptions& options, BodySink& sink, bool compressed,
            Deadline deadline)
        : url_(url), options_(options), sink_(sink), compressed_(compressed), deadline_(deadline) {}

    std::optional<Failure> run(curl::Session& session) {
        curl::Request request;
        request.url = std::string(url_);
        request.user_agent =
            options_.user_agent.empty() ? default_user_agent() : options_.user_agent;
        request.connect_timeout = options_.connect_timeout;
        request.total_timeout = options_.total_timeout;
        if (deadline_) {
            // The attempt may not outlast the time left for the URL.
            const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline_ - Clock::now());
            if (left.count() <= 0)
                return out_of_time();
            if (request.total_timeout.count() == 0 || left < request.total_timeout)
                request.total_timeout = left;
        }
        if (options_.low_speed_limit > 1) {
            request.low_speed_limit = options_.low_speed_limit;
            request.low_speed_time = options_.low_speed_time;
        }
        request.max_redirects = options_.max_redirects;
        request.range_from = sink_.held();
        request.accept_compressed = compressed_;

        curl::TransferCallbacks callbacks;
        callbacks.on_head = [this](const curl::ResponseHead& head) { return on_head(head); };
        callbacks.on_body = [this](std::string_view chunk) { return on_body(chunk); };
        callbacks.on_progress = [this](bool connected) { return on_progress(connected); };
        start_ = Clock::now();
        last_data_ = start_;
        result_ = session.perform(request, callbacks);
        return judge();
    }

    const curl::TransferResult& result() const { return result_; }
    std::uint64_t resumed_from() const { return resumed_from_; }

  private:
    bool on_head(const curl::ResponseHead& head) {
        last_data_ = Clock::now();
        if (head.status >= 300 && head.status < 400 && head.has_location)
            return true; // libcurl follows it; its body is not delivered
        std::uint64_t held = sink_.held();
        if (head.status == 206) {
            if (head.range_start.value_or(held) != held) {
                sink_.restart();
                failure_ =
                    retryable(fmt::format("{} sent bytes from {} when asked for {}; starting over",
                                          url_, *head.range_start, held));
                return false;
            }
            if (changed_since_written(head)) {
                sink_.restart();
                failure_ = retryable(
                    fmt::format("{} changed since the partial download; starting over", url_));
                failure_->counts = false;
                return false;
            }
            resumed_from_ = held;
            if (head.range_total)
                total_ = head.range_total;
            else if (head.content_length)
                total_ = held + *head.content_length;
        } else if (head.status >= 200 && head.status < 300) {
            if (held > 0)
                sink_.restart(); // no range support: the whole body again
            total_ = head.content_length;
        } else if (head.status == 416 && held > 0) {
            if (head.range_total == held) {
                complete_already_ = true; // an earlier run got it all
                resumed_from_ = held;
                return false;
            }
            sink_.restart();
            failure_ =
                retryable(fmt::format("{} for {}: the partial download does not fit; starting over",
                                      describe_status(head.status, head.reason), url_));
            return false;
        } else {
            failure_ =
                Failure{fmt::format("{} for {}", describe_status(head.status, head.reason), url_),
                        is_transient_status(head.status), head.status, head.retry_after};
            return false;
        }
        if (total_ && *total_ > options_.max_bytes) {
            failure_ = too_large();
            return false;
        }
        accepting_ = true;
        return true;
    }

    // A .part may be older than the file now on the server (GeoNames
    // rebuilds its dumps daily): splicing the two would corrupt it.
    bool changed_since_written(const curl::ResponseHead& head) const {
        auto written = sink_.written();
        return head.last_modified && written && *head.last_modified > *written;
    }

    bool on_body(std::string_view chunk) {
        last_data_ = Clock::now();
        if (!accepting_)
            return true;
        if (resumed_from_ + received_ + chunk.size() > options_.max_bytes) {
            failure_ = too_large();
            return false;
        }
        sink_.append(chunk);
        received_ += chunk.size();
        report_progress();
        return true;
    }

    // Notices a stall: libcurl's own low-speed check averages over several
    // seconds, too slow to tell "no data for N s".
    bool on_progress(bool connected) {
        auto now = Clock::now();
        if (!connected) {
            last_data_ = now; // the stall clock starts with the connection
            return true;
        }
        if (options_.low_speed_time.count() > 0 && now - last_data_ >= options_.low_speed_time) {
            failure_ = retryable(fmt::format("stalled: no data for {} s from {}",
                                             options_.low_speed_time.count(), url_));
            return false;
        }
        report_progress();
        return true;
    }

    void report_progress() const {
        if (options_.progress && accepting_)
            options_.progress(TransferProgress{url_, resumed_from_ + received_, total_,
                                               resumed_from_, Clock::now() - start_});
    }

    Failure too_large() const {
        return permanent(fmt::format("body larger than the {} cap from {}",
                                     format_byte_size(options_.max_bytes), url_));
    }

    std::optional<Failure> judge() const {
        if (complete_already_)
            return std::nullopt;
        if (failure_)
            return failure_;
        const auto& message = result_.message;
        switch (result_.outcome) {
        case curl::Outcome::ok:
            if (!accepting_)
                return permanent(
                    fmt::format("{} for {}: no body", describe_status(result_.status, ""), url_),
                    result_.status);
            if (total_ && resumed_from_ + received_ < *total_)
                return truncated();
            return std::nullopt;
        case curl::Outcome::partial_body:
            return truncated();
        case curl::Outcome::timed_out:
            return timed_out();
        case curl::Outcome::couldnt_connect:
            if (result_.os_errno == ECONNREFUSED)
                return retryable(fmt::format("connection refused: {}", url_));
            return retryable(fmt::format("cannot connect: {} ({})", url_, message));
        case curl::Outcome::connection_failed:
            return retryable(fmt::format("connection failed: {} ({})", url_, message));
        case curl::Outcome::bad_body:
            // The server sent it whole; asking again gets the same bytes.
            return permanent(fmt::format("bad body from {}: it does not decode as its "
                                         "Content-Encoding says ({})",
                                         url_, message));
        case curl::Outcome::couldnt_resolve:
            return permanent(fmt::format("cannot resolve the host of {} ({})", url_, message));
        case curl::Outcome::too_many_redirects:
            return permanent(fmt::format("too many redirects (more than {}) from {}",
                                         options_.max_redirects, url_));
        case curl::Outcome::protocol_not_allowed:
            return permanent(
                fmt::format("redirected to a scheme other than http or https from {}", url_));
        case curl::Outcome::bad_url:
            return permanent(fmt::format("malformed URL '{}' ({})", url_, message));
        case curl::Outcome::tls_failed:
            return permanent(fmt::format("TLS failed for {} ({})", url_, message));
        case curl::Outcome::stopped:
        case curl::Outcome::other:
            break;
        }
        return permanent(fmt::format("transfer from {} failed ({})", url_, message));
    }

    Failure truncated() const {
        std::uint64_t got = resumed_from_ + received_;
        if (total_)
            return retryable(
                fmt::format("body truncated at {} of {} bytes from {}", got, *total_, url_));
        return retryable(fmt::format("body truncated after {} bytes from {}", got, url_));
    }

    // libcurl times out on connecting, on the total time, and on low speed
    // only when that limit was given to it (above 1 byte/s; stalls are
    // caught in on_progress).
    Failure timed_out() const {
        const auto elapsed = Clock::now() - start_;
        if (deadline_ && Clock::now() >= *deadline_ - std::chrono::milliseconds(100))
            return out_of_time();
        const bool low_speed_set = options_.low_speed_limit > 1;
        if (options_.total_timeout.count() > 0 &&
            (elapsed >= options_.total_timeout || (result_.connected && !low_speed_set)))
            return retryable(
                fmt::format("timed out after {} s: {}",
                            std::chrono::duration<double>(options_.total_timeout).count(), url_));
        if (!result_.connected)
            return retryable(
                fmt::format("no connection within {} s: {}",
                            std::chrono::duration<double>(options_.connect_timeout).count(), url_));
        return retryable(fmt::format("too slow: under {} bytes/s for {} s from {}",
                                     options_.low_speed_limit, options_.low_speed_time.count(),
                                     url_));
    }

    // Transient (a download keeps what arrived for the next run), but final.
    Failure out_of_time() const {
        auto failure = retryable(fmt::format("timed out: {} took longer than the {} allowed for "
                                             "one URL",
                                             url_, in_seconds(options_.deadline)));
        failure.out_of_time = true;
        return failure;
    }

    std::string_view url_;
    const DownloadOptions& options_;
    BodySink& sink_;
    bool compressed_;
    Deadline deadline_;
    Clock::time_point start_;
    Clock::time_point last_data_; // when bytes last arrived
    curl::TransferResult result_;
    std::optional<Failure> failure_;
    std::optional<std::uint64_t> total_;
    std::uint64_t resumed_from_ = 0;
    std::uint64_t received_ = 0;
    bool accepting_ = false;
    bool complete_already_ = false;
};

std::chrono::milliseconds backoff(int failed_attempts, const Failure& failure,
                                  const DownloadOptions& options) {
    auto delay = options.retry_delay;
    for (int i = 1; i < failed_attempts && delay < options.max_retry_delay; ++i)
        delay *= 2;
    if (failure.retry_after)
        delay = std::max<std::chrono::milliseconds>(delay, *failure.retry_after);
    return std::min(delay, options.max_retry_delay);
}

// Runs attempts until one succeeds, one fails for good, or the retries or
// the time for the URL (options.deadline) are spent; run_attempt(deadline)
// runs one. Returns the number of attempts made; throws the last failure
// after calling on_give_up(whether that failure was transient).
template <typename RunAttempt, typename GiveUp>
int run_with_retries(std::string_view url, const DownloadOptions& options, RunAttempt run_attempt,
                     GiveUp on_give_up) {
    const Deadline deadline =
        options.deadline.count() > 0 ? Deadline(Clock::now() + options.deadline) : std::nullopt;
    int failures = 0;
    for (int attempt = 1;; ++attempt) {
        std::optional<Failure> failure = run_attempt(deadline);
        if (!failure)
            return attempt;
        const auto wait = failure->transient && failure->counts
                              ? backoff(failures + 1, *failure, options)
                              : std::chrono::milliseconds(0);
        if (failure->transient && !failure->out_of_time && deadline &&
            Clock::now() + wait >= *deadline) {
            failure->out_of_time = true;
            failure->message += fmt::format(" (and the {} allowed for {} ran out)",
                                            in_seconds(options.deadline), url);
        }
        if (failure->transient && !failure->out_of_time && !failure->counts)
            continue;
        if (failure->transient && !failure->out_of_time && ++failures <= options.retries) {
            std::this_thread::sleep_for(wait);
            continue;
        }
        on_give_up(failure->transient);
        std::string message =
            attempt > 1 ? fmt::format("{} (gave up after {} attempts)", failure->message, attempt)
                        : failure->message;
        if (failure->status >= 400)
            throw HttpStatusError(message, failure->status);
        throw NetworkError(message);
    }
}

} // namespace

std::string default_user_agent() {
    return fmt::format("incimap/{} (geospatial incident mapper) libcurl/{}", INCIMAP_VERSION,
                       curl::version());
}

DownloadReport download_to_file(std::string_view url, const std::filesystem::path& dest,
                                const DownloadOptions& options) {
    require_http_scheme(url);
    auto start = Clock::now();
    std::error_code error;
    if (dest.has_parent_path() && !std::filesystem::create_directories(dest.parent_path(), error) &&
        error)
        throw InputError(dest.parent_path().string(), 0,
                         fmt::format("cannot create folder: {}", error.message()));

    std::filesystem::path part = dest;
    part += ".part";
    PartFile file(part);
    curl::Session session;
    DownloadReport report;
    report.attempts = run_with_retries(
        url, options,
        [&](Deadline deadline) {
            Attempt attempt(url, options, file, false, deadline);
            auto failure = attempt.run(session);
            report.final_url = attempt.result().final_url;
            report.resumed_from = attempt.resumed_from();
            return failure;
        },
        [&](bool transient) {
            // A transient failure keeps what arrived for the next run.
            if (!transient || file.held() == 0)
                file.discard();
        });
    file.close();
    report.bytes = file.held();
    std::filesystem::rename(part, dest, error);
    if (error)
        throw InputError(dest.string(), 0,
                         fmt::format("cannot rename {} to it: {}", part.string(), error.message()));
    report.elapsed = Clock::now() - start;
    return report;
}

FetchedDocument fetch_to_memory(std::string_view url, const DownloadOptions& options) {
    require_http_scheme(url);
    MemoryBody body;
    curl::Session session;
    FetchedDocument document;
    run_with_retries(
        url, options,
        [&](Deadline deadline) {
            body.restart();
            Attempt attempt(url, options, body, true, deadline);
            auto failure = attempt.run(session);
            document.final_url = attempt.result().final_url;
            document.content_type = attempt.result().content_type;
            document.status = attempt.result().status;
            return failure;
        },
        [](bool) {});
    document.body = std::move(body.text);
    return document;
}

} // namespace incimap::sources
