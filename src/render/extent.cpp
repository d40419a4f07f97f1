#include "render/extent.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace incimap::render {

std::optional<LonLatBox> data_extent(const PointFeatures& incidents, double margin,
                                     double min_margin_degrees) {
    if (incidents.size() == 0)
        return std::nullopt;
    LonLatBox b{180, 90, -180, -90};
    for (std::size_t i = 0; i < incidents.size(); ++i) {
        b.min_lon = std::min(b.min_lon, incidents.lon[i]);
        b.max_lon = std::max(b.max_lon, incidents.lon[i]);
        b.min_lat = std::min(b.min_lat, incidents.lat[i]);
        b.max_lat = std::max(b.max_lat, incidents.lat[i]);
    }
    // Incidents at a pole or on the antimeridian: the box keeps to what a
    // map shows (Web Mercator stops short of the poles), so that it never
    // turns inside out once clamped.
    b.min_lat = std::clamp(b.min_lat, -max_mercator_latitude, max_mercator_latitude);
    b.max_lat = std::clamp(b.max_lat, -max_mercator_latitude, max_mercator_latitude);
    b.min_lon = std::clamp(b.min_lon, -180.0, 180.0);
    b.max_lon = std::clamp(b.max_lon, -180.0, 180.0);
    const double dx = std::max((b.max_lon - b.min_lon) * margin, min_margin_degrees);
    const double dy = std::max((b.max_lat - b.min_lat) * margin, min_margin_degrees);
    return LonLatBox{std::max(-180.0, b.min_lon - dx), std::max(-max_mercator_latitude, b.min_lat - dy),
                     std::min(180.0, b.max_lon + dx), std::min(max_mercator_latitude, b.max_lat + dy)};
}

int suggest_max_zoom(const PointFeatures& incidents, int tile_size, std::string& why,
                     double target_pixels, int cap) {
    // Distinct places in world coordinates.
    std::vector<WorldPoint> places;
    {
        std::unordered_set<std::uint64_t> seen;
        for (std::size_t i = 0; i < incidents.size(); ++i) {
            const auto w = to_world(incidents.lon[i], incidents.lat[i]);
            const auto key = (std::uint64_t(w.x * (1u << 31)) << 32) ^ std::uint64_t(w.y * (1u << 31));
            if (seen.insert(key).second)
                places.push_back(w);
        }
    }
    if (places.size() < 2) {
        why = fmt::format("fewer than two distinct places: zoom {}", cap - 2);
        return cap - 2;
    }
    // Grid cells holding about four places each.
    const double cell = std::clamp(std::sqrt(4.0 / places.size()), 1e-9, 1.0);
    const auto key = [cell](double x, double y) {
        return (std::int64_t(std::floor(x / cell)) << 32) ^ (std::int64_t(std::floor(y / cell)) & 0xffffffff);
    };
    std::unordered_map<std::int64_t, std::vector<std::uint32_t>> grid;
    for (std::uint32_t i = 0; i < places.size(); ++i)
        grid[key(places[i].x, places[i].y)].push_back(i);
    const std::size_t step = std::max<std::size_t>(1, places.size() / 100000);
    std::vector<double> nearest;
    for (std::size_t i = 0; i < places.size(); i += step) {
        const auto p = places[i];
        double best = INFINITY;
        // Grow the search ring until a neighbour is found and no closer one
        // can be in cells further out.
        for (int ring = 1; ring < 1 << 20; ring *= 2) {
            const auto cx = std::int64_t(std::floor(p.x / cell)), cy = std::int64_t(std::floor(p.y / cell));
            for (auto gx = cx - ring; gx <= cx + ring; ++gx)
                for (auto gy = cy - ring; gy <= cy + ring; ++gy) {
                    const auto it = grid.find((gx << 32) ^ (gy & 0xffffffff));
                    if (it == grid.end())
                        continue;
                    for (const auto j : it->second)
                        if (j != i)
                            best = std::min(best, std::hypot(places[j].x - p.x, places[j].y - p.y));
                }
            if (best <= ring * cell)
                break;
        }
        nearest.push_back(best);
    }
    std::nth_element(nearest.begin(), nearest.begin() + nearest.size() / 2, nearest.end());
    const double median = nearest[nearest.size() / 2];
    int zoom = static_cast<int>(std::ceil(std::log2(target_pixels / (median * tile_size))));
    zoom = std::clamp(zoom, 0, cap);
    why = fmt::format("zoom {}: the median distance between neighbouring places, {:.3g} km at the "
                      "equator, is {:.1f} px there{}",
                      zoom, median * 40075.016686, median * tile_size * std::ldexp(1.0, zoom),
                      zoom == cap ? fmt::format(" (capped at {})", cap) : "");
    return zoom;
}

