#include <catch2/catch.hpp>

#include "server/transport/router.hpp"

using namespace rml::server::transport;

TEST_CASE("every operation's method and path route to it") {
    for (const auto& op : rml::api::operations()) {
        std::string target(op.path);
        if (op.path == "/tags/") target += "arn%3Aaws%3Arobomaker%3Aus-east-1%3A123456789012%3Arobot%2Fr%2F1";
        auto r = match_route(op.method, target);
        REQUIRE(r.what == route::kind::operation);
        CHECK(r.op->name == op.name);
    }
    CHECK(rml::api::operations().size() == 24);
}

TEST_CASE("tag routes decode the ARN and the tagKeys query") {
    auto r = match_route("DELETE", "/tags/arn%3Aaws%3Arobomaker%3Aus-east-1%3A1%3Afleet%2Ff%2F1?tagKeys=a&tagKeys=b%20c");
    REQUIRE(r.what == route::kind::operation);
    CHECK(r.op->name == "UntagResource");
    CHECK(r.resource_arn == "arn:aws:robomaker:us-east-1:1:fleet/f/1");
    REQUIRE(r.query.size() == 2);
    CHECK(r.query[1].second == "b c");
}

TEST_CASE("wrong methods, unknown paths and the control prefix") {
    CHECK(match_route("GET", "/createFleet").what == route::kind::unknown);
    CHECK(match_route("POST", "/createFleets").what == route::kind::unknown);
    CHECK(match_route("POST", "/tags/").what == route::kind::unknown);
    CHECK(match_route("GET", "/_emulator/health").what == route::kind::control);
    CHECK(match_route("POST", "/createFleet?x=1").what == route::kind::operation);
}

TEST_CASE("percent decoding rejects broken escapes") {
    std::string out;
    CHECK(percent_decode("a%2Fb", out));
    CHECK(out == "a/b");
    CHECK_FALSE(percent_decode("a%2", out));
    CHECK_FALSE(percent_decode("a%zz", out));
}

TEST_CASE("percent decoding rejects a raw NUL as it rejects %00") {
    // fuzz_router: a target with raw NUL bytes decoded "successfully" into a string holding them.
    std::string out;
    CHECK_FALSE(percent_decode(std::string_view("a\0b", 3), out));
    CHECK_FALSE(percent_decode("a%00b", out));
    auto r = match_route("GET", std::string_view("/tags/arn\0x", 11));
    CHECK(r.uri_error);
    CHECK(r.resource_arn.empty());
}
