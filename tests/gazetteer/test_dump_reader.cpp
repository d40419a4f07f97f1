#include "adapters/gdal_vsi.hpp"
#include "core/error.hpp"
#include "fixtures.hpp"
#include "gazetteer/dump_reader.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace incimap;
using namespace incimap::gazetteer;
using namespace incimap::test::geonames;

namespace {

std::vector<std::int64_t> ids_read(const std::filesystem::path& dump,
                                   ReadReport* report = nullptr) {
    std::vector<std::int64_t> ids;
    auto r = read_places(dump, [&](const PlaceRow& row) { ids.push_back(row.geonameid); });
    if (report != nullptr)
        *report = r;
    return ids;
}

const Row kidal{2455290, "Kidal", "Kidali", 18.44111, 1.40778, "P", "PPLA", "ML", "10", 11643};
const Row gao{2457163, "Gao", "Gawo", 16.27167, -0.04472, "P", "PPLA", "ML", "09", 87000};

} // namespace

TEST_CASE("A geoname row is read column by column", "[gazetteer][dump]") {
    std::string problem;
    const std::string line = kidal.line().substr(0, kidal.line().size() - 1);
    auto row = parse_place_row(line, problem);
    REQUIRE(row);
    CHECK(row->geonameid == 2455290);
    CHECK(row->name == "Kidal");
    CHECK(row->alternate_names == "Kidali");
    CHECK(row->latitude == Approx(18.44111).margin(1e-9));
    CHECK(row->longitude == Approx(1.40778).margin(1e-9));
    CHECK(row->feature_class == 'P');
    CHECK(row->feature_code == "PPLA");
    CHECK(row->country == "ML");
    CHECK(row->admin1_code == "10");
    CHECK(row->population == 11643);
}

TEST_CASE("Bad rows are skipped and reported with file and line", "[gazetteer][dump]") {
    ScratchDir dir;
    auto with_column = [](std::string line, int column, std::string value) {
        std::vector<std::string> columns;
        std::size_t start = 0;
        line.pop_back(); // newline
        for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
            columns.push_back(line.substr(start, tab - start));
        columns.push_back(line.substr(start));
        columns[static_cast<std::size_t>(column)] = std::move(value);
        std::string out;
        for (const auto& c : columns)
            out += (out.empty() ? "" : "\t") + c;
        return out + "\n";
    };
    const std::string good = kidal.line();

    struct Case {
        const char* what;
        std::string line;
        const char* message;
    };
    const std::vector<Case> cases = {
        {"latitude out of range", with_column(good, 4, "91.2"), "latitude '91.2' out of range"},
        {"longitude out of range", with_column(good, 5, "-180.5"),
         "longitude '-180.5' out of range"},
        {"latitude not a number", with_column(good, 4, "18,44"),
         "latitude '18,44' is not a number"},
        {"empty longitude", with_column(good, 5, ""), "longitude '' is not a number"},
        {"geonameid not a number", with_column(good, 0, "x12"), "geonameid 'x12' is not a number"},
        {"too few columns", "2455290\tKidal\tKidal\n",
         "expected 19 tab-separated columns, found 3"},
        {"too many columns", good.substr(0, good.size() - 1) + "\textra\n",
         "expected 19 tab-separated columns, found 20"},
        {"bad UTF-8", with_column(good, 3, "Kid\xe1l"), "invalid UTF-8 in column 4"},
        {"bad population", with_column(good, 14, "many"), "population 'many' is not a number"},
        {"long feature class", with_column(good, 6, "PP"), "feature class 'PP' is not one letter"},
    };
    for (const auto& c : cases) {
        SECTION(c.what) {
            const auto dump = written(dir / "ML.txt", gao.line() + c.line + kidal.line());
            ReadReport report;
            const auto ids = ids_read(dump, &report);
            CHECK(ids == std::vector<std::int64_t>{2457163, 2455290});
            CHECK(report.rows_read == 2);
            CHECK(report.rows_skipped == 1);
            REQUIRE(report.problems.size() == 1);
            CHECK_THAT(report.problems[0], Catch::StartsWith(dump.string() + ":2: " + c.message));
        }
    }
}

TEST_CASE("Blank lines and Windows line ends are not errors", "[gazetteer][dump]") {
    ScratchDir dir;
    std::string text = gao.line() + "\n" + kidal.line();
    text.insert(gao.line().size() - 1, 1, '\r');
    ReadReport report;
    const auto ids = ids_read(written(dir / "ML.txt", text), &report);
    CHECK(ids == std::vector<std::int64_t>{2457163, 2455290});
    CHECK(report.rows_skipped == 0);
    CHECK(report.summary_lines().empty());
}

