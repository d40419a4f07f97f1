#include "render/pmtiles.hpp"

#include "adapters/zlib.hpp"
#include "core/abandoned_files.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/fnv1a.hpp"
#include "core/mapped_file.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <unordered_map>

namespace incimap::render {

namespace fs = std::filesystem;

namespace {

// Leaves of leaves: the spec allows them; deeper nesting is a damaged file.
constexpr int max_directory_depth = 4;

// Directories of more than this are damaged or hostile: a directory entry
// takes at least 4 bytes before compression.
constexpr std::size_t max_directory_bytes = std::size_t{1} << 28;

// An update holds one record per tile: a run longer than the tiles of zoom
// 12 does not come from incimap's runs, whose extents are where incidents are.
constexpr std::uint32_t max_run_length = 1u << 24;

std::string_view section(std::string_view file, std::uint64_t offset, std::uint64_t length,
                         std::string_view name, std::string_view what) {
    if (offset > file.size() || length > file.size() - offset)
        throw InputError(fmt::format("{}: the {} (bytes {} to {}) lies beyond the end of the file "
                                     "({} bytes)",
                                     what, name, offset, offset + length, file.size()));
    return file.substr(offset, length);
}

} // namespace

PmtilesArchive::PmtilesArchive(const fs::path& path) : file_(std::make_unique<MappedFile>(path)) {
    open(file_->text(), path.string());
}

PmtilesArchive::PmtilesArchive(std::string_view bytes, std::string name) { open(bytes, std::move(name)); }

void PmtilesArchive::open(std::string_view bytes, std::string name) {
    bytes_ = bytes;
    name_ = std::move(name);
    header_ = pmtiles::decode_header(bytes_, name_);
    using pmtiles::Compression;
    if (header_.internal_compression != Compression::gzip && header_.internal_compression != Compression::none)
        throw InputError(fmt::format("{}: byte 97: internal compression {} is not read (only gzip or "
                                     "none)",
                                     name_, static_cast<int>(header_.internal_compression)));
    section(bytes_, header_.root_offset, header_.root_length, "root directory", name_);
    section(bytes_, header_.metadata_offset, header_.metadata_length, "metadata", name_);
    section(bytes_, header_.leaves_offset, header_.leaves_length, "leaf directories", name_);
    section(bytes_, header_.data_offset, header_.data_length, "tile data", name_);
}

PmtilesArchive::~PmtilesArchive() = default;

namespace {
std::string uncompressed(std::string_view bytes, pmtiles::Compression compression, std::string_view what) {
    return compression == pmtiles::Compression::gzip ? zlib::gunzip(bytes, what, max_directory_bytes)
                                                     : std::string(bytes);
}
} // namespace

std::string PmtilesArchive::metadata() const {
    const auto what = name_ + ": metadata";
    return uncompressed(section(bytes_, header_.metadata_offset, header_.metadata_length, "metadata", name_),
                        header_.internal_compression, what);
}

std::vector<pmtiles::Entry> PmtilesArchive::directory(std::string_view bytes, std::uint64_t at,
                                                      std::string_view what) const {
    const auto where = fmt::format("{}: {} at byte {}", name_, what, at);
    return pmtiles::decode_directory(uncompressed(bytes, header_.internal_compression, where), where);
}

std::vector<pmtiles::Entry> PmtilesArchive::root() const {
    return directory(section(bytes_, header_.root_offset, header_.root_length, "root directory", name_),
                     header_.root_offset, "root directory");
}

std::vector<pmtiles::Entry> PmtilesArchive::leaf(const pmtiles::Entry& pointer) const {
    // Within the leaf section, not anywhere in the file.
    const auto leaves = section(bytes_, header_.leaves_offset, header_.leaves_length, "leaf directories", name_);
    return directory(section(leaves, pointer.offset, pointer.length, "leaf directory", name_),
                     header_.leaves_offset + pointer.offset, "leaf directory");
}

std::optional<std::string_view> PmtilesArchive::tile(TileId tile) const {
    const auto id = pmtiles::tile_id(tile);
    auto dir = root();
    for (int depth = 0; depth < max_directory_depth; ++depth) {
        // The last entry at or before the tile ID.
        const auto after = std::upper_bound(dir.begin(), dir.end(), id,
                                            [](std::uint64_t v, const pmtiles::Entry& e) { return v < e.tile_id; });
        if (after == dir.begin())
            return std::nullopt;
        const auto entry = *std::prev(after);
        if (entry.run_length > 0) {
            if (id - entry.tile_id >= entry.run_length)
                return std::nullopt;
            return data(entry);
        }
        dir = leaf(entry);
    }
    throw InputError(fmt::format("{}: leaf directories nested deeper than {}", name_, max_directory_depth));
}

void PmtilesArchive::add_entries(const std::vector<pmtiles::Entry>& dir, int depth,
                                 std::vector<pmtiles::Entry>& out) const {
    if (depth >= max_directory_depth)
        throw InputError(fmt::format("{}: leaf directories nested deeper than {}", name_, max_directory_depth));
    for (const auto& e : dir) {
        // In order as they come, so that leaves listed twice (or a leaf
        // pointing back at itself) stop at their first repeated tile.
        if (e.run_length > 0 && !out.empty() && e.tile_id < out.back().tile_id + out.back().run_length)
            throw InputError(fmt::format("{}: tile ID {} given twice or out of order", name_, e.tile_id));
        if (e.run_length > 0)
            out.push_back(e);
        else
            add_entries(leaf(e), depth + 1, out);
    }
}

std::vector<pmtiles::Entry> PmtilesArchive::entries() const {
    std::vector<pmtiles::Entry> out;
    add_entries(root(), 0, out);
    return out;
}

std::string_view PmtilesArchive::data(const pmtiles::Entry& entry) const {
    const auto tiles = section(bytes_, header_.data_offset, header_.data_length, "tile data", name_);
    if (entry.offset <= tiles.size() && entry.length <= tiles.size() - entry.offset)
        return tiles.substr(entry.offset, entry.length);
    throw InputError(fmt::format("{}: tile ID {}: bytes {} to {} of the tile data, which has {}", name_,
                                 entry.tile_id, entry.offset, entry.offset + entry.length, tiles.size()));
}

// Where a tile's bytes are until finish(): in the archive being updated
// (offset from the start of its tile data) or in the temporary tile file.
struct StoredTile {
    std::uint64_t offset = 0;
    std::uint32_t length = 0;
    bool in_archive = false;
};

struct PmtilesSink::State {
    fs::path path;
    fs::path tiles_path;  // the temporary tile file
    std::ofstream tiles_file;
    std::uint64_t tiles_size = 0;
    std::unique_ptr<PmtilesArchive> before;
    std::unordered_map<std::uint64_t, StoredTile> tiles;  // by tile ID
    TileSetInfo info;

