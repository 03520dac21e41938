#pragma once
// One coroutine per connection: HTTP/1.1 keep-alive, a read timeout before each request, a body
// limit of 1 MiB (413 with a JSON error, then the connection closes).
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "server/app_state.hpp"

namespace rml::server::transport {

constexpr std::size_t max_body_bytes = 1024 * 1024;

boost::asio::awaitable<void> run_session(app_state& app, boost::asio::ip::tcp::socket socket);

}  // namespace rml::server::transport
