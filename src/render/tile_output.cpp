#include "render/tile_output.hpp"

#include "core/error.hpp"
#include "core/folders.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>


namespace incimap::render {

namespace fs = std::filesystem;

TileFormat tile_format_of(const fs::path& out) {
    const auto ext = out.extension();
    return ext == ".mbtiles" ? TileFormat::mbtiles : ext == ".pmtiles" ? TileFormat::pmtiles : TileFormat::xyz;
}

DirectorySink::DirectorySink(fs::path folder, int scale, std::string_view extension, TileWrites writes)
    : folder_(std::move(folder)),
      suffix_(scale == 1 ? fmt::format(".{}", extension) : fmt::format("@{}x.{}", scale, extension)),
      writes_(writes) {}

fs::path DirectorySink::path_of(TileId tile) const {
    return folder_ / std::to_string(tile.z) / std::to_string(tile.x) /
           fmt::format("{}{}", tile.y, suffix_);
}

void DirectorySink::put(TileId tile, const std::string& png) {
    const auto path = path_of(tile);
    if (path.parent_path() != last_folder_) {
        create_folder_of(path);
        last_folder_ = path.parent_path();
    }
    if (writes_ == TileWrites::into_new_folder)
        write_new_file(path, png);
    else
        write_file_atomically(path, png);
}

void DirectorySink::remove(TileId tile) {
    std::error_code ec;
    fs::remove(path_of(tile), ec);
    if (ec)
        throw Error(fmt::format("{}: cannot delete: {}", path_of(tile).string(), ec.message()));
}

std::string tilejson(const TileSetInfo& info) {
    nlohmann::ordered_json j;
    j["tilejson"] = "3.0.0";
    j["name"] = info.name;
    j["description"] = info.description;
    j["version"] = info.version;
    j["attribution"] = info.attribution;
    j["scheme"] = "xyz";
    j["tiles"] = nlohmann::json::array({info.tiles_url});
    j["minzoom"] = info.min_zoom;
    j["maxzoom"] = info.max_zoom;
    j["bounds"] = {info.bounds.min_lon, info.bounds.min_lat, info.bounds.max_lon, info.bounds.max_lat};
    j["center"] = {info.center_lon, info.center_lat, info.center_zoom};
    if (info.vector_layers.empty())
        j["tile_size"] = info.tile_size;
    else
        j["vector_layers"] = nlohmann::ordered_json::parse(info.vector_layers);
    return j.dump(2) + "\n";
}

} // namespace incimap::render
