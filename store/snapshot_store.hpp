#pragma once
// Named snapshots of the whole database (the control API's /_emulator/snapshots): made with
// SQLite's online backup API, kept as SQLite files `<name>.sqlite` in one directory, or as
// in-memory images when the directory is empty (a :memory: database). Each snapshot carries, in its
// own meta table, a format marker, its name, and the wall and simulated times it was taken at; a
// file without a valid marker (another SQLite file, a corrupt or truncated one, another schema
// version) is listed with an error and never loaded. quick_check runs once per file as it is: a
// file this process wrote or checked is not checked again until it changes (checked_files.hpp).
// Owned by the io_context thread; not thread-safe. Callers hold no transaction on the database
// while saving or attaching (SQLite refuses ATTACH inside one).
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/checked_files.hpp"
#include "store/database.hpp"
#include "store/store_error.hpp"

struct sqlite3;

namespace rml::store {

// The snapshot exists but cannot be used; the message says why (for the client).
class snapshot_invalid : public store_error {
public:
    explicit snapshot_invalid(const std::string& why) : store_error(why), why_(why) {}
    const std::string& why() const { return why_; }

private:
    std::string why_;
};

struct snapshot_info {
    std::string name;
    std::int64_t created_wall_ms = 0;  // wall clock, epoch ms
    std::int64_t created_sim_ms = 0;   // the simulated present when it was taken
    std::int64_t size_bytes = 0;
};

// One listed snapshot: its info, or why it cannot be used (info then has the name and size only).
struct snapshot_entry {
    snapshot_info info;
    std::optional<std::string> error;
};

// A private, writable in-memory copy of one snapshot, on a connection of its own (closed with it).
class snapshot_copy {
public:
    snapshot_copy(sqlite3* db, snapshot_info info) : db_(db), info_(std::move(info)) {}
    ~snapshot_copy();
    snapshot_copy(const snapshot_copy&) = delete;
    snapshot_copy& operator=(const snapshot_copy&) = delete;
    sqlite3* handle() const { return db_; }
    const snapshot_info& info() const { return info_; }

private:
    sqlite3* db_;
    snapshot_info info_;
};

class snapshot_store {
public:
    // dir: where the files live (created at the first save); empty: in memory.
    explicit snapshot_store(std::string dir);

    bool in_memory() const { return dir_.empty(); }
    const std::string& directory() const { return dir_; }

    // Saves the main database of db under name (replacing a snapshot of that name); the file is
    // written beside its final path and renamed over it, so a failed save leaves the old one.
    // Throws store_error on I/O failure.
    snapshot_info save(database& db, const std::string& name, std::int64_t wall_ms, std::int64_t sim_ms);
    // Every snapshot, sorted by name; unusable files carry an error.
    std::vector<snapshot_entry> list();
    bool exists(const std::string& name);
    std::size_t count();
    // False when there is no snapshot of this name.
    bool remove(const std::string& name);
    // Checks the snapshot (marker, schema version, quick_check) and attaches it to db as schema
    // "snap". Throws snapshot_invalid when it cannot be used; nullopt when it does not exist.
    std::optional<snapshot_info> attach(database& db, const std::string& name);
    static void detach(database& db);
    // The same checks as attach, then a private in-memory copy (for a whole restore, which edits the
    // copy and then backs it up over the main database). nullptr when there is no such snapshot.
    std::unique_ptr<snapshot_copy> copy(const std::string& name);
    // Replaces the main database of db with the copy's pages (SQLite's backup API: one write
    // transaction). Throws store_error on failure, store_busy when the database is locked.
    static void replace_with(database& db, const snapshot_copy& copy);

private:
    std::string path_of(const std::string& name) const;
    static std::optional<std::string> name_of(const std::filesystem::directory_entry& f);

    std::string dir_;
    std::map<std::string, std::pair<snapshot_info, std::vector<unsigned char>>> images_;  // in memory
    checked_files checked_;  // files whose quick_check need not be repeated
};

// Names are [A-Za-z0-9_.-]{1,64}.
bool valid_snapshot_name(const std::string& name);

}  // namespace rml::store
