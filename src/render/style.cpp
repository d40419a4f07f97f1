#include "render/style.hpp"

#include "core/error.hpp"
#include "core/input_kind.hpp"
#include "core/json_depth.hpp"
#include "core/resources.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace incimap::render {

using json = nlohmann::json;

std::string_view to_string(LayerType type) {
    switch (type) {
    case LayerType::circle: return "circle";
    case LayerType::cluster: return "cluster";
    case LayerType::heatmap: return "heatmap";
    case LayerType::fill: return "fill";
    case LayerType::line: return "line";
    case LayerType::symbol: return "symbol";
    }
    return "?";
}

const ExpressionPtr& Layer::property(std::string_view name) const {
    const auto it = properties.find(name);
    if (it == properties.end())
        throw Error(fmt::format("layer '{}' has no property '{}'", id, name));
    return it->second;
}

std::vector<int> Layer::keys_read() const {
    std::vector<int> keys = filter ? filter->keys : std::vector<int>{};
    for (const auto& [name, e] : properties)
        keys.insert(keys.end(), e->keys.begin(), e->keys.end());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

namespace {

// Which layer types take a property, what it holds and its default.
struct PropertySpec {
    std::string_view name;
    std::initializer_list<LayerType> types;
    Type type;
    std::string_view default_json;
    // Numbers: the values drawn. A constant outside is an error when the
    // style is read; a value computed per feature is clamped to it.
    double min = 0, max = 0;
    std::string_view unit = {};
};

using enum LayerType;

constexpr double opaque = 1, pixels = 256, any_number = 1e15;

const PropertySpec property_specs[] = {
    {"circle-radius", {circle, cluster}, Type::number, "5", 0, pixels, " pixels"},
    {"circle-color", {circle, cluster}, Type::color, "\"#000000\""},
    {"circle-opacity", {circle, cluster}, Type::number, "1", 0, opaque},
    {"circle-stroke-width", {circle, cluster}, Type::number, "0", 0, pixels, " pixels"},
    {"circle-stroke-color", {circle, cluster}, Type::color, "\"#ffffff\""},
    {"circle-stroke-opacity", {circle, cluster}, Type::number, "1", 0, opaque},
    {"heatmap-radius", {heatmap}, Type::number, "30", 1, pixels, " pixels"},
    {"heatmap-weight", {heatmap}, Type::number, "1", 0, any_number},
    {"heatmap-intensity", {heatmap}, Type::number, "1", 0, any_number},
    {"heatmap-opacity", {heatmap}, Type::number, "1", 0, opaque},
    {"heatmap-color", {heatmap}, Type::color,
     R"json(["interpolate", ["linear"], ["heatmap-density"], 0, "rgba(0,0,255,0)", 0.1, "#4575b4",
        0.3, "#91bfdb", 0.5, "#fee090", 0.7, "#fc8d59", 1, "#d73027"])json"},
    {"fill-color", {fill}, Type::color, "\"#000000\""},
    {"fill-opacity", {fill}, Type::number, "1", 0, opaque},
    {"fill-outline-color", {fill}, Type::color, "\"transparent\""},
    {"line-color", {line}, Type::color, "\"#000000\""},
    {"line-width", {line}, Type::number, "1", 0, pixels, " pixels"},
    {"line-opacity", {line}, Type::number, "1", 0, opaque},
    {"text-field", {symbol, cluster}, Type::string, "\"\""},
    {"text-size", {symbol, cluster}, Type::number, "12", 1, 200, " pixels"},
    {"text-color", {symbol, cluster}, Type::color, "\"#000000\""},
    {"text-halo-color", {symbol, cluster}, Type::color, "\"#ffffff\""},
    {"text-halo-width", {symbol, cluster}, Type::number, "0", 0, pixels, " pixels"},
    {"text-opacity", {symbol, cluster}, Type::number, "1", 0, opaque},
    {"text-padding", {symbol}, Type::number, "2", 0, pixels, " pixels"},
    {"symbol-sort-key", {symbol}, Type::number, "0", -any_number, any_number},
};

// Constant layout values, read separately.
constexpr std::string_view constant_properties[] = {
    "cluster-radius", "cluster-sum", "line-dasharray", "text-font", "text-anchor", "text-offset"};

bool takes(const PropertySpec& spec, LayerType type) {
    for (auto t : spec.types)
        if (t == type)
            return true;
    return false;
}

std::optional<LayerType> parse_type(const std::string& name) {
    for (auto t : {circle, cluster, heatmap, fill, line, symbol})
        if (to_string(t) == name)
            return t;
    return std::nullopt;
}

class LayerParser {
public:
    LayerParser(const std::string& origin, Keys& keys) : origin_(origin), keys_(keys) {}

    Layer parse(const json& j, std::size_t index) {
        Layer layer;
        const std::string at = fmt::format("{}: layer {}", origin_, index + 1);
        if (!j.is_object())
            throw InputError(fmt::format("{}: expected an object, got {}", at, j.dump()));
        if (!j.contains("id") || !j["id"].is_string() || j["id"].get<std::string>().empty())
            throw InputError(fmt::format("{}: needs a text \"id\"", at));
        layer.id = j["id"].get<std::string>();
        where_ = fmt::format("{}: layer '{}'", origin_, layer.id);
        for (const auto& [key, value] : j.items()) {
            static const std::set<std::string> known{"id",    "type",   "source", "filter",
                                                      "minzoom", "maxzoom", "paint", "layout",
                                                      "legend", "metadata"};
            if (!known.contains(key))
                throw InputError(fmt::format("{}: unknown key '{}'", where_, key));
        }
        const auto type_name = j.value("type", json()).is_string() ? j["type"].get<std::string>() : "";
        const auto type = parse_type(type_name);
        if (!type)
            throw InputError(fmt::format("{}: 'type' must be circle, cluster, heatmap, fill, line "
                                         "or symbol, got {}",
                                         where_, j.value("type", json()).dump()));
        layer.type = *type;
        if (!j.contains("source") || !j["source"].is_string() || j["source"].get<std::string>().empty())
            throw InputError(fmt::format("{}: 'source' must be \"incidents\", \"admin0\", "
                                         "\"admin1\" or a file path",
                                         where_));
        layer.source = j["source"].get<std::string>();
        if ((layer.type == cluster || layer.type == heatmap) && layer.source != "incidents")
            throw InputError(fmt::format("{}: a {} layer draws points: its source must be "
                                         "\"incidents\", got \"{}\"",
                                         where_, type_name, layer.source));
        if (j.contains("filter"))
            layer.filter = compile_expression(j["filter"], Type::boolean, keys_, where_ + ": filter");
        layer.minzoom = zoom_value(j, "minzoom", 0);
        layer.maxzoom = zoom_value(j, "maxzoom", 24);
        if (layer.minzoom >= layer.maxzoom)
            throw InputError(fmt::format("{}: minzoom {} is not below maxzoom {}", where_,
                                         layer.minzoom, layer.maxzoom));
        if (j.contains("legend")) {
            if (!j["legend"].is_string())
                throw InputError(fmt::format("{}: 'legend' must be a text, got {}", where_,
                                             j["legend"].dump()));
            layer.legend = j["legend"].get<std::string>();
        }
        for (const auto* section : {"paint", "layout"})
            if (j.contains(section))
                read_section(layer, j[section], section);
        for (const auto& spec : property_specs)
            if (takes(spec, layer.type) && !layer.properties.contains(spec.name))
                layer.properties.emplace(
                    std::string(spec.name),
                    compile_expression(json::parse(spec.default_json), spec.type, keys_, where_));
        return layer;
    }

private:
    double zoom_value(const json& j, const char* key, double fallback) {
        if (!j.contains(key))
            return fallback;
        const auto& v = j[key];
        if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 24)
            throw InputError(fmt::format("{}: '{}' must be a number from 0 to 24, got {}", where_,
                                         key, v.dump()));
        return v.get<double>();
    }

    void read_section(Layer& layer, const json& section, const std::string& section_name) {
        if (!section.is_object())
            throw InputError(fmt::format("{}: '{}' must be an object", where_, section_name));
        for (const auto& [name, value] : section.items()) {
            const std::string at = fmt::format("{}: {} '{}'", where_, section_name, name);
            if (read_constant(layer, name, value, at))
                continue;
            const PropertySpec* spec = nullptr;
            for (const auto& s : property_specs)
                if (s.name == name)
                    spec = &s;
            if (spec == nullptr || !takes(*spec, layer.type))
                throw InputError(fmt::format("{}: not a property of {} layers", at,
                                             to_string(layer.type)));
            auto e = compile_expression(value, spec->type, keys_, at);
            if (name == "heatmap-color" && e->depends_on_zoom)
                throw InputError(at + ": may depend on [\"heatmap-density\"] only");
            if (spec->type == Type::number) {
                check_range(e, *spec, at);
                e = within_range(std::move(e), spec->min, spec->max);
            }
            layer.properties[name] = std::move(e);
        }
    }

    // The values E gives without a feature (at every zoom), and the
    // outputs of its match, step or interpolate on an attribute, are
    // finite numbers in SPEC's range.
    void check_range(const ExpressionPtr& e, const PropertySpec& spec, const std::string& at) const {
        const auto check = [&](const Value& v, const std::string& when) {
            const auto* number = std::get_if<double>(&v);
            if (number && !(*number >= spec.min && *number <= spec.max))
                throw InputError(fmt::format("{}: {}{} is out of range; expected {} to {}{}", at,
                                             *number, when, spec.min, spec.max, spec.unit));
        };
        // The values written in the style first, then what it gives at
        // each zoom when it depends on nothing else.
        const auto shape = outline(e, keys_);
        for (const auto& v : shape.outputs)
            check(v, "");
        check(shape.fallback, "");
        if (e->depends_on_feature)
            return;
        std::deque<std::string> scratch;
        for (int zoom = 0; zoom <= 24; ++zoom) {
            EvalContext c;
            c.zoom = zoom;
            c.scratch = &scratch;
            check(e->evaluate(c), e->depends_on_zoom ? fmt::format(" (at zoom {})", zoom) : "");
        }
    }

    bool read_constant(Layer& layer, const std::string& name, const json& v, const std::string& at) {
        if (std::find(std::begin(constant_properties), std::end(constant_properties), name) ==
            std::end(constant_properties))
            return false;
        if (name == "cluster-radius" && layer.type == cluster) {
            if (!v.is_number() || v.get<double>() <= 0 || v.get<double>() > 512)
                throw InputError(fmt::format("{}: expected a number of pixels from 1 to 512, "
                                             "got {}",
                                             at, v.dump()));
            layer.cluster_radius = v.get<double>();
        } else if (name == "cluster-sum" && layer.type == cluster) {
            if (!v.is_array())
                throw InputError(fmt::format("{}: expected a list of attribute names, got {}", at,
                                             v.dump()));
            for (const auto& a : v) {
                if (!a.is_string())
                    throw InputError(fmt::format("{}: expected attribute names, got {}", at, a.dump()));
                layer.cluster_sum.push_back(a.get<std::string>());
                keys_.intern(a.get<std::string>());
            }
        } else if (name == "line-dasharray" && layer.type == line) {
            if (!v.is_array() || v.size() % 2 != 0 || v.empty())
                throw InputError(fmt::format("{}: expected an even list of dash and gap lengths, "
                                             "got {}",
                                             at, v.dump()));
            for (const auto& d : v) {
                if (!d.is_number() || d.get<double>() < 0)
                    throw InputError(fmt::format("{}: expected lengths >= 0, got {}", at, d.dump()));
                layer.line_dasharray.push_back(d.get<double>());
            }
        } else if (name == "text-font" && (layer.type == symbol || layer.type == cluster)) {
            if (!v.is_string() || v.get<std::string>().empty())
                throw InputError(fmt::format("{}: expected a font name such as \"DejaVu Sans "
                                             "Bold\", got {}",
                                             at, v.dump()));
            auto font = v.get<std::string>();
            if (font.ends_with(" Bold")) {
                layer.text_bold = true;
                font.resize(font.size() - 5);
            }
            layer.text_font = font;
        } else if (name == "text-anchor" && layer.type == symbol) {
            static const std::set<std::string> anchors{"center", "left", "right", "top", "bottom"};
            if (!v.is_string() || !anchors.contains(v.get<std::string>()))
                throw InputError(fmt::format("{}: expected \"center\", \"left\", \"right\", "
                                             "\"top\" or \"bottom\", got {}",
                                             at, v.dump()));
            layer.text_anchor = v.get<std::string>();
        } else if (name == "text-offset" && layer.type == symbol) {
            if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number())
                throw InputError(fmt::format("{}: expected [x, y] in pixels, got {}", at, v.dump()));
            layer.text_offset_x = v[0].get<double>();
            layer.text_offset_y = v[1].get<double>();
        } else {
            throw InputError(fmt::format("{}: not a property of {} layers", at, to_string(layer.type)));
        }
        return true;
    }

    const std::string& origin_;
    Keys& keys_;
    std::string where_;
};

