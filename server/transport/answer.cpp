#include "server/transport/answer.hpp"

#include <array>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/write.hpp>

#include "server/transport/http_headers.hpp"

namespace rml::server::transport {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
}

asio::awaitable<bool> write_response(app_state& app, beast::tcp_stream& stream, http_response& res, bool head) {
    res.set(http::field::date, http_date(std::chrono::system_clock::now()));  // SEMANTICS §2: on every response
    stream.expires_after(std::chrono::seconds(app.cfg.read_timeout));
    if (head) {
        // The header keeps the Content-Length of the GET body; nothing else is sent.
        http::response<http::empty_body> header_only(std::move(res.base()));
        auto [ec, n] = co_await http::async_write(stream, header_only, use_tuple);
        co_return !ec;
    }
    auto [ec, n] = co_await http::async_write(stream, res, use_tuple);
    co_return !ec;
}

asio::awaitable<void> answer_and_close(app_state& app, beast::tcp_stream& stream, const api::api_error& err) {
    app.log.message(observability::log_level::info,
                    "answered " + std::to_string(err.http_status) + " " + err.type + " and closed: " + err.message);
    http_response res = error_response(app, 11, err);
    res.keep_alive(false);
    if (co_await write_response(app, stream, res, false)) co_await linger_close(app, stream);
}

asio::awaitable<void> linger_close(app_state& app, beast::tcp_stream& stream) {
    beast::error_code ec;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    std::array<char, 16 * 1024> discard;
    std::size_t total = 0;
    stream.expires_after(std::chrono::seconds(1));
    while (!ec && !app.stopping && total < 1024 * 1024) {
        auto [rec, n] = co_await stream.async_read_some(asio::buffer(discard), use_tuple);
        ec = rec;
        total += n;
    }
    stream.socket().close(ec);
}

}  // namespace rml::server::transport
