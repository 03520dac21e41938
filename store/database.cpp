#include "store/database.hpp"

#include <sqlite3.h>

#include "store/migrations.hpp"
#include "store/store_error.hpp"

namespace rml::store {

namespace {

// Process-wide SQLite settings, applied before the library initializes (the first open). Memory
// statistics are off: with them on, every SQLite allocation takes a global mutex, and nothing
// here reads them.
void configure_sqlite_once() {
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);  // SQLITE_MISUSE if already initialized: harmless
        return true;
    }();
    (void)configured;
}

}  // namespace

database::database(const std::string& path) {
    configure_sqlite_once();
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        throw store_error("cannot open database '" + path + "': " + msg);
    }
    try {
        sqlite3_busy_timeout(db_, 5000);  // start-up may wait for a lock: nothing is served yet
        exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
        apply_migrations(*this);
        sqlite3_busy_timeout(db_, 0);  // from now on a held lock is store_busy at once, never a wait
        const char* file = sqlite3_db_filename(db_, "main");
        if (file && *file && prepare("PRAGMA journal_mode").first([](statement& st) { return st.column_text(0); }) ==
                                 std::optional<std::string>("wal")) {
            checkpoints_ = std::make_unique<checkpointer>(db_, file);  // last: nothing below may throw
        }
    } catch (...) {
        // The destructor does not run for a constructor that throws (a database from a newer build,
        // a locked or unreadable file): close the connection here, or it leaks.
        checkpoints_.reset();
        cache_.clear();
        sqlite3_close(db_);
        throw;
    }
}

database::~database() {
    checkpoints_.reset();  // before the connection closes (its own last checkpoint then runs here)
    cache_.clear();  // statements must be finalized before the connection closes
    sqlite3_close(db_);
}

void database::exec(std::string_view sql) {
    char* err = nullptr;
    std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw store_error("exec failed: " + msg);
    }
}

statement& database::prepare(std::string_view sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
        it = cache_.emplace(std::string(sql), std::make_unique<statement>(db_, sql)).first;
    }
    return it->second->reset();
}

int database::changes() const { return sqlite3_changes(db_); }

int database::schema_version() const {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db_, "PRAGMA user_version", -1, &s, nullptr);
    int v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    return v;
}

}  // namespace rml::store
