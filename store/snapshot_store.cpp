#include "store/snapshot_store.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

#include <sqlite3.h>

#include "store/migrations.hpp"

namespace rml::store {
namespace {

namespace fs = std::filesystem;

constexpr const char* format_marker = "robomaker-local snapshot 1";
constexpr const char* suffix = ".sqlite";

// A connection of its own to a snapshot file (or a fresh in-memory database), closed on scope exit.
struct connection {
    sqlite3* db = nullptr;
    connection(const std::string& path, int flags) {
        if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
            std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
            sqlite3_close(db);
            db = nullptr;
            throw store_error("cannot open snapshot '" + path + "': " + msg);
        }
    }
    ~connection() { sqlite3_close(db); }
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;
};

// Column 0 of the first row of a query as text (nullopt: no row or NULL). Any SQLite failure
// ("file is not a database", "no such table: meta", "database disk image is malformed") means the
// snapshot is unusable: snapshot_invalid.
std::optional<std::string> first_text(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    std::optional<std::string> out;
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    std::string msg = sqlite3_errmsg(db);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        throw snapshot_invalid("not a readable robomaker-local snapshot (" + msg + ")");
    }
    return out;
}

void backup(sqlite3* dest, sqlite3* src) {
    sqlite3_backup* b = sqlite3_backup_init(dest, "main", src, "main");
    if (!b) throw store_error(std::string("snapshot backup failed: ") + sqlite3_errmsg(dest));
    int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) throw store_error(std::string("snapshot backup failed: ") + sqlite3_errstr(rc));
}

// Reads a snapshot file's bytes into db's main schema (sqlite3_deserialize): a snapshot is one
// self-contained file (rollback journal, written by save), so its bytes are the database, read
// without going page by page through a pager. False, with db unchanged, for a file in WAL mode (its
// header's version bytes are not 1) or one that cannot be read whole: the caller copies it the
// slow way, through SQLite.
bool load_image(sqlite3* db, const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    std::fseek(f, 0, SEEK_END);
    long size = std::ftell(f);
    std::fseek(f, 0, SEEK_SET);
    auto* bytes = size > 100 ? static_cast<unsigned char*>(sqlite3_malloc64(static_cast<sqlite3_uint64>(size))) : nullptr;
    bool whole = bytes && std::fread(bytes, 1, static_cast<std::size_t>(size), f) == static_cast<std::size_t>(size);
    std::fclose(f);
    if (!whole || bytes[18] != 1 || bytes[19] != 1) {
        sqlite3_free(bytes);
        return false;
    }
    return sqlite3_deserialize(db, "main", bytes, size, size, SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) ==
           SQLITE_OK;  // on failure, SQLite has freed bytes
}

// Writes the marker and the snapshot's own description into its meta table.
void stamp(sqlite3* db, const snapshot_info& info) {
    statement st(db, "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    auto put = [&st](const char* key, const std::string& value) {
        st.reset().bind(1, std::string_view(key)).bind(2, value).run();
    };
    put("snapshot_format", format_marker);
    put("snapshot_name", info.name);
    put("snapshot_created_wall_ms", std::to_string(info.created_wall_ms));
    put("snapshot_created_sim_ms", std::to_string(info.created_sim_ms));
}

std::int64_t to_int(const std::optional<std::string>& v) {
    if (!v) throw snapshot_invalid("it lacks its creation time");
    try {
        return std::stoll(*v);
    } catch (const std::exception&) {
        throw snapshot_invalid("its creation time is not a number");
    }
}

// Checks schema `schema` of db as a snapshot and reads its description (size not filled in).
// Throws snapshot_invalid with a reason.
snapshot_info inspect(sqlite3* db, const std::string& schema, bool deep = true) {
    auto marker = first_text(db, "SELECT value FROM " + schema + ".meta WHERE key = 'snapshot_format'");
    if (marker != std::optional<std::string>(format_marker)) {
        throw snapshot_invalid("not a robomaker-local snapshot (no snapshot marker)");
    }
    auto version = first_text(db, "PRAGMA " + schema + ".user_version");
    if (version != std::optional<std::string>(std::to_string(latest_schema_version()))) {
        throw snapshot_invalid("it has schema version " + version.value_or("?") + ", this build reads version " +
                               std::to_string(latest_schema_version()));
    }
    auto check = deep ? first_text(db, "PRAGMA " + schema + ".quick_check(1)") : std::optional<std::string>("ok");
    if (check != std::optional<std::string>("ok")) {
        throw snapshot_invalid("the file is corrupt (" + check.value_or("quick_check gave no answer") + ")");
    }
    snapshot_info info;
    auto meta = [&](const char* key) {
        return first_text(db, "SELECT value FROM " + schema + ".meta WHERE key = '" + key + "'");
    };
    info.name = meta("snapshot_name").value_or("");
    info.created_wall_ms = to_int(meta("snapshot_created_wall_ms"));
    info.created_sim_ms = to_int(meta("snapshot_created_sim_ms"));
    return info;
}

}  // namespace

