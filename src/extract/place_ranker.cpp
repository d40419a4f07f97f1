#include "extract/place_ranker.hpp"

#include "core/error.hpp"
#include "core/resources.hpp"

#include <charconv>
#include <string>

namespace incimap::extract {
namespace {

constexpr std::string_view names[] = {
    "capital",          "admin1_seat",       "admin2_seat",       "lower_seat",
    "village",          "lost_place",        "admin1_unit",       "admin2_unit",
    "lower_unit",       "historical_unit",   "area",              "spot",
    "terrain",          "log_population_town", "log_population_other", "main_name",
    "edits",            "hint_missed",       "hint_region",       "hint_unit_region",
    "hint_beside_town", "hint_near_unit",    "hint_within_80",    "country_top",
    "country_other",    "country_unnamed",   "country_share",     "focus_country",
    "anchor_region",    "anchor_within_100", "anchor_within_25",  "settlement_not_town",
    "region_named_bare", "unit_named_as_unit", "unit_named_bare",
};
static_assert(std::size(names) == place_feature_count, "a name for every place feature");

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

} // namespace

std::span<const std::string_view> place_feature_names() { return names; }

PlaceRanker PlaceRanker::parse(std::string_view tsv, std::string_view origin) {
    PlaceRanker ranker;
    std::array<bool, place_feature_count> seen{};
    long line_number = 0;
    while (!tsv.empty()) {
        const auto end = tsv.find('\n');
        std::string_view line = tsv.substr(0, end);
        tsv.remove_prefix(end == std::string_view::npos ? tsv.size() : end + 1);
        ++line_number;
        line = trimmed(line);
        if (line.empty() || line.front() == '#')
            continue;
        const auto tab = line.find('\t');
        if (tab == std::string_view::npos)
            throw InputError(origin, line_number, "expected 'feature<TAB>weight', got '" + std::string(line) + "'");
        const std::string_view name = trimmed(line.substr(0, tab)), value = trimmed(line.substr(tab + 1));
        std::size_t index = 0;
        while (index < place_feature_count && names[index] != name)
            ++index;
        if (index == place_feature_count)
            throw InputError(origin, line_number, "unknown place feature '" + std::string(name) + "'");
        if (seen[index])
            throw InputError(origin, line_number, "place feature '" + std::string(name) + "' given twice");
        double weight = 0;
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), weight);
        if (ec != std::errc() || ptr != value.data() + value.size())
            throw InputError(origin, line_number, "weight '" + std::string(value) + "' is not a number");
        ranker.weights_[index] = weight;
        seen[index] = true;
    }
    for (std::size_t i = 0; i < place_feature_count; ++i)
        if (!seen[i])
            throw InputError(origin, 0, "no weight for place feature '" + std::string(names[i]) + "'");
    return ranker;
}

const PlaceRanker& PlaceRanker::builtin() {
    static const PlaceRanker ranker =
        parse(as_text(resource("extract/place_ranker.tsv")), "place_ranker.tsv (built in)");
    return ranker;
}

double PlaceRanker::score(const PlaceFeatures& features) const {
    double s = 0;
    for (std::size_t i = 0; i < place_feature_count; ++i)
        s += weights_[i] * features[i];
    return s;
}

} // namespace incimap::extract
