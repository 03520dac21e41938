// Requests exactly as real SDKs sign RoboMaker calls: rest-json paths carry a percent-encoded ARN,
// which the canonical URI encodes once more (%3A -> %253A, %2F -> %252F).
//
// The signatures below were produced by Debian's python3-botocore 1.29.27 with /usr/bin/python3,
// signing at a fixed clock:
//
//   import datetime; from unittest import mock; import botocore.auth
//   from botocore.auth import SigV4Auth, SigV4QueryAuth
//   from botocore.awsrequest import AWSRequest; from botocore.credentials import Credentials
//   class Fixed(datetime.datetime):
//       @classmethod
//       def utcnow(cls): return datetime.datetime(2024, 1, 1, 0, 0, 0)
//   creds = Credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
//   url = "http://127.0.0.1:4567/tags/arn%3Aaws%3Arobomaker%3Aus-east-1%3A123456789012%3Adeployment-fleet%2Ff%2F1"
//   req = AWSRequest(method="GET", url=url)
//   with mock.patch.object(botocore.auth.datetime, "datetime", Fixed):
//       SigV4Auth(creds, "robomaker", "us-east-1").add_auth(req)
//   print(req.url, dict(req.headers))
//
// and likewise: POST with data=b'{"tags":{"env":"ci"}}' and headers={"Content-Type": "application/json"};
// Credentials("ASIAIOSFODNN7EXAMPLE", <same secret>, "FwoGZXIvYXdzEXAMPLETOKEN+/="); and
// SigV4QueryAuth(creds, "robomaker", "us-east-1", expires=900) for the presigned URL.
//
// botocore's own canonical request for the GET (captured from SigV4Auth.canonical_request) is
// the one asserted in the first test.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "server/auth/sigv4_verify.hpp"
#include "tests/server/auth/sigv4_test_signer.hpp"

namespace auth = rml::server::auth;
using auth::testing::outcome;
using auth::testing::owned_request;
using auth::testing::t0;

