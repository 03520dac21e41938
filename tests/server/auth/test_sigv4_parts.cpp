// The building blocks of SigV4 verification: digests and keys against published answers, URI
// encoding, canonical query and headers, the Authorization header and credential parsers, dates.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "server/auth/sigv4_canonical.hpp"
#include "server/auth/sigv4_crypto.hpp"
#include "server/auth/sigv4_parse.hpp"

namespace auth = rml::server::auth;

TEST_CASE("sigv4 crypto matches published answers", "[sigv4]") {
    CHECK(auth::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(auth::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // RFC 4231 test case 2.
    CHECK(auth::hex_encode(auth::hmac_sha256("Jefe", "what do ya want for nothing?")) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // AWS's documented signing-key example (secret of the suite, 20120215, us-east-1, iam).
    CHECK(auth::hex_encode(auth::signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1",
                                             "iam")) ==
          "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    CHECK(auth::constant_time_equal("abc", "abc"));
    CHECK_FALSE(auth::constant_time_equal("abc", "abd"));
    CHECK_FALSE(auth::constant_time_equal("abc", "abcd"));
    CHECK(auth::constant_time_equal("", ""));
}

TEST_CASE("sigv4 canonical URI: normalized, then encoded once more", "[sigv4]") {
    using auth::path_mode;
    CHECK(auth::uri_encode("a b/~é", false) == "a%20b%2F~%C3%A9");
    CHECK(auth::uri_encode("a b/~", true) == "a%20b/~");
    CHECK(auth::canonical_uri("/tags/arn%3Aaws%3Arobomaker", path_mode::normalized) ==
          "/tags/arn%253Aaws%253Arobomaker");
    CHECK(auth::canonical_uri("/a%2Fb", path_mode::normalized) == "/a%252Fb");  // %2F is not a separator
    CHECK(auth::canonical_uri("", path_mode::normalized) == "/");
    CHECK(auth::normalize_path("//a/./b/../c//") == "/a/c/");
    CHECK(auth::normalize_path("/..") == "/");
    CHECK(auth::normalize_path("/a/b") == "/a/b");
    CHECK(auth::canonical_uri("//a/./b", path_mode::as_received) == "//a/./b");
}

TEST_CASE("sigv4 canonical query: decoded, re-encoded with uppercase hex, sorted", "[sigv4]") {
    CHECK(auth::canonical_query("") == "");
    CHECK(auth::canonical_query("b=2&a=1&a=0") == "a=0&a=1&b=2");
    CHECK(auth::canonical_query("flag&x=") == "flag=&x=");
    CHECK(auth::canonical_query("k=%3a%2f&s=a+b&t=a%20b") == "k=%3A%2F&s=a%20b&t=a%20b");
    CHECK(auth::canonical_query("nextToken=abc%3D%3D&maxResults=10") == "maxResults=10&nextToken=abc%3D%3D");
    CHECK(auth::canonical_query("a=1&&b=2&") == "a=1&b=2");
    CHECK(auth::canonical_query("a=1&X-Amz-Signature=ff&b=2", "X-Amz-Signature") == "a=1&b=2");
    CHECK(auth::percent_decode("%zz%4", false) == "%zz%4");  // malformed escapes stay as they are
}

TEST_CASE("sigv4 canonical headers: lower-cased names, trimmed values, repeats joined", "[sigv4]") {
    const auth::header_view headers[] = {
        {"Host", "example.com"}, {"X-Multi", " a "}, {"x-multi", "b   c"}, {"Content-Type", "\tapplication/json "}};
    CHECK(auth::canonical_header_value("  a \t b\n  c  ") == "a b c");
    CHECK(auth::split_signed_headers("X-Amz-Date;host;;Host") == std::vector<std::string>{"host", "x-amz-date"});
    CHECK(auth::canonical_headers(headers, {"content-type", "host", "x-multi"}) ==
          "content-type:application/json\nhost:example.com\nx-multi:a,b c\n");
    const auth::header_view declared[] = {{"X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD"}};
    CHECK(auth::payload_hash({"PUT", "/", "", declared, "body"}) == "UNSIGNED-PAYLOAD");
    CHECK(auth::payload_hash({"PUT", "/", "", {}, "abc"}) == auth::sha256_hex("abc"));
}

TEST_CASE("sigv4 Authorization header and presigned query parsing", "[sigv4]") {
    auto parsed = auth::parse_authorization_header(
        "AWS4-HMAC-SHA256 Credential=AK/20240101/us-east-1/robomaker/aws4_request,SignedHeaders=host,Signature=ab");
    REQUIRE(std::holds_alternative<auth::auth_params>(parsed));
    const auto& p = std::get<auth::auth_params>(parsed);
    CHECK(p.algorithm == "AWS4-HMAC-SHA256");
    CHECK(p.credential == "AK/20240101/us-east-1/robomaker/aws4_request");
    CHECK(p.signed_headers == "host");
    CHECK(p.signature == "ab");
    CHECK_FALSE(p.presigned);
    CHECK(std::holds_alternative<auth::syntax_error>(auth::parse_authorization_header("AWS4-HMAC-SHA256 Credential")));

    CHECK_FALSE(auth::parse_presigned_query("maxResults=5&X-Amz-Date=20240101T000000Z"));
    const auto q = auth::parse_presigned_query(
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20240101%2Fus-east-1%2Frobomaker%2Faws4_request&"
        "X-Amz-Date=20240101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-a&X-Amz-Security-Token=t%2Bk&"
        "X-Amz-Signature=cd");
    REQUIRE(q);
    CHECK(q->presigned);
    CHECK(q->credential == "AK/20240101/us-east-1/robomaker/aws4_request");
    CHECK(q->signed_headers == "host;x-a");
    CHECK(q->date == "20240101T000000Z");
    CHECK(q->expires == "60");
    CHECK(q->security_token == "t+k");
    CHECK(q->signature == "cd");
}

TEST_CASE("sigv4 credential scope and region names", "[sigv4]") {
    const auto scope = auth::split_credential("AK/20240101/us-east-1/robomaker/aws4_request/");
    REQUIRE(scope);
    CHECK(scope->access_key_id == "AK");
    CHECK(scope->date == "20240101");
    CHECK(scope->region == "us-east-1");
    CHECK(scope->service == "robomaker");
    CHECK(scope->terminator == "aws4_request");
    CHECK_FALSE(auth::split_credential("AK/20240101/us-east-1/robomaker"));
    CHECK_FALSE(auth::split_credential("AK/20240101/us-east-1/robomaker/aws4_request/extra"));
    CHECK_FALSE(auth::split_credential(""));
    for (const char* ok : {"us-east-1", "eu-central-1", "us-gov-west-1", "cn-northwest-1", "us-isob-east-1", "local-1"})
        CHECK(auth::is_plausible_region(ok));
    for (const char* bad : {"", "c", "useast1", "US-EAST-1", "us_east_1", "-us-east-1", "us--east-1", "1us-east"})
        CHECK_FALSE(auth::is_plausible_region(bad));
}

TEST_CASE("sigv4 dates: ISO 8601 basic, IMF-fixdate, and back", "[sigv4]") {
    using namespace std::chrono;
    const auto t = auth::parse_amz_date("20150830T123600Z");
    REQUIRE(t);
    CHECK(t->time_since_epoch() == seconds{1440938160});
    CHECK(auth::format_amz_date(*t) == "20150830T123600Z");
    CHECK(auth::parse_http_date("Sun, 30 Aug 2015 12:36:00 GMT") == t);
    CHECK(auth::format_amz_date(sys_seconds{seconds{0}}) == "19700101T000000Z");
    for (const char* bad : {"2015-08-30T12:36:00Z", "20150830T123600", "20150231T000000Z", "20150830T246000Z",
                            "20150830t123600z", ""})
        CHECK_FALSE(auth::parse_amz_date(bad));
    for (const char* bad : {"Sunday, 30-Aug-15 12:36:00 GMT", "Sun Aug 30 12:36:00 2015",
                            "Sun, 30 Foo 2015 12:36:00 GMT", "Sun, 31 Sep 2015 12:36:00 GMT"})
        CHECK_FALSE(auth::parse_http_date(bad));
}
