#include "sources/transfer_display.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <memory>

using namespace incimap;
using namespace incimap::sources;

TEST_CASE("Byte sizes read like a person writes them", "[sources]") {
    CHECK(format_byte_size(0) == "0 B");
    CHECK(format_byte_size(1000) == "1000 B");
    CHECK(format_byte_size(1536) == "1.5 KiB");
    CHECK(format_byte_size(40 * mebibyte) == "40 MiB");
    CHECK(format_byte_size(gibibyte) == "1 GiB");
    CHECK(format_byte_size(gibibyte + gibibyte / 5) == "1.2 GiB");
}

TEST_CASE("Byte sizes typed on the command line are parsed in binary units", "[sources]") {
    CHECK(parse_byte_size("1048576") == mebibyte);
    CHECK(parse_byte_size("500K") == 500 * 1024);
    CHECK(parse_byte_size("1.5M") == mebibyte + mebibyte / 2);
    CHECK(parse_byte_size("2G") == 2 * gibibyte);
    CHECK(parse_byte_size("2GiB") == 2 * gibibyte);
    CHECK(parse_byte_size("300 mb") == 300 * mebibyte);
    for (const char* bad : {"", "G", "-1M", "12 parsecs", "1.5X", "nan", "1e30T"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(parse_byte_size(bad), UsageError);
    }
    CHECK_THROWS_WITH(parse_byte_size("lots"), Catch::Matchers::StartsWith("'lots' is not a size"));
}

namespace {

struct CapturedStream {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file{std::tmpfile(), &std::fclose};
    std::string text() const {
        std::fflush(file.get());
        std::rewind(file.get());
        std::string content;
        char buffer[256];
        size_t n;
        while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0)
            content.append(buffer, n);
        return content;
    }
};

TransferProgress progress_after(std::chrono::seconds elapsed) {
    TransferProgress progress;
    progress.received = 3 * mebibyte;
    progress.total = 12 * mebibyte;
    progress.elapsed = elapsed;
    return progress;
}

} // namespace

TEST_CASE("Progress written to a file is a plain line, and only for long downloads", "[sources]") {
    CapturedStream out;
    SECTION("a quick download shows nothing") {
        ProgressMeter meter("XX.zip", true, out.file.get());
        meter.update(progress_after(std::chrono::seconds(1)));
        meter.finish();
        CHECK(out.text().empty());
    }
    SECTION("a long download shows size, percentage and rate") {
        ProgressMeter meter("XX.zip", true, out.file.get());
        meter.update(progress_after(std::chrono::seconds(20)));
        meter.finish();
        CHECK(out.text() == "XX.zip: 3 MiB / 12 MiB (25%)  153.6 KiB/s\n");
    }
    SECTION("a quiet meter shows nothing") {
        ProgressMeter meter("XX.zip", false, out.file.get());
        meter.update(progress_after(std::chrono::seconds(20)));
        CHECK(out.text().empty());
    }
}