namespace {

constexpr std::string_view tags_path =
    "/tags/arn%3Aaws%3Arobomaker%3Aus-east-1%3A123456789012%3Adeployment-fleet%2Ff%2F1";
constexpr std::string_view scope = "Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/robomaker/aws4_request, ";

auth::credential_lookup botocore_lookup(std::optional<std::string> token = std::nullopt) {
    return [token](std::string_view id) -> std::optional<auth::credential> {
        if (id != "AKIAIOSFODNN7EXAMPLE" && id != "ASIAIOSFODNN7EXAMPLE") return std::nullopt;
        return auth::credential{"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "123456789012", token};
    };
}

owned_request tags_request(std::string method = "GET") {
    owned_request r;
    r.method = std::move(method);
    r.path = std::string(tags_path);
    r.headers = {{"Host", "127.0.0.1:4567"}, {"X-Amz-Date", "20240101T000000Z"}};
    return r;
}

}  // namespace

TEST_CASE("botocore: GET /tags/{resourceArn} verifies, with botocore's canonical request", "[sigv4]") {
    owned_request r = tags_request();
    const auto names = auth::split_signed_headers("host;x-amz-date");
    CHECK(auth::canonical_request(r.view(), names, auth::path_mode::normalized) ==
          "GET\n/tags/arn%253Aaws%253Arobomaker%253Aus-east-1%253A123456789012%253Adeployment-fleet%252Ff%252F1\n\n"
          "host:127.0.0.1:4567\nx-amz-date:20240101T000000Z\n\nhost;x-amz-date\n"
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    r.set("Authorization", "AWS4-HMAC-SHA256 " + std::string(scope) + "SignedHeaders=host;x-amz-date, "
                           "Signature=06ffb1f87fee22596dab1c1953aca0edc9781e306f5aad3b9b89cb25394a40aa");
    const auto v = auth::verify(r.view(), botocore_lookup(), "robomaker", t0());
    REQUIRE(outcome(v) == "ok");
    CHECK(v.who().access_key_id == "AKIAIOSFODNN7EXAMPLE");
    CHECK(v.who().account_id == "123456789012");
    CHECK(v.who().region == "us-east-1");
    CHECK(auth::looks_like_real_aws_key(v.who().access_key_id));
}

TEST_CASE("botocore: POST /tags/{resourceArn} with a JSON body verifies", "[sigv4]") {
    owned_request r = tags_request("POST");
    r.body = R"({"tags":{"env":"ci"}})";
    r.headers.insert(r.headers.begin(), {"Content-Type", "application/json"});
    r.set("Authorization", "AWS4-HMAC-SHA256 " + std::string(scope) + "SignedHeaders=content-type;host;x-amz-date, "
                           "Signature=7d98f8ad87af7def8f0cd7a402b257c835e1afcf2394ca2d0ec056e4189e36ca");
    CHECK(outcome(auth::verify(r.view(), botocore_lookup(), "robomaker", t0())) == "ok");
    r.body = R"({"tags":{"env":"cd"}})";
    CHECK(outcome(auth::verify(r.view(), botocore_lookup(), "robomaker", t0())).starts_with("InvalidSignature"));
}

TEST_CASE("botocore: temporary credentials with X-Amz-Security-Token verify", "[sigv4]") {
    owned_request r = tags_request();
    r.set("X-Amz-Security-Token", "FwoGZXIvYXdzEXAMPLETOKEN+/=");
    r.set("Authorization", "AWS4-HMAC-SHA256 Credential=ASIAIOSFODNN7EXAMPLE/20240101/us-east-1/robomaker/"
                           "aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, "
                           "Signature=87e650cc592ff15b94353fdf216e0988a1bc579c5fc093513dabcb538142b936");
    CHECK(outcome(auth::verify(r.view(), botocore_lookup("FwoGZXIvYXdzEXAMPLETOKEN+/="), "robomaker", t0())) == "ok");
    CHECK(outcome(auth::verify(r.view(), botocore_lookup("another"), "robomaker", t0())) ==
          "UnrecognizedClientException: The security token included in the request is invalid.");
}

TEST_CASE("botocore: a presigned GET /tags/{resourceArn} verifies", "[sigv4]") {
    owned_request r = tags_request();
    r.headers = {{"Host", "127.0.0.1:4567"}};
    r.query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240101%2Fus-east-1%2F"
              "robomaker%2Faws4_request&X-Amz-Date=20240101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&"
              "X-Amz-Signature=cf2390388690dc8508417091a641bdf7a583c47e4bb3ff5b7d748a484c3bf068";
    using namespace std::chrono_literals;
    CHECK(outcome(auth::verify(r.view(), botocore_lookup(), "robomaker", t0() + 60s)) == "ok");
    CHECK(outcome(auth::verify(r.view(), botocore_lookup(), "robomaker", t0() + 901s)).starts_with(
        "InvalidSignatureException: Signature expired"));
}

// Captured on the wire from the AWS SDK for JavaScript v3 (@aws-sdk/client-robomaker 3.918.0, Node 20)
// sending UntagResourceCommand({resourceArn: "arn:aws:robomaker:us-east-1:123456789012:deployment-fleet/f/1",
// tagKeys: ["env", "a b", "x+y"]}) with key AKIDTEST / secret test-secret to a recording HTTP server.
// It signs lower-case headers of its own and x-amz-content-sha256, and encodes the query's ' ' and '+'.
TEST_CASE("JS SDK v3: DELETE /tags/{resourceArn}?tagKeys=... as sent verifies", "[sigv4]") {
    owned_request r;
    r.method = "DELETE";
    r.path = std::string(tags_path);
    r.query = "tagKeys=env&tagKeys=a%20b&tagKeys=x%2By";
    r.headers = {
        {"x-amz-user-agent", "aws-sdk-js/3.918.0"},
        {"user-agent", "aws-sdk-js/3.918.0 ua/2.1 os/linux#6.18.44-fc-v1045 lang/js md/nodejs#20.20.2 "
                       "api/robomaker#3.918.0 m/N,E,e"},
        {"host", "127.0.0.1:45892"},
        {"amz-sdk-invocation-id", "5f7e23d3-6cc2-4c30-9df2-6ce5bb0e41cc"},
        {"amz-sdk-request", "attempt=1; max=3"},
        {"x-amz-date", "20261201T205138Z"},
        {"x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"authorization", "AWS4-HMAC-SHA256 Credential=AKIDTEST/20261201/us-east-1/robomaker/aws4_request, "
                          "SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;host;x-amz-content-sha256;"
                          "x-amz-date;x-amz-user-agent, "
                          "Signature=1adf8541b2d9d924511c2a51f0ebea5cf35589958b10aff5f8d6d779d5c5b8a9"},
        {"Connection", "keep-alive"}};
    const auto sent = std::chrono::system_clock::time_point{*auth::parse_amz_date("20261201T205138Z")};
    CHECK(outcome(auth::verify(r.view(), auth::testing::test_lookup(), "robomaker", sent)) == "ok");
    r.query = "tagKeys=env&tagKeys=a%20b";
    CHECK(outcome(auth::verify(r.view(), auth::testing::test_lookup(), "robomaker", sent)).starts_with(
        "InvalidSignatureException: The request signature we calculated does not match"));
}
