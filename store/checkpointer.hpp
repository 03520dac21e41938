#pragma once
// WAL checkpoints of a database file on a thread of their own. SQLite's automatic checkpoint runs
// on the committing connection, in the statement after a commit leaves more than 1000 pages in the
// WAL: it copies them into the database file and syncs both files (after an 11 MiB snapshot
// restore, about 40 ms, most of it waiting for the disk), so some request waits for it. Here the
// connection's WAL hook only wakes a thread, which checkpoints (PASSIVE: it never blocks the
// connection's reads and writes) through a connection of its own, with the same synchronous=NORMAL
// syncs. The automatic checkpoint is off for the connection (the hook replaces it).
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace rml::store {

class checkpointer {
public:
    // db: the connection whose commits are watched, open on the file at path (in WAL mode).
    checkpointer(sqlite3* db, const std::string& path);
    // Stops the thread (a running checkpoint finishes first); unhooks db.
    ~checkpointer();
    checkpointer(const checkpointer&) = delete;
    checkpointer& operator=(const checkpointer&) = delete;

    // Returns when no checkpoint is pending or running (the bench, tests).
    void settle();

private:
    static int on_commit(void* self, sqlite3* db, const char* schema, int pages);
    void loop();

    sqlite3* watched_;
    sqlite3* own_ = nullptr;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    bool pending_ = false;
    bool running_ = false;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace rml::store
