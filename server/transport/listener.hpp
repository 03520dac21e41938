#pragma once
// Accepts connections and spawns a session for each until shutdown. A connection over the cap
// (connection_limits.hpp) first evicts the least recently active idle one; with none idle it is
// answered by overflow.hpp. When accept fails for lack of file descriptors, an idle connection
// is evicted and accept retried at once. shutdown() stops accepting and closes idle connections;
// the others finish within the grace (shutdown.hpp).
// sweep_deadlines() enforces the connections' read and write deadlines (connection_limits.hpp)
// until shutdown; from then on the shutdown grace bounds what is still open.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "server/app_state.hpp"

namespace rml::server::transport {

class listener {
public:
    // Binds and listens at once (throws boost::system::system_error when it cannot).
    listener(app_state& app, const std::string& host, int port);

    boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> sweep_deadlines();
    void shutdown();

private:
    app_state& app_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer sweeper_;
};

}  // namespace rml::server::transport
