#include "core/progress.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <memory>
#include <string>
#include <termios.h>
#include <unistd.h>

using namespace incimap;

namespace {

using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

std::string contents(std::FILE* file) {
    std::fflush(file);
    std::rewind(file);
    std::string text;
    for (int c; (c = std::fgetc(file)) != EOF;)
        text += static_cast<char>(c);
    return text;
}

// A pseudo-terminal: what is written to `terminal` is read from the master.
struct PseudoTerminal {
    int master = -1;
    File terminal{nullptr, &std::fclose};
    PseudoTerminal() {
        master = ::posix_openpt(O_RDWR | O_NOCTTY);
        REQUIRE(master >= 0);
        REQUIRE(::grantpt(master) == 0);
        REQUIRE(::unlockpt(master) == 0);
        const int slave = ::open(::ptsname(master), O_RDWR | O_NOCTTY);
        REQUIRE(slave >= 0);
        termios raw{};
        ::tcgetattr(slave, &raw);
        ::cfmakeraw(&raw);  // no \n -> \r\n translation
        ::tcsetattr(slave, TCSANOW, &raw);
        terminal.reset(::fdopen(slave, "w"));
    }
    ~PseudoTerminal() { ::close(master); }
    std::string read() {
        std::fflush(terminal.get());
        std::string text;
        char buffer[4096];
        ::fcntl(master, F_SETFL, O_NONBLOCK);
        for (ssize_t n; (n = ::read(master, buffer, sizeof buffer)) > 0;)
            text.append(buffer, static_cast<std::size_t>(n));
        return text;
    }
};

} // namespace

TEST_CASE("A bar shows how much of the work is done", "[core]") {
    CHECK(progress_bar(0, 10, 10) == "[..........]");
    CHECK(progress_bar(5, 10, 10) == "[#####.....]");
    CHECK(progress_bar(10, 10, 10) == "[##########]");
    CHECK(progress_bar(12, 10, 4) == "[####]");
    CHECK(progress_bar(3, 0, 4) == "[....]");
}

TEST_CASE("Progress off a terminal is only the messages", "[core]") {
    File file(std::tmpfile(), &std::fclose);
    SECTION("the status line is not written to a file") {
        ProgressLine line(true, file.get());
        CHECK_FALSE(line.terminal());
        line.count("tiles", 5, 10, "tile");
        line.status("reading reports", true);
        line.message("zoom 3 done");
        line.clear();
        CHECK(contents(file.get()) == "zoom 3 done\n");
    }
    SECTION("a plain line now and then when asked for") {
        ProgressLine line(true, file.get(), std::chrono::hours(1));
        line.status("a.zip: 3 MiB");
        line.status("a.zip: 4 MiB");  // within the hour: not written
        CHECK(contents(file.get()) == "a.zip: 3 MiB\n");
    }
    SECTION("nothing but errors when disabled") {
        ProgressLine line(false, file.get(), std::chrono::milliseconds(1));
        line.status("reading", true);
        line.message("done");
        CHECK(contents(file.get()).empty());
        line.error("a.xml: not well-formed XML");
        CHECK(contents(file.get()) == "a.xml: not well-formed XML\n");
    }
}

TEST_CASE("Progress on a terminal is one line redrawn in place and cleared", "[core]") {
    PseudoTerminal pty;
    {
        ProgressLine line(true, pty.terminal.get());
        REQUIRE(line.terminal());
        line.count("zoom  4", 2, 4, "tile");
        CHECK(pty.read() == "\rzoom  4 [###############...............] 2/4 tiles\033[K");
        line.count("zoom  4", 3, 4, "tile");  // too soon after the last: not redrawn
        CHECK(pty.read().empty());
        line.count("zoom  4", 4, 4, "tile");  // the last one always is
        CHECK(pty.read() == "\rzoom  4 [##############################] 4/4 tiles\033[K");
        line.message("wrote 4 tiles");
        CHECK(pty.read() == "\r\033[Kwrote 4 tiles\n");
        line.count("reading reports:", 7, 0, "document");
        CHECK(pty.read() == "\rreading reports: 7 documents\033[K");
        line.message("one more");
        pty.read();
        line.count("zoom  0", 1, 1, "tile");
        CHECK(pty.read() == "\rzoom  0 [##############################] 1/1 tile\033[K");
    }
    CHECK(pty.read() == "\r\033[K");  // the line is cleared when the display ends
}
