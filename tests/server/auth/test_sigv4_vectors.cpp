// AWS's published SigV4 test suite: for every case the canonical request and the signature must be
// exactly AWS's, and verify() must accept the request signed with AWS's signature.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "server/auth/sigv4_crypto.hpp"
#include "server/auth/sigv4_parse.hpp"
#include "server/auth/sigv4_verify.hpp"
#include "tests/server/auth/sigv4_vectors_more.hpp"

namespace auth = rml::server::auth;
namespace vectors = rml::server::auth::vectors;

namespace {

// 2015-08-30T12:36:00Z, the suite's signing time.
std::chrono::system_clock::time_point suite_time() { return *auth::parse_amz_date(vectors::amz_date); }

// The SignedHeaders line: the canonical request's last line but one.
std::string signed_headers_of(std::string_view canonical_request) {
    const auto last = canonical_request.rfind('\n');
    const auto before = canonical_request.rfind('\n', last - 1);
    return std::string(canonical_request.substr(before + 1, last - before - 1));
}

// Credentials with the suite's key; the session token is the one the request carries, if any.
auth::credential_lookup suite_lookup(std::optional<std::string> token) {
    return [token](std::string_view id) -> std::optional<auth::credential> {
        if (id != vectors::access_key) return std::nullopt;
        return auth::credential{std::string(vectors::secret), "123456789012", token};
    };
}

std::optional<std::string> token_in(const auth::request_view& request) {
    if (auto presigned = auth::parse_presigned_query(request.query)) return presigned->security_token;
    auto values = auth::header_values(request.headers, "x-amz-security-token");
    if (values.empty()) return std::nullopt;
    return std::string(values.front());
}

std::string expected_signature(std::string_view canonical_request) {
    const std::string key = auth::signing_key(vectors::secret, "20150830", vectors::region, vectors::service);
    return auth::signature_hex(key, auth::string_to_sign(vectors::amz_date, vectors::scope, canonical_request));
}

void check_header_case(const vectors::suite_case& c) {
    INFO("case " << c.name);
    const auth::request_view request{c.method, c.path, c.query, c.headers, c.body};
    const std::string signed_list = signed_headers_of(c.canonical_request);
    const std::string creq = auth::canonical_request(request, auth::split_signed_headers(signed_list), c.mode);
    CHECK(creq == c.canonical_request);
    CHECK(expected_signature(creq) == c.signature);

    std::vector<auth::header_view> headers(c.headers.begin(), c.headers.end());
    const std::string authorization = "AWS4-HMAC-SHA256 Credential=" + std::string(vectors::access_key) + "/" +
                                      std::string(vectors::scope) + ", SignedHeaders=" + signed_list +
                                      ", Signature=" + std::string(c.signature);
    headers.push_back({"Authorization", authorization});
    const auth::request_view signed_request{c.method, c.path, c.query, headers, c.body};
    const auto v = auth::verify(signed_request, suite_lookup(token_in(request)), vectors::service, suite_time());
    CHECK((v.ok() ? std::string("ok") : v.error().code + ": " + v.error().message) == "ok");
}

}  // namespace

TEST_CASE("sigv4 suite: header-signed cases give AWS's canonical request and signature", "[sigv4]") {
    REQUIRE(vectors::header_cases().size() == 26);
    for (const auto& c : vectors::header_cases()) check_header_case(c);
}

TEST_CASE("sigv4 suite: normalize-path, unnormalized and signed-body cases", "[sigv4]") {
    REQUIRE(vectors::more_header_cases().size() == 17);
    for (const auto& c : vectors::more_header_cases()) check_header_case(c);
}

TEST_CASE("sigv4 suite: presigned cases omit X-Amz-Signature and verify until X-Amz-Expires", "[sigv4]") {
    REQUIRE(vectors::presigned_cases().size() == 13);
    for (const auto& c : vectors::presigned_cases()) {
        INFO("case " << c.name);
        const auth::request_view request{c.method, c.path, c.query, c.headers, c.body};
        const auto params = auth::parse_presigned_query(c.query);
        REQUIRE(params);
        CHECK(params->signature == c.signature);
        const std::string creq = auth::canonical_request(request, auth::split_signed_headers(params->signed_headers),
                                                         c.mode, "X-Amz-Signature");
        CHECK(creq == c.canonical_request);
        CHECK(expected_signature(creq) == c.signature);

        const auto lookup = suite_lookup(token_in(request));
        CHECK(auth::verify(request, lookup, vectors::service, suite_time() + std::chrono::seconds{3600}).ok());
        const auto late = auth::verify(request, lookup, vectors::service, suite_time() + std::chrono::seconds{3601});
        REQUIRE_FALSE(late.ok());
        CHECK(late.error().code == "InvalidSignatureException");
        CHECK(late.error().message ==
              "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z "
              "(20150830T133601Z - 3600 sec.)");
    }
}

TEST_CASE("sigv4 suite: a wrong signature on a suite request is refused", "[sigv4]") {
    const auto& c = vectors::header_cases().front();
    std::vector<auth::header_view> headers(c.headers.begin(), c.headers.end());
    const std::string authorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + std::string(vectors::scope) +
                                      ", SignedHeaders=host;x-amz-date, Signature=" + std::string(64, '0');
    headers.push_back({"Authorization", authorization});
    const auth::request_view request{c.method, c.path, c.query, headers, c.body};
    const auto v = auth::verify(request, suite_lookup(std::nullopt), vectors::service, suite_time());
    REQUIRE_FALSE(v.ok());
    CHECK(v.error().code == "InvalidSignatureException");
    CHECK(v.error().canonical_request == c.canonical_request);
}
