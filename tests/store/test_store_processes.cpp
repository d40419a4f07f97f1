// The store against other processes: one killed in the middle of an import
// or an ingest, one writing while another holds the lock. Runs the real
// incimap binary.
#include "store/content_hash.hpp"
#include "store/importer.hpp"
#include "store/incident_store.hpp"
#include "store_test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

using incimap::store::IncidentStore;
using incimap::store_test::TempDir;

namespace {

const std::filesystem::path fixtures = std::filesystem::path(INCIMAP_TEST_DIR) / "store" / "fixtures";

// A child incimap with its stderr on a pipe and, when STDIN_FD is given, that
// descriptor as its standard input.
class Child {
public:
    explicit Child(std::vector<std::string> args, int stdin_fd = -1) {
        args.insert(args.begin(), INCIMAP_BINARY);
        std::vector<char*> argv;
        for (auto& arg : args)
            argv.push_back(arg.data());
        argv.push_back(nullptr);
        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        if (stdin_fd >= 0)
            posix_spawn_file_actions_adddup2(&actions, stdin_fd, STDIN_FILENO);
        REQUIRE(posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) == 0);
        posix_spawn_file_actions_destroy(&actions);
        ::close(fds[1]);
        stderr_ = ::fdopen(fds[0], "r");
    }
    ~Child() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        if (stderr_)
            std::fclose(stderr_);
    }

    // The next line the child writes on stderr; empty at its end.
    std::string line() {
        char buffer[4096];
        return std::fgets(buffer, sizeof buffer, stderr_) ? std::string(buffer) : std::string();
    }
    std::string rest() {
        std::string all, next;
        while (!(next = line()).empty())
            all += next;
        return all;
    }
    void kill() { ::kill(pid_, SIGKILL); }
    // The exit code, or -signal.
    int wait() {
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    }

private:
    pid_t pid_ = -1;
    std::FILE* stderr_ = nullptr;
};

// An ACLED-style table of N rows spread over the Sahel.
std::filesystem::path many_rows(const TempDir& dir, int n) {
    std::string text = "event_id_cnty,event_date,event_type,sub_event_type,actor1,location,"
                       "latitude,longitude,fatalities,notes\n";
    for (int i = 0; i < n; ++i)
        text += fmt::format("SYN{},2023-{:02}-{:02},Battles,Armed clash,Unidentified Armed Group,"
                            "Place {},{:.4f},{:.4f},{},Generated row {} for the kill test.\n",
                            i, 1 + i % 12, 1 + i % 28, i % 500, 11 + (i % 900) / 100.0,
                            -5 + (i % 1000) / 100.0, i % 7, i);
    return dir.write("many.csv", text);
}

std::int64_t count(const std::string& store) {
    return IncidentStore::open(store, IncidentStore::Access::read).count();
}

// A store in DIR made by `incimap import` of the eight-row ACLED fixture.
std::string store_of_fixture(const TempDir& dir) {
    auto store = (dir / "s.gpkg").string();
    Child first({"import", "-q", "--store", store, (fixtures / "acled_current.csv").string()});
    REQUIRE(first.wait() == 0);
    return store;
}

// The text of report N of a batch: one attack on a market, each report at
// another place or on another day.
std::string attack_report(int n) {
    static const char* const places[][2] = {{"Mopti", "Mopti"}, {"Gao", "Gao"},
                                            {"Djibo", "Sahel"}, {"Dori", "Sahel"},
                                            {"Kaya", "Centre-Nord"}, {"Tillabéri", "Tillabéri"}};
    const auto& [place, region] = places[n % 6];
    return fmt::format("Gunmen on motorbikes attacked a market in {}, {} region, on {} March "
                       "2023, killing {} civilians, local officials said.",
                       place, region, 1 + n / 6, 2 + n % 5);
}

// A JSON Lines batch of the reports FIRST to FIRST + COUNT - 1.
std::string report_batch(int first, int count) {
    std::string lines;
    for (int n = first; n < first + count; ++n)
        lines += fmt::format(R"({{"id": "report-{}", "published": "2023-04-01", "text": "{}"}})",
                             n, attack_report(n)) +
                 "\n";
    return lines;
}

} // namespace

