// Mapbox Vector Tiles read back with protozero's reader, for the tests of
// the encoder and the tilers: layers, features, keys and values as the
// specification defines them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <protozero/pbf_reader.hpp>
#include <string>
#include <variant>
#include <vector>

namespace incimap::render::testing {

using MvtValue = std::variant<std::string, double, std::uint64_t, std::int64_t, bool>;

struct Feature {
    std::optional<std::uint64_t> id;
    int type = 0;
    std::vector<std::uint32_t> tags, geometry;
};

struct Layer {
    std::string name;
    std::uint32_t version = 0, extent = 0;
    std::vector<Feature> features;
    std::vector<std::string> keys;
    std::vector<MvtValue> values;

    // The feature's attributes by name.
    std::map<std::string, MvtValue> attributes(const Feature& f) const {
        std::map<std::string, MvtValue> out;
        for (std::size_t i = 0; i + 1 < f.tags.size(); i += 2)
            out[keys.at(f.tags[i])] = values.at(f.tags[i + 1]);
        return out;
    }
};

inline MvtValue read_value(protozero::pbf_reader v) {
    MvtValue out;
    while (v.next()) {
        switch (v.tag()) {
        case 1:
            out = v.get_string();
            break;
        case 3:
            out = v.get_double();
            break;
        case 5:
            out = v.get_uint64();
            break;
        case 6:
            out = v.get_sint64();
            break;
        case 7:
            out = v.get_bool();
            break;
        default:
            v.skip();
        }
    }
    return out;
}

inline std::vector<Layer> read_tile(const std::string& bytes) {
    std::vector<Layer> layers;
    protozero::pbf_reader tile(bytes);
    while (tile.next(3)) {
        Layer layer;
        protozero::pbf_reader l = tile.get_message();
        while (l.next()) {
            switch (l.tag()) {
            case 1:
                layer.name = l.get_string();
                break;
            case 15:
                layer.version = l.get_uint32();
                break;
            case 5:
                layer.extent = l.get_uint32();
                break;
            case 3:
                layer.keys.push_back(l.get_string());
                break;
            case 4:
                layer.values.push_back(read_value(l.get_message()));
                break;
            case 2: {
                Feature f;
                protozero::pbf_reader fr = l.get_message();
                while (fr.next()) {
                    switch (fr.tag()) {
                    case 1:
                        f.id = fr.get_uint64();
                        break;
                    case 3:
                        f.type = fr.get_enum();
                        break;
                    case 2:
                        for (auto t : fr.get_packed_uint32())
                            f.tags.push_back(t);
                        break;
                    case 4:
                        for (auto g : fr.get_packed_uint32())
                            f.geometry.push_back(g);
                        break;
                    default:
                        fr.skip();
                    }
                }
                layer.features.push_back(f);
                break;
            }
            default:
                l.skip();
            }
        }
        layers.push_back(layer);
    }
    return layers;
}

inline std::int32_t unzigzag(std::uint32_t n) {
    return static_cast<std::int32_t>((n >> 1) ^ (~(n & 1) + 1));
}

} // namespace incimap::render::testing
