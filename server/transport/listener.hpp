#pragma once
// Accepts connections and spawns a session for each until shutdown. shutdown() stops accepting
// and closes idle connections; busy ones finish their request first.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "server/app_state.hpp"

namespace rml::server::transport {

class listener {
public:
    // Binds and listens at once (throws boost::system::system_error when it cannot).
    listener(app_state& app, const std::string& host, int port);

    boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }
    boost::asio::awaitable<void> accept_loop();
    void shutdown();

private:
    app_state& app_;
    boost::asio::ip::tcp::acceptor acceptor_;
};

}  // namespace rml::server::transport
