#include "render/scene.hpp"

#include "core/error.hpp"
#include "render/cluster.hpp"
#include "render/looks.hpp"
#include "render/sources.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <optional>
#include <tuple>
#include <unordered_map>

namespace incimap::render {

Projector web_mercator(double world_pixels) {
    return [world_pixels](double lon, double lat, double& x, double& y) {
        const auto p = to_world(lon, lat);
        x = p.x * world_pixels;
        y = p.y * world_pixels;
        return true;
    };
}

Box circle_box(const CircleItem& c) {
    const double r = c.radius + c.stroke_width / 2 + 1;
    return {c.x - r, c.y - r, c.x + r, c.y + r};
}

bool draws_each_incident(const Layer& layer) {
    return layer.uses_incidents() && (layer.type == LayerType::circle || layer.type == LayerType::heatmap);
}

Box SceneLayer::item_box(std::size_t i) const {
    if (i < circles.size())
        return circle_box(circles[i]);
    i -= circles.size();
    if (i < texts.size())
        return texts[i].box;
    i -= texts.size();
    if (i < paths.size())
        return paths[i].box;
    i -= paths.size();
    const auto& h = heat[i];
    return {h.x - heat_radius, h.y - heat_radius, h.x + heat_radius, h.y + heat_radius};
}

namespace {

// A paint value evaluated once when it is the same for every feature.
class Paint {
public:
    Paint(const ExpressionPtr& e, double zoom) : e_(e) {
        if (!e->depends_on_feature) {
            EvalContext c;
            c.zoom = zoom;
            c.scratch = &scratch_;
            constant_ = e->evaluate(c);
            fixed_ = true;
        }
    }
    Value operator()(const EvalContext& c) const { return fixed_ ? constant_ : e_->evaluate(c); }
    double number(const EvalContext& c, double fallback) const { return number_or((*this)(c), fallback); }
    Color color(const EvalContext& c) const { return color_or((*this)(c), Color{0, 0, 0, 0}); }

private:
    ExpressionPtr e_;
    std::deque<std::string> scratch_;
    Value constant_;
    bool fixed_ = false;
};

Color with_opacity(Color c, double opacity) {
    c.a *= static_cast<float>(std::clamp(opacity, 0.0, 1.0));
    return c;
}

bool finite(const Pixel& p) { return std::isfinite(p.x) && std::isfinite(p.y); }

struct CircleStyle {
    Paint radius, color, opacity, stroke_width, stroke_color, stroke_opacity;
    CircleStyle(const Layer& l, double z)
        : radius(l.property("circle-radius"), z), color(l.property("circle-color"), z),
          opacity(l.property("circle-opacity"), z), stroke_width(l.property("circle-stroke-width"), z),
          stroke_color(l.property("circle-stroke-color"), z),
          stroke_opacity(l.property("circle-stroke-opacity"), z) {}

    // The circle's position and size, without colours; false when it has
    // no size.
    bool shape(const EvalContext& c, Pixel p, CircleItem& out) const {
        const double r = radius.number(c, 5);
        if (!(r > 0))
            return false;
        out = {p.x, p.y, static_cast<float>(r),
               static_cast<float>(std::max(0.0, stroke_width.number(c, 0))), {}, {}};
        return true;
    }

    bool make(const EvalContext& c, Pixel p, CircleItem& out) const {
        if (!shape(c, p, out))
            return false;
        const double o = opacity.number(c, 1);
        out.fill = with_opacity(color.color(c), o);
        out.stroke = with_opacity(stroke_color.color(c), o * stroke_opacity.number(c, 1));
        return true;
    }
};

struct TextStyle {
    Paint field, size, color, halo_color, halo_width, opacity;
    TextStyle(const Layer& l, double z)
        : field(l.property("text-field"), z), size(l.property("text-size"), z),
          color(l.property("text-color"), z), halo_color(l.property("text-halo-color"), z),
          halo_width(l.property("text-halo-width"), z), opacity(l.property("text-opacity"), z) {}

