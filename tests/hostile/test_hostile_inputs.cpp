// Hostile inputs at the level of the readers: each pins down a fix made
// when a hostile file got through (see tests/hostile/cli_tests.cmake for
// the same inputs through the command line).
#include "core/error.hpp"
#include "gazetteer/dump_file.hpp"
#include "sources/document_input.hpp"
#include "sources/html.hpp"
#include "store/event_rows.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace incimap;
using Catch::Matchers::Contains;

namespace {

const sources::WarningHandler ignore_warnings = [](const std::string&) {};

std::string nested_divs(int depth) {
    std::string html = "<html><body>";
    for (int i = 0; i < depth; ++i)
        html += "<div>";
    html += "<p>Gunmen attacked Djibo on Sunday.</p>";
    for (int i = 0; i < depth; ++i)
        html += "</div>";
    return html + "</body></html>";
}

} // namespace

TEST_CASE("a GeoNames dump with a line of over 1 MiB is refused at that line", "[gazetteer]") {
    const auto path = std::filesystem::temp_directory_path() /
                      ("incimap-long-line-" + std::to_string(::getpid()) + ".txt");
    {
        std::ofstream out(path, std::ios::binary);
        out << "2361082\tDori\n" << std::string(2 << 20, 'x');
    }
    gazetteer::DumpFile dump(path);
    REQUIRE(dump.next_line() == std::string_view("2361082\tDori"));
    REQUIRE_THROWS_WITH(dump.next_line(),
                        Contains(path.string() + ":2: line longer than 1 MiB: not a GeoNames dump"));
    std::filesystem::remove(path);
}

TEST_CASE("HTML nested deeper than libxml2 reads is an error, not a silently cut page", "[sources]") {
    SECTION("250 levels are read") {
        const auto document = sources::document_from_html(nested_divs(250), "deep.html", "", ignore_warnings);
        REQUIRE_THAT(document.text, Contains("Gunmen attacked Djibo"));
    }
    SECTION("100,000 levels fail with the page's name and line") {
        REQUIRE_THROWS_WITH(sources::document_from_html(nested_divs(100000), "deep.html", "", ignore_warnings),
                            Contains("deep.html:1: elements nested too deep"));
    }
}

TEST_CASE("an empty or binary report file is an error naming it", "[sources]") {
    using sources::InputFormat;
    SECTION("empty or blank") {
        REQUIRE_THROWS_WITH(sources::documents_from_bytes("", InputFormat::text, "a.txt", ignore_warnings),
                            "a.txt: empty: no report text");
        REQUIRE_THROWS_WITH(sources::documents_from_bytes(" \r\n\n", InputFormat::text, "a.txt", ignore_warnings),
                            "a.txt: empty: no report text");
    }
    SECTION("a NUL byte, with its line") {
        const std::string bytes("GIF89a\n\x01\x02\0\x03", 11);
        REQUIRE_THROWS_WITH(sources::documents_from_bytes(bytes, InputFormat::text, "b.txt", ignore_warnings),
                            "b.txt:2: binary data (a NUL byte at byte 9), not a text report");
    }
    SECTION("text is still read") {
        const auto docs = sources::documents_from_bytes("Gunmen attacked Djibo.", InputFormat::text, "c.txt",
                                                        ignore_warnings);
        REQUIRE(docs.size() == 1);
    }
}

TEST_CASE("an event table value over 64 KiB rejects its row without quoting it", "[store]") {
    const std::vector<std::string_view> header{"event_date", "event_type", "latitude", "longitude", "notes"};
    const store::ColumnMap columns(header);
    const std::string notes(70 << 10, 'x');
    const std::vector<std::string_view> row{"2024-09-17", "Battles", "14.0994", "-1.6255", notes};
    REQUIRE_THROWS_WITH(store::incident_from_row(columns, row, store::RowContext{}),
                        "field 5 is 71680 bytes long, more than 64 KiB");
    const std::vector<std::string_view> fine{"2024-09-17", "Battles", "14.0994", "-1.6255", "a short note"};
    REQUIRE(store::incident_from_row(columns, fine, store::RowContext{}).event_date == "2024-09-17");
}