// The snapshot name of a directory entry `<name>.sqlite` (a regular file), or nullopt.
std::optional<std::string> snapshot_store::name_of(const std::filesystem::directory_entry& f) {
    std::string file = f.path().filename().string();
    if (file.size() <= std::strlen(suffix) || !file.ends_with(suffix)) return std::nullopt;
    std::string name = file.substr(0, file.size() - std::strlen(suffix));
    std::error_code ec;
    if (!valid_snapshot_name(name) || !f.is_regular_file(ec)) return std::nullopt;
    return name;
}

bool valid_snapshot_name(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
               c == '-';
    });
}

snapshot_store::snapshot_store(std::string dir) : dir_(std::move(dir)) {}

std::string snapshot_store::path_of(const std::string& name) const { return (fs::path(dir_) / (name + suffix)).string(); }

snapshot_info snapshot_store::save(database& db, const std::string& name, std::int64_t wall_ms, std::int64_t sim_ms) {
    snapshot_info info{name, wall_ms, sim_ms, 0};
    // The image: the database copied into memory (the backup API), stamped, serialized: a
    // self-contained database file's bytes (rollback journal mode).
    connection dest(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    backup(dest.db, db.handle());
    stamp(dest.db, info);
    sqlite3_int64 size = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> image(sqlite3_serialize(dest.db, "main", &size, 0), sqlite3_free);
    if (!image) throw store_error("snapshot: out of memory serializing '" + name + "'");
    info.size_bytes = size;
    if (in_memory()) {
        images_[name] = {info, std::vector<unsigned char>(image.get(), image.get() + size)};
        return info;
    }
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) throw store_error("cannot create snapshot directory '" + dir_ + "': " + ec.message());
    std::string final_path = path_of(name);
    std::string tmp = final_path + ".tmp";
    // One write, no fsync: a save cut by a power loss leaves a damaged file, which is reported, not loaded.
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    bool written = f && std::fwrite(image.get(), 1, static_cast<std::size_t>(size), f) == static_cast<std::size_t>(size);
    if (f && std::fclose(f) != 0) written = false;
    if (written) fs::rename(tmp, final_path, ec);
    if (!written || ec) {
        std::string why = written ? ec.message() : std::string(std::strerror(errno));
        fs::remove(tmp, ec);
        throw store_error("cannot write snapshot '" + final_path + "': " + why);
    }
    checked_.remember(final_path, stamp_of(final_path));  // written just now, by this build
    return info;
}

std::vector<snapshot_entry> snapshot_store::list() {
    std::vector<snapshot_entry> out;
    if (in_memory()) {
        for (const auto& [name, saved] : images_) out.push_back({saved.first, std::nullopt});
        return out;
    }
    std::error_code ec;
    for (const auto& f : fs::directory_iterator(dir_, ec)) {
        auto name = name_of(f);
        if (!name) continue;
        snapshot_entry e;
        e.info.name = *name;
        e.info.size_bytes = static_cast<std::int64_t>(f.file_size(ec));
        try {
            std::string path = f.path().string();
            auto stamp = stamp_of(path);
            bool deep = !checked_.known_good(path, stamp);
            connection c(path, SQLITE_OPEN_READONLY);
            auto info = inspect(c.db, "main", deep);
            if (deep) checked_.remember(path, stamp);
            e.info.created_wall_ms = info.created_wall_ms;
            e.info.created_sim_ms = info.created_sim_ms;
        } catch (const snapshot_invalid& bad) {
            e.error = bad.why();
        } catch (const store_error& bad) {
            e.error = bad.what();
        }
        out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.info.name < b.info.name; });
    return out;
}

bool snapshot_store::exists(const std::string& name) {
    if (in_memory()) return images_.count(name) > 0;
    std::error_code ec;
    return fs::is_regular_file(path_of(name), ec);
}

std::size_t snapshot_store::count() {
    if (in_memory()) return images_.size();
    std::size_t n = 0;
    std::error_code ec;
    for (const auto& f : fs::directory_iterator(dir_, ec)) n += name_of(f) ? 1 : 0;
    return n;
}

bool snapshot_store::remove(const std::string& name) {
    if (in_memory()) return images_.erase(name) > 0;
    std::error_code ec;
    checked_.forget(path_of(name));
    bool removed = fs::remove(path_of(name), ec);
    if (ec) throw store_error("cannot delete snapshot '" + path_of(name) + "': " + ec.message());
    return removed;
}

