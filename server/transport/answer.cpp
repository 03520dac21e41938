#include "server/transport/answer.hpp"

#include <array>
#include <span>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "server/transport/http_headers.hpp"
#include "server/transport/response_bytes.hpp"

namespace rml::server::transport {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
}

asio::awaitable<bool> write_response(app_state& app, connection& conn, http_response& res, bool head) {
    conn.expires_after(std::chrono::seconds(app.cfg.read_timeout));
    // HEAD: the header keeps the Content-Length of the GET body; nothing else is sent.
    std::string header = header_bytes(res, http_date(std::chrono::system_clock::now()));
    std::array<asio::const_buffer, 2> bytes{asio::buffer(header), asio::buffer(res.body())};
    auto [ec, n] = co_await asio::async_write(*conn.socket, std::span(bytes.data(), head ? 1 : 2), use_tuple);
    conn.expires_never();
    co_return !ec;
}

asio::awaitable<void> answer_and_close(app_state& app, connection& conn, const api::api_error& err) {
    app.log.message(observability::log_level::info,
                    "answered " + std::to_string(err.http_status) + " " + err.type + " and closed: " + err.message);
    http_response res = error_response(app, 11, err);
    res.keep_alive(false);
    if (co_await write_response(app, conn, res, false)) co_await linger_close(app, conn);
}

asio::awaitable<void> linger_close(app_state& app, connection& conn) {
    auto& socket = *conn.socket;
    beast::error_code ec;
    socket.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    std::array<char, 16 * 1024> discard;
    std::size_t total = 0;
    conn.expires_after(std::chrono::seconds(1));
    while (!ec && !app.stopping && total < 1024 * 1024) {
        auto [rec, n] = co_await socket.async_read_some(asio::buffer(discard), use_tuple);
        ec = rec;
        total += n;
    }
    conn.expires_never();
    socket.close(ec);
}

}  // namespace rml::server::transport
