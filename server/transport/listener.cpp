#include "server/transport/listener.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "server/transport/overflow.hpp"
#include "server/transport/session.hpp"

namespace rml::server::transport {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

bool out_of_descriptors(const boost::system::error_code& ec) {
    return ec == boost::system::errc::too_many_files_open || ec == boost::system::errc::too_many_files_open_in_system ||
           ec == boost::system::errc::no_buffer_space || ec == boost::system::errc::not_enough_memory;
}

}  // namespace

listener::listener(app_state& app, const std::string& host, int port)
    : app_(app), acceptor_(app.io), sweeper_(app.io) {
    tcp::endpoint ep(asio::ip::make_address(host), static_cast<unsigned short>(port));
    acceptor_.open(ep.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen(asio::socket_base::max_listen_connections);
}

asio::awaitable<void> listener::accept_loop() {
    while (!app_.stopping) {
        auto [ec, socket] = co_await acceptor_.async_accept(asio::as_tuple(asio::use_awaitable));
        if (ec) {
            if (app_.stopping || ec == asio::error::operation_aborted) break;
            // Out of file descriptors: free one by closing the least recently active idle
            // connection and accept again at once; with none idle, pause instead of spinning.
            if (out_of_descriptors(ec) && app_.connections.evict_idle()) continue;
            app_.log.message(observability::log_level::warn, "accept failed: " + ec.message());
            asio::steady_timer pause(app_.io, std::chrono::milliseconds(100));
            co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
            continue;
        }
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        if (app_.connections.full() && !app_.connections.evict_idle()) {
            if (app_.connections.overflow_full()) continue;  // closed unanswered: the socket goes out of scope
            asio::co_spawn(app_.io, run_overflow_session(app_, std::move(socket)), asio::detached);
            continue;
        }
        asio::co_spawn(app_.io, run_session(app_, std::move(socket)), asio::detached);
    }
}

asio::awaitable<void> listener::sweep_deadlines() {
    while (!app_.stopping) {
        sweeper_.expires_after(sweep_interval);
        co_await sweeper_.async_wait(asio::as_tuple(asio::use_awaitable));
        app_.connections.close_expired(std::chrono::steady_clock::now());
    }
}

void listener::shutdown() {
    app_.stopping = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    sweeper_.cancel();
    app_.connections.close_idle();
}

}  // namespace rml::server::transport