TEST_CASE("An import killed half-way leaves the store as it was", "[store][process]") {
    TempDir dir;
    auto store = store_of_fixture(dir);
    REQUIRE(count(store) == 8);
    const int rows = 200000;
    auto big = many_rows(dir, rows);

    {
        Child importer({"import", "-vv", "--store", store, big.string()});
        // Progress lines come every 10,000 rows: by then rows are being written.
        auto progress = importer.line();
        REQUIRE(progress.find("rows read") != std::string::npos);
        importer.line();
        importer.kill();
        CHECK(importer.wait() == -SIGKILL);
    }

    CHECK(count(store) == 8);

    Child again({"import", "-q", "--store", store, big.string()});
    CHECK(again.rest().empty());
    CHECK(again.wait() == 0);
    CHECK(count(store) == 8 + rows);
}

TEST_CASE("An ingest killed half-way leaves the store as it was", "[store][process]") {
    TempDir dir;
    auto store = store_of_fixture(dir);
    REQUIRE(count(store) == 8);
    const int reports = 12;

    {
        // The reports, then a line that is no report, wait in the pipe before
        // the ingest starts; the pipe stays open, so the ingest, having
        // stored the reports in its open transaction and named the bad line,
        // waits for more input until it is killed.
        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        auto batch = report_batch(0, reports) + "not a report\n";
        REQUIRE(::write(fds[1], batch.data(), batch.size()) == static_cast<ssize_t>(batch.size()));
        Child ingest({"ingest", "--store", store, "--batch", "-"}, fds[0]);
        ::close(fds[0]);
        std::string said;
        while (said.find(fmt::format("<stdin>:{}", reports + 1)) == std::string::npos) {
            auto line = ingest.line();
            REQUIRE_FALSE(line.empty());  // the ingest ended before its kill
            said += line;
        }
        INFO(said);
        // Every report's rows are written in the store's open transaction.
        CHECK(std::filesystem::exists(store + "-journal"));
        ingest.kill();
        CHECK(ingest.wait() == -SIGKILL);
        ::close(fds[1]);
    }

    CHECK(count(store) == 8);
    CHECK_FALSE(IncidentStore::open(store, IncidentStore::Access::read)
                    .has_source(incimap::store::content_hash(attack_report(0))));

    TempDir inputs;
    auto batch = inputs.write("reports.jsonl", report_batch(0, reports));
    Child again({"ingest", "-q", "--store", store, "--batch", batch.string()});
    CHECK(again.rest().empty());
    CHECK(again.wait() == 0);
    CHECK(count(store) == 8 + reports);
}

TEST_CASE("A second writing process waits for the lock and then fails clearly",
          "[store][process][lock]") {
    TempDir dir;
    auto store = store_of_fixture(dir);
    auto writer = IncidentStore::open(store, IncidentStore::Access::write);
    auto writing = writer.begin();
    auto incident = incimap::store_test::incident_at("2024-03-02", 16.27, -0.04, "Battles");
    incident.event_id_cnty = "MLI1";
    writer.put(incident);

    Child second({"import", "--lock-timeout", "0.5", "--store", store,
                  (fixtures / "acled_oldschema.csv").string()});
    auto message = second.rest();
    CHECK(second.wait() == 1);
    CHECK(message.find("is locked") != std::string::npos);
    CHECK(message.find(store) != std::string::npos);
    CHECK(message.find(fmt::format("another process (pid {})", ::getpid())) != std::string::npos);
    // It waited its whole --lock-timeout, and says so.
    const auto waited = message.find("(waited ");
    REQUIRE(waited != std::string::npos);
    CHECK(std::stod(message.substr(waited + 8)) >= 0.5);

    writing.commit();
    writer.close();
    Child third({"import", "-q", "--store", store, (fixtures / "acled_oldschema.csv").string()});
    CHECK(third.wait() == 0);
    CHECK(count(store) == 8 + 1 + 8);
}
