#include "server/transport/request_reader.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "server/transport/request_checks.hpp"

namespace rml::server::transport {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

read_result closed() { return {}; }
read_result answer(api::api_error e) { return {read_result::kind::answer, std::move(e)}; }

api::api_error too_large() {
    return {"RequestEntityTooLargeException", 413,
            "Request body exceeds the limit of " + std::to_string(max_body_bytes) + " bytes."};
}

api::api_error over_budget(const buffer_budget& b, std::size_t bytes) {
    return {"ServiceUnavailableException", 503,
            "The emulator cannot buffer a request body of " + std::to_string(bytes) +
                " bytes now: bodies buffered across connections are limited to " + std::to_string(b.limit()) +
                " bytes (--max-buffered-bytes); retry later."};
}

// The answer to a failed read, or closed() when there is nobody to answer.
read_result failed(const beast::error_code& ec, const beast::flat_buffer& buffer) {
    if (ec == http::error::body_limit) return answer(too_large());
    auto data = buffer.cdata();
    auto a = read_error_answer(ec, std::string_view(static_cast<const char*>(data.data()), data.size()));
    return a ? answer(*a) : closed();
}

}  // namespace

asio::awaitable<read_result> read_request(app_state& app, asio::ip::tcp::socket& stream, beast::flat_buffer& buffer,
                                          http::request_parser<http::string_body>& parser, connection& self,
                                          budget_reservation& reservation) {
    auto timeout = std::chrono::seconds(app.cfg.read_timeout);
    parser.header_limit(max_header_bytes);
    parser.body_limit(max_body_bytes);
    if (buffer.size() == 0) {
        self.expires_after(timeout);
        auto [ec, n] = co_await stream.async_read_some(buffer.prepare(1024), use_tuple);
        if (ec) co_return closed();
        buffer.commit(n);
    }
    self.state = connection::phase::reading;

    self.expires_after(timeout);
    auto [hec, hn] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
    if (hec) co_return failed(hec, buffer);
    auto& req = parser.get();
    if (auto a = header_answer(req)) co_return answer(*a);
    if (auto target = origin_form(req.target()); target != req.target()) req.target(target);
    if (parser.is_done()) {
        self.expires_never();  // the handler may take its time (wait, injected latency)
        co_return read_result{read_result::kind::request, {}};
    }

    auto length = parser.content_length();
    if (length && !reservation.grow_to(*length)) co_return answer(over_budget(app.budget, *length));
    if (expects_continue(req)) {
        http::response<http::empty_body> go_on{http::status::continue_, 11};
        self.expires_after(timeout);
        auto [wec, wn] = co_await http::async_write(stream, go_on, use_tuple);
        if (wec) co_return closed();
    }
    while (!parser.is_done()) {
        self.expires_after(timeout);
        auto [bec, bn] = co_await http::async_read_some(stream, buffer, parser, use_tuple);
        if (bec) co_return failed(bec, buffer);
        std::size_t have = parser.get().body().size();
        if (!length && !reservation.grow_to(have)) co_return answer(over_budget(app.budget, have));
    }
    self.expires_never();
    co_return read_result{read_result::kind::request, {}};
}

}  // namespace rml::server::transport
