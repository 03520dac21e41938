#pragma once
// RAII transactions. write_transaction: BEGIN IMMEDIATE, ROLLBACK on destruction unless
// commit() was called; one API write request = one transaction, committed before the response.
// read_transaction: one consistent snapshot for a read request (and one WAL lock round-trip
// instead of one per statement); ended on destruction.
#include "store/database.hpp"

namespace rml::store {

class transaction {
public:
    explicit transaction(database& db, bool write = true) : db_(db) {
        db_.prepare(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED").run();
    }
    ~transaction() {
        if (!done_) {
            try {
                db_.prepare("ROLLBACK").run();
            } catch (...) {
                // Rollback fails only if SQLite already rolled back; nothing left to undo.
            }
        }
    }
    transaction(const transaction&) = delete;
    transaction& operator=(const transaction&) = delete;

    void commit() {
        db_.prepare("COMMIT").run();
        done_ = true;
    }

private:
    database& db_;
    bool done_ = false;
};

}  // namespace rml::store
