#include "sources/transfer_display.hpp"

#include "core/error.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fmt/format.h>

namespace incimap::sources {
namespace {

constexpr std::array<std::string_view, 5> unit_names{"B", "KiB", "MiB", "GiB", "TiB"};

std::string lowercase(std::string_view text) {
    std::string result(text);
    for (auto& c : result)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return result;
}

// 0 for bytes, 1 for K…, -1 when the suffix is not a size unit.
int unit_power(std::string_view suffix) {
    auto unit = lowercase(suffix);
    if (unit.empty() || unit == "b")
        return 0;
    static constexpr std::string_view prefixes = "kmgt";
    auto power = prefixes.find(unit[0]);
    if (power == std::string_view::npos)
        return -1;
    auto rest = std::string_view(unit).substr(1);
    if (rest.empty() || rest == "b" || rest == "ib")
        return static_cast<int>(power) + 1;
    return -1;
}

} // namespace

std::string format_byte_size(std::uint64_t bytes) {
    if (bytes < 1024)
        return fmt::format("{} B", bytes);
    double value = static_cast<double>(bytes);
    size_t unit = 0;
    while (value >= 1024 && unit + 1 < unit_names.size()) {
        value /= 1024;
        ++unit;
    }
    double tenths = std::round(value * 10) / 10;
    if (tenths == std::floor(tenths))
        return fmt::format("{:.0f} {}", tenths, unit_names[unit]);
    return fmt::format("{:.1f} {}", tenths, unit_names[unit]);
}

std::uint64_t parse_byte_size(std::string_view text) {
    auto bad = [text] {
        return UsageError(
            fmt::format("'{}' is not a size: expected bytes or a number with K, M, G or T", text));
    };
    double number = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc{} || number < 0 || !std::isfinite(number))
        throw bad();
    auto suffix = text.substr(static_cast<size_t>(end - text.data()));
    while (!suffix.empty() && suffix.front() == ' ')
        suffix.remove_prefix(1);
    int power = unit_power(suffix);
    if (power < 0)
        throw bad();
    double bytes = std::round(number * std::pow(1024.0, power));
    if (bytes >= 18446744073709551615.0)
        throw bad();
    return static_cast<std::uint64_t>(bytes);
}

// Off a terminal, a plain line every 15 seconds of a long download.
constexpr std::chrono::milliseconds plain_line_interval(15000);

ProgressMeter::ProgressMeter(std::string label, bool enabled, std::FILE* out)
    : label_(std::move(label)), line_(enabled, out, plain_line_interval) {}

std::string ProgressMeter::describe(const TransferProgress& progress) const {
    std::string line = fmt::format("{}: {}", label_, format_byte_size(progress.received));
    if (progress.total && *progress.total > 0)
        line += fmt::format(" / {} ({}%)", format_byte_size(*progress.total),
                            progress.received * 100 / *progress.total);
    double seconds = std::chrono::duration<double>(progress.elapsed).count();
    if (seconds >= 0.5)
        line += fmt::format(
            "  {}/s",
            format_byte_size(static_cast<std::uint64_t>(
                static_cast<double>(progress.received - progress.resumed_from) / seconds)));
    return line;
}

void ProgressMeter::update(const TransferProgress& progress) {
    if (!line_.enabled())
        return;
    if (!line_.terminal() && progress.elapsed < plain_line_interval)
        return; // short downloads get only the caller's summary line
    line_.status(describe(progress));
}

void ProgressMeter::finish() {
    line_.clear();
}

} // namespace incimap::sources
