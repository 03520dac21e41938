#pragma once
// What HTTP/1.1 framing the emulator accepts, and the answer for what it does not
// (SEMANTICS §10; the names are in docs/behaviour.md). Every answer here is followed by
// closing the connection, since the rest of the byte stream cannot be trusted.
//
//   400 InvalidParameterException         malformed request line, header, Content-Length or chunk;
//                                         Transfer-Encoding whose last coding is not chunked, or
//                                         together with Content-Length
//   414 RequestURITooLongException        a request line that does not fit the header limit
//   431 RequestHeaderFieldsTooLargeException  headers over max_header_bytes
//   501 NotImplementedException           a transfer coding other than chunked (gzip, chunked)
//   505 HttpVersionNotSupportedException  a version other than HTTP/1.0 and HTTP/1.1
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>

#include "api/error.hpp"

namespace rml::server::transport {

constexpr std::size_t max_header_bytes = 64 * 1024;

// The answer to a failed header or body read; nullopt when there is nobody to answer (end of
// stream, timeout, reset, shutdown). `received` is the start of the unparsed input, used to tell
// a too-long request line (414) from too many header bytes (431).
std::optional<api::api_error> read_error_answer(const boost::beast::error_code& ec, std::string_view received);

// Checks a complete header: version and Transfer-Encoding. nullopt when the request may proceed.
std::optional<api::api_error> header_answer(const boost::beast::http::request_header<>& h);

// The origin form of an absolute-form target: "http://host:port/p?q" becomes "/p?q" (and
// "http://host" becomes "/"); any other target is returned unchanged.
std::string origin_form(std::string_view target);

// True for "Expect: 100-continue" on an HTTP/1.1 request.
bool expects_continue(const boost::beast::http::request_header<>& h);

}  // namespace rml::server::transport
