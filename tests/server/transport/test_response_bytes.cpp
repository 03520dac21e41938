#include <catch2/catch.hpp>

#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/empty_body.hpp>

#include "server/transport/response_bytes.hpp"

using namespace rml::server::transport;
namespace http = boost::beast::http;

namespace {

// The header bytes Beast's own serializer writes for res.
std::string beast_header(http_response& res) {
    http::response_serializer<http::string_body> sr(res);
    sr.split(true);
    std::string out;
    boost::beast::error_code ec;
    while (!sr.is_header_done()) {
        sr.next(ec, [&](boost::beast::error_code&, const auto& buffers) {
            out += boost::beast::buffers_to_string(buffers);
            sr.consume(boost::beast::buffer_bytes(buffers));
        });
        REQUIRE(!ec);
    }
    return out;
}

constexpr std::string_view date = "Wed, 02 Dec 2026 06:22:36 GMT";

http_response make(http::status status, unsigned version, bool keep_alive) {
    http_response res{status, version};
    res.set(http::field::content_type, "application/json");
    res.set("x-amzn-RequestId", "0f8fad5b-d9cb-469f-a165-70867728950e");
    res.body() = R"({"message":"x"})";
    res.prepare_payload();
    res.keep_alive(keep_alive);
    return res;
}

}  // namespace

TEST_CASE("the header bytes are Beast's, for every status, version and connection the emulator answers") {
    for (auto status : {http::status::ok, http::status::bad_request, http::status::forbidden, http::status::not_found,
                        http::status::request_timeout, http::status::conflict, http::status::payload_too_large,
                        http::status::uri_too_long, http::status::too_many_requests,
                        http::status::request_header_fields_too_large, http::status::internal_server_error,
                        http::status::not_implemented, http::status::service_unavailable,
                        http::status::http_version_not_supported}) {
        for (unsigned version : {10u, 11u}) {
            for (bool keep : {true, false}) {
                auto res = make(status, version, keep);
                INFO("status " << static_cast<int>(status) << " HTTP/" << version << " keep-alive " << keep);
                auto ours = header_bytes(res, date);
                res.set(http::field::date, date);  // what write_response used to set last
                CHECK(ours == beast_header(res));
            }
        }
    }
}

TEST_CASE("the header ends with one empty line and holds every field once, in order") {
    auto res = make(http::status::ok, 11, false);
    res.set("x-amzn-ErrorType", "ResourceNotFoundException");
    auto bytes = header_bytes(res, date);
    CHECK(bytes.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(bytes.size() >= 4);
    CHECK(bytes.substr(bytes.size() - 4) == "\r\n\r\n");
    CHECK(bytes.find("\r\n\r\n") == bytes.size() - 4);
    CHECK(bytes.find("Content-Length: 15\r\n") != std::string::npos);
    CHECK(bytes.find("Connection: close\r\n") != std::string::npos);
    auto type = bytes.find("Content-Type: application/json\r\n");
    auto error = bytes.find("x-amzn-ErrorType: ResourceNotFoundException\r\n");
    REQUIRE(type != std::string::npos);
    REQUIRE(error != std::string::npos);
    CHECK(type < error);
    CHECK(bytes.find("Date: " + std::string(date) + "\r\n\r\n") == bytes.size() - 4 - 6 - date.size());
}
