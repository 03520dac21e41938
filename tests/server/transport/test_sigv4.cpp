#include <catch2/catch.hpp>

#include "server/transport/sigv4.hpp"

using namespace rml::server::transport;

TEST_CASE("account and region from the credential scope") {
    rml::api::settings d;
    auto s = scope_from_authorization(
        "AWS4-HMAC-SHA256 Credential=111122223333/20261123/eu-central-1/robomaker/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=abcd",
        d);
    CHECK(s.account == "111122223333");
    CHECK(s.region == "eu-central-1");
}

TEST_CASE("a non-numeric key maps to the default account; no header to the defaults") {
    rml::api::settings d;
    d.default_account = "999988887777";
    auto s = scope_from_authorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-west-2/robomaker/aws4_request,"
                                      " SignedHeaders=host, Signature=x",
                                      d);
    CHECK(s.account == "999988887777");
    CHECK(s.region == "us-west-2");
    auto none = scope_from_authorization("", d);
    CHECK(none.account == "999988887777");
    CHECK(none.region == "us-east-1");
    auto garbage = scope_from_authorization("Credential=", d);
    CHECK(garbage.region == "us-east-1");
}

TEST_CASE("a region with characters no region has falls back to the default") {
    rml::api::settings d;
    auto s = scope_from_authorization("AWS4-HMAC-SHA256 Credential=AKID/20261123/us_east:1/robomaker/aws4_request", d);
    CHECK(s.region == "us-east-1");
}
