// Small helpers shared by the renderer's tests: incidents built in code, a
// style parsed from text, tiles kept in memory.
#pragma once

#include "adapters/cairo.hpp"
#include "core/error.hpp"
#include "render/style.hpp"
#include "render/tiler.hpp"

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace incimap::render::testing {

struct Place {
    double lon, lat;
    std::string event_type = "Battles";
    double fatalities = 0;
    std::string location = "";
};

inline PointFeatures incidents(const std::vector<Place>& places) {
    PointFeatures p;
    const int type = p.attributes.add_column("event_type", AttributeTable::Kind::text);
    const int fat = p.attributes.add_column("fatalities", AttributeTable::Kind::number);
    const int loc = p.attributes.add_column("location", AttributeTable::Kind::text);
    for (const auto& place : places) {
        const auto row = p.attributes.add_row();
        p.lon.push_back(place.lon);
        p.lat.push_back(place.lat);
        p.ids.push_back(std::to_string(row));
        p.attributes.set_text(type, row, place.event_type);
        p.attributes.set_number(fat, row, place.fatalities);
        if (!place.location.empty())
            p.attributes.set_text(loc, row, place.location);
    }
    return p;
}

// Options for drawing one zoom over BOX with two threads.
inline TileOptions at_zoom(int z, LonLatBox box = {-20, 0, 20, 30}) {
    TileOptions o;
    o.min_zoom = o.max_zoom = z;
    o.bbox = box;
    o.threads = 2;
    return o;
}

inline Style style(const std::string& layers_json) {
    return parse_style("{\"layers\": " + layers_json + "}", "test-style.json", "",
                       [](const std::string& name) -> std::pair<std::string, std::string> {
                           throw InputError("no base style " + name);
                       });
}

class MemorySink final : public TileSink {
public:
    void put(TileId tile, const std::string& png) override {
        std::lock_guard lock(mutex_);
        tiles[tile] = png;
        ++puts;
    }
    void remove(TileId tile) override {
        std::lock_guard lock(mutex_);
        tiles.erase(tile);
        removed.push_back(tile);
    }
    cairo::Surface image(TileId tile) const {
        return cairo::Surface::decode_png(tiles.at(tile), to_string(tile));
    }
    std::map<TileId, std::string> tiles;
    std::vector<TileId> removed;
    int puts = 0;

private:
    std::mutex mutex_;
};

// The pixel of a tile where a position lands.
inline std::pair<int, int> pixel_in_tile(double lon, double lat, TileId tile, int tile_size = 256) {
    const auto w = to_world(lon, lat);
    const double size = world_pixels(tile.z, tile_size);
    return {static_cast<int>(w.x * size - tile.x * tile_size),
            static_cast<int>(w.y * size - tile.y * tile_size)};
}

} // namespace incimap::render::testing