    // The item without its position; false when there is no text.
    bool make(const EvalContext& c, TextItem& out) const {
        out.text = to_text(field(c));
        if (out.text.empty())
            return false;
        out.size = static_cast<float>(std::clamp(size.number(c, 12), 1.0, 200.0));
        const double o = opacity.number(c, 1);
        out.color = with_opacity(color.color(c), o);
        out.halo = with_opacity(halo_color.color(c), o);
        out.halo_width = static_cast<float>(std::max(0.0, halo_width.number(c, 0)));
        return out.color.a > 0;
    }
};

// Sizes text once per font, size and text.
class MeasureCache {
public:
    explicit MeasureCache(TextMeasure* m) : measure_(m) {}
    std::pair<double, double> size(const Layer& l, double px, const std::string& text) {
        auto key = fmt::format("{}\x1f{}\x1f{}\x1f{}", l.text_font, l.text_bold, px, text);
        auto it = cache_.find(key);
        if (it == cache_.end())
            it = cache_.emplace(std::move(key), measure_->size(l.text_font, l.text_bold, px, text)).first;
        return it->second;
    }

private:
    TextMeasure* measure_;  // null when laying out circles and heat points only
    std::unordered_map<std::string, std::pair<double, double>> cache_;
};

// Where labels already are, in cells of 128 pixels.
class CollisionIndex {
public:
    bool free(const Box& b) const {
        bool ok = true;
        visit(b, [&](std::int64_t k) {
            auto it = cells_.find(k);
            if (it != cells_.end())
                for (const auto& other : it->second)
                    if (other.intersects(b))
                        ok = false;
        });
        return ok;
    }
    void insert(const Box& b) {
        visit(b, [&](std::int64_t k) { cells_[k].push_back(b); });
    }

private:
    template <class F> void visit(const Box& b, F&& f) const {
        const auto c = [](double v) { return static_cast<std::int64_t>(std::floor(v / 128)); };
        for (auto x = c(b.x0); x <= c(b.x1); ++x)
            for (auto y = c(b.y0); y <= c(b.y1); ++y)
                f((x << 32) ^ (y & 0xffffffff));
    }
    std::unordered_map<std::int64_t, std::vector<Box>> cells_;
};

// Whether P is inside the rings (even-odd), in pixels.
bool inside_rings(const std::vector<std::vector<Pixel>>& rings, Pixel p) {
    bool inside = false;
    for (const auto& ring : rings)
        for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
            if ((ring[i].y > p.y) != (ring[j].y > p.y) &&
                p.x < (ring[j].x - ring[i].x) * (p.y - ring[i].y) / (ring[j].y - ring[i].y) + ring[i].x)
                inside = !inside;
    return inside;
}

// The point of the polygon's part inside BOX that lies deepest inside it,
// on a grid of 24 x 24 over that part's bounding box (the grid steps to
// the nearest point outside); nothing when no grid point is inside.
// Cost: 576 point-in-polygon tests of the projected rings.
// The polygon's rings in pixels (points the projection cannot take are
// left out), and their bounds.
std::vector<std::vector<Pixel>> projected_rings(const Polygon& polygon, const Projector& project, Box& bounds) {
    std::vector<std::vector<Pixel>> rings;
    bounds = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (const auto& ring : polygon.rings) {
        auto& out = rings.emplace_back();
        for (const auto& [lon, lat] : ring) {
            Pixel p;
            if (!project(lon, lat, p.x, p.y))
                continue;
            out.push_back(p);
            bounds = {std::min(bounds.x0, p.x), std::min(bounds.y0, p.y), std::max(bounds.x1, p.x),
                      std::max(bounds.y1, p.y)};
        }
    }
    return rings;
}

std::optional<Pixel> visible_point(const Polygon& polygon, const Projector& project, const Box& box) {
    Box bounds;
    const auto rings = projected_rings(polygon, project, bounds);
    const Box area{std::max(bounds.x0, box.x0), std::max(bounds.y0, box.y0), std::min(bounds.x1, box.x1),
                   std::min(bounds.y1, box.y1)};
    if (!(area.x1 > area.x0) || !(area.y1 > area.y0))
        return std::nullopt;
    constexpr int n = 24;
    std::array<std::array<bool, n>, n> in{};
    const auto at = [&](int i, int j) {
        return Pixel{area.x0 + (i + 0.5) * (area.x1 - area.x0) / n, area.y0 + (j + 0.5) * (area.y1 - area.y0) / n};
    };
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            in[i][j] = inside_rings(rings, at(i, j));
    // Steps to the grid's edge or the nearest point outside: a distance
    // transform in two passes.
    std::array<std::array<int, n>, n> depth{};
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            depth[i][j] = in[i][j] ? std::min({i + 1, j + 1, n - i, n - j}) : 0;
    const auto relax = [&](int i, int j, int a, int b) {
        if (a >= 0 && a < n && b >= 0 && b < n)
            depth[i][j] = std::min(depth[i][j], depth[a][b] + 1);
    };
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            relax(i, j, i - 1, j);
            relax(i, j, i, j - 1);
            relax(i, j, i - 1, j - 1);
            relax(i, j, i - 1, j + 1);
        }
    for (int i = n - 1; i >= 0; --i)
        for (int j = n - 1; j >= 0; --j) {
            relax(i, j, i + 1, j);
            relax(i, j, i, j + 1);
            relax(i, j, i + 1, j + 1);
            relax(i, j, i + 1, j - 1);
        }
    int best_depth = 0;
    std::optional<Pixel> best;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            if (depth[i][j] > best_depth) {
                best_depth = depth[i][j];
                best = at(i, j);
            }
    return best;
}

class Builder {
public:
    Builder(const SceneInput& in, double zoom, TextMeasure* m) : in_(in), zoom_(zoom), measure_(m) {}

