#pragma once
// Graceful shutdown on SIGINT/SIGTERM (--shutdown-grace):
//   1. stop accepting and close idle and overflow connections (listener::shutdown);
//   2. let requests in flight finish and their responses be written, for up to the grace;
//   3. then cut: cancel injected latency delays (those requests answer 503 without running)
//      and close every socket still open (a stalled client, a half-sent request).
// Nothing acknowledged is lost: every write commits before its response is sent. The
// io_context then runs out of work and main exits 0. Runs on the io_context thread.
#include <chrono>

#include <boost/asio/awaitable.hpp>

#include "server/app_state.hpp"

namespace rml::server::transport {

// Step 2 and 3; returns as soon as no connection is left, or once it has cut the rest.
boost::asio::awaitable<void> drain_connections(app_state& app, std::chrono::milliseconds grace);

}  // namespace rml::server::transport