std::optional<std::pair<std::string, std::string>> date_range(const PointFeatures& incidents) {
    const int column = incidents.attributes.find("event_date");
    if (column < 0)
        return std::nullopt;
    std::optional<std::pair<std::string, std::string>> range;
    for (std::size_t i = 0; i < incidents.size(); ++i) {
        const auto v = incidents.attributes.value(column, i);
        const auto* s = std::get_if<std::string_view>(&v);
        if (s == nullptr || s->size() < 10)
            continue;
        const std::string day(s->substr(0, 10));
        if (!range)
            range = std::pair{day, day};
        range->first = std::min(range->first, day);
        range->second = std::max(range->second, day);
    }
    return range;
}

namespace {

// The host of an http(s) URL, lowercase and without "www.": "" when TEXT is
// not such a URL or its host is not a plain DNS name.
std::string url_host(std::string_view text) {
    const auto scheme = text.find("://");
    if (scheme == std::string_view::npos)
        return {};
    std::string s;
    for (const char c : text.substr(0, scheme))
        s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (s != "http" && s != "https")
        return {};
    auto rest = text.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = rest.rfind('@'); at != std::string_view::npos)
        rest = rest.substr(at + 1);
    rest = rest.substr(0, rest.find(':'));
    std::string host;
    for (const char c : rest) {
        const auto lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (!((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '.' ||
              lower == '-'))
            return {};
        host += lower;
    }
    if (host.starts_with("www."))
        host.erase(0, 4);
    if (host.size() > 253 || host.find('.') == std::string::npos)
        return {};
    return host;
}

std::string_view text_at(const PointFeatures& incidents, int column, std::size_t row) {
    if (column < 0)
        return {};
    const auto v = incidents.attributes.value(column, row);
    const auto* s = std::get_if<std::string_view>(&v);
    return s ? *s : std::string_view();
}

} // namespace

const std::vector<std::string>& attribution_attributes() {
    static const std::vector<std::string> names{"source", "doc_id", "event_id_cnty"};
    return names;
}

std::string attribution(const PointFeatures& incidents) {
    std::string text = "Made with Natural Earth. Places: GeoNames (CC BY 4.0).";
    const int source = incidents.attributes.find("source");
    const int doc_id = incidents.attributes.find("doc_id");
    const int acled_id = incidents.attributes.find("event_id_cnty");
    std::map<std::string, std::size_t> counts;
    for (std::size_t i = 0; i < incidents.size(); ++i) {
        auto outlet = url_host(text_at(incidents, source, i));
        if (outlet.empty())
            outlet = url_host(text_at(incidents, doc_id, i));
        if (outlet.empty() && !text_at(incidents, acled_id, i).empty())
            outlet = "ACLED";
        if (!outlet.empty())
            ++counts[outlet];
    }
    if (counts.empty())
        return text;
    std::vector<std::pair<std::size_t, std::string>> ranked;
    for (auto& [name, n] : counts)
        ranked.emplace_back(n, name);
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    text += " Incidents: ";
    for (std::size_t i = 0; i < std::min<std::size_t>(3, ranked.size()); ++i)
        text += (i ? ", " : "") + ranked[i].second;
    if (ranked.size() > 3)
        text += fmt::format(" and {} more", ranked.size() - 3);
    text += ".";
    return text;
}

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string unescape_html(std::string_view html) {
    static constexpr std::pair<std::string_view, char> references[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    std::string out;
    out.reserve(html.size());
    for (std::size_t i = 0; i < html.size();) {
        bool replaced = false;
        if (html[i] == '&')
            for (const auto& [reference, c] : references)
                if (html.substr(i, reference.size()) == reference) {
                    out += c;
                    i += reference.size();
                    replaced = true;
                    break;
                }
        if (!replaced)
            out += html[i++];
    }
    return out;
}

} // namespace incimap::render
