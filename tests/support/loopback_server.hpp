// Test fixtures for code that talks HTTP: the loopback server of
// http_test_server.py, run for the lifetime of an object, a loopback port
// that refuses connections, and file helpers.
#pragma once

#include "support/scratch_dir.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace incimap::test {

// Writes bytes to a file, creating or replacing it.
void write_file(const std::filesystem::path& path, std::string_view bytes);
std::string read_file(const std::filesystem::path& path);

// Deterministic, non-repeating-looking content of a given size.
std::string sample_bytes(size_t size);

// One request the server received, in arrival order.
struct ServedRequest {
    std::string path;  // "/fail=2/data.bin"
    std::string range; // "bytes=1000-", or "-" when none
    std::string user_agent;
};

// tests/support/http_test_server.py serving root on 127.0.0.1; started by
// the constructor (which waits for the port), stopped by the destructor.
// See the script for the behaviours a path can ask for.
class LoopbackServer {
  public:
    explicit LoopbackServer(const std::filesystem::path& root);
    ~LoopbackServer();
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    int port() const { return port_; }
    // "http://127.0.0.1:PORT/" + path
    std::string url(std::string_view path) const;
    std::vector<ServedRequest> requests() const;

  private:
    void stop();

    ScratchDir scratch_; // holds the request log, outside the served root
    std::filesystem::path log_;
    pid_t pid_ = -1;
    int stdin_fd_ = -1;
    int port_ = 0;
};

// A loopback port bound but not listening: connecting to it is refused.
class RefusingPort {
  public:
    RefusingPort();
    ~RefusingPort();
    RefusingPort(const RefusingPort&) = delete;
    RefusingPort& operator=(const RefusingPort&) = delete;
    int port() const { return port_; }

  private:
    int fd_ = -1;
    int port_ = 0;
};

} // namespace incimap::test
