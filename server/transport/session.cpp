#include "server/transport/session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "server/transport/dispatch.hpp"

namespace rml::server::transport {
namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;

namespace {
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
}

asio::awaitable<void> run_session(app_state& app, asio::ip::tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    app.connections.push_back(connection{&stream});
    auto self = std::prev(app.connections.end());

    while (!app.stopping) {
        self->busy = false;
        http::request_parser<http::string_body> parser;
        parser.body_limit(max_body_bytes);
        stream.expires_after(std::chrono::seconds(app.cfg.read_timeout));
        auto [ec, n] = co_await http::async_read(stream, buffer, parser, use_tuple);
        self->busy = true;
        if (ec == http::error::body_limit) {
            auto res = error_response(app, parser.get().version(),
                                      {"RequestEntityTooLargeException", 413,
                                       "Request body exceeds the limit of " + std::to_string(max_body_bytes) + " bytes."});
            res.keep_alive(false);
            stream.expires_after(std::chrono::seconds(app.cfg.read_timeout));
            co_await http::async_write(stream, res, use_tuple);
            break;
        }
        if (ec) break;  // end of stream, timeout, malformed request or shutdown: close

        http_response res = co_await dispatch(app, parser.get());
        bool keep = res.keep_alive();
        stream.expires_after(std::chrono::seconds(app.cfg.read_timeout));
        auto [wec, wn] = co_await http::async_write(stream, res, use_tuple);
        if (wec || !keep) break;
    }

    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    app.connections.erase(self);
}

}  // namespace rml::server::transport
