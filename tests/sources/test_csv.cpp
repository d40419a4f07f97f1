#include "sources/csv.hpp"

#include "core/error.hpp"
#include "support/scratch_dir.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace incimap::sources;
using Fields = std::vector<std::string>;

namespace {

// A record copied out of the reader (its views die with the next call).
struct Record {
    long line;
    std::string error;
    long error_line;
    long error_column;
    Fields fields;
};

std::vector<Record> read_all(std::string_view text, BadRecords policy = BadRecords::keep, char delimiter = ',') {
    CsvReader reader(text, "t.csv", policy, delimiter);
    std::vector<Record> records;
    CsvRecord record;
    while (reader.next(record))
        records.push_back({record.line, record.error, record.error_line, record.error_column,
                           Fields(record.fields.begin(), record.fields.end())});
    return records;
}

std::vector<Fields> fields_of(std::string_view text, char delimiter = ',') {
    std::vector<Fields> out;
    for (const auto& record : read_all(text, BadRecords::stop, delimiter))
        out.push_back(record.fields);
    return out;
}

} // namespace

TEST_CASE("plain records", "[sources][csv]") {
    CHECK(fields_of("a,b,c\n1,2,3\n") == std::vector<Fields>{{"a", "b", "c"}, {"1", "2", "3"}});
    CHECK(fields_of("a,b\r\n1,2") == std::vector<Fields>{{"a", "b"}, {"1", "2"}});
    CHECK(fields_of("x,,\n") == std::vector<Fields>{{"x", "", ""}});
    CHECK(fields_of("").empty());
}

TEST_CASE("quoted fields hold delimiters, doubled quotes and line breaks", "[sources][csv]") {
    auto records = read_all("a,b,c\n"
                            "1,\"Gao, Mali\",\"he said \"\"no\"\"\"\n"
                            "2,\"two\nlines\",x\n"
                            "3,,\n"
                            "4,\"\",\"\"\"\"\n");
    REQUIRE(records.size() == 5);
    CHECK(records[1].fields == Fields{"1", "Gao, Mali", "he said \"no\""});
    CHECK(records[2].fields == Fields{"2", "two\nlines", "x"});
    CHECK(records[3].fields == Fields{"3", "", ""});
    CHECK(records[4].fields == Fields{"4", "", "\""});

    SECTION("records are numbered by the line they start on") {
        CHECK(records[0].line == 1);
        CHECK(records[1].line == 2);
        CHECK(records[2].line == 3);
        CHECK(records[3].line == 5);
        CHECK(records[4].line == 6);
    }
}

TEST_CASE("line ends may be CRLF; a byte order mark and blank lines are skipped", "[sources][csv]") {
    auto records = read_all("\xEF\xBB\xBFid,name\r\n1,Kidal\r\n\r\n2,\"Gao\"\r\n\n3,Ansongo");
    REQUIRE(records.size() == 4);
    CHECK(records[0].fields == Fields{"id", "name"});
    CHECK(records[1].fields == Fields{"1", "Kidal"});
    CHECK(records[2].fields == Fields{"2", "Gao"});
    CHECK(records[2].line == 4);
    CHECK(records[3].fields == Fields{"3", "Ansongo"});
    CHECK(records[3].line == 6);
}

TEST_CASE("a byte order mark is skipped only when all three bytes are there", "[sources][csv]") {
    CHECK(read_all("\xEF\xBB" "a\n")[0].error == "invalid UTF-8 in field 1 at byte 1");
    CHECK(read_all("\xEF\xBB\xBF").empty());
}

TEST_CASE("other delimiters", "[sources][csv]") {
    CHECK(fields_of("a;\"b;c\"\n", ';') == std::vector<Fields>{{"a", "b;c"}});
    CHECK(fields_of("a\tb c,d\n", '\t') == std::vector<Fields>{{"a", "b c,d"}});
}

TEST_CASE("a quote inside an unquoted field is kept", "[sources][csv]") {
    CHECK(fields_of("5 \"km\" north,x\n") == std::vector<Fields>{{"5 \"km\" north", "x"}});
}

