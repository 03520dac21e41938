// The Date and x-amzn-ErrorMessage header values (SEMANTICS §2).
#include <catch2/catch.hpp>

#include "server/transport/http_headers.hpp"

using namespace rml::server::transport;

TEST_CASE("http_date is the RFC 7231 IMF-fixdate") {
    using namespace std::chrono;
    CHECK(http_date(system_clock::time_point(seconds(784111777))) == "Sun, 06 Nov 1994 08:49:37 GMT");
    CHECK(http_date(system_clock::time_point(seconds(0))) == "Thu, 01 Jan 1970 00:00:00 GMT");
    CHECK(http_date(system_clock::time_point(milliseconds(1550771394395))) == "Thu, 21 Feb 2019 17:49:54 GMT");
}

TEST_CASE("header_safe keeps printable ASCII and escapes every other byte") {
    CHECK(header_safe("Fleet 'a b' does not exist.") == "Fleet 'a b' does not exist.");
    CHECK(header_safe("line\r\nX-Injected: 1") == "line\\x0d\\x0aX-Injected: 1");
    CHECK(header_safe("caf\xc3\xa9") == "caf\\xc3\\xa9");
    CHECK(header_safe(std::string("nul\0tab\t\x7f", 9)) == "nul\\x00tab\\x09\\x7f");
    CHECK(header_safe("back\\slash") == "back\\slash");
    CHECK(header_safe(std::string(10, 'a'), 8) == "aaaaaaaa...");
    CHECK(header_safe("ab\x01", 4) == "ab...");  // an escape is never cut in half
}