json parse_json(std::string_view text, const std::string& origin) {
    check_json_depth(text, origin);
    try {
        return json::parse(text);
    } catch (const json::exception& e) {  // parse_error, or out_of_range for 1e400
        throw InputError(fmt::format("{}: not valid JSON: {}", origin, e.what()));
    }
}

} // namespace

Style parse_style(std::string_view text, const std::string& origin, const std::string& folder,
                  const BaseResolver& base_text) {
    const json j = parse_json(text, origin);
    if (!j.is_object())
        throw InputError(origin + ": a style is a JSON object with \"layers\"");
    for (const auto& [key, value] : j.items()) {
        static const std::set<std::string> known{"version",  "name",        "base", "layers",
                                                  "metadata", "description", "inset"};
        if (!known.contains(key))
            throw InputError(fmt::format("{}: unknown key '{}'", origin, key));
    }
    if (j.contains("version") && j["version"] != 1)
        throw InputError(fmt::format("{}: 'version' must be 1, got {}", origin, j["version"].dump()));
    if (!j.contains("layers") || !j["layers"].is_array())
        throw InputError(origin + ": 'layers' must be a list of layers");

    Style style;
    style.origin = origin;
    style.folder = folder;
    style.name = j.value("name", std::string());
    if (j.contains("inset")) {
        if (!j["inset"].is_boolean())
            throw InputError(fmt::format("{}: 'inset' must be true or false, got {}", origin, j["inset"].dump()));
        style.inset = j["inset"].get<bool>();
    }
    json canonical = j;
    if (j.contains("base")) {
        if (!j["base"].is_string())
            throw InputError(fmt::format("{}: 'base' must be a style name, got {}", origin,
                                         j["base"].dump()));
        const auto [base_json, base_origin] = base_text(j["base"].get<std::string>());
        const json base = parse_json(base_json, base_origin);
        if (base.contains("base"))
            throw InputError(base_origin + ": a base style cannot have a base itself");
        if (!base.contains("layers") || !base["layers"].is_array())
            throw InputError(base_origin + ": 'layers' must be a list of layers");
        LayerParser parser(base_origin, style.keys);
        for (std::size_t i = 0; i < base["layers"].size(); ++i) {
            style.layers.push_back(parser.parse(base["layers"][i], i));
            style.layers.back().base = true;
        }
        canonical["base"] = base;
    }
    LayerParser parser(origin, style.keys);
    for (std::size_t i = 0; i < j["layers"].size(); ++i) {
        auto layer = parser.parse(j["layers"][i], i);
        for (const auto& other : style.layers)
            if (other.id == layer.id)
                throw InputError(fmt::format("{}: layer '{}': the id is used twice", origin, layer.id));
        style.layers.push_back(std::move(layer));
    }
    style.canonical = canonical.dump();
    return style;
}

