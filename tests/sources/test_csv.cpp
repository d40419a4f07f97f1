#include "sources/csv.hpp"

#include "core/error.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace incimap::sources;
using Record = std::vector<std::string>;

namespace {
std::vector<Record> read_all(const std::string& text, char delimiter = ',') {
    std::istringstream in(text);
    CsvReader reader(in, "t.csv", delimiter);
    std::vector<Record> records;
    Record r;
    while (reader.next(r))
        records.push_back(r);
    return records;
}
} // namespace

TEST_CASE("plain records", "[sources][csv]") {
    CHECK(read_all("a,b,c\n1,2,3\n") == std::vector<Record>{{"a", "b", "c"}, {"1", "2", "3"}});
    CHECK(read_all("a,b\r\n1,2") == std::vector<Record>{{"a", "b"}, {"1", "2"}});
    CHECK(read_all("x,,\n") == std::vector<Record>{{"x", "", ""}});
    CHECK(read_all("").empty());
}

TEST_CASE("quoted fields hold delimiters, quotes and line breaks", "[sources][csv]") {
    auto records = read_all("id,notes,fatalities\n"
                            "1,\"On 9 May, gunmen \"\"attacked\"\"\nthe post.\",2\n"
                            "2,\"\",0\n");
    REQUIRE(records.size() == 3);
    CHECK(records[1] == Record{"1", "On 9 May, gunmen \"attacked\"\nthe post.", "2"});
    CHECK(records[2] == Record{"2", "", "0"});
}

TEST_CASE("line numbers follow records across quoted line breaks", "[sources][csv]") {
    std::istringstream in("h\n\"a\nb\nc\"\nnext\n");
    CsvReader reader(in, "t.csv");
    Record r;
    reader.next(r);
    CHECK(reader.line() == 1);
    reader.next(r);
    CHECK(reader.line() == 2);
    reader.next(r);
    CHECK(reader.line() == 5);
    CHECK(r == Record{"next"});
}

TEST_CASE("a byte order mark and other delimiters", "[sources][csv]") {
    CHECK(read_all("\xEF\xBB\xBF" "a;b\n", ';') == std::vector<Record>{{"a", "b"}});
    CHECK(read_all("a\tb c\n", '\t') == std::vector<Record>{{"a", "b c"}});
}

TEST_CASE("a quote inside an unquoted field is kept", "[sources][csv]") {
    CHECK(read_all("5 \"km\" north,x\n") == std::vector<Record>{{"5 \"km\" north", "x"}});
}

TEST_CASE("malformed quoting is an error naming the line", "[sources][csv]") {
    CHECK_THROWS_WITH(read_all("a,b\n1,\"never closed\n2,3\n"), "t.csv:2: quoted field never closed");
    CHECK_THROWS_WITH(read_all("a\n\"x\"y,z\n"), Catch::StartsWith("t.csv:2: unexpected 'y' after a closing quote"));
}

TEST_CASE("columns are found by name", "[sources][csv]") {
    Record header{"event_date", "notes", "fatalities"};
    CHECK(column_index(header, "notes") == 1u);
    CHECK_FALSE(column_index(header, "latitude").has_value());
}

TEST_CASE("records read the same wherever the input's blocks end", "[sources][csv]") {
    // Over 64 KB, so that fields, quotes, doubled quotes and CRLF pairs fall
    // across the reader's block boundaries at every offset.
    std::string text;
    std::vector<Record> expected;
    for (int i = 0; text.size() < 3 * 65536; ++i) {
        const std::string id = std::to_string(i);
        const std::string notes = "gunmen \"struck\" post " + id + ",\nat dawn";
        text += id + ",\"gunmen \"\"struck\"\" post " + id + ",\nat dawn\"," + std::string(i % 7, 'x') + "\r\n";
        expected.push_back({id, notes, std::string(i % 7, 'x')});
    }
    CHECK(read_all(text) == expected);
}

TEST_CASE("a byte order mark is skipped only when all three bytes are there", "[sources][csv]") {
    CHECK(read_all("\xEF\xBB" "a\n") == std::vector<Record>{{"\xEF\xBB" "a"}});
    CHECK(read_all("\xEF") == std::vector<Record>{{"\xEF"}});
}
