#pragma once
// A connection accepted while app.connections is full and none of its connections is idle:
// its request header is read (at most 8 KiB, within 2 s), `GET`/`HEAD /_emulator/health` is
// answered as usual, and anything else gets 503 ServiceUnavailableException; then the
// connection closes. So health checks and a clear refusal still come at once when the
// emulator is saturated (SEMANTICS §10). The connection is kept in the table's overflow list,
// which is bounded; the listener closes connections beyond it unanswered.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "server/app_state.hpp"

namespace rml::server::transport {

boost::asio::awaitable<void> run_overflow_session(app_state& app, boost::asio::ip::tcp::socket socket);

}  // namespace rml::server::transport
