#pragma once
// Reads one request of a kept-alive connection, in the order HTTP/1.1 asks for:
//   1. wait (connection idle) for the first byte; the read timeout applies;
//   2. the header, at most max_header_bytes, checked by request_checks.hpp; an absolute-form
//      target is rewritten to origin form;
//   3. the body's share of the buffer budget: the whole Content-Length up front, or a chunked
//      body's bytes as they arrive (503 ServiceUnavailableException when it does not fit);
//   4. `100 Continue` when the client asked for it and the body is to be read;
//   5. the body, at most max_body_bytes (413 RequestEntityTooLargeException).
// The read timeout (--read-timeout) bounds each step (the connection's deadline; none once the
// request is read). The connection's phase moves from idle to reading at step 2.
#include <optional>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "api/error.hpp"
#include "server/app_state.hpp"
#include "server/transport/buffer_budget.hpp"
#include "server/transport/connection_limits.hpp"

namespace rml::server::transport {

constexpr std::size_t max_body_bytes = 1024 * 1024;

struct read_result {
    enum class kind { request, answer, closed } what = kind::closed;
    std::optional<api::api_error> answer;  // kind::answer: to be sent, then the connection closes
};

boost::asio::awaitable<read_result> read_request(app_state& app, boost::asio::ip::tcp::socket& socket,
                                                 boost::beast::flat_buffer& buffer,
                                                 boost::beast::http::request_parser<boost::beast::http::string_body>& parser,
                                                 connection& self, budget_reservation& reservation);

}  // namespace rml::server::transport
