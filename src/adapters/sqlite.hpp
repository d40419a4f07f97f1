// Thin RAII adapter over libsqlite3, the only file pair that sees
// <sqlite3.h>. incimap's database layer is GDAL/OGR; this adapter exists
// for MBTiles files only (render/mbtiles.hpp says why). Failed calls throw
// LibraryError with the file and SQLite's own message.
//
// Thread safety: one Database (and its statements) per thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace incimap::sqlite {

class Database;

namespace detail {
struct StatementDeleter {
    void operator()(void* statement) const noexcept;
};
struct DatabaseDeleter {
    void operator()(void* db) const noexcept;
};
} // namespace detail

// A prepared statement; reset and reused for each row.
class Statement {
public:
    Statement(Database& db, const std::string& sql);
    ~Statement();
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters count from 1, as in SQLite. Bytes are copied.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view text);
    Statement& bind_blob(int index, std::string_view bytes);
    // Runs one step: true when a row is available, false when done.
    bool step();
    // Clears the bindings' use and makes the statement ready to run again.
    void reset();

    std::int64_t column_integer(int column) const;
    // Valid until the next step() or reset().
    std::string_view column_blob(int column) const;
    std::string_view column_text(int column) const;

private:
    Database* db_;
    std::string sql_;
    std::unique_ptr<void, detail::StatementDeleter> handle_;  // sqlite3_stmt*
};

class Database {
public:
    enum class Mode { read, write, create };
    // Opens (or, with Mode::create, creates) a database file. Throws
    // LibraryError naming the path.
    Database(const std::string& path, Mode mode);
    ~Database();
    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs statements without results (DDL, BEGIN, COMMIT, …).
    void execute(const std::string& sql);
    // Flushes and closes; throws when SQLite reports a failure.
    void close();

    const std::string& path() const { return path_; }
    void* handle() const { return handle_.get(); }  // sqlite3*
    [[noreturn]] void fail(std::string_view what) const;

private:
    std::string path_;
    std::unique_ptr<void, detail::DatabaseDeleter> handle_;
};

} // namespace incimap::sqlite
