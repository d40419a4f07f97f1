#include "adapters/sqlite.hpp"

#include "core/error.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace incimap::sqlite {
namespace {
sqlite3* db_of(const Database& d) { return static_cast<sqlite3*>(d.handle()); }
} // namespace

void detail::DatabaseDeleter::operator()(void* db) const noexcept { sqlite3_close_v2(static_cast<sqlite3*>(db)); }

Database::Database(const std::string& path, Mode mode) : path_(path) {
    const int flags = mode == Mode::read    ? SQLITE_OPEN_READONLY
                      : mode == Mode::write ? SQLITE_OPEN_READWRITE
                                            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    handle_.reset(db);
    if (rc != SQLITE_OK)
        throw LibraryError(fmt::format("SQLite: cannot open '{}': {}", path,
                                       db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_busy_timeout(db, 10000);
}

Database::~Database() = default;
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;

void Database::fail(std::string_view what) const {
    throw LibraryError(fmt::format("SQLite: {}: {}: {}", path_, what,
                                   handle_ ? sqlite3_errmsg(db_of(*this)) : "closed"));
}

void Database::execute(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_of(*this), sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message != nullptr ? message : "unknown error";
        sqlite3_free(message);
        throw LibraryError(fmt::format("SQLite: {}: {}: {}", path_, sql, text));
    }
}

void Database::close() {
    if (!handle_)
        return;
    if (sqlite3_close(db_of(*this)) != SQLITE_OK)
        fail("closing (statements still open)");
    (void)handle_.release();
}

void detail::StatementDeleter::operator()(void* statement) const noexcept {
    sqlite3_finalize(static_cast<sqlite3_stmt*>(statement));
}

namespace {
sqlite3_stmt* st(const std::unique_ptr<void, detail::StatementDeleter>& h) { return static_cast<sqlite3_stmt*>(h.get()); }
} // namespace

Statement::Statement(Database& db, const std::string& sql) : db_(&db), sql_(sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_of(db), sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr) !=
        SQLITE_OK)
        db.fail("preparing " + sql);
    handle_.reset(statement);
}

Statement::~Statement() = default;
Statement::Statement(Statement&&) noexcept = default;

Statement& Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(st(handle_), index, value) != SQLITE_OK)
        db_->fail("binding a value to " + sql_);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text(st(handle_), index, text.data(), static_cast<int>(text.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK)
        db_->fail("binding a value to " + sql_);
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
    if (sqlite3_bind_blob(st(handle_), index, bytes.data(), static_cast<int>(bytes.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK)
        db_->fail("binding a value to " + sql_);
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(st(handle_));
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    db_->fail("running " + sql_);
}

void Statement::reset() {
    sqlite3_reset(st(handle_));
    sqlite3_clear_bindings(st(handle_));
}

std::int64_t Statement::column_integer(int column) const { return sqlite3_column_int64(st(handle_), column); }

std::string_view Statement::column_blob(int column) const {
    const void* data = sqlite3_column_blob(st(handle_), column);
    const int size = sqlite3_column_bytes(st(handle_), column);
    return {static_cast<const char*>(data), static_cast<std::size_t>(size)};
}

std::string_view Statement::column_text(int column) const {
    const auto* data = sqlite3_column_text(st(handle_), column);
    const int size = sqlite3_column_bytes(st(handle_), column);
    return {reinterpret_cast<const char*>(data), static_cast<std::size_t>(size)};
}

} // namespace incimap::sqlite