    Scene build(bool each_incident) {
        for (const auto& box : in_.reserved) {
            collisions_.insert(box);
            text_collisions_.insert(box);
        }
        Scene scene;
        scene.zoom = zoom_;
        for (const auto& layer : in_.style->layers) {
            if ((layer.base && !in_.with_base) || !layer.visible_at(zoom_) || !given(layer))
                continue;
            SceneLayer out;
            out.layer = &layer;
            switch (layer.type) {
            case LayerType::circle:
                if (!layer.uses_incidents())
                    feature_circles(layer, out);
                else if (each_incident)
                    circles(layer, out, nullptr);
                break;
            case LayerType::cluster: clusters(layer, out); break;
            case LayerType::heatmap:
                heat_settings(layer, out);
                if (each_incident)
                    heat_points(layer, out, nullptr);
                break;
            case LayerType::fill:
            case LayerType::line: paths(layer, out); break;
            case LayerType::symbol: break;  // below, once every layer exists
            }
            scene.layers.push_back(std::move(out));
        }
        // Labels of upper layers win: place them first; the symbols of a
        // layer keep the labels of the layers beneath it off them.
        for (auto it = scene.layers.rbegin(); it != scene.layers.rend(); ++it) {
            if (it->layer->type == LayerType::symbol)
                labels(*it->layer, *it);
            else if (in_.labels_clear_of_symbols)
                for (const auto& circle : it->circles)
                    collisions_.insert(circle_box(circle));
        }
        place_moved_names(scene);
        return scene;
    }

    // The items of a circle or heatmap layer for some incidents (all when
    // `rows` is null).
    void incident_items(SceneLayer& out, const std::span<const std::uint32_t>* rows) {
        out.circles.clear();
        out.heat.clear();
        if (out.layer->type == LayerType::circle)
            circles(*out.layer, out, rows);
        else
            heat_points(*out.layer, out, rows);
    }

    void incident_boxes(const SceneLayer& layer, std::span<const std::uint32_t> rows,
                        const IncidentBoxVisitor& visit) {
        const auto b = bind(in_.style->keys, incidents(*layer.layer).attributes);
        if (layer.layer->type == LayerType::circle) {
            const CircleStyle style(*layer.layer, zoom_);
            LookCache<CircleLook> looks(b, layer.layer->keys_read());
            for (const auto row : rows) {
                const auto& look = circle_look(*layer.layer, b, style, looks, row);
                if (!look)
                    continue;
                // The box and size only: colours are left out.
                const auto p = in_.incident_pixels[row];
                const CircleItem item{p.x, p.y, look->radius, look->stroke_width, {}, {}};
                if (const auto box = circle_box(item); box.intersects(in_.extent))
                    visit(row, box, &item);
            }
            return;
        }
        const Paint weight(layer.layer->property("heatmap-weight"), zoom_);
        const double r = layer.heat_radius;
        for (const auto row : selected(*layer.layer, b, &rows)) {
            const auto p = in_.incident_pixels[row];
            if (heat_weight(layer, weight, b, row) > 0)
                visit(row, {p.x - r, p.y - r, p.x + r, p.y + r}, nullptr);
        }
    }

private:
    const PointFeatures& incidents(const Layer& layer) const {
        if (in_.incidents == nullptr)
            throw Error(fmt::format("layer '{}' draws incidents, but none were loaded", layer.id));
        return *in_.incidents;
    }

    // Whether the layer's source is there to draw: the towns are only
    // where the caller gave them.
    bool given(const Layer& layer) const {
        return layer.source != towns_source || (in_.polygons != nullptr && in_.polygons->contains(layer.source));
    }

    const PolygonFeatures& polygons(const Layer& layer) const {
        if (in_.polygons != nullptr)
            if (auto it = in_.polygons->find(layer.source); it != in_.polygons->end())
                return it->second;
        throw Error(fmt::format("layer '{}': source '{}' was not loaded", layer.id, layer.source));
    }

    EvalContext context(const Binding& b, std::size_t row) {
        EvalContext c;
        c.feature = &b;
        c.row = row;
        c.zoom = zoom_;
        c.scratch = &scratch_;
        return c;
    }

    bool passes(const Layer& layer, const EvalContext& c) const {
        if (!layer.filter)
            return true;
        const auto v = layer.filter->evaluate(c);
        const auto* b = std::get_if<bool>(&v);
        return b != nullptr && *b;
    }

