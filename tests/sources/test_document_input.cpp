#include "sources/document_input.hpp"

#include "core/error.hpp"
#include "support/scratch_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace incimap::sources;
namespace fs = std::filesystem;

using incimap::test::ScratchDir;

TEST_CASE("formats are told by extension, then by content", "[sources][input]") {
    CHECK(detect_format("a.txt", "<html>") == InputFormat::text);
    CHECK(detect_format("a.HTM", "") == InputFormat::html);
    CHECK(detect_format("a.rss", "") == InputFormat::feed);
    CHECK(detect_format("a.ndjson", "") == InputFormat::json_lines);
    CHECK(detect_format("report", "  <!DOCTYPE html><html>") == InputFormat::html);
    CHECK(detect_format("report", "<?xml version='1.0'?>\n<rss version='2.0'>") == InputFormat::feed);
    CHECK(detect_format("report", "{\"text\": \"x\"}") == InputFormat::json_lines);
    CHECK(detect_format("report", "Gunmen attacked") == InputFormat::text);
    CHECK(detect_format("", "") == InputFormat::text);
}

TEST_CASE("a folder is read recursively in name order; a file that fails is named alone", "[sources][input]") {
    ScratchDir dir;
    dir.write("b.txt", "Second report.\n");
    dir.write("a.html", "<html><body><p>First report.</p></body></html>");
    dir.write("sub/c.jsonl", "{\"text\": \"Third.\"}\n{\"text\": \"Fourth.\"}\n");
    dir.write(".hidden.txt", "Never read.");
    dir.write("d.xml", "<rss><channel><item><title>t</title><description>Fifth.</description></item></channel></rss>");
    dir.write("e.xml", "<rss><broken>");
    dir.write("f.txt", "Bad \xff byte.");
    std::vector<std::string> warnings;
    std::vector<incimap::sources::InputFailure> failures;
    std::istringstream no_input;
    auto docs = read_documents(
        dir.path(), no_input, [&](const std::string& w) { warnings.push_back(w); },
        [&](const incimap::sources::InputFailure& f) { failures.push_back(f); });
    std::vector<std::string> texts;
    for (const auto& d : docs)
        texts.push_back(d.text);
    CHECK(texts == std::vector<std::string>{"First report.", "Second report.\n", "Fifth.",
                                            "Bad \xEF\xBF\xBD byte.", "Third.", "Fourth."});
    REQUIRE(failures.size() == 1);
    CHECK_THAT(failures[0].input, Catch::StartsWith((dir.path() / "e.xml").string()));
    CHECK_THAT(failures[0].why, Catch::Contains("not well-formed"));
    CHECK_THAT(failures[0].message(), Catch::StartsWith((dir.path() / "e.xml").string() + ":"));
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::StartsWith((dir.path() / "f.txt").string() + ":"));
}

TEST_CASE("standard input is sniffed", "[sources][input]") {
    std::istringstream in("{\"text\": \"From a pipe.\"}\n");
    auto docs = read_documents("-", in, nullptr, nullptr);
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].text == "From a pipe.");
    std::istringstream plain("Just text.");
    auto text_docs = read_documents("-", plain, nullptr, nullptr);
    REQUIRE(text_docs.size() == 1);
    CHECK(text_docs[0].id == "stdin");
}

TEST_CASE("a missing or unreadable single file throws naming it", "[sources][input]") {
    std::istringstream none;
    CHECK_THROWS_WITH(read_documents("/nonexistent/report.txt", none, nullptr, nullptr),
                      Catch::Contains("/nonexistent/report.txt") && Catch::Contains("no such file"));
    ScratchDir dir;
    dir.write("bad.rss", "<rss><oops>");
    CHECK_THROWS_AS(read_documents(dir.path() / "bad.rss", none, nullptr, nullptr), incimap::InputError);
}

TEST_CASE("A failure names its input, with the line a message gives, and why", "[sources][documents]") {
    using incimap::sources::failure_of;
    auto plain = failure_of("b.txt", "b.txt: cannot open: Permission denied");
    CHECK(plain.input == "b.txt");
    CHECK(plain.why == "cannot open: Permission denied");
    auto line = failure_of("b.jsonl", "b.jsonl:3: not a JSON object");
    CHECK(line.input == "b.jsonl:3");
    CHECK(line.why == "not a JSON object");
    CHECK(line.message() == "b.jsonl:3: not a JSON object");
    auto other = failure_of("https://example.org/a", "connection refused");
    CHECK(other.input == "https://example.org/a");
    CHECK(other.why == "connection refused");
}
