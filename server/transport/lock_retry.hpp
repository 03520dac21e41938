#pragma once
// Requests that meet a database locked by another process (SEMANTICS §10). The store never waits
// for a lock (store::store_busy at once), so the event loop keeps answering health and reads; the
// request that hit the lock is tried again on an Asio timer (5 ms doubling to 200 ms) until
// lock_wait has passed, then answered 503 ServiceUnavailableException. A busy attempt wrote
// nothing (its transaction rolled back), so trying again is safe.
#include <chrono>
#include <functional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "api/error.hpp"
#include "server/app_state.hpp"

namespace rml::server::transport {

inline constexpr std::chrono::milliseconds lock_wait{3000};

// Runs `attempt` until it does not meet a locked database, at most lock_wait. Any other exception
// becomes a logged 500 naming the request id (DESIGN §4).
boost::asio::awaitable<api::result<std::string>> run_retrying_locked(
    app_state& app, const std::string& request_id, std::function<api::result<std::string>()> attempt);

}  // namespace rml::server::transport
