#include "server/transport/session.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include "server/transport/answer.hpp"
#include "server/transport/dispatch.hpp"
#include "server/transport/request_reader.hpp"

namespace rml::server::transport {
namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;

asio::awaitable<void> run_session(app_state& app, asio::ip::tcp::socket socket) {
    beast::flat_buffer buffer;
    auto self = app.connections.add(socket);

    while (!app.stopping) {
        self->state = connection::phase::idle;
        http::request_parser<http::string_body> parser;
        budget_reservation reservation(app.budget);
        read_result got = co_await read_request(app, socket, buffer, parser, *self, reservation);
        self->state = connection::phase::handling;
        if (got.what == read_result::kind::closed) break;  // end of stream, timeout, evicted, shutdown
        if (got.what == read_result::kind::answer) {
            co_await answer_and_close(app, *self, *got.answer);
            break;
        }

        auto& req = parser.get();
        bool head = req.method() == http::verb::head;
        if (head) req.method(http::verb::get);
        http_response res = co_await dispatch(app, req);
        bool keep = res.keep_alive();
        // Let the other connections whose requests are ready run first, so that their responses
        // go out together: the client is woken once for a batch instead of once per response,
        // which under load costs the server more CPU than the request itself (bench/README.md).
        co_await asio::post(socket.get_executor(), asio::use_awaitable);
        if (!co_await write_response(app, *self, res, head) || !keep) break;
        app.connections.touch(self);
        if (buffer.size() == 0) buffer.shrink_to_fit();  // an idle connection holds no buffer
    }

    beast::error_code ignored;
    socket.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    app.connections.remove(self);
}

}  // namespace rml::server::transport