TEST_CASE("kept, a malformed record comes back with its reason and position, and reading resumes",
          "[sources][csv]") {
    SECTION("an unterminated quote swallows nothing after its own line") {
        auto records = read_all("a,b\n1,\"open\n2,fine\n3,fine\n");
        REQUIRE(records.size() == 4);
        CHECK(records[1].line == 2);
        CHECK(records[1].error == "unterminated quoted field");
        CHECK(records[1].error_line == 2);
        CHECK(records[1].error_column == 3);
        CHECK(records[1].fields == Fields{"1,\"open"});
        CHECK(records[2].fields == Fields{"2", "fine"});
        CHECK(records[2].line == 3);
        CHECK(records[3].line == 4);
    }
    SECTION("text after a closing quote, quoted in the reason") {
        auto records = read_all("a,b\n1,\"x\"y z,w\n2,z\n");
        REQUIRE(records.size() == 3);
        CHECK(records[1].error == "text after the closing quote of field 2: 'y z'");
        CHECK(records[1].error_line == 2);
        CHECK(records[1].error_column == 6);
        CHECK(records[2].fields == Fields{"2", "z"});
    }
    SECTION("the fault's own line when the record spans several") {
        auto records = read_all("a,b\n\"two\nlines\",\"x\"!\n");
        REQUIRE(records.size() >= 2);
        CHECK(records[1].line == 2);
        CHECK(records[1].error_line == 3);
        CHECK(records[1].error_column == 11);
    }
    SECTION("invalid UTF-8 names the field, and the record keeps its fields") {
        auto records = read_all("a,b\n1,Tomb\xFFouctou\n2,ok\n");
        REQUIRE(records.size() == 3);
        CHECK(records[1].error == "invalid UTF-8 in field 2 at byte 5");
        CHECK(records[1].error_column == 7);
        CHECK(records[1].fields == Fields{"1", "Tomb\xFFouctou"});
        CHECK(records[2].error.empty());
    }
}

TEST_CASE("stopping, a malformed record is an error naming file, line and column", "[sources][csv]") {
    CHECK_THROWS_AS(fields_of("a,b\n1,\"never closed\n2,3\n"), incimap::InputError);
    CHECK_THROWS_WITH(fields_of("a,b\n1,\"never closed\n2,3\n"), "t.csv:2:3: unterminated quoted field");
    CHECK_THROWS_WITH(fields_of("a\n\"x\"y,z\n"), "t.csv:2:4: text after the closing quote of field 1: 'y'");
    CHECK_THROWS_WITH(fields_of("a\nGao\n\xC3(\n"), "t.csv:3:1: invalid UTF-8 in field 1 at byte 1");
}

TEST_CASE("copied fields stop at a malformed record whatever the policy", "[sources][csv]") {
    CsvReader reader(std::string_view("a\n\"b\n"), "t.csv", BadRecords::keep);
    Fields fields;
    CHECK(reader.next(fields));
    CHECK(fields == Fields{"a"});
    CHECK_THROWS_WITH(reader.next(fields), "t.csv:2:1: unterminated quoted field");
}

TEST_CASE("a file is read from disk and named in errors", "[sources][csv]") {
    incimap::test::ScratchDir dir;
    const auto path = dir.write("events.csv", "event_date,notes\n2024-03-01,\"On 1 March, gunmen\nattacked.\"\n");
    CsvReader reader(path, BadRecords::stop);
    CHECK(reader.name() == path.string());
    Fields fields;
    REQUIRE(reader.next(fields));
    REQUIRE(reader.next(fields));
    CHECK(fields == Fields{"2024-03-01", "On 1 March, gunmen\nattacked."});
    CHECK(reader.line() == 2);
    CHECK_FALSE(reader.next(fields));
    CHECK_THROWS_WITH(CsvReader(dir.path() / "missing.csv", BadRecords::stop),
                      Catch::StartsWith((dir.path() / "missing.csv").string() + ": cannot open"));
}

TEST_CASE("columns are found by name", "[sources][csv]") {
    Fields header{"event_date", "notes", "fatalities"};
    CHECK(column_index(header, "notes") == 1u);
    CHECK_FALSE(column_index(header, "latitude").has_value());
}

TEST_CASE("CSV output quotes only what needs quoting and reads back the same", "[sources][csv]") {
    std::string out;
    append_csv_record(out, {"plain", "Gao, Mali", "say \"hi\"", "two\nlines", " padded", ""});
    CHECK(out == "plain,\"Gao, Mali\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",\n");
    CHECK(fields_of(out) == std::vector<Fields>{{"plain", "Gao, Mali", "say \"hi\"", "two\nlines", " padded", ""}});
}

TEST_CASE("CSV output neutralises cells a spreadsheet would run as formulas", "[sources][csv]") {
    SECTION("a formula prefix gets a single quote") {
        for (const std::string cell : {"=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3",
                                       "@SUM(A1)", "\tlead", "\rlead", "=1", "-", "+", "-e5", "--3"}) {
            INFO(cell);
            CHECK(spreadsheet_safe(cell) == "'" + cell);
        }
    }
    SECTION("plain numbers and other text stay as they are") {
        for (const std::string cell : {"-3.5", "+12", "-0.25", "-.5", "-1e5", "+2.5E-3", "42", "",
                                       "Gao", "a=b", "'quoted", " =padded"}) {
            INFO(cell);
            CHECK(spreadsheet_safe(cell) == cell);
        }
    }
    SECTION("in a record, the quote goes inside the field's quoting") {
        std::string out;
        append_csv_record(out, {"=1+2", "-3.5", "=A1,B1", "@x\"y", "\r\n"});
        CHECK(out == "'=1+2,-3.5,\"'=A1,B1\",\"'@x\"\"y\",\"'\r\n\"\n");
        CHECK(fields_of(out) ==
              std::vector<Fields>{{"'=1+2", "-3.5", "'=A1,B1", "'@x\"y", "'\r\n"}});
    }
}
