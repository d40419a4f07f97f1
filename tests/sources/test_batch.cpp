#include "sources/batch.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace incimap::sources;

TEST_CASE("JSON Lines batches: good lines go through, bad ones are reported with their id and skipped",
          "[sources][batch]") {
    std::istringstream in(
        R"({"id": "r1", "text": "Gunmen attacked a post.", "published": "2024-09-17", "title": "Post attacked", "url": "https://x.example/1"})"
        "\n"
        "\n"
        "{not json}\n"
        R"({"id": "r3"})"
        "\n"
        R"({"text": "Two soldiers died.", "published": "17/09/2024"})"
        "\n"
        R"(["an", "array"])"
        "\n"
        R"({"text": "Rebels took Anefis.", "id": 42})"
        "\r\n"
        R"({"text": 12})"
        "\n"
        R"({"id": "r9", "text": "Clashes in Gao.", "published": "yesterday"})"
        "\n");
    std::vector<std::string> warnings;
    auto docs = documents_from_json_lines(in, "batch.jsonl", [&](const std::string& w) { warnings.push_back(w); });
    REQUIRE(docs.size() == 2);
    CHECK(docs[0].id == "r1");
    CHECK(docs[0].text == "Gunmen attacked a post.");
    CHECK(docs[0].published == "2024-09-17");
    CHECK(docs[0].title == "Post attacked");
    CHECK(docs[0].url == "https://x.example/1");
    CHECK(docs[0].source_kind == SourceKind::jsonl);
    CHECK(docs[1].id == "42");
    CHECK(docs[1].text == "Rebels took Anefis.");

    REQUIRE(warnings.size() == 6);
    CHECK(warnings[0].starts_with("batch.jsonl:3: not JSON"));
    CHECK(warnings[1] == "batch.jsonl:4: document 'r3': no \"text\"; line skipped");
    CHECK(warnings[2] == "batch.jsonl:5: \"published\" '17/09/2024' is not a YYYY-MM-DD date; line skipped");
    CHECK(warnings[3] == "batch.jsonl:6: not a JSON object; line skipped");
    CHECK(warnings[4] == "batch.jsonl:8: \"text\" is not a string; line skipped");
    CHECK(warnings[5] ==
          "batch.jsonl:9: document 'r9': \"published\" 'yesterday' is not a YYYY-MM-DD date; line skipped");
}

TEST_CASE("documents without an id are named after their line", "[sources][batch]") {
    std::istringstream in("{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n");
    auto docs = documents_from_json_lines(in, "b.jsonl", nullptr);
    REQUIRE(docs.size() == 2);
    CHECK(docs[1].id == "b.jsonl:2");
}

TEST_CASE("streaming reads call back per line and count the skipped", "[sources][batch]") {
    std::istringstream in("{\"text\": \"A\"}\nnope\n{\"text\": \"B\"}\n");
    std::string seen;
    std::size_t skipped = read_json_lines(in, "s.jsonl", [&](Document&& d) { seen += d.text; }, nullptr);
    CHECK(seen == "AB");
    CHECK(skipped == 1);
}

TEST_CASE("invalid UTF-8 inside a line is repaired, not fatal", "[sources][batch]") {
    std::istringstream in("{\"text\": \"Gao \xff\"}\n");
    std::vector<std::string> warnings;
    auto docs = documents_from_json_lines(in, "u.jsonl", [&](const std::string& w) { warnings.push_back(w); });
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].text == "Gao \xEF\xBF\xBD");
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].starts_with("u.jsonl:1: 1 invalid UTF-8 byte"));
}

TEST_CASE("a binary file that starts with '{' is refused at its first NUL byte, not read line by line",
          "[sources][batch]") {
    std::string bytes = "{\x89PNG garbage\n";
    bytes += std::string("\x01\x02\0\x03 more", 10);
    bytes += "\n" R"({"text": "Gunmen attacked a post."})" "\n";
    std::istringstream in(bytes);
    std::vector<std::string> warnings;
    std::vector<Document> docs;
    CHECK_THROWS_WITH(read_json_lines(in, "photo.bin", [&](Document&& d) { docs.push_back(d); },
                                      [&](const std::string& w) { warnings.push_back(w); }),
                      "photo.bin:2: binary data (a NUL byte at column 3), not JSON Lines; nothing more read");
    CHECK(docs.empty());
    CHECK(warnings.size() == 1);  // the first line, before the NUL showed
}

TEST_CASE("ten bad lines in a row stop a batch: it is something else", "[sources][batch]") {
    std::string bytes = R"({"text": "Gunmen attacked a post."})" "\n";
    for (int i = 0; i < 9; ++i)
        bytes += "{ not json at all\n";
    SECTION("nine are skipped") {
        bytes += R"({"text": "Two soldiers died."})" "\n";
        for (int i = 0; i < 9; ++i)
            bytes += "{ not json either\n";
        std::istringstream in(bytes);
        std::size_t documents = 0;
        CHECK(read_json_lines(in, "b.jsonl", [&](Document&&) { ++documents; }, {}) == 18);
        CHECK(documents == 2);
    }
    SECTION("the tenth stops the reading, naming the lines") {
        bytes += "{ still no json\n" R"({"text": "Never read."})" "\n";
        std::istringstream in(bytes);
        std::size_t documents = 0;
        CHECK_THROWS_WITH(read_json_lines(in, "b.jsonl", [&](Document&&) { ++documents; }, {}),
                          "b.jsonl:11: 10 lines in a row are no documents (lines 2-11); nothing more "
                          "read: is this a JSON Lines batch?");
        CHECK(documents == 1);
    }
}

TEST_CASE("A batch line that is no report can go to a failure handler with its line as the input",
          "[sources][batch]") {
    std::istringstream in("{\"id\":\"a\",\"text\":\"One.\"}\n[1]\n");
    std::vector<incimap::sources::InputFailure> failures;
    std::vector<std::string> warnings;
    std::size_t documents = 0;
    read_json_lines(
        in, "b.jsonl", [&](Document&&) { ++documents; }, [&](const std::string& w) { warnings.push_back(w); },
        [&](const incimap::sources::InputFailure& f) { failures.push_back(f); });
    CHECK(documents == 1);
    CHECK(warnings.empty());
    REQUIRE(failures.size() == 1);
    CHECK(failures[0].input == "b.jsonl:2");
    CHECK(failures[0].why == "not a JSON object; line skipped");
}
