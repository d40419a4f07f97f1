#include "store/csv.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using incimap::store::CsvReader;
using incimap::store::CsvRecord;

namespace {

// A record copied out of the reader (its views die with the next call).
struct Record {
    long line;
    std::string error;
    std::vector<std::string> fields;
};

std::vector<Record> read_all(std::string_view text) {
    CsvReader reader(text, "test.csv");
    std::vector<Record> records;
    CsvRecord record;
    while (reader.next(record))
        records.push_back({record.line, record.error,
                           std::vector<std::string>(record.fields.begin(), record.fields.end())});
    return records;
}

std::vector<std::string> strings(const Record& record) { return record.fields; }

} // namespace

TEST_CASE("CSV fields may be quoted, with commas, doubled quotes and line breaks", "[store][csv]") {
    auto records = read_all("a,b,c\n"
                            "1,\"Gao, Mali\",\"he said \"\"no\"\"\"\n"
                            "2,\"two\nlines\",x\n"
                            "3,,\n");
    REQUIRE(records.size() == 4);
    CHECK(strings(records[1]) == std::vector<std::string>{"1", "Gao, Mali", "he said \"no\""});
    CHECK(strings(records[2]) == std::vector<std::string>{"2", "two\nlines", "x"});
    CHECK(strings(records[3]) == std::vector<std::string>{"3", "", ""});

    SECTION("records are numbered by the line they start on") {
        CHECK(records[0].line == 1);
        CHECK(records[1].line == 2);
        CHECK(records[2].line == 3);
        CHECK(records[3].line == 5);
    }
}

TEST_CASE("CSV line ends may be CRLF, a byte-order mark is skipped, blank lines too",
          "[store][csv]") {
    auto records = read_all("\xEF\xBB\xBFid,name\r\n1,Kidal\r\n\r\n2,\"Gao\"\r\n");
    REQUIRE(records.size() == 3);
    CHECK(strings(records[0]) == std::vector<std::string>{"id", "name"});
    CHECK(strings(records[1]) == std::vector<std::string>{"1", "Kidal"});
    CHECK(strings(records[2]) == std::vector<std::string>{"2", "Gao"});
    CHECK(records[2].line == 4);
}

TEST_CASE("A malformed CSV record is reported and reading resumes on the next line",
          "[store][csv]") {
    SECTION("an unterminated quote swallows nothing after its own line") {
        auto records = read_all("a,b\n1,\"open\n2,fine\n3,fine\n");
        REQUIRE(records.size() == 4);
        CHECK(records[1].line == 2);
        CHECK(records[1].error == "unterminated quoted field");
        CHECK(strings(records[2]) == std::vector<std::string>{"2", "fine"});
        CHECK(records[2].line == 3);
        CHECK(records[3].line == 4);
    }
    SECTION("text after a closing quote") {
        auto records = read_all("a,b\n1,\"x\"y\n2,z\n");
        REQUIRE(records.size() == 3);
        CHECK(records[1].error.find("after the closing quote") != std::string::npos);
        CHECK(strings(records[2]) == std::vector<std::string>{"2", "z"});
    }
    SECTION("invalid UTF-8 names the field") {
        auto records = read_all("a,b\n1,Tomb\xFFouctou\n2,ok\n");
        REQUIRE(records.size() == 3);
        CHECK(records[1].error == "invalid UTF-8 in field 2 at byte 5");
        CHECK(records[2].error.empty());
    }
}

TEST_CASE("CSV output quotes only what needs quoting and reads back the same", "[store][csv]") {
    std::string out;
    incimap::store::append_csv_record(out, {"plain", "Gao, Mali", "say \"hi\"", "two\nlines",
                                            " padded", ""});
    CHECK(out == "plain,\"Gao, Mali\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",\n");
    auto records = read_all(out);
    REQUIRE(records.size() == 1);
    CHECK(strings(records[0]) ==
          std::vector<std::string>{"plain", "Gao, Mali", "say \"hi\"", "two\nlines", " padded", ""});
}
