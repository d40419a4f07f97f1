#include "render/mbtiles.hpp"

#include "adapters/sqlite.hpp"
#include "core/abandoned_files.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"

#include <fmt/format.h>


namespace incimap::render {

namespace fs = std::filesystem;

struct MbtilesSink::State {
    fs::path path;
    fs::path temporary;  // empty when updating in place
    sqlite::Database db;
    sqlite::Statement insert;
    sqlite::Statement erase;
    bool finished = false;

    State(fs::path p, fs::path t, sqlite::Database d)
        : path(std::move(p)), temporary(std::move(t)), db(std::move(d)),
          insert(db, "INSERT OR REPLACE INTO tiles (zoom_level, tile_column, tile_row, tile_data) "
                     "VALUES (?, ?, ?, ?)"),
          erase(db, "DELETE FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?") {}
};

MbtilesSink::MbtilesSink(std::unique_ptr<State> state) : state_(std::move(state)) {}
MbtilesSink::MbtilesSink(MbtilesSink&&) noexcept = default;

MbtilesSink::~MbtilesSink() {
    if (!state_ || state_->finished)
        return;
    const auto temporary = state_->temporary;
    state_.reset();  // closing with the transaction open rolls it back
    if (!temporary.empty()) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
    }
}

MbtilesSink MbtilesSink::create(const fs::path& path) {
    remove_abandoned_beside(output_target(path), ".tmp");
    const auto temporary = temporary_beside(path, ".tmp");
    std::error_code ignored;
    fs::remove(temporary, ignored);
    sqlite::Database db(temporary.string(), sqlite::Database::Mode::create);
    // A new file appears under its name only when complete, so it needs no
    // journal of its own.
    db.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
               "PRAGMA application_id = 1297105496;"  // 0x4d504258 "MPBX"
               "CREATE TABLE metadata (name TEXT, value TEXT);"
               "CREATE UNIQUE INDEX name ON metadata (name);"
               "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
               "tile_data BLOB);"
               "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
               "BEGIN;");
    return MbtilesSink(std::make_unique<State>(path, temporary, std::move(db)));
}

namespace {
sqlite::Database open_mbtiles(const fs::path& path, sqlite::Database::Mode mode) {
    try {
        sqlite::Database db(path.string(), mode);
        sqlite::Statement tables(db, "SELECT count(*) FROM sqlite_master WHERE type IN ('table', "
                                     "'view') AND name IN ('tiles', 'metadata')");
        if (!tables.step() || tables.column_integer(0) != 2)
            throw InputError(path.string() + ": not an MBTiles file (no tiles and metadata tables)");
        return db;
    } catch (const LibraryError& e) {
        throw InputError(fmt::format("{}: not a readable MBTiles file ({})", path.string(), e.what()));
    }
}
} // namespace

MbtilesSink MbtilesSink::update(const fs::path& path) {
    auto db = open_mbtiles(path, sqlite::Database::Mode::write);
    db.execute("BEGIN IMMEDIATE;");
    return MbtilesSink(std::make_unique<State>(path, fs::path(), std::move(db)));
}

void MbtilesSink::put(TileId tile, const std::string& png) {
    auto& s = state_->insert;
    s.bind(1, std::int64_t{tile.z}).bind(2, std::int64_t{tile.x}).bind(3, std::int64_t{flip_row(tile.z, tile.y)});
    s.bind_blob(4, png);
    s.step();
    s.reset();
}

void MbtilesSink::remove(TileId tile) {
    auto& s = state_->erase;
    s.bind(1, std::int64_t{tile.z}).bind(2, std::int64_t{tile.x}).bind(3, std::int64_t{flip_row(tile.z, tile.y)});
    s.step();
    s.reset();
}

void MbtilesSink::set_metadata(const TileSetInfo& info) {
    auto& db = state_->db;
    db.execute("DELETE FROM metadata;");
    sqlite::Statement insert(db, "INSERT INTO metadata (name, value) VALUES (?, ?)");
    const auto& b = info.bounds;
    const std::pair<std::string, std::string> rows[] = {
        {"name", info.name},
        {"format", info.format},
        {"type", "overlay"},
        {"version", info.version},
        {"description", info.description},
        {"attribution", info.attribution},
        {"bounds", fmt::format("{},{},{},{}", b.min_lon, b.min_lat, b.max_lon, b.max_lat)},
        {"center", fmt::format("{},{},{}", info.center_lon, info.center_lat, info.center_zoom)},
        {"minzoom", std::to_string(info.min_zoom)},
        {"maxzoom", std::to_string(info.max_zoom)},
    };
    for (const auto& [name, value] : rows) {
        insert.bind(1, name).bind(2, value);
        insert.step();
        insert.reset();
    }
    // Vector tiles: the layers and their fields, as the MBTiles 1.3 spec asks.
    if (!info.vector_layers.empty()) {
        insert.bind(1, std::string("json")).bind(2, "{\"vector_layers\":" + info.vector_layers + "}");
        insert.step();
        insert.reset();
    }
}

void MbtilesSink::finish() {
    auto& s = *state_;
    s.db.execute("COMMIT;");
    s.finished = true;
    const auto path = s.path, temporary = s.temporary;
    {
        // Statements go before the database closes.
        auto db = std::move(s.db);
        state_.reset();
        db.close();
    }
    if (!temporary.empty())
        move_into_place(temporary, path);
}

bool is_incimap_mbtiles(const fs::path& path) noexcept {
    try {
        if (!fs::is_regular_file(path))
            return false;  // opening a FIFO to read it would wait for a writer
        auto db = open_mbtiles(path, sqlite::Database::Mode::read);
        sqlite::Statement name(db, "SELECT value FROM metadata WHERE name = 'name'");
        return name.step() && name.column_text(0).starts_with("incimap ");
    } catch (const std::exception&) {
        return false;
    }
}

std::optional<std::string> read_mbtiles_tile(const fs::path& path, TileId tile) {
    auto db = open_mbtiles(path, sqlite::Database::Mode::read);
    sqlite::Statement select(db, "SELECT tile_data FROM tiles WHERE zoom_level = ? AND "
                                 "tile_column = ? AND tile_row = ?");
    select.bind(1, std::int64_t{tile.z}).bind(2, std::int64_t{tile.x}).bind(3, std::int64_t{flip_row(tile.z, tile.y)});
    if (!select.step())
        return std::nullopt;
    return std::string(select.column_blob(0));
}

} // namespace incimap::render