    // The incidents that pass the layer's filter and have a position, among
    // `among` (ascending), or among all when it is null (a list kept in a
    // temporary file once large).
    MappedVector<std::uint32_t> selected(const Layer& layer, const Binding& b,
                                         const std::span<const std::uint32_t>* among = nullptr) {
        MappedVector<std::uint32_t> rows(in_.temp_folder);
        const auto consider = [&](std::uint32_t i) {
            if (!finite(in_.incident_pixels[i]))
                return;
            const auto c = context(b, i);
            if (passes(layer, c))
                rows.push_back(i);
            scratch_.clear();
        };
        each_row(layer, among, consider);
        return rows;
    }

    // Calls f(row) for the rows `among` (ascending), or for every incident
    // when it is null.
    template <class F> void each_row(const Layer& layer, const std::span<const std::uint32_t>* among, F&& f) {
        if (among == nullptr) {
            const auto n = static_cast<std::uint32_t>(incidents(layer).size());
            for (std::uint32_t row = 0; row < n; ++row)
                f(row);
            return;
        }
        // The rows of a tile are scattered over the incidents: ask for the
        // positions a few rows ahead, so as not to wait on each.
        constexpr std::size_t ahead = 16;
        const auto& rows = *among;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (i + ahead < rows.size())
                __builtin_prefetch(&in_.incident_pixels[rows[i + ahead]]);
            f(rows[i]);
        }
    }

    // An incident's circle without its position, or nothing when the
    // layer's filter leaves it out, it has no position or no size.
    using CircleLook = std::optional<CircleItem>;
    const CircleLook& circle_look(const Layer& layer, const Binding& b, const CircleStyle& style,
                                  LookCache<CircleLook>& looks, std::uint32_t row) {
        static const CircleLook none;
        if (!finite(in_.incident_pixels[row]))
            return none;
        return looks.get(row, [&] {
            CircleLook look;
            const auto c = context(b, row);
            CircleItem item;
            if (passes(layer, c) && style.make(c, {0, 0}, item))
                look = item;
            scratch_.clear();
            return look;
        });
    }

    void circles(const Layer& layer, SceneLayer& out, const std::span<const std::uint32_t>* among) {
        const auto b = bind(in_.style->keys, incidents(layer).attributes);
        const CircleStyle style(layer, zoom_);
        LookCache<CircleLook> looks(b, layer.keys_read());
        const auto draw = [&](std::uint32_t row) {
            const auto& look = circle_look(layer, b, style, looks, row);
            if (!look)
                return;
            CircleItem item = *look;
            item.x = in_.incident_pixels[row].x;
            item.y = in_.incident_pixels[row].y;
            if (circle_box(item).intersects(in_.extent))
                out.circles.push_back(item);
        };
        each_row(layer, among, draw);
    }

    // The circles of a source of points other than the incidents (a user's
    // towns, bases): a few, laid out whole.
    void feature_circles(const Layer& layer, SceneLayer& out) {
        const auto& source = polygons(layer);
        const auto b = bind(in_.style->keys, source.attributes);
        const CircleStyle style(layer, zoom_);
        for (std::size_t f = 0; f < source.polygons.size(); ++f) {
            const auto c = context(b, f);
            if (passes(layer, c))
                for (const auto& [lon, lat] : source.polygons[f].points) {
                    Pixel p;
                    CircleItem item;
                    if (in_.project(lon, lat, p.x, p.y) && style.make(c, p, item) &&
                        circle_box(item).intersects(in_.extent))
                        out.circles.push_back(item);
                }
            scratch_.clear();
        }
    }

    // A heat point's weight; 0 when it is not drawn (too far from the
    // extent, or of no weight).
    double heat_weight(const SceneLayer& out, const Paint& weight, const Binding& b,
                       std::uint32_t row) {
        const auto p = in_.incident_pixels[row];
        const double r = out.heat_radius;
        if (p.x < in_.extent.x0 - r || p.x > in_.extent.x1 + r || p.y < in_.extent.y0 - r ||
            p.y > in_.extent.y1 + r)
            return 0;
        const double w = weight.number(context(b, row), 1);
        scratch_.clear();
        return w > 0 ? w : 0;
    }

    void clusters(const Layer& layer, SceneLayer& out);
    void heat_settings(const Layer& layer, SceneLayer& out);
    void heat_points(const Layer& layer, SceneLayer& out, const std::span<const std::uint32_t>* among);
    void paths(const Layer& layer, SceneLayer& out);
    void labels(const Layer& layer, SceneLayer& out);
    // Whether the same text was written within 100 px of the point.
    bool written_near(const std::string& text, Pixel at) const;
    void place_moved_names(Scene& scene);

    // A region's or country's name whose own point was taken (by clusters
    // over its towns): placed once every other label is, at the nearest
    // free point where it lies inside its shape from end to end.
    struct MovedName {
        SceneLayer* out;
        const Polygon* polygon;
        TextItem item;
        Pixel at;
        double width, em, grow;
    };

