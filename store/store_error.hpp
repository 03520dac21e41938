#pragma once
// Thrown for real database failures (I/O, corruption, misuse). "No row" is never an error:
// repositories return std::optional for that.
#include <stdexcept>
#include <string>

namespace rml::store {

class store_error : public std::runtime_error {
public:
    explicit store_error(const std::string& what) : std::runtime_error("store: " + what) {}
};

// The database is locked by another connection (SQLITE_BUSY / SQLITE_LOCKED): nothing was written,
// the transaction rolled back, and the same work may be tried again later. The connection waits
// for no lock itself (busy timeout 0 once open), so the event loop is never blocked; the server
// retries on a timer and answers 503 when the lock stays (SEMANTICS §10).
class store_busy : public store_error {
public:
    using store_error::store_error;
};

}  // namespace rml::store
