#pragma once
// One coroutine per connection: HTTP/1.1 keep-alive, one request at a time (read by
// request_reader.hpp, answered by dispatch.hpp). HEAD is answered as GET without the body.
// A request that cannot be served (malformed, too large, over the buffer budget) is answered
// and the connection closed (answer.hpp). The connection is in app.connections for its whole
// life, in the phase the table's eviction and shutdown rely on.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "server/app_state.hpp"

namespace rml::server::transport {

boost::asio::awaitable<void> run_session(app_state& app, boost::asio::ip::tcp::socket socket);

}  // namespace rml::server::transport