    ~State() {
        tiles_file.close();
        std::error_code ignored;
        fs::remove(tiles_path, ignored);
    }
};

PmtilesSink::PmtilesSink(std::unique_ptr<State> state) : state_(std::move(state)) {}
PmtilesSink::PmtilesSink(PmtilesSink&&) noexcept = default;
PmtilesSink::~PmtilesSink() = default;

PmtilesSink PmtilesSink::create(const fs::path& path) {
    const auto target = output_target(path);
    remove_abandoned_beside(target, ".tmp", "-tiles");
    auto state = std::make_unique<State>();
    state->path = path;
    state->tiles_path = temporary_beside(path, ".tmp", "-tiles");
    state->tiles_file.open(state->tiles_path, std::ios::binary | std::ios::trunc);
    if (!state->tiles_file)
        throw Error(fmt::format("{}: cannot create: {}", state->tiles_path.string(), std::strerror(errno)));
    return PmtilesSink(std::move(state));
}

PmtilesSink PmtilesSink::update(const fs::path& path) {
    auto before = std::make_unique<PmtilesArchive>(path);
    auto sink = create(path);
    for (const auto& e : before->entries()) {
        before->data(e);  // throws when it lies outside the tile data
        if (e.run_length > max_run_length)
            throw InputError(fmt::format("{}: a run of {} tiles from tile ID {}; incimap writes at most "
                                         "{}",
                                         path.string(), e.run_length, e.tile_id, max_run_length));
        for (std::uint64_t i = 0; i < e.run_length; ++i)
            sink.state_->tiles[e.tile_id + i] = {e.offset, e.length, true};
    }
    sink.state_->before = std::move(before);
    return sink;
}

void PmtilesSink::put(TileId tile, const std::string& png) {
    auto& s = *state_;
    s.tiles_file.write(png.data(), static_cast<std::streamsize>(png.size()));
    if (!s.tiles_file)
        throw Error(fmt::format("{}: cannot write (disk full?)", s.tiles_path.string()));
    s.tiles[pmtiles::tile_id(tile)] = {s.tiles_size, static_cast<std::uint32_t>(png.size()), false};
    s.tiles_size += png.size();
}

void PmtilesSink::remove(TileId tile) { state_->tiles.erase(pmtiles::tile_id(tile)); }

void PmtilesSink::set_metadata(const TileSetInfo& info) { state_->info = info; }

namespace {

std::string metadata_json(const TileSetInfo& info) {
    auto j = nlohmann::ordered_json::parse(tilejson(info));
    j.erase("tiles");
    j["format"] = info.format;
    j["type"] = "overlay";
    return j.dump();
}

// The tile data of the archive: each distinct tile once, in the order of the
// first tile ID that shows it, and the entries pointing into it.
struct Packed {
    std::vector<std::string_view> contents;
    std::vector<pmtiles::Entry> entries;
    std::uint64_t size = 0;
};

Packed pack(const std::vector<std::pair<std::uint64_t, std::string_view>>& tiles) {
    Packed p;
    // Hash -> the offsets of the contents with that hash.
    std::unordered_map<std::uint64_t, std::vector<std::pair<std::size_t, std::uint64_t>>> seen;
    for (const auto& tile : tiles) {
        const auto id = tile.first;
        const auto bytes = tile.second;  // not a structured binding: clang 14 cannot capture those
        auto& same_hash = seen[fnv1a::hash(bytes)];
        std::uint64_t offset = p.size;
        const auto match = std::find_if(same_hash.begin(), same_hash.end(),
                                        [&](const auto& c) { return p.contents[c.first] == bytes; });
        if (match != same_hash.end()) {
            offset = match->second;
        } else {
            same_hash.emplace_back(p.contents.size(), offset);
            p.contents.push_back(bytes);
            p.size += bytes.size();
        }
        const auto length = static_cast<std::uint32_t>(bytes.size());
        auto* last = p.entries.empty() ? nullptr : &p.entries.back();
        if (last && last->tile_id + last->run_length == id && last->offset == offset && last->length == length)
            ++last->run_length;
        else
            p.entries.push_back({id, offset, length, 1});
    }
    return p;
}

} // namespace

pmtiles::Header PmtilesSink::finish() {
    auto& s = *state_;
    s.tiles_file.close();
    if (!s.tiles_file)
        throw Error(fmt::format("{}: cannot write (disk full?)", s.tiles_path.string()));
    const MappedFile drawn(s.tiles_path);
    std::vector<std::pair<std::uint64_t, std::string_view>> tiles;
    tiles.reserve(s.tiles.size());
    for (const auto& [id, t] : s.tiles)
        tiles.emplace_back(id, t.in_archive ? s.before->data({id, t.offset, t.length, 1})
                                            : drawn.text().substr(t.offset, t.length));
    std::sort(tiles.begin(), tiles.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    const auto packed = pack(tiles);
    const auto directories = pmtiles::build_directories(packed.entries);
    const auto metadata = zlib::gzip(metadata_json(s.info));

    pmtiles::Header h;
    h.root_offset = pmtiles::header_size;
    h.root_length = directories.root.size();
    h.metadata_offset = h.root_offset + h.root_length;
    h.metadata_length = metadata.size();
    h.leaves_offset = h.metadata_offset + h.metadata_length;
    h.leaves_length = directories.leaves.size();
    h.data_offset = h.leaves_offset + h.leaves_length;
    h.data_length = packed.size;
    h.addressed_tiles = tiles.size();
    h.tile_entries = packed.entries.size();
    h.tile_contents = packed.contents.size();
    h.clustered = true;
    if (s.info.format == "pbf") {  // vector tiles, gzip-compressed as clients expect
        h.tile_type = pmtiles::TileType::mvt;
        h.tile_compression = pmtiles::Compression::gzip;
    }
    h.min_zoom = s.info.min_zoom;
    h.max_zoom = s.info.max_zoom;
    h.bounds = s.info.bounds;
    h.center_zoom = s.info.center_zoom;
    h.center_lon = s.info.center_lon;
    h.center_lat = s.info.center_lat;
    write_file_atomically(s.path, [&](std::ostream& out) {
        for (const auto& part : {pmtiles::encode_header(h), directories.root, metadata, directories.leaves})
            out.write(part.data(), static_cast<std::streamsize>(part.size()));
        for (const auto bytes : packed.contents)
            out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    });
    state_.reset();  // the temporary tile file goes
    return h;
}

bool is_incimap_pmtiles(const fs::path& path) noexcept {
    try {
        if (!fs::is_regular_file(path))
            return false;
        const PmtilesArchive archive(path);
        const auto j = nlohmann::json::parse(archive.metadata());
        return j.is_object() && j.value("name", std::string()).starts_with("incimap ");
    } catch (const std::exception&) {
        return false;
    }
}

std::optional<std::string> read_pmtiles_tile(const fs::path& path, TileId tile) {
    const PmtilesArchive archive(path);
    if (const auto bytes = archive.tile(tile))
        return std::string(*bytes);
    return std::nullopt;
}

} // namespace incimap::render