    const SceneInput& in_;
    double zoom_;
    MeasureCache measure_;
    CollisionIndex collisions_;
    std::deque<std::string> scratch_;
    std::vector<MovedName> moved_names_;
    std::unordered_map<std::string, std::vector<Pixel>> written_;  // labels placed: their points by text
    CollisionIndex text_collisions_;  // the labels placed (and reserved boxes), without the symbols
};

// Cluster attributes: point_count, point_count_abbreviated, the cluster-sum
// attributes summed, and every other attribute the layer reads: its most
// frequent value (text) or mean (numbers) over the members.
void Builder::clusters(const Layer& layer, SceneLayer& out) {
    const auto& points = incidents(layer);
    const auto b = bind(in_.style->keys, points.attributes);
    const auto rows = selected(layer, b);
    const auto found = cluster_points(in_.incident_pixels, rows, layer.cluster_radius, in_.temp_folder);
    const auto n = found.centers.size();

    AttributeTable table;
    const int count_col = table.add_column("point_count", AttributeTable::Kind::number);
    const int abbrev_col = table.add_column("point_count_abbreviated", AttributeTable::Kind::text);
    for (std::size_t c = 0; c < n; ++c) {
        table.add_row();
        table.set_number(count_col, c, found.counts[c]);
        table.set_text(abbrev_col, c, abbreviate_count(found.counts[c]));
    }
    for (const int key : layer.keys_read()) {
        const auto& name = in_.style->keys.names()[static_cast<std::size_t>(key)];
        const int source = points.attributes.find(name);
        if (source < 0 || table.find(name) >= 0)
            continue;
        const bool summed = std::find(layer.cluster_sum.begin(), layer.cluster_sum.end(), name) !=
                            layer.cluster_sum.end();
        if (points.attributes.kind(source) == AttributeTable::Kind::number || summed) {
            const int col = table.add_column(name, AttributeTable::Kind::number);
            std::vector<double> sum(n, 0), seen(n, 0);
            for (std::size_t i = 0; i < rows.size(); ++i) {
                double v = 0;
                if (to_number(points.attributes.value(source, rows[i]), v)) {
                    sum[found.cluster_of[i]] += v;
                    seen[found.cluster_of[i]] += 1;
                }
            }
            for (std::size_t c = 0; c < n; ++c)
                if (seen[c] > 0)
                    table.set_number(col, c, summed ? sum[c] : sum[c] / seen[c]);
        } else {
            const int col = table.add_column(name, AttributeTable::Kind::text);
            // Members per cluster and value, counted on the table's codes:
            // as many entries as clusters times values, not as members.
            std::unordered_map<std::uint64_t, std::uint32_t> members;
            for (std::size_t i = 0; i < rows.size(); ++i)
                if (const auto code = points.attributes.text_code(source, rows[i]); code != 0)
                    ++members[(std::uint64_t(found.cluster_of[i]) << 32) | code];
            std::vector<std::pair<std::uint32_t, std::uint32_t>> best(n, {0, 0});  // count, code
            for (const auto& [key, count] : members) {
                auto& [best_count, best_code] = best[key >> 32];
                const auto code = static_cast<std::uint32_t>(key);
                if (count > best_count ||  // ties: the alphabetically first
                    (count == best_count && points.attributes.text_of(source, code) <
                                                points.attributes.text_of(source, best_code))) {
                    best_count = count;
                    best_code = code;
                }
            }
            for (std::size_t c = 0; c < n; ++c)
                if (best[c].first > 0)
                    table.set_text(col, c, points.attributes.text_of(source, best[c].second));
        }
    }

    const auto cb = bind(in_.style->keys, table);
    const CircleStyle circle(layer, zoom_);
    const TextStyle text(layer, zoom_);
    for (std::size_t c = 0; c < n; ++c) {
        const auto ctx = context(cb, c);
        CircleItem item;
        if (!circle.make(ctx, found.centers[c], item))
            continue;
        out.circles.push_back(item);
        if (!out.item_box(out.circles.size() - 1).intersects(in_.extent)) {
            out.circles.pop_back();
            continue;
        }
        TextItem label;
        if (text.make(ctx, label)) {
            const auto [w, h] = measure_.size(layer, label.size, label.text);
            label.x = item.x - w / 2;
            label.y = item.y + label.size * 0.36;
            const double pad = label.halo_width + 1;
            label.box = {item.x - w / 2 - pad, item.y - h / 2 - pad, item.x + w / 2 + pad,
                         item.y + h / 2 + pad};
            out.texts.push_back(std::move(label));
        }
        scratch_.clear();
    }
}