namespace {

// Styles are a few kilobytes; this is room for any.
constexpr std::size_t style_file_limit = std::size_t(16) << 20;

// Nothing when there is no such file; a folder of the name of a shipped
// style is not taken for one.
std::optional<std::string> read_file(const std::filesystem::path& path, bool shipped_name) {
    std::error_code ec;
    const auto type = std::filesystem::status(path, ec).type();
    if (type == std::filesystem::file_type::not_found ||
        (type == std::filesystem::file_type::directory && shipped_name))
        return std::nullopt;
    return read_whole_file(path, style_file_limit, "a style file");
}

std::optional<std::pair<std::string, std::string>> shipped(const std::string& name) {
    if (auto bytes = find_resource("styles/" + name + ".json"))
        return std::pair{std::string(as_text(*bytes)), "embedded styles/" + name + ".json"};
    return std::nullopt;
}

} // namespace

std::vector<std::string> shipped_styles() { return {"default", "heatmap", "density", "choropleth", "basemap"}; }

Style load_style(const std::string& name_or_path) {
    namespace fs = std::filesystem;
    std::optional<std::string> text;
    fs::path path = name_or_path;
    const bool shipped_name = name_or_path.find('/') == std::string::npos &&
                              shipped(path.stem().string()).has_value();
    text = read_file(path, shipped_name);
    if (!text && path.extension() != ".json") {
        path += ".json";
        text = read_file(path, shipped_name);
    }
    std::string origin, folder;
    if (text) {
        origin = path.string();
        folder = path.parent_path().string();
    } else if (auto embedded = shipped(fs::path(name_or_path).stem().string());
               embedded && name_or_path.find('/') == std::string::npos) {
        text = embedded->first;
        origin = embedded->second;
    } else {
        std::string names;
        for (const auto& n : shipped_styles())
            names += (names.empty() ? "" : ", ") + n;
        throw UsageError(fmt::format("'{}': no such file, and not a shipped style ({})",
                                     name_or_path, names));
    }
    const BaseResolver resolve_base = [&](const std::string& base) {
        if (!folder.empty() || !origin.starts_with("embedded"))
            if (auto beside = read_file(fs::path(folder) / (base + ".json"), false))
                return std::pair{*beside, (fs::path(folder) / (base + ".json")).string()};
        if (auto embedded = shipped(base))
            return *embedded;
        throw InputError(fmt::format("{}: base style '{}' not found", origin, base));
    };
    auto style = parse_style(*text, origin, folder, resolve_base);
    if (style.name.empty())
        style.name = fs::path(origin).stem().string();
    return style;
}

} // namespace incimap::render
