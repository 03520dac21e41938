#include "server/transport/lock_retry.hpp"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "store/store_error.hpp"

namespace rml::server::transport {
namespace asio = boost::asio;

asio::awaitable<api::result<std::string>> run_retrying_locked(app_state& app, const std::string& request_id,
                                                              std::function<api::result<std::string>()> attempt) {
    auto deadline = std::chrono::steady_clock::now() + lock_wait;
    std::chrono::milliseconds delay{5};
    for (;;) {
        try {
            co_return attempt();
        } catch (const store::store_busy&) {
            // tried again below: a coroutine cannot wait inside a handler
        } catch (const std::exception& e) {
            app.metrics.internal_error();
            app.log.message(observability::log_level::error, "request " + request_id + " failed: " + e.what());
            co_return api::internal_error("Internal error; see the emulator log for request " + request_id);
        }
        auto left = deadline - std::chrono::steady_clock::now();
        if (left <= std::chrono::steady_clock::duration::zero()) break;
        asio::steady_timer timer(co_await asio::this_coro::executor,
                                 std::min<std::chrono::steady_clock::duration>(delay, left));
        co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
        delay = std::min(delay * 2, std::chrono::milliseconds{200});
    }
    app.log.message(observability::log_level::warn,
                    "request " + request_id + ": the database stayed locked by another process; answered 503");
    co_return api::service_unavailable("The database is locked by another process; the request was not applied. "
                                       "Try again later.");
}

}  // namespace rml::server::transport
