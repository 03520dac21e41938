// verify(): its verdicts on the Authorization header, the signed headers, the access key and the
// session token, with requests signed here by the test signer and then broken.
#include <catch2/catch.hpp>

#include <string>

#include "tests/server/auth/sigv4_test_signer.hpp"

namespace auth = rml::server::auth;
using auth::testing::check;
using auth::testing::outcome;
using auth::testing::owned_request;
using auth::testing::signed_request;
using auth::testing::signer;

TEST_CASE("verify accepts a well-signed request and names who signed it", "[sigv4]") {
    owned_request r;
    r.method = "POST";
    r.body = R"({"name":"demo"})";
    r.headers = {{"Content-Type", "application/json"}};
    signer s;
    s.signed_headers = "content-type;host;x-amz-date";
    s.sign(r);
    const auto v = check(r);
    REQUIRE(outcome(v) == "ok");
    CHECK(v.who().access_key_id == "AKIDTEST");
    CHECK(v.who().account_id == "111122223333");
    CHECK(v.who().region == "us-east-1");
}

TEST_CASE("verify: no credentials at all is MissingAuthenticationTokenException", "[sigv4]") {
    owned_request r;
    r.headers = {{"Host", "127.0.0.1:4567"}};
    const auto v = check(r);
    REQUIRE_FALSE(v.ok());
    CHECK(outcome(v) == "MissingAuthenticationTokenException: Missing Authentication Token");
    CHECK(v.error().http_status == 403);
}

TEST_CASE("verify: a malformed Authorization header is IncompleteSignatureException", "[sigv4]") {
    owned_request r = signed_request();
    const std::string cred = "AKIDTEST/20240101/us-east-1/robomaker/aws4_request";
    SECTION("not key=value") {
        r.set("Authorization", "Bearer abc");
        CHECK(outcome(check(r)) == "IncompleteSignatureException: 'abc' not a valid key=value pair (missing "
                                   "equal-sign) in Authorization header: 'Bearer abc'.");
    }
    SECTION("no Signature") {
        const std::string header = "AWS4-HMAC-SHA256 Credential=" + cred + ", SignedHeaders=host;x-amz-date";
        r.set("Authorization", header);
        CHECK(outcome(check(r)) == "IncompleteSignatureException: Authorization header requires 'Signature' "
                                   "parameter. Authorization=" + header);
    }
    SECTION("no Credential and no SignedHeaders") {
        r.set("Authorization", "AWS4-HMAC-SHA256 Signature=abcd");
        CHECK(outcome(check(r)) == "IncompleteSignatureException: Authorization header requires 'Credential' "
                                   "parameter. Authorization header requires 'SignedHeaders' parameter. "
                                   "Authorization=AWS4-HMAC-SHA256 Signature=abcd");
    }
    SECTION("nothing, and no date either") {
        r.remove("X-Amz-Date");
        r.set("Authorization", "AWS4-HMAC-SHA256");
        CHECK(outcome(check(r)) ==
              "IncompleteSignatureException: Authorization header requires 'Credential' parameter. Authorization "
              "header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
              "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
              "Authorization=AWS4-HMAC-SHA256");
    }
    SECTION("another algorithm") {
        r.set("Authorization", "AWS4-HMAC-SHA512 Credential=" + cred + ", SignedHeaders=host;x-amz-date, Signature=ab");
        CHECK(outcome(check(r)) == "IncompleteSignatureException: Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' "
                                   "(only AWS4-HMAC-SHA256 for now).");
    }
    SECTION("a credential of four parts") {
        r.set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDTEST/20240101/us-east-1/robomaker, "
                               "SignedHeaders=host;x-amz-date, Signature=ab");
        CHECK(outcome(check(r)) == "IncompleteSignatureException: Credential must have exactly 5 slash-delimited "
                                   "elements, e.g. keyid/date/region/service/term, got "
                                   "'AKIDTEST/20240101/us-east-1/robomaker'");
    }
}

TEST_CASE("verify tolerates AWS's spacing and parameter order in the Authorization header", "[sigv4]") {
    owned_request r = signed_request();
    const std::string header = r.headers.back().second;
    const std::string sig = header.substr(header.find("Signature=") + 10);
    r.set("Authorization", "AWS4-HMAC-SHA256   Signature=" + sig + ",SignedHeaders=host;x-amz-date ,  "
                           "Credential=AKIDTEST/20240101/us-east-1/robomaker/aws4_request");
    CHECK(outcome(check(r)) == "ok");
}

TEST_CASE("verify: signed headers must include host and be present", "[sigv4]") {
    SECTION("host not signed") {
        signer s;
        s.signed_headers = "x-amz-date";
        owned_request r = signed_request(s);
        CHECK(outcome(check(r)) == "IncompleteSignatureException: 'Host' or ':authority' must be a 'SignedHeader' "
                                   "in the AWS Authorization.");
    }
    SECTION("a signed header missing from the request") {
        signer s;
        s.signed_headers = "content-type;host;x-amz-date";
        owned_request r = signed_request(s);
        CHECK(outcome(check(r)) == "IncompleteSignatureException: 'content-type' is a 'SignedHeader' in the AWS "
                                   "Authorization but is absent from the request.");
    }
}

TEST_CASE("verify: an unknown access key is UnrecognizedClientException", "[sigv4]") {
    signer s;
    s.access_key = "AKIDNOBODY";
    owned_request r = signed_request(s);
    CHECK(outcome(check(r)) == "UnrecognizedClientException: The security token included in the request is invalid.");
}

TEST_CASE("verify: temporary credentials need their session token", "[sigv4]") {
    signer s;
    s.access_key = "ASIATEST";
    const std::string invalid_token =
        "UnrecognizedClientException: The security token included in the request is invalid.";
    SECTION("absent") {
        owned_request r = signed_request(s);
        CHECK(outcome(check(r)) == invalid_token);
    }
    SECTION("different") {
        owned_request r;
        r.set("X-Amz-Security-Token", "other");
        s.signed_headers = "host;x-amz-date;x-amz-security-token";
        s.sign(r);
        CHECK(outcome(check(r)) == invalid_token);
    }
    SECTION("equal, as a header") {
        owned_request r;
        r.set("X-Amz-Security-Token", "tok");
        s.signed_headers = "host;x-amz-date;x-amz-security-token";
        s.sign(r);
        const auto v = check(r);
        REQUIRE(outcome(v) == "ok");
        CHECK(v.who().account_id == "444455556666");
    }
    SECTION("equal, in a presigned query") {
        owned_request r;
        s.signed_headers = "host";
        s.presign(r, 300, "tok");
        CHECK(outcome(check(r)) == "ok");
    }
}
