#include "server/transport/overflow.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

#include "server/transport/answer.hpp"
#include "server/transport/dispatch.hpp"
#include "server/transport/request_checks.hpp"

namespace rml::server::transport {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

bool is_health(http::verb method, std::string_view target) {
    if (method != http::verb::get && method != http::verb::head) return false;
    constexpr std::string_view path = "/_emulator/health";
    return target.substr(0, target.find('?')) == path;
}

}  // namespace

asio::awaitable<void> run_overflow_session(app_state& app, asio::ip::tcp::socket socket) {
    auto self = app.connections.add_overflow(socket);
    beast::flat_buffer buffer;
    http::request_parser<http::empty_body> parser;
    parser.header_limit(8 * 1024);
    self->expires_after(std::chrono::seconds(2));
    auto [ec, n] = co_await http::async_read_header(socket, buffer, parser, asio::as_tuple(asio::use_awaitable));
    self->expires_never();
    if (!ec) {
        const auto& h = parser.get();
        std::string target = origin_form(h.target());
        if (is_health(h.method(), target)) {
            http_request req{http::verb::get, target, 11};
            http_response res = co_await dispatch(app, req);
            res.keep_alive(false);
            if (co_await write_response(app, *self, res, h.method() == http::verb::head)) {
                co_await linger_close(app, *self);
            }
        } else {
            co_await answer_and_close(app, *self,
                                      {"ServiceUnavailableException", 503,
                                       "The emulator is serving its maximum of " + std::to_string(app.connections.cap()) +
                                           " connections (--max-connections), none of them idle; retry later."});
        }
    }
    beast::error_code ignored;
    socket.close(ignored);
    app.connections.remove_overflow(self);
}

}  // namespace rml::server::transport
