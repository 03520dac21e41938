#pragma once
// Writing a response on a connection: HEAD gets the header of the GET response (its
// Content-Length included) without the body; an answer that ends the connection (a malformed
// request, an oversized or unaffordable body, a connection over the cap) is written with
// `Connection: close`, after which the connection is closed without a reset.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "api/error.hpp"
#include "server/app_state.hpp"
#include "server/transport/connection_limits.hpp"
#include "server/transport/dispatch.hpp"

namespace rml::server::transport {

// Writes res (headers only when `head`) on conn's socket within the read timeout; returns false
// when the write failed or timed out.
boost::asio::awaitable<bool> write_response(app_state& app, connection& conn, http_response& res, bool head);

// Writes err as a JSON error with Connection: close, then closes with linger_close.
boost::asio::awaitable<void> answer_and_close(app_state& app, connection& conn, const api::api_error& err);

// Sends FIN, then reads and discards what the client still sends (at most ~1 MiB, for at most
// 1 s; not at all once the server is stopping) before closing, so that unread request bytes do
// not turn the close into a reset that destroys the answer before the client reads it.
boost::asio::awaitable<void> linger_close(app_state& app, connection& conn);

}  // namespace rml::server::transport
