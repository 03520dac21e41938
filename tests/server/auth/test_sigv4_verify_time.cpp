// verify(): its verdicts on dates and expiry, the credential scope, the signature itself, and
// presigned requests, with requests signed here by the test signer and then broken.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "tests/server/auth/sigv4_test_signer.hpp"

namespace auth = rml::server::auth;
using auth::testing::check;
using auth::testing::outcome;
using auth::testing::owned_request;
using auth::testing::signed_request;
using auth::testing::signer;
using auth::testing::t0;
using namespace std::chrono_literals;

namespace {

const std::string mismatch =
    "InvalidSignatureException: The request signature we calculated does not match the signature you provided. "
    "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

}  // namespace

TEST_CASE("verify: the request time comes from X-Amz-Date, else from Date", "[sigv4]") {
    SECTION("Date header (IMF-fixdate), signed") {
        owned_request r;
        r.headers = {{"Host", "127.0.0.1:4567"}, {"Date", "Mon, 01 Jan 2024 00:00:00 GMT"}};
        signer s;
        s.signed_headers = "date;host";
        const std::string sig = s.signature(r);
        r.set("Authorization",
              "AWS4-HMAC-SHA256 Credential=" + s.credential() + ", SignedHeaders=date;host, Signature=" + sig);
        CHECK(outcome(check(r)) == "ok");
    }
    SECTION("not ISO 8601 basic format") {
        owned_request r = signed_request();
        r.set("X-Amz-Date", "2024-01-01T00:00:00Z");
        CHECK(outcome(check(r)) == "IncompleteSignatureException: Date must be in ISO-8601 'basic format'. Got "
                                   "'2024-01-01T00:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601");
    }
    SECTION("scope date is not the request's day") {
        signer s;
        s.amz_date = "20231231T235900Z";
        owned_request r = signed_request(s);
        r.set("X-Amz-Date", "20240101T000000Z");
        CHECK(outcome(check(r)) ==
              "InvalidSignatureException: Date in Credential scope does not match YYYYMMDD from ISO-8601 version of "
              "date from HTTP: '20231231' != '20240101', from '20240101T000000Z'.");
    }
}

TEST_CASE("verify: a request more than 5 minutes from now has an expired or not yet current signature", "[sigv4]") {
    owned_request r = signed_request();
    CHECK(outcome(check(r, t0() + 5min)) == "ok");
    CHECK(outcome(check(r, t0() - 5min)) == "ok");
    CHECK(outcome(check(r, t0() + 10min)) == "InvalidSignatureException: Signature expired: 20240101T000000Z is now "
                                             "earlier than 20240101T000500Z (20240101T001000Z - 5 min.)");
    CHECK(outcome(check(r, t0() - 10min)) == "InvalidSignatureException: Signature not yet current: 20240101T000000Z "
                                             "is still later than 20231231T235500Z (20231231T235000Z + 5 min.)");
}

TEST_CASE("verify: the credential must be scoped to robomaker and a valid region", "[sigv4]") {
    signer s;
    SECTION("service") {
        s.service = "s3";
        owned_request r = signed_request(s);
        CHECK(outcome(check(r)) ==
              "InvalidSignatureException: Credential should be scoped to correct service: 'robomaker'.");
    }
    SECTION("region") {
        s.region = "US-EAST-1";
        owned_request r = signed_request(s);
        CHECK(outcome(check(r)) ==
              "InvalidSignatureException: Credential should be scoped to a valid region, not 'US-EAST-1'.");
    }
    SECTION("every scope fault in one message, as AWS reports them") {
        owned_request r = signed_request();
        r.set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDTEST/20230101/x/iam/aws5_request, "
                               "SignedHeaders=host;x-amz-date, Signature=00");
        CHECK(outcome(check(r)) ==
              "InvalidSignatureException: Credential should be scoped to a valid region, not 'x'. Credential should "
              "be scoped to correct service: 'robomaker'. Credential should be scoped with a valid terminator: "
              "'aws4_request', not 'aws5_request'. Date in Credential scope does not match YYYYMMDD from ISO-8601 "
              "version of date from HTTP: '20230101' != '20240101', from '20240101T000000Z'.");
    }
    SECTION("any plausible region is served") {
        s.region = "eu-central-1";
        owned_request r = signed_request(s);
        const auto v = check(r);
        REQUIRE(outcome(v) == "ok");
        CHECK(v.who().region == "eu-central-1");
    }
}

