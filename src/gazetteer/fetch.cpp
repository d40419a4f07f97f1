#include "gazetteer/fetch.hpp"

#include "core/error.hpp"

#include <array>
#include <cctype>
#include <cstdlib>
#include <fmt/format.h>
#include <optional>
#include <strings.h>

namespace incimap::gazetteer {
namespace {

struct KnownDump {
    std::string_view name;
    std::string_view extension;
};

constexpr std::array<KnownDump, 7> known_dumps{{
    {"allCountries", ".zip"},
    {"cities500", ".zip"},
    {"cities1000", ".zip"},
    {"cities5000", ".zip"},
    {"cities15000", ".zip"},
    {"admin1CodesASCII", ".txt"},
    {"countryInfo", ".txt"},
}};

bool is_letter(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0 && static_cast<unsigned char>(c) < 0x80;
}

} // namespace

GeoNamesDump geonames_dump(std::string_view name) {
    if (name.size() == 2 && is_letter(name[0]) && is_letter(name[1])) {
        std::string code{static_cast<char>(std::toupper(static_cast<unsigned char>(name[0]))),
                         static_cast<char>(std::toupper(static_cast<unsigned char>(name[1])))};
        return {code, code + ".zip"};
    }
    for (const auto& known : known_dumps) {
        if (name.size() == known.name.size() &&
            ::strncasecmp(name.data(), known.name.data(), name.size()) == 0)
            return {std::string(known.name), fmt::format("{}{}", known.name, known.extension)};
    }
    throw UsageError(
        fmt::format("unknown GeoNames dump '{}': expected a two-letter country code (ML, BF, NE) "
                    "or one of {}",
                    name, known_dump_names()));
}

std::string_view known_dump_names() {
    return "allCountries, cities500, cities1000, cities5000, cities15000, admin1CodesASCII, "
           "countryInfo";
}

std::string dump_url(std::string_view base_url, const GeoNamesDump& dump) {
    while (!base_url.empty() && base_url.back() == '/')
        base_url.remove_suffix(1);
    return fmt::format("{}/{}", base_url, dump.file_name);
}

std::filesystem::path geonames_cache_dir(const EnvironmentVariable& environment) {
    if (auto dir = environment("INCIMAP_CACHE_DIR"))
        return std::filesystem::path(*dir) / "geonames";
    // The XDG base directory spec says to ignore a relative path.
    if (auto dir = environment("XDG_CACHE_HOME"); dir && std::filesystem::path(*dir).is_absolute())
        return std::filesystem::path(*dir) / "incimap" / "geonames";
    if (auto home = environment("HOME"))
        return std::filesystem::path(*home) / ".cache" / "incimap" / "geonames";
    throw Error("no cache folder: set INCIMAP_CACHE_DIR, XDG_CACHE_HOME or HOME");
}

std::filesystem::path geonames_cache_dir() {
    return geonames_cache_dir([](const char* name) -> std::optional<std::string> {
        const char* value = std::getenv(name);
        if (value == nullptr || *value == '\0')
            return std::nullopt;
        return std::string(value);
    });
}

} // namespace incimap::gazetteer
