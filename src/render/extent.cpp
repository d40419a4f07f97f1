#include "render/extent.hpp"

#include "text/fold.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace incimap::render {

namespace {

// The box of the incidents KEEP accepts (all when null), grown as
// data_extent() says; nothing when it accepts none.
std::optional<LonLatBox> extent_of(const PointFeatures& incidents, const std::function<bool(std::size_t)>& keep,
                                   double margin, double min_margin_degrees) {
    LonLatBox b{180, 90, -180, -90};
    bool any = false;
    for (std::size_t i = 0; i < incidents.size(); ++i) {
        if (keep && !keep(i))
            continue;
        any = true;
        b.min_lon = std::min(b.min_lon, incidents.lon[i]);
        b.max_lon = std::max(b.max_lon, incidents.lon[i]);
        b.min_lat = std::min(b.min_lat, incidents.lat[i]);
        b.max_lat = std::max(b.max_lat, incidents.lat[i]);
    }
    if (!any)
        return std::nullopt;
    return grown(b, margin, min_margin_degrees);
}

// The far-out fences of Tukey of VALUES: three interquartile ranges (at
// least `min_spread`) beyond the middle half. Cost: O(n), on a copy.
std::pair<double, double> far_out_fences(std::vector<double> values, double min_spread) {
    const auto at = [&](double q) {
        const auto k = static_cast<std::ptrdiff_t>(q * static_cast<double>(values.size() - 1));
        std::nth_element(values.begin(), values.begin() + k, values.end());
        return values[static_cast<std::size_t>(k)];
    };
    const double q1 = at(0.25), q3 = at(0.75);
    const double spread = std::max(q3 - q1, min_spread);
    return {q1 - 3 * spread, q3 + 3 * spread};
}

} // namespace

LonLatBox grown(LonLatBox b, double margin, double min_margin_degrees) {
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

std::optional<LonLatBox> data_extent(const PointFeatures& incidents, double margin,
                                     double min_margin_degrees) {
    return extent_of(incidents, nullptr, margin, min_margin_degrees);
}

std::optional<LonLatBox> robust_extent(const PointFeatures& incidents, std::size_t& left_out, double margin,
                                       double min_margin_degrees) {
    left_out = 0;
    if (incidents.size() < 4)
        return data_extent(incidents, margin, min_margin_degrees);
    const std::vector<double> lons(incidents.lon.begin(), incidents.lon.end());
    const std::vector<double> lats(incidents.lat.begin(), incidents.lat.end());
    const auto lon_fences = far_out_fences(lons, 1.0);  // west, east
    const auto lat_fences = far_out_fences(lats, 1.0);  // south, north
    const auto inside = [&](std::size_t i) {
        return incidents.lon[i] >= lon_fences.first && incidents.lon[i] <= lon_fences.second &&
               incidents.lat[i] >= lat_fences.first && incidents.lat[i] <= lat_fences.second;
    };
    for (std::size_t i = 0; i < incidents.size(); ++i)
        left_out += inside(i) ? 0 : 1;
    return extent_of(incidents, inside, margin, min_margin_degrees);
}

std::optional<LonLatBox> matching_box(const PolygonFeatures& features,
                                      std::span<const std::pair<std::string, std::string>> equal) {
    std::vector<std::pair<int, std::string>> wanted;
    for (const auto& [name, value] : equal) {
        const int column = features.attributes.find(name);
        if (column < 0)
            return std::nullopt;
        wanted.emplace_back(column, text::name_key(value));
    }
    std::optional<LonLatBox> box;
    for (std::size_t f = 0; f < features.polygons.size(); ++f) {
        const bool match = std::all_of(wanted.begin(), wanted.end(), [&](const auto& w) {
            const auto v = features.attributes.value(w.first, f);
            const auto* s = std::get_if<std::string_view>(&v);
            return s != nullptr && text::name_key(*s) == w.second;
        });
        if (!match || features.polygons[f].rings.empty())
            continue;
        const auto& b = features.polygons[f].bbox;
        box = box ? LonLatBox{std::min(box->min_lon, b.min_lon), std::min(box->min_lat, b.min_lat),
                              std::max(box->max_lon, b.max_lon), std::max(box->max_lat, b.max_lat)}
                  : b;
    }
    return box;
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

std::optional<std::pair<std::string, std::string>> date_range(
    const PointFeatures& incidents, const std::function<bool(std::size_t row)>& row_counts) {
    const int column = incidents.attributes.find("event_date");
    if (column < 0)
        return std::nullopt;
    std::optional<std::pair<std::string, std::string>> range;
    for (std::size_t i = 0; i < incidents.size(); ++i) {
        if (row_counts && !row_counts(i))
            continue;
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

std::vector<bool> rows_inside(const PointFeatures& incidents, const LonLatBox& box) {
    const auto north_west = to_world(box.min_lon, box.max_lat);
    const auto south_east = to_world(box.max_lon, box.min_lat);
    std::vector<bool> inside(incidents.size());
    for (std::size_t i = 0; i < incidents.size(); ++i) {
        const auto w = to_world(incidents.lon[i], incidents.lat[i]);
        inside[i] = w.x >= north_west.x && w.x <= south_east.x && w.y >= north_west.y && w.y <= south_east.y;
    }
    return inside;
}

namespace {

std::string_view text_at(const PointFeatures& incidents, int column, std::size_t row) {
    if (column < 0)
        return {};
    const auto v = incidents.attributes.value(column, row);
    const auto* s = std::get_if<std::string_view>(&v);
    return s ? *s : std::string_view();
}

} // namespace

const std::vector<std::string>& attribution_attributes() {
    static const std::vector<std::string> names{"event_id_cnty", "geonameid"};
    return names;
}

std::string attribution(const PointFeatures& incidents, const DrawnData& drawn) {
    const int acled_id = incidents.attributes.find("event_id_cnty");
    const int geonameid = incidents.attributes.find("geonameid");
    bool acled = false, gazetteer = drawn.gazetteer_places;
    for (std::size_t i = 0; i < incidents.size() && !(acled && gazetteer); ++i) {
        if (drawn.drawn_row && !drawn.drawn_row(i))
            continue;
        acled = acled || !text_at(incidents, acled_id, i).empty();
        double id = 0;
        gazetteer = gazetteer ||
                    (geonameid >= 0 && to_number(incidents.attributes.value(geonameid, i), id) && id > 0);
    }
    std::vector<std::string> parts;
    if (acled)
        parts.push_back(fmt::format("Incidents: {}.", acled_credit));
    if (gazetteer)
        parts.emplace_back("Places: GeoNames (CC BY 4.0).");
    if (!drawn.own.empty())
        parts.push_back(drawn.own.ends_with('.') ? drawn.own : drawn.own + ".");
    if (drawn.natural_earth)
        parts.emplace_back("Made with Natural Earth.");
    return fmt::format("{}", fmt::join(parts, " "));
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