void Builder::heat_settings(const Layer& layer, SceneLayer& out) {
    const auto b = bind(in_.style->keys, incidents(layer).attributes);
    const EvalContext zoom_only = context(b, 0);
    const Paint radius(layer.property("heatmap-radius"), zoom_);
    const Paint intensity(layer.property("heatmap-intensity"), zoom_);
    const Paint opacity(layer.property("heatmap-opacity"), zoom_);
    out.heat_radius = static_cast<float>(std::clamp(radius.number(zoom_only, 30), 1.0, 256.0));
    out.heat_intensity = static_cast<float>(std::max(0.0, intensity.number(zoom_only, 1)));
    const double alpha = std::clamp(opacity.number(zoom_only, 1), 0.0, 1.0);
    for (int i = 0; i < 256; ++i) {
        EvalContext c;
        c.zoom = zoom_;
        c.heatmap_density = i / 255.0;
        const auto colour = color_or(layer.property("heatmap-color")->evaluate(c), {});
        const double a = std::clamp(colour.a * alpha, 0.0, 1.0);
        const auto channel = [a](float v) {
            return static_cast<std::uint32_t>(std::lround(std::clamp<double>(v, 0, 1) * a * 255));
        };
        out.heat_ramp[static_cast<std::size_t>(i)] =
            (static_cast<std::uint32_t>(std::lround(a * 255)) << 24) | (channel(colour.r) << 16) |
            (channel(colour.g) << 8) | channel(colour.b);
    }
}

void Builder::heat_points(const Layer& layer, SceneLayer& out,
                          const std::span<const std::uint32_t>* among) {
    const auto b = bind(in_.style->keys, incidents(layer).attributes);
    const Paint weight(layer.property("heatmap-weight"), zoom_);
    for (const auto row : selected(layer, b, among)) {
        const auto p = in_.incident_pixels[row];
        if (const double w = heat_weight(out, weight, b, row); w > 0)
            out.heat.push_back({p.x, p.y, static_cast<float>(w)});
    }
}

void Builder::paths(const Layer& layer, SceneLayer& out) {
    const auto& source = polygons(layer);
    const auto b = bind(in_.style->keys, source.attributes);
    const bool fill = layer.type == LayerType::fill;
    const Paint colour(layer.property(fill ? "fill-color" : "line-color"), zoom_);
    const Paint opacity(layer.property(fill ? "fill-opacity" : "line-opacity"), zoom_);
    const std::optional<Paint> outline =
        fill ? std::optional<Paint>(std::in_place, layer.property("fill-outline-color"), zoom_)
             : std::nullopt;
    const std::optional<Paint> width =
        fill ? std::nullopt : std::optional<Paint>(std::in_place, layer.property("line-width"), zoom_);
    for (std::size_t f = 0; f < source.polygons.size(); ++f) {
        if (source.polygons[f].rings.empty() || (fill && source.polygons[f].lines))
            continue;
        const auto c = context(b, f);
        if (!passes(layer, c))
            continue;
        PathItem item;
        item.open = source.polygons[f].lines;
        const double o = opacity.number(c, 1);
        if (fill) {
            item.fill = with_opacity(colour.color(c), o);
            item.stroke = with_opacity(outline->color(c), o);
            item.width = item.stroke.a > 0 ? 1 : 0;
        } else {
            item.stroke = with_opacity(colour.color(c), o);
            item.width = static_cast<float>(std::max(0.0, width->number(c, 1)));
            if (item.width <= 0)
                continue;
        }
        if (item.fill.a <= 0 && item.stroke.a <= 0)
            continue;
        Box box{INFINITY, INFINITY, -INFINITY, -INFINITY};
        for (const auto& ring : source.polygons[f].rings) {
            std::vector<Pixel> pixels;
            pixels.reserve(ring.size());
            for (const auto& [lon, lat] : ring) {
                Pixel p;
                if (!in_.project(lon, lat, p.x, p.y))
                    continue;
                pixels.push_back(p);
                box = {std::min(box.x0, p.x), std::min(box.y0, p.y), std::max(box.x1, p.x),
                       std::max(box.y1, p.y)};
            }
            if (pixels.size() >= 2)
                item.rings.push_back(std::move(pixels));
        }
        const double grow = item.width / 2 + 1;
        item.box = {box.x0 - grow, box.y0 - grow, box.x1 + grow, box.y1 + grow};
        if (!item.rings.empty() && item.box.intersects(in_.extent))
            out.paths.push_back(std::move(item));
        scratch_.clear();
    }
}