TEST_CASE("Only the first bad-row messages are kept; the rest are counted", "[gazetteer][dump]") {
    ScratchDir dir;
    std::string text;
    for (int i = 0; i < 25; ++i)
        text += "broken row\n";
    text += kidal.line();
    ReadReport report;
    ids_read(written(dir / "ML.txt", text), &report);
    CHECK(report.rows_skipped == 25);
    CHECK(report.rows_read == 1);
    CHECK(report.problems.size() == max_reported_problems);
    const auto lines = report.summary_lines();
    REQUIRE(lines.size() == max_reported_problems + 2);
    CHECK(lines[max_reported_problems] == "… and 15 more");
    CHECK(lines.back() == (dir / "ML.txt").string() + ": 25 rows skipped, 1 read");
}

TEST_CASE("A missing dump is an error naming the path", "[gazetteer][dump]") {
    ScratchDir dir;
    const auto missing = dir / "XX.txt";
    CHECK_THROWS_AS(ids_read(missing), InputError);
    CHECK_THROWS_WITH(ids_read(missing), Catch::StartsWith(missing.string() + ": cannot open"));
    CHECK_THROWS_WITH(ids_read(dir.path()), Catch::Contains("is a folder"));
}

TEST_CASE("Dumps are read from gzip and zip files, told by their content", "[gazetteer][dump]") {
    ScratchDir dir;
    const std::string text = gao.line() + kidal.line();

    SECTION("gzip") {
        const auto gz = dir / "ML.txt.gz";
        vsi::write_file(vsi::gzip_path(gz), text);
        CHECK(ids_read(gz) == std::vector<std::int64_t>{2457163, 2455290});
    }
    SECTION("zip holding the table and a readme, as GeoNames serves them") {
        const auto zip = dir / "ML.zip";
        vsi::write_file(vsi::zip_member_path(zip, "readme.txt"), "GeoNames, CC BY 4.0\n");
        vsi::write_file(vsi::zip_member_path(zip, "ML.txt"), text);
        ReadReport report;
        CHECK(ids_read(zip, &report) == std::vector<std::int64_t>{2457163, 2455290});
        CHECK(report.source == zip.string() + "/ML.txt");
    }
    SECTION("zip with one table of another name") {
        const auto zip = dir / "download.zip";
        vsi::write_file(vsi::zip_member_path(zip, "cities500.txt"), text);
        CHECK(ids_read(zip).size() == 2);
    }
    SECTION("zip without a table") {
        const auto zip = dir / "ML.zip";
        vsi::write_file(vsi::zip_member_path(zip, "readme.txt"), "nothing here\n");
        CHECK_THROWS_WITH(ids_read(zip),
                          Catch::Contains("no .txt table") && Catch::Contains("readme.txt"));
    }
    SECTION("a damaged gzip file") {
        const auto gz = dir / "ML.txt.gz";
        vsi::write_file(vsi::gzip_path(gz), text + text + text);
        const auto size = std::filesystem::file_size(gz);
        std::filesystem::resize_file(gz, size / 2);
        CHECK_THROWS_AS(ids_read(gz), InputError);
    }
}

TEST_CASE("admin1CodesASCII and countryInfo give the hierarchy's names", "[gazetteer][dump]") {
    ScratchDir dir;
    SECTION("admin1 codes") {
        std::vector<std::string> seen;
        const auto dump = written(dir / "admin1CodesASCII.txt",
                                  mali_admin1_codes() + "ML10\tNo dot\tNo dot\t1\n");
        auto report = read_admin1_codes(dump, [&](const Admin1Row& row) {
            seen.push_back(std::string(row.country) + "." + std::string(row.code) + "=" +
                           std::string(row.name));
        });
        CHECK(seen.size() == 5);
        CHECK(seen.back() == "ML.10=Kidal");
        CHECK(report.rows_skipped == 1);
        CHECK_THAT(report.problems.at(0), Catch::Contains(":6: admin1 code 'ML10'"));
    }
    SECTION("country info, comments skipped") {
        std::vector<std::string> names;
        const auto dump = written(dir / "countryInfo.txt", country_info());
        auto report =
            read_country_info(dump, [&](const CountryRow& row) { names.emplace_back(row.name); });
        CHECK(names == std::vector<std::string>{"Mali", "Niger"});
        CHECK(report.rows_skipped == 0);
    }
    SECTION("the kind of a dump is told by its name") {
        CHECK(dump_kind("/x/admin1CodesASCII.txt") == DumpKind::admin1_codes);
        CHECK(dump_kind("countryInfo.txt.gz") == DumpKind::country_info);
        CHECK(dump_kind("NE.zip") == DumpKind::places);
    }
}
