#include <catch2/catch.hpp>

#include "tests/api/api_fixture.hpp"

using rml::test::api_fixture;

namespace {

rml::api::result<std::string> tag_call(api_fixture& f, const std::string& op, const std::string& arn,
                                       const std::string& body = "{}", std::vector<std::string> keys = {},
                                       const rml::store::scope& s = {"123456789012", "us-east-1"}) {
    rml::api::api_request req;
    req.operation = op;
    req.scope = s;
    req.body = body;
    req.resource_arn = arn;
    req.tag_keys = std::move(keys);
    return f.service.handle(req);
}

}  // namespace

TEST_CASE("tags round-trip on fleets, robots and applications") {
    api_fixture f;
    std::vector<std::string> arns = {f.create_fleet("f"), f.create_robot("r")};
    arns.push_back(f.ok("CreateRobotApplication", R"({"name":"a","environment":{"uri":"img"},)"
                                                  R"("robotSoftwareSuite":{"name":"General"}})")["arn"]
                       .GetString());
    for (const auto& arn : arns) {
        REQUIRE(tag_call(f, "TagResource", arn, R"({"tags":{"k1":"v1","k2":"v2"}})"));
        REQUIRE(tag_call(f, "UntagResource", arn, "", {"k1", "absent"}));
        auto listed = tag_call(f, "ListTagsForResource", arn);
        REQUIRE(listed);
        CHECK(listed.value() == R"({"tags":{"k2":"v2"}})");
    }
}

TEST_CASE("tag errors: unknown or foreign resources, reserved keys, the per-resource quota") {
    rml::api::settings cfg;
    cfg.limits.tags_per_resource = 2;
    api_fixture f(cfg);
    auto fleet = f.create_fleet("f");
    auto type = [](const rml::api::result<std::string>& r) { return r ? std::string("(success)") : r.error().type; };
    CHECK(type(tag_call(f, "ListTagsForResource", fleet + "0")) == "ResourceNotFoundException");
    CHECK(type(tag_call(f, "ListTagsForResource", fleet, "{}", {}, {"222222222222", "us-east-1"})) ==
          "ResourceNotFoundException");
    CHECK(type(tag_call(f, "ListTagsForResource", "not-an-arn")) == "InvalidParameterException");
    CHECK(type(tag_call(f, "TagResource", fleet, R"({"tags":{"aws:x":"1"}})")) == "InvalidParameterException");
    CHECK(type(tag_call(f, "TagResource", fleet, R"({"tags":{"a":"1","b":"2"}})")) == "(success)");
    CHECK(type(tag_call(f, "TagResource", fleet, R"({"tags":{"a":"3"}})")) == "(success)");  // overwrite
    CHECK(type(tag_call(f, "TagResource", fleet, R"({"tags":{"c":"1"}})")) == "LimitExceededException");
    CHECK(type(tag_call(f, "TagResource", fleet, "{}")) == "InvalidParameterException");       // tags required
    CHECK(type(tag_call(f, "UntagResource", fleet, "")) == "InvalidParameterException");      // tagKeys required
}
