#pragma once
// One HTTP request in, one HTTP response out: routing, account/region, the api call or control
// call, and the single place where a result or api_error becomes the wire format (SEMANTICS §2).
// Logs one line per request. API fault rules (docs/faults.md) apply to service operations only:
// an injected latency is an asio timer (the io_context keeps serving other connections), an
// injected error replaces the operation (which then does not run).
#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "api/error.hpp"
#include "server/app_state.hpp"

namespace rml::server::transport {

using http_request = boost::beast::http::request<boost::beast::http::string_body>;
using http_response = boost::beast::http::response<boost::beast::http::string_body>;

boost::asio::awaitable<http_response> dispatch(app_state& app, const http_request& req);

// An error response outside normal dispatch (e.g. a body over the size limit).
http_response error_response(app_state& app, unsigned version, const api::api_error& err);

}  // namespace rml::server::transport
