#include "render/legend.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <deque>

namespace incimap::render {
namespace {

Color constant_color(const ExpressionPtr& e, double zoom) {
    EvalContext c;
    c.zoom = zoom;
    return color_or(e->evaluate(c), {0.5f, 0.5f, 0.5f, 1});
}

double constant_number(const ExpressionPtr& e, double zoom, double fallback) {
    EvalContext c;
    c.zoom = zoom;
    return number_or(e->evaluate(c), fallback);
}

std::string number_text(double v) { return to_text(Value{v}); }

// "< 5", "5 – 19", "≥ 200" for the classes of a step over whole numbers.
std::vector<std::string> class_labels(const std::vector<double>& stops) {
    std::vector<std::string> labels;
    labels.push_back("< " + number_text(stops.front()));
    for (std::size_t i = 0; i + 1 < stops.size(); ++i) {
        const bool whole = std::floor(stops[i + 1]) == stops[i + 1];
        labels.push_back(fmt::format("{} – {}", number_text(stops[i]),
                                     number_text(whole ? stops[i + 1] - 1 : stops[i + 1])));
    }
    labels.push_back("≥ " + number_text(stops.back()));
    return labels;
}

LegendEntry swatch(const Layer& layer, double zoom) {
    LegendEntry e;
    switch (layer.type) {
    case LayerType::fill:
        e.symbol = LegendEntry::Symbol::fill;
        e.fill = constant_color(layer.property("fill-color"), zoom);
        e.stroke = constant_color(layer.property("fill-outline-color"), zoom);
        break;
    case LayerType::line:
        e.symbol = LegendEntry::Symbol::line;
        e.stroke = constant_color(layer.property("line-color"), zoom);
        e.size = std::clamp(constant_number(layer.property("line-width"), zoom, 1), 0.5, 6.0);
        break;
    default:
        e.symbol = LegendEntry::Symbol::circle;
        e.fill = constant_color(layer.property("circle-color"), zoom);
        e.stroke = constant_color(layer.property("circle-stroke-color"), zoom);
        e.size = std::clamp(constant_number(layer.property("circle-radius"), zoom, 6), 3.0, 10.0);
    }
    return e;
}

void colour_entries(const Layer& layer, const std::string& property, const Keys& keys, double zoom,
                    LegendSection& section) {
    const auto shape = outline(layer.property(property), keys);
    const auto base = swatch(layer, zoom);
    const auto with = [&](const std::string& label, const Value& colour) {
        auto e = base;
        (e.symbol == LegendEntry::Symbol::line ? e.stroke : e.fill) = color_or(colour, base.fill);
        e.label = label;
        section.entries.push_back(e);
    };
    using Kind = ExpressionOutline::Kind;
    if (shape.kind == Kind::categories && !shape.attribute.empty()) {
        for (std::size_t i = 0; i < shape.labels.size(); ++i)
            with(shape.labels[i], shape.outputs[i]);
        with("Other", shape.fallback);
    } else if (shape.kind == Kind::steps && !shape.attribute.empty()) {
        const auto labels = class_labels(shape.stops);
        for (std::size_t i = 0; i < labels.size(); ++i)
            with(labels[i], shape.outputs[i]);
    } else if (shape.kind == Kind::ramp && !shape.attribute.empty()) {
        LegendEntry e;
        e.symbol = LegendEntry::Symbol::ramp;
        e.label = fmt::format("{} {} to {}", shape.attribute, number_text(shape.stops.front()),
                              number_text(shape.stops.back()));
        for (std::size_t i = 0; i < shape.stops.size(); ++i)
            e.ramp.emplace_back((shape.stops[i] - shape.stops.front()) /
                                    std::max(1e-9, shape.stops.back() - shape.stops.front()),
                                color_or(shape.outputs[i], {}));
        section.entries.push_back(e);
    } else {
        auto e = base;
        e.label = layer.legend;
        section.entries.push_back(e);
    }
}

void size_entries(const Layer& layer, const Keys& keys, double zoom, std::vector<LegendSection>& out) {
    const auto shape = outline(layer.property("circle-radius"), keys);
    using Kind = ExpressionOutline::Kind;
    if ((shape.kind != Kind::ramp && shape.kind != Kind::steps) || shape.attribute.empty())
        return;
    LegendSection sizes{fmt::format("Size: {}", shape.attribute), {}};
    auto base = swatch(layer, zoom);
    base.fill = {0.6f, 0.6f, 0.6f, 1};
    for (std::size_t i = 0; i < shape.stops.size(); ++i) {
        auto e = base;
        e.size = number_or(shape.outputs[shape.kind == Kind::steps ? i + 1 : i], 4);
        e.label = (shape.kind == Kind::steps ? "≥ " : "") + number_text(shape.stops[i]);
        sizes.entries.push_back(e);
    }
    out.push_back(std::move(sizes));
}

} // namespace

LegendSection cluster_legend(const Style& style, const Layer& layer, double zoom, double max_count) {
    LegendSection out{"Clusters of nearby incidents", {}};
    std::vector<double> counts{2, 10, 100};
    if (max_count > 100)
        counts.push_back(std::round(max_count));
    AttributeTable table;
    const int count = table.add_column("point_count", AttributeTable::Kind::number);
    for (const double n : counts)
        table.set_number(count, table.add_row(), n);
    const auto binding = bind(style.keys, table);
    std::deque<std::string> scratch;
    auto entry = swatch(layer, zoom);
    entry.fill = {0.6f, 0.6f, 0.6f, 1};
    for (std::size_t i = 0; i < counts.size(); ++i) {
        EvalContext c;
        c.feature = &binding;
        c.row = i;
        c.zoom = zoom;
        c.scratch = &scratch;
        entry.size = number_or(layer.property("circle-radius")->evaluate(c), 5);
        entry.label = i == 0 ? fmt::format("{} (colour: most frequent type)", number_text(counts[i]))
                             : fmt::format("{} incidents", number_text(counts[i]));
        out.entries.push_back(entry);
    }
    return out;
}

std::vector<LegendSection> build_legend(const Style& style, bool with_base, double zoom) {
    std::vector<LegendSection> out;
    for (const auto& layer : style.layers) {
        if (layer.legend.empty() || (layer.base && !with_base) || (zoom >= 0 && !layer.visible_at(zoom)))
            continue;
        LegendSection section{layer.legend, {}};
        const double z = zoom < 0 ? layer.minzoom : zoom;
        switch (layer.type) {
        case LayerType::heatmap: {
            LegendEntry e;
            e.symbol = LegendEntry::Symbol::ramp;
            e.label = "low to high";
            for (int i = 0; i <= 10; ++i) {
                EvalContext c;
                c.zoom = z;
                c.heatmap_density = i / 10.0;
                e.ramp.emplace_back(i / 10.0, color_or(layer.property("heatmap-color")->evaluate(c), {}));
            }
            section.entries.push_back(e);
            break;
        }
        case LayerType::fill: colour_entries(layer, "fill-color", style.keys, z, section); break;
        case LayerType::line: colour_entries(layer, "line-color", style.keys, z, section); break;
        case LayerType::circle:
        case LayerType::cluster: colour_entries(layer, "circle-color", style.keys, z, section); break;
        case LayerType::symbol: continue;
        }
        // Layers that mean the same (clusters and the points they group)
        // are explained once.
        const auto same = [&section](const LegendSection& other) {
            if (other.title != section.title || other.entries.size() != section.entries.size())
                return false;
            for (std::size_t i = 0; i < other.entries.size(); ++i)
                if (other.entries[i].label != section.entries[i].label ||
                    other.entries[i].fill != section.entries[i].fill)
                    return false;
            return true;
        };
        if (std::none_of(out.begin(), out.end(), same))
            out.push_back(std::move(section));
        if (layer.type == LayerType::circle)
            size_entries(layer, style.keys, z, out);
    }
    return out;
}

nlohmann::json legend_json(const std::vector<LegendSection>& legend) {
    auto out = nlohmann::json::array();
    for (const auto& section : legend) {
        auto entries = nlohmann::json::array();
        for (const auto& e : section.entries) {
            static const char* names[] = {"circle", "fill", "line", "ramp"};
            nlohmann::json j{{"symbol", names[static_cast<int>(e.symbol)]},
                             {"label", e.label},
                             {"fill", to_css(e.fill)},
                             {"stroke", to_css(e.stroke)},
                             {"size", e.size}};
            if (!e.ramp.empty()) {
                auto ramp = nlohmann::json::array();
                for (const auto& [offset, colour] : e.ramp)
                    ramp.push_back({offset, to_css(colour)});
                j["ramp"] = ramp;
            }
            entries.push_back(j);
        }
        out.push_back({{"title", section.title}, {"entries", entries}});
    }
    return out;
}

} // namespace incimap::render
