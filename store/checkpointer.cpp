#include "store/checkpointer.hpp"

#include <cstring>

#include <sqlite3.h>

#include "store/store_error.hpp"

namespace rml::store {
namespace {

constexpr int threshold_pages = 1000;  // SQLite's default for its automatic checkpoint

}  // namespace

checkpointer::checkpointer(sqlite3* db, const std::string& path) : watched_(db) {
    if (sqlite3_open_v2(path.c_str(), &own_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK ||
        sqlite3_exec(own_, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr) != SQLITE_OK) {
        std::string msg = own_ ? sqlite3_errmsg(own_) : "out of memory";
        sqlite3_close(own_);
        throw store_error("cannot open database '" + path + "' for checkpoints: " + msg);
    }
    thread_ = std::thread([this] { loop(); });
    sqlite3_wal_hook(watched_, &checkpointer::on_commit, this);
}

checkpointer::~checkpointer() {
    sqlite3_wal_hook(watched_, nullptr, nullptr);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
    sqlite3_close(own_);
}

int checkpointer::on_commit(void* self, sqlite3*, const char* schema, int pages) {
    auto* c = static_cast<checkpointer*>(self);
    if (pages < threshold_pages || std::strcmp(schema, "main") != 0) return SQLITE_OK;
    {
        std::lock_guard<std::mutex> lock(c->mutex_);
        c->pending_ = true;
    }
    c->wake_.notify_one();
    return SQLITE_OK;
}

void checkpointer::loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return pending_ || stop_; });
        if (stop_) break;
        pending_ = false;
        running_ = true;
        lock.unlock();
        // PASSIVE copies what no reader still needs; a busy database is tried again at the next commit.
        sqlite3_wal_checkpoint_v2(own_, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        lock.lock();
        running_ = false;
        idle_.notify_all();
    }
    running_ = false;
    idle_.notify_all();
}

void checkpointer::settle() {
    std::unique_lock<std::mutex> lock(mutex_);
    idle_.wait(lock, [this] { return (!pending_ && !running_) || stop_; });
}

}  // namespace rml::store
