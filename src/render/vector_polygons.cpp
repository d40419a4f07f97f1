#include "render/vector_polygons.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace incimap::render {

namespace {

using Point = std::pair<double, double>;

bool inside(const std::vector<WorldPoint>& ring, WorldPoint p) {
    bool in = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
        if ((ring[i].y > p.y) != (ring[j].y > p.y) &&
            p.x < (ring[j].x - ring[i].x) * (p.y - ring[i].y) / (ring[j].y - ring[i].y) + ring[i].x)
            in = !in;
    return in;
}

// One edge of the clip square: keeps what is on the inner side of `at`
// along axis x (0) or y (1), below it when `below`.
std::vector<Point> clip_edge(const std::vector<Point>& ring, int axis, double at, bool below) {
    std::vector<Point> out;
    const auto coord = [axis](const Point& p) { return axis == 0 ? p.first : p.second; };
    const auto keep = [&](const Point& p) { return below ? coord(p) <= at : coord(p) >= at; };
    for (std::size_t i = 0; i < ring.size(); ++i) {
        const auto& a = ring[(i + ring.size() - 1) % ring.size()];
        const auto& b = ring[i];
        if (keep(a) != keep(b)) {
            const double t = (at - coord(a)) / (coord(b) - coord(a));
            out.emplace_back(a.first + t * (b.first - a.first),
                             a.second + t * (b.second - a.second));
        }
        if (keep(b))
            out.push_back(b);
    }
    return out;
}

} // namespace

std::vector<Point> clip_ring(const std::vector<Point>& ring, double low, double high) {
    auto out = ring;
    for (const auto& [axis, at, below] :
         {std::tuple{0, low, false}, {0, high, true}, {1, low, false}, {1, high, true}}) {
        if (out.empty())
            break;
        out = clip_edge(out, axis, at, below);
    }
    return out;
}

PolygonTiler::PolygonTiler(const PolygonFeatures& polygons,
                           const std::vector<std::string>& attributes)
    : polygons_(polygons) {
    for (const auto& name : attributes)
        if (const int c = polygons.attributes.find(name); c >= 0)
            columns_.push_back(c);
    for (const auto& polygon : polygons.polygons) {
        std::vector<std::vector<WorldPoint>> rings;
        Shape shape{{}, {1, 1}, {0, 0}};
        for (const auto& ring : polygon.rings) {
            if (ring.size() < 3)
                continue;
            auto& world = rings.emplace_back();
            for (const auto& [lon, lat] : ring) {
                world.push_back(to_world(lon, lat));
                shape.min = {std::min(shape.min.x, world.back().x),
                             std::min(shape.min.y, world.back().y)};
                shape.max = {std::max(shape.max.x, world.back().x),
                             std::max(shape.max.y, world.back().y)};
            }
        }
        // A ring inside an odd number of the others is a hole of the first
        // outer ring that holds it.
        std::vector<bool> hole(rings.size(), false);
        for (std::size_t i = 0; i < rings.size(); ++i) {
            int depth = 0;
            for (std::size_t j = 0; j < rings.size(); ++j)
                depth += j != i && inside(rings[j], rings[i][0]) ? 1 : 0;
            hole[i] = depth % 2 == 1;
        }
        for (std::size_t i = 0; i < rings.size(); ++i)
            if (!hole[i])
                shape.parts.push_back({{rings[i]}});
        for (std::size_t i = 0; i < rings.size(); ++i)
            if (hole[i])
                for (auto& part : shape.parts)
                    if (inside(part.rings[0], rings[i][0])) {
                        part.rings.push_back(rings[i]);
                        break;
                    }
        shapes_.push_back(std::move(shape));
    }
}

std::vector<std::pair<std::uint64_t, std::uint32_t>>
PolygonTiler::touched(int zoom, const TileRange& range) const {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> out;
    const double n = std::ldexp(1.0, zoom);
    for (std::uint32_t s = 0; s < shapes_.size(); ++s) {
        const auto& shape = shapes_[s];
        if (shape.parts.empty())
            continue;
        const int x0 = std::max(range.min_x, static_cast<int>(std::floor(shape.min.x * n)));
        const int x1 = std::min(range.max_x, static_cast<int>(std::floor(shape.max.x * n)));
        const int y0 = std::max(range.min_y, static_cast<int>(std::floor(shape.min.y * n)));
        const int y1 = std::min(range.max_y, static_cast<int>(std::floor(shape.max.y * n)));
        for (int x = x0; x <= x1; ++x)
            for (int y = y0; y <= y1; ++y)
                out.emplace_back(tile_key({zoom, x, y}), s);
    }
    std::sort(out.begin(), out.end());
    return out;
}

void PolygonTiler::add_to(mvt::LayerEncoder& layer, TileId tile,
                          std::span<const std::uint32_t> polygons, int buffer) const {
    const double scale = std::ldexp(1.0, tile.z), extent = mvt::default_extent;
    std::vector<std::vector<mvt::TilePoint>> rings;
    std::vector<std::uint32_t> tags;
    for (const auto p : polygons) {
        rings.clear();
        for (const auto& part : shapes_[p].parts) {
            bool outer_kept = false;
            for (std::size_t r = 0; r < part.rings.size(); ++r) {
                std::vector<Point> local;
                for (const auto& w : part.rings[r])
                    local.emplace_back((w.x * scale - tile.x) * extent,
                                       (w.y * scale - tile.y) * extent);
                std::vector<mvt::TilePoint> ring;
                for (const auto& [x, y] : clip_ring(local, -buffer, extent + buffer)) {
                    const mvt::TilePoint q{static_cast<std::int32_t>(std::lround(x)),
                                           static_cast<std::int32_t>(std::lround(y))};
                    if (ring.empty() || q.x != ring.back().x || q.y != ring.back().y)
                        ring.push_back(q);
                }
                while (ring.size() > 1 && ring.front().x == ring.back().x &&
                       ring.front().y == ring.back().y)
                    ring.pop_back();
                const double area = ring.size() < 3 ? 0 : mvt::ring_area(ring);
                if (area == 0 || (r > 0 && !outer_kept))
                    continue; // nothing left, or a hole of an outer ring that is gone
                if ((r == 0) != (area > 0))
                    std::reverse(ring.begin(), ring.end());
                outer_kept = outer_kept || r == 0;
                rings.push_back(std::move(ring));
            }
        }
        if (rings.empty())
            continue;
        tags.clear();
        const auto& table = polygons_.attributes;
        for (const int c : columns_) {
            const auto v = table.value(c, p);
            double d = 0;
            if (const auto* text = std::get_if<std::string_view>(&v)) {
                tags.insert(tags.end(), {layer.key(table.name(c)), layer.text(*text)});
            } else if (to_number(v, d) && std::isfinite(d)) {
                const bool whole = d == std::trunc(d) && std::abs(d) < 9e15;
                tags.insert(tags.end(),
                            {layer.key(table.name(c)),
                             whole ? layer.whole(static_cast<std::int64_t>(d)) : layer.real(d)});
            }
        }
        layer.add_polygon(rings, tags);
    }
}

} // namespace incimap::render