std::optional<snapshot_info> snapshot_store::attach(database& db, const std::string& name) {
    std::int64_t size = 0;
    std::optional<file_stamp> stamp;
    bool deep = false;  // images in memory were made by this process
    if (in_memory()) {
        auto it = images_.find(name);
        if (it == images_.end()) return std::nullopt;
        const auto& image = it->second.second;
        statement(db.handle(), "ATTACH ':memory:' AS snap").run();
        auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(image.size()));
        if (!copy) {
            detach(db);
            throw store_error("snapshot: out of memory");
        }
        std::memcpy(copy, image.data(), image.size());
        auto n = static_cast<sqlite3_int64>(image.size());
        int rc = sqlite3_deserialize(db.handle(), "snap", copy, n, n,
                                     SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
        if (rc != SQLITE_OK) {
            detach(db);
            throw store_error(std::string("snapshot: cannot load '") + name + "': " + sqlite3_errstr(rc));
        }
        size = n;
    } else {
        if (!exists(name)) return std::nullopt;
        std::error_code ec;
        size = static_cast<std::int64_t>(fs::file_size(path_of(name), ec));
        stamp = stamp_of(path_of(name));
        deep = !checked_.known_good(path_of(name), stamp);
        try {
            statement(db.handle(), "ATTACH ?1 AS snap").bind(1, path_of(name)).run();
        } catch (const store_busy&) {
            throw;
        } catch (const store_error&) {
            // SQLite reads the header at ATTACH: "file is not a database".
            throw snapshot_invalid(std::string("not a readable robomaker-local snapshot (") +
                                   sqlite3_errmsg(db.handle()) + ")");
        }
    }
    try {
        auto info = inspect(db.handle(), "snap", deep);
        if (deep) checked_.remember(path_of(name), stamp);
        info.name = name;
        info.size_bytes = size;
        return info;
    } catch (...) {
        detach(db);
        throw;
    }
}

void snapshot_store::detach(database& db) { statement(db.handle(), "DETACH snap").run(); }

snapshot_copy::~snapshot_copy() { sqlite3_close(db_); }

std::unique_ptr<snapshot_copy> snapshot_store::copy(const std::string& name) {
    connection working(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3* mem = working.db;
    std::int64_t size = 0;
    std::optional<file_stamp> stamp;
    bool deep = false;  // images in memory were made by this process
    if (in_memory()) {
        auto it = images_.find(name);
        if (it == images_.end()) return nullptr;
        const auto& image = it->second.second;
        auto* bytes = static_cast<unsigned char*>(sqlite3_malloc64(image.size()));
        if (!bytes) throw store_error("snapshot: out of memory");
        std::memcpy(bytes, image.data(), image.size());
        size = static_cast<sqlite3_int64>(image.size());
        int rc = sqlite3_deserialize(mem, "main", bytes, size, size,
                                     SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
        if (rc != SQLITE_OK) throw store_error(std::string("snapshot: cannot load '") + name + "': " + sqlite3_errstr(rc));
    } else {
        if (!exists(name)) return nullptr;
        std::error_code ec;
        size = static_cast<std::int64_t>(fs::file_size(path_of(name), ec));
        stamp = stamp_of(path_of(name));
        deep = !checked_.known_good(path_of(name), stamp);
        connection file(path_of(name), SQLITE_OPEN_READONLY);
        inspect(file.db, "main", false);  // before copying: a foreign file is not read further
        if (!load_image(mem, path_of(name))) {
            try {
                backup(mem, file.db);
            } catch (const store_error&) {
                throw snapshot_invalid(std::string("not a readable robomaker-local snapshot (") + sqlite3_errmsg(file.db) +
                                       ")");
            }
        }
    }
    snapshot_info info = inspect(mem, "main", deep);
    if (deep) checked_.remember(path_of(name), stamp);
    info.name = name;
    info.size_bytes = size;
    working.db = nullptr;  // now owned by the snapshot_copy
    return std::make_unique<snapshot_copy>(mem, info);
}

void snapshot_store::replace_with(database& db, const snapshot_copy& copy) {
    sqlite3_backup* b = sqlite3_backup_init(db.handle(), "main", copy.handle(), "main");
    if (!b) throw store_error(std::string("snapshot restore failed: ") + sqlite3_errmsg(db.handle()));
    int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
        throw store_busy(std::string("database is locked: ") + sqlite3_errstr(rc));
    }
    if (rc != SQLITE_DONE) throw store_error(std::string("snapshot restore failed: ") + sqlite3_errstr(rc));
}

}  // namespace rml::store
