#include "server/transport/shutdown.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace rml::server::transport {
namespace asio = boost::asio;

asio::awaitable<void> drain_connections(app_state& app, std::chrono::milliseconds grace) {
    auto executor = co_await asio::this_coro::executor;
    auto deadline = std::chrono::steady_clock::now() + grace;
    asio::steady_timer tick(executor);
    // Sessions leave the table as they end; a short poll keeps this free of callbacks into it.
    while (!app.connections.empty() && std::chrono::steady_clock::now() < deadline) {
        tick.expires_after(std::min<std::chrono::steady_clock::duration>(std::chrono::milliseconds(10),
                                                                         deadline - std::chrono::steady_clock::now()));
        co_await tick.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    if (app.connections.empty()) co_return;

    app.log.message(observability::log_level::warn,
                    "shutdown grace passed: cutting " + std::to_string(app.connections.size()) + " open connection(s)");
    for (auto* delay : app.delays) delay->cancel();
    // Let the cancelled requests write their 503 (a small write goes out at once) before the cut.
    co_await asio::post(executor, asio::use_awaitable);
    app.connections.close_all();
}

}  // namespace rml::server::transport
