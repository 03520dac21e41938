#pragma once
// One SQLite connection in WAL mode, with its statement cache. Opening applies pending schema
// migrations. Owned by the single thread that runs the io_context; not thread-safe.
// Durability: WAL with synchronous=NORMAL, so a committed transaction survives a killed process
// (the WAL is in the OS before COMMIT returns); only a power loss may drop the latest commits.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

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

private:
    // Looked up by string_view: finding a cached statement allocates nothing.
    struct sql_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, std::unique_ptr<statement>, sql_hash, std::equal_to<>> cache_;
};

}  // namespace rml::store
