#include "support/loopback_server.hpp"

#include <arpa/inet.h>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <poll.h>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace incimap::test {
namespace {

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + ": " + std::strerror(errno));
}

// Reads the first line the server prints, waiting at most ten seconds.
std::string read_first_line(int fd) {
    std::string line;
    char c = 0;
    while (line.size() < 64) {
        pollfd ready{fd, POLLIN, 0};
        if (::poll(&ready, 1, 10000) <= 0)
            throw std::runtime_error("the loopback HTTP server printed no port within 10 s");
        if (::read(fd, &c, 1) != 1)
            throw std::runtime_error("the loopback HTTP server exited before printing its port");
        if (c == '\n')
            return line;
        line += c;
    }
    throw std::runtime_error("the loopback HTTP server printed '" + line + "' instead of a port");
}

} // namespace

void write_file(const std::filesystem::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush())
        fail("cannot write " + path.string());
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string sample_bytes(size_t size) {
    std::string bytes(size, '\0');
    std::uint32_t state = 2463534242u; // xorshift32
    for (auto& b : bytes) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        b = static_cast<char>(state & 0xff);
    }
    return bytes;
}

LoopbackServer::LoopbackServer(const std::filesystem::path& root)
    : log_(scratch_ / "requests.log") {
    int out[2];
    int in[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(in, O_CLOEXEC) != 0)
        fail("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    std::string script = std::string(INCIMAP_TEST_DIR) + "/support/http_test_server.py";
    std::string root_arg = root.string();
    std::string log_arg = log_.string();
    const char* argv[] = {"python3",       script.c_str(),  root_arg.c_str(), "--log",
                          log_arg.c_str(), "--exit-on-eof", nullptr};
    int spawned = ::posix_spawnp(&pid_, "python3", &actions, nullptr,
                                 const_cast<char* const*>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    stdin_fd_ = in[1];
    if (spawned != 0) {
        ::close(out[0]);
        ::close(stdin_fd_);
        errno = spawned;
        fail("cannot start python3 " + script);
    }
    try {
        port_ = std::stoi(read_first_line(out[0]));
    } catch (...) {
        ::close(out[0]);
        stop();
        throw;
    }
    ::close(out[0]);
}

LoopbackServer::~LoopbackServer() {
    stop();
}

void LoopbackServer::stop() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
    if (stdin_fd_ >= 0) {
        ::close(stdin_fd_);
        stdin_fd_ = -1;
    }
}

std::string LoopbackServer::url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/" + std::string(path);
}

std::vector<ServedRequest> LoopbackServer::requests() const {
    std::vector<ServedRequest> requests;
    std::ifstream log(log_);
    std::string line;
    while (std::getline(log, line)) {
        ServedRequest request;
        std::istringstream fields(line);
        std::getline(fields, request.path, '\t');
        std::getline(fields, request.range, '\t');
        std::getline(fields, request.user_agent);
        requests.push_back(request);
    }
    return requests;
}

RefusingPort::RefusingPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0)
        fail("socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(fd_);
        fail("bind 127.0.0.1:0");
    }
    port_ = ntohs(address.sin_port);
}

RefusingPort::~RefusingPort() {
    ::close(fd_);
}

} // namespace incimap::test