void Builder::labels(const Layer& layer, SceneLayer& out) {
    struct Candidate {
        double sort_key;
        std::string text;
        Pixel at;
        std::size_t row;
    };
    const bool on_points = layer.uses_incidents();
    const AttributeTable& table =
        on_points ? incidents(layer).attributes : polygons(layer).attributes;
    const auto b = bind(in_.style->keys, table);
    const TextStyle style(layer, zoom_);
    const Paint sort_key(layer.property("symbol-sort-key"), zoom_);
    const Paint padding(layer.property("text-padding"), zoom_);

    std::vector<Candidate> candidates;
    std::unordered_map<std::string, std::size_t> seen;  // one label per text and pixel
    const auto consider = [&](std::size_t row, Pixel at) {
        const auto c = context(b, row);
        if (!passes(layer, c)) {
            scratch_.clear();
            return;
        }
        auto text = to_text(style.field(c));
        const double key = sort_key.number(c, 0);
        scratch_.clear();
        if (text.empty())
            return;
        auto id = fmt::format("{}\x1f{}\x1f{}", text, std::lround(at.x), std::lround(at.y));
        if (auto it = seen.find(id); it != seen.end()) {
            auto& existing = candidates[it->second];
            if (key < existing.sort_key) {
                existing.sort_key = key;
                existing.row = row;
            }
            return;
        }
        seen.emplace(std::move(id), candidates.size());
        candidates.push_back({key, std::move(text), at, row});
    };
    if (on_points) {
        const double reach = in_.labelled_points_within;
        const Box near{in_.extent.x0 - reach, in_.extent.y0 - reach, in_.extent.x1 + reach, in_.extent.y1 + reach};
        for (std::size_t i = 0; i < incidents(layer).size(); ++i) {
            const auto p = in_.incident_pixels[i];
            if (finite(p) && p.x >= near.x0 && p.x <= near.x1 && p.y >= near.y0 && p.y <= near.y1)
                consider(i, p);
        }
    } else {
        const auto& source = polygons(layer);
        for (std::size_t f = 0; f < source.polygons.size(); ++f) {
            const auto& polygon = source.polygons[f];
            Pixel p;
            if (!in_.project(polygon.label_point[0], polygon.label_point[1], p.x, p.y))
                continue;
            // On a finished map, a country mostly beyond the frame is named
            // in the part the frame shows.
            const Box inner{in_.extent.x0 + 40, in_.extent.y0 + 20, in_.extent.x1 - 40, in_.extent.y1 - 20};
            if (in_.labels_inside_extent && !polygon.lines && polygon.points.empty() &&
                !(p.x >= inner.x0 && p.x <= inner.x1 && p.y >= inner.y0 && p.y <= inner.y1))
                if (const auto visible = visible_point(polygon, in_.project, inner))
                    p = *visible;
            consider(f, p);
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.sort_key != b.sort_key)
            return a.sort_key < b.sort_key;
        if (a.text != b.text)
            return a.text < b.text;
        return std::tie(a.at.x, a.at.y) < std::tie(b.at.x, b.at.y);
    });

    for (const auto& cand : candidates) {
        const auto c = context(b, cand.row);
        TextItem item;
        if (!style.make(c, item)) {
            scratch_.clear();
            continue;
        }
        const double pad = std::max(0.0, padding.number(c, 2));
        scratch_.clear();
        const double w = measure_.size(layer, item.size, item.text).first;
        const double em = item.size;
        const double grow = item.halo_width + pad;
        const auto& e = in_.extent;
        // Where the text goes with an anchor and offset: the box it takes.
        const auto place = [&](const std::string& anchor, double dx, double dy) {
            double left = cand.at.x + dx - w / 2;
            double top = cand.at.y + dy - em * 0.6;
            if (anchor == "left")
                left += w / 2;
            else if (anchor == "right")
                left -= w / 2;
            else if (anchor == "top")
                top += em * 0.6;
            else if (anchor == "bottom")
                top -= em * 0.6;
            item.x = left;
            item.y = top + em * 0.85;
            item.box = {left - grow, top - grow, left + w + grow, top + em * 1.2 + grow};
            const bool shown = in_.labels_inside_extent ? item.box.x0 >= e.x0 && item.box.y0 >= e.y0 &&
                                                              item.box.x1 <= e.x1 && item.box.y1 <= e.y1
                                                        : item.box.intersects(e);
            return shown && collisions_.free(item.box);
        };
        // A finished map writes a name once where it stands: the incidents
        // of one town, and the town itself, are named by one label.
        if (in_.labels_inside_extent && written_near(cand.text, cand.at))
            continue;
        bool placed = place(layer.text_anchor, layer.text_offset_x, layer.text_offset_y);
        // A finished map tries the other sides of a point, nearer then
        // further (past a cluster over the town), before leaving a name out.
        if (!placed && in_.labels_clear_of_symbols && !on_points && layer.text_anchor != "center") {
            const double d0 = std::max(std::abs(layer.text_offset_x), std::abs(layer.text_offset_y));
            for (const double d : {d0, d0 + 12, d0 + 26})
                for (const auto& [anchor, dx, dy] : {std::tuple{"left", d, 0.0}, std::tuple{"right", -d, 0.0},
                                                     std::tuple{"top", 0.0, d}, std::tuple{"bottom", 0.0, -d}})
                    if (!placed)
                        placed = place(anchor, dx, dy);
        }
        if (!placed && in_.labels_clear_of_symbols && !on_points && layer.text_anchor == "center" &&
            layer.text_offset_x == 0 && layer.text_offset_y == 0 && !polygons(layer).polygons[cand.row].lines &&
            !polygons(layer).polygons[cand.row].rings.empty())
            moved_names_.push_back({&out, &polygons(layer).polygons[cand.row], item, cand.at, w, em, grow});
        if (!placed)
            continue;
        collisions_.insert(item.box);
        text_collisions_.insert(item.box);
        written_[cand.text].push_back(cand.at);
        out.texts.push_back(std::move(item));
    }
}

