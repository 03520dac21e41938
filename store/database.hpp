#pragma once
// One SQLite connection in WAL mode, with its statement cache. Opening applies pending schema
// migrations. Owned by the single thread that runs the io_context; not thread-safe.
// Durability: WAL with synchronous=NORMAL, so a committed transaction survives a killed process
// (the WAL is in the OS before COMMIT returns); only a power loss may drop the latest commits.
// A database file's WAL is checkpointed on a thread of its own (store/checkpointer.hpp).
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/checkpointer.hpp"
#include "store/statement.hpp"

struct sqlite3;

namespace rml::store {

class database {
public:
    // path is a file name or ":memory:". Throws store_error if it cannot be opened or migrated.
    explicit database(const std::string& path);
    ~database();
    database(const database&) = delete;
    database& operator=(const database&) = delete;

    // Runs one or more SQL statements without results (schema, pragmas).
    void exec(std::string_view sql);
    // A statement prepared on first use and kept for the connection's lifetime, reset for reuse.
    statement& prepare(std::string_view sql);
    // Rows changed by the latest INSERT/UPDATE/DELETE.
    int changes() const;
    int schema_version() const;
    // The raw connection, for what the wrapper does not cover (the backup API, ATTACH of a
    // snapshot image): store/snapshot_store.cpp.
    sqlite3* handle() const { return db_; }
    // Returns when no WAL checkpoint is pending or running (the bench, tests); at once for :memory:.
    void settle_checkpoints() {
        if (checkpoints_) checkpoints_->settle();
    }

private:
    // Looked up by string_view: finding a cached statement allocates nothing.
    struct sql_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, std::unique_ptr<statement>, sql_hash, std::equal_to<>> cache_;
    std::unique_ptr<checkpointer> checkpoints_;  // a file in WAL mode only
};

}  // namespace rml::store