TEST_CASE("verify: a signature that does not match is InvalidSignatureException", "[sigv4]") {
    owned_request r;
    r.method = "POST";
    r.path = "/createFleet";
    r.body = R"({"name":"demo"})";
    signer s;
    SECTION("wrong secret") {
        s.secret = "not-the-secret";
        s.sign(r);
        const auto v = check(r);
        CHECK(outcome(v) == mismatch);
        CHECK(v.error().canonical_request.starts_with("POST\n/createFleet\n\nhost:127.0.0.1:4567\n"));
        CHECK(v.error().string_to_sign.starts_with("AWS4-HMAC-SHA256\n20240101T000000Z\n20240101/us-east-1/"));
    }
    SECTION("body changed after signing") {
        s.sign(r);
        r.body = R"({"name":"other"})";
        CHECK(outcome(check(r)) == mismatch);
    }
    SECTION("query changed after signing") {
        s.sign(r);
        r.query = "maxResults=5";
        CHECK(outcome(check(r)) == mismatch);
    }
}

TEST_CASE("verify accepts a path signed as received (aws-sdk-go v1) as well as normalized", "[sigv4]") {
    owned_request r;
    r.path = "//fleets/./x";
    signer s;
    s.mode = auth::path_mode::as_received;
    s.sign(r);
    CHECK(outcome(check(r)) == "ok");
    s.mode = auth::path_mode::normalized;
    s.sign(r);
    CHECK(outcome(check(r)) == "ok");
}

TEST_CASE("verify: presigned requests", "[sigv4]") {
    owned_request r;
    r.query = "maxResults=5";
    signer s;
    s.signed_headers = "host";
    SECTION("valid until X-Amz-Expires") {
        s.presign(r, 900);
        CHECK(outcome(check(r, t0() + 900s)) == "ok");
        CHECK(outcome(check(r, t0() + 901s)) == "InvalidSignatureException: Signature expired: 20240101T000000Z is now "
                                                "earlier than 20240101T000001Z (20240101T001501Z - 900 sec.)");
        CHECK(outcome(check(r, t0() - 6min)).starts_with("InvalidSignatureException: Signature not yet current"));
    }
    SECTION("the query parameters are part of what is signed") {
        s.presign(r, 900);
        r.query.replace(r.query.find("maxResults=5"), 12, "maxResults=6");
        CHECK(outcome(check(r)) == mismatch);
    }
    SECTION("missing parameters") {
        r.query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240101T000000Z";
        r.headers = {{"Host", "127.0.0.1:4567"}};
        CHECK(outcome(check(r)) == "IncompleteSignatureException: AWS query-string parameters must include "
                                   "'X-Amz-Credential'. AWS query-string parameters must include 'X-Amz-Signature'. "
                                   "AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the "
                                   "query-string parameters.");
    }
    SECTION("X-Amz-Expires not a number") {
        s.presign(r, 900);
        r.query.replace(r.query.find("X-Amz-Expires=900"), 17, "X-Amz-Expires=9x");
        CHECK(outcome(check(r)) == "IncompleteSignatureException: X-Amz-Expires should be a number");
    }
    SECTION("an Authorization header wins over presigned parameters") {
        s.presign(r, 900);
        signer other;
        other.access_key = "AKIDNOBODY";
        other.sign(r);
        CHECK(outcome(check(r)).starts_with("UnrecognizedClientException"));
    }
}

TEST_CASE("looks_like_real_aws_key spots AWS-shaped access key ids", "[sigv4]") {
    CHECK(auth::looks_like_real_aws_key("AKIAIOSFODNN7EXAMPLE"));
    CHECK(auth::looks_like_real_aws_key("ASIAIOSFODNN7EXAMPLE"));
    CHECK_FALSE(auth::looks_like_real_aws_key("AKIAIOSFODNN7EXAMPL"));    // 19 characters
    CHECK_FALSE(auth::looks_like_real_aws_key("AKIAIOSFODNN7EXAMPLE1"));  // 21
    CHECK_FALSE(auth::looks_like_real_aws_key("AKIAiosfodnn7EXAMPLE"));   // lowercase
    CHECK_FALSE(auth::looks_like_real_aws_key("AIDAIOSFODNN7EXAMPLE"));   // another prefix
    CHECK_FALSE(auth::looks_like_real_aws_key("test"));
    CHECK_FALSE(auth::looks_like_real_aws_key("123456789012"));
}
