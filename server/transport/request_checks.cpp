#include "server/transport/request_checks.hpp"

#include <cctype>
#include <vector>

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/rfc7230.hpp>

#include "api/message_quote.hpp"

namespace rml::server::transport {
namespace http = boost::beast::http;

namespace {

api::api_error bad_request(std::string message) {
    return {"InvalidParameterException", 400, "Malformed HTTP request: " + std::move(message)};
}

api::api_error unsupported_version(std::string_view version) {
    return {"HttpVersionNotSupportedException", 505,
            "HTTP version " + std::string(version) + " is not supported; use HTTP/1.1 or HTTP/1.0."};
}

// "HTTP/9.9" when the request line is well formed but for its version (Beast's parser calls
// any version other than 1.0 and 1.1 bad); empty otherwise.
std::string_view well_formed_version(std::string_view received) {
    auto line = received.substr(0, received.find("\r\n"));
    auto sp = line.rfind(' ');
    if (sp == std::string_view::npos || line.find(' ') == sp) return {};
    auto v = line.substr(sp + 1);
    bool shaped = v.size() == 8 && v.substr(0, 5) == "HTTP/" && std::isdigit(static_cast<unsigned char>(v[5])) &&
                  v[6] == '.' && std::isdigit(static_cast<unsigned char>(v[7]));
    return shaped ? v.substr(5) : std::string_view();
}

}  // namespace

std::optional<api::api_error> read_error_answer(const boost::beast::error_code& ec, std::string_view received) {
    if (ec == http::error::header_limit) {
        auto line_end = received.find("\r\n");
        if (line_end == std::string_view::npos || line_end >= max_header_bytes) {
            return api::api_error{"RequestURITooLongException", 414,
                                  "The request line exceeds the limit of " + std::to_string(max_header_bytes) + " bytes."};
        }
        return api::api_error{"RequestHeaderFieldsTooLargeException", 431,
                              "The request headers exceed the limit of " + std::to_string(max_header_bytes) + " bytes."};
    }
    if (ec == http::error::bad_line_ending) return bad_request("bad line ending");
    if (ec == http::error::bad_method) return bad_request("bad method in the request line");
    if (ec == http::error::bad_target) return bad_request("bad request target");
    if (ec == http::error::bad_version) {
        auto v = well_formed_version(received);
        return v.empty() ? bad_request("bad HTTP version in the request line") : unsupported_version(v);
    }
    if (ec == http::error::bad_field) return bad_request("bad header field name");
    if (ec == http::error::bad_value) return bad_request("bad header field value (control character or NUL)");
    if (ec == http::error::bad_content_length) return bad_request("bad Content-Length");
    if (ec == http::error::multiple_content_length) return bad_request("conflicting Content-Length values");
    if (ec == http::error::bad_transfer_encoding) {
        return bad_request("bad Transfer-Encoding (duplicated, or together with Content-Length)");
    }
    if (ec == http::error::bad_chunk) return bad_request("bad chunk size or chunk framing");
    if (ec == http::error::bad_chunk_extension) return bad_request("bad chunk extension");
    if (ec == http::error::bad_obs_fold) return bad_request("obsolete line folding in a header");
    return std::nullopt;  // end of stream, timeout, reset, shutdown: nobody to answer
}

std::optional<api::api_error> header_answer(const http::request_header<>& h) {
    if (h.version() != 10 && h.version() != 11) {  // Beast refuses these already; kept as the contract
        return unsupported_version(std::to_string(h.version() / 10) + "." + std::to_string(h.version() % 10));
    }
    std::vector<std::string> codings;
    auto [first, last] = h.equal_range(http::field::transfer_encoding);
    for (auto it = first; it != last; ++it) {
        for (auto token : http::token_list(it->value())) codings.emplace_back(token);
    }
    if (codings.empty()) return std::nullopt;
    std::string listed;
    for (const auto& c : codings) listed += (listed.empty() ? "" : ", ") + api::quote_for_message(c);
    if (h.count(http::field::content_length) > 0) {
        return bad_request("Transfer-Encoding together with Content-Length");
    }
    if (!boost::beast::iequals(codings.back(), "chunked")) {
        return bad_request("Transfer-Encoding '" + listed + "' does not end with chunked, so the body length is unknown");
    }
    if (codings.size() > 1) {
        return api::api_error{"NotImplementedException", 501,
                              "Transfer-Encoding '" + listed + "' is not supported; only chunked is."};
    }
    return std::nullopt;
}

std::string origin_form(std::string_view target) {
    std::size_t scheme_end = 0;
    if (target.size() >= 7 && boost::beast::iequals(target.substr(0, 7), "http://")) {
        scheme_end = 7;
    } else if (target.size() >= 8 && boost::beast::iequals(target.substr(0, 8), "https://")) {
        scheme_end = 8;
    } else {
        return std::string(target);
    }
    auto rest = target.substr(scheme_end);
    auto path = rest.find_first_of("/?");
    if (path == std::string_view::npos) return "/";
    if (rest[path] == '?') return "/" + std::string(rest.substr(path));
    return std::string(rest.substr(path));
}

bool expects_continue(const http::request_header<>& h) {
    return h.version() >= 11 && boost::beast::iequals(h[http::field::expect], "100-continue");
}

}  // namespace rml::server::transport