bool Builder::written_near(const std::string& text, Pixel at) const {
    constexpr double near_px = 100;
    const auto it = written_.find(text);
    return it != written_.end() && std::any_of(it->second.begin(), it->second.end(), [&](const Pixel& p) {
               return std::hypot(p.x - at.x, p.y - at.y) <= near_px;
           });
}

void Builder::place_moved_names(Scene& scene) {
    const auto& e = in_.extent;
    constexpr double step = 16;  // px between the points tried
    std::vector<SceneLayer> above;  // countries' names no free spot could take, over the incidents
    for (const auto& layer : scene.layers)  // the clusters' counts too
        for (const auto& text : layer.texts)
            text_collisions_.insert(text.box);
    for (auto& moved : moved_names_) {
        Box bounds;
        const auto rings = projected_rings(*moved.polygon, in_.project, bounds);
        std::vector<Pixel> spots;
        for (double x = std::max(bounds.x0, e.x0); x <= std::min(bounds.x1, e.x1); x += step)
            for (double y = std::max(bounds.y0, e.y0); y <= std::min(bounds.y1, e.y1); y += step)
                if (inside_rings(rings, {x, y}))
                    spots.push_back({x, y});
        const auto distance = [&](const Pixel& p) { return std::hypot(p.x - moved.at.x, p.y - moved.at.y); };
        std::sort(spots.begin(), spots.end(), [&](const Pixel& a, const Pixel& b) { return distance(a) < distance(b); });
        // The name at the nearest spot where it lies inside the frame and
        // inside its shape from end to end, and `free` says it may go.
        const auto place = [&](const CollisionIndex& free) -> bool {
            for (const auto& spot : spots) {
                auto& item = moved.item;
                const double left = spot.x - moved.width / 2, top = spot.y - moved.em * 0.6;
                item.box = {left - moved.grow, top - moved.grow, left + moved.width + moved.grow,
                            top + moved.em * 1.2 + moved.grow};
                const bool inside = !in_.labels_inside_extent || (item.box.x0 >= e.x0 && item.box.y0 >= e.y0 &&
                                                                  item.box.x1 <= e.x1 && item.box.y1 <= e.y1);
                const double middle = top + moved.em * 0.6;
                const bool within =
                    inside_rings(rings, {left, middle}) && inside_rings(rings, {left + moved.width, middle});
                if (!inside || !within || !free.free(item.box))
                    continue;
                item.x = left;
                item.y = top + moved.em * 0.85;
                collisions_.insert(item.box);
                text_collisions_.insert(item.box);
                return true;
            }
            return false;
        };
        if (place(collisions_)) {
            moved.out->texts.push_back(std::move(moved.item));
            continue;
        }
        // A country covered with clusters end to end is still named: over
        // them, with its halo, where it crosses no other name.
        if (moved.out->layer->source == "admin0" && place(text_collisions_)) {
            SceneLayer names;
            names.layer = moved.out->layer;
            names.texts.push_back(std::move(moved.item));
            above.push_back(std::move(names));
        }
    }
    for (auto& names : above)
        scene.layers.push_back(std::move(names));
}

} // namespace

Scene build_scene(const SceneInput& input, double zoom, TextMeasure& measure, bool each_incident) {
    Builder builder(input, zoom, &measure);
    return builder.build(each_incident);
}

void lay_out_incidents(const SceneInput& input, double zoom, std::span<const std::uint32_t> rows,
                       SceneLayer& out) {
    Builder builder(input, zoom, nullptr);
    builder.incident_items(out, &rows);
}

void visit_incident_boxes(const SceneInput& input, double zoom, const SceneLayer& layer,
                          std::span<const std::uint32_t> rows, const IncidentBoxVisitor& visit) {
    Builder builder(input, zoom, nullptr);
    builder.incident_boxes(layer, rows, visit);
}

} // namespace incimap::render
