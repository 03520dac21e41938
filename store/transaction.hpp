#pragma once
// RAII write transaction: BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless
// commit() was called. One API write request = one transaction, committed before the response.
#include "store/database.hpp"

namespace rml::store {

class transaction {
public:
    explicit transaction(database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
    ~transaction() {
        if (!done_) {
            try {
                db_.exec("ROLLBACK");
            } catch (...) {
                // Rollback fails only if SQLite already rolled back; nothing left to undo.
            }
        }
    }
    transaction(const transaction&) = delete;
    transaction& operator=(const transaction&) = delete;

    void commit() {
        db_.exec("COMMIT");
        done_ = true;
    }

private:
    database& db_;
    bool done_ = false;
};

}  // namespace rml::store
