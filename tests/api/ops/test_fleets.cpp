#include <catch2/catch.hpp>

#include <regex>

#include "tests/api/api_fixture.hpp"

using rml::test::api_fixture;

TEST_CASE("CreateFleet returns an ARN whose milliseconds, rounded down to seconds, are createdAt") {
    api_fixture f;
    auto d = f.ok("CreateFleet", R"({"name":"demo","tags":{"team":"a"}})");
    std::string arn = d["arn"].GetString();
    CHECK(arn == "arn:aws:robomaker:us-east-1:123456789012:deployment-fleet/demo/" + std::to_string(rml::test::start_ms));
    // 1732345678123 ms -> 1732345678 s: whole seconds, rounded down (SEMANTICS §2).
    CHECK(d["createdAt"].GetDouble() == 1732345678.0);
    CHECK(rml::test::start_ms == 1732345678123);
    CHECK(std::string(d["tags"]["team"].GetString()) == "a");
}

TEST_CASE("fleet names may repeat, and ARNs stay unique even within one millisecond") {
    api_fixture f;
    auto a = f.create_fleet("same");
    auto b = f.create_fleet("same");
    CHECK(a != b);
    auto db = f.ok("DescribeFleet", R"({"fleet":")" + b + R"("})");
    CHECK(std::string(db["arn"].GetString()) == b);
    CHECK(b == "arn:aws:robomaker:us-east-1:123456789012:deployment-fleet/same/" + std::to_string(rml::test::start_ms + 1));
    CHECK(db["createdAt"].GetDouble() == 1732345678.0);
}

TEST_CASE("the fleet quota gives LimitExceededException") {
    rml::api::settings cfg;
    cfg.limits.fleets = 2;
    api_fixture f(cfg);
    f.create_fleet("a");
    f.create_fleet("b");
    CHECK(f.error_type("CreateFleet", R"({"name":"c"})") == "LimitExceededException");
    // Another account has its own quota.
    CHECK(f.error_type("CreateFleet", R"({"name":"c"})", {"222222222222", "us-east-1"}) == "(success)");
}

TEST_CASE("reserved aws: tag keys are refused") {
    api_fixture f;
    CHECK(f.error_type("CreateFleet", R"({"name":"a","tags":{"aws:x":"1"}})") == "InvalidParameterException");
}

TEST_CASE("DescribeFleet lists its robots newest first with arn and createdAt only, and DeleteFleet frees them") {
    api_fixture f;
    auto fleet = f.create_fleet("f");
    auto r1 = f.create_robot("r1");
    auto r2 = f.create_robot("r2");
    auto r3 = f.create_robot("r3");
    // Registration order r1, r3, r2; DescribeFleet lists by creation, newest first (SEMANTICS §4).
    f.ok("RegisterRobot", R"({"fleet":")" + fleet + R"(","robot":")" + r1 + R"("})");
    f.ok("RegisterRobot", R"({"fleet":")" + fleet + R"(","robot":")" + r3 + R"("})");
    f.ok("RegisterRobot", R"({"fleet":")" + fleet + R"(","robot":")" + r2 + R"("})");
    auto d = f.ok("DescribeFleet", R"({"fleet":")" + fleet + R"("})");
    REQUIRE(d["robots"].Size() == 3);
    CHECK(std::string(d["robots"][0]["arn"].GetString()) == r3);
    CHECK(std::string(d["robots"][1]["arn"].GetString()) == r2);
    CHECK(std::string(d["robots"][2]["arn"].GetString()) == r1);
    for (const auto& r : d["robots"].GetArray()) {
        REQUIRE(r.MemberCount() == 2);
        CHECK(r.HasMember("arn"));
        CHECK(r["createdAt"].GetDouble() == 1732345678.0);
    }
    CHECK(d["tags"].IsObject());

    f.ok("DeleteFleet", R"({"fleet":")" + fleet + R"("})");
    auto r = f.ok("DescribeRobot", R"({"robot":")" + r1 + R"("})");
    CHECK(std::string(r["status"].GetString()) == "Available");
    CHECK_FALSE(r.HasMember("fleetArn"));
    CHECK(f.error_type("DescribeFleet", R"({"fleet":")" + fleet + R"("})") == "ResourceNotFoundException");
    CHECK(f.error_type("DeleteFleet", R"({"fleet":")" + fleet + R"("})") == "ResourceNotFoundException");
}

TEST_CASE("registration rules: one fleet per robot, same fleet twice is a no-op") {
    api_fixture f;
    auto a = f.create_fleet("a"), b = f.create_fleet("b");
    auto r = f.create_robot("r");
    auto reg = [&](const std::string& fleet) { return R"({"fleet":")" + fleet + R"(","robot":")" + r + R"("})"; };
    auto out = f.ok("RegisterRobot", reg(a));
    CHECK(std::string(out["fleet"].GetString()) == a);
    CHECK(std::string(out["robot"].GetString()) == r);
    CHECK(f.error_type("RegisterRobot", reg(a)) == "(success)");
    CHECK(f.error_type("RegisterRobot", reg(b)) == "InvalidParameterException");
    CHECK(f.error_type("DeregisterRobot", reg(b)) == "InvalidParameterException");
    CHECK(f.error_type("RegisterRobot", R"({"fleet":"arn:nope","robot":")" + r + R"("})") == "ResourceNotFoundException");
    CHECK(f.error_type("RegisterRobot", R"({"fleet":")" + a + R"(","robot":"arn:nope"})") == "ResourceNotFoundException");
    f.ok("DeregisterRobot", reg(a));
    CHECK(std::string(f.ok("DescribeRobot", R"({"robot":")" + r + R"("})")["status"].GetString()) == "Available");
    f.ok("RegisterRobot", reg(b));
}

TEST_CASE("robots per fleet quota") {
    rml::api::settings cfg;
    cfg.limits.robots_per_fleet = 1;
    api_fixture f(cfg);
    auto fleet = f.create_fleet("f");
    auto r1 = f.create_robot("r1"), r2 = f.create_robot("r2");
    f.ok("RegisterRobot", R"({"fleet":")" + fleet + R"(","robot":")" + r1 + R"("})");
    CHECK(f.error_type("RegisterRobot", R"({"fleet":")" + fleet + R"(","robot":")" + r2 + R"("})") ==
          "LimitExceededException");
}

TEST_CASE("ListFleets pages with opaque tokens and filters by name") {
    api_fixture f;
    for (int i = 0; i < 5; ++i) f.create_fleet(i == 3 ? "special" : "f" + std::to_string(i));
    auto p1 = f.ok("ListFleets", R"({"maxResults":2})");
    REQUIRE(p1["fleetDetails"].Size() == 2);
    std::string token = p1["nextToken"].GetString();
    auto p2 = f.ok("ListFleets", R"({"maxResults":2,"nextToken":")" + token + R"("})");
    CHECK(std::string(p2["fleetDetails"][0]["name"].GetString()) == "f2");
    auto all = f.ok("ListFleets", "{}");
    CHECK(all["fleetDetails"].Size() == 5);
    CHECK_FALSE(all.HasMember("nextToken"));

    auto special = f.ok("ListFleets", R"({"filters":[{"name":"name","values":["special"]}]})");
    REQUIRE(special["fleetDetails"].Size() == 1);
    CHECK(f.error_type("ListFleets", R"({"filters":[{"name":"status","values":["x"]}]})") == "InvalidParameterException");
    CHECK(f.error_type("ListFleets", R"({"maxResults":0})") == "InvalidParameterException");
    CHECK(f.error_type("ListFleets", R"({"maxResults":201})") == "InvalidParameterException");
    CHECK(f.error_type("ListRobots", R"({"nextToken":")" + token + R"("})") == "InvalidParameterException");
}

TEST_CASE("the body must be a JSON object") {
    api_fixture f;
    CHECK(f.error_type("ListFleets", "{") == "InvalidParameterException");
    CHECK(f.error_type("ListFleets", "[1]") == "InvalidParameterException");
    CHECK(f.error_type("ListFleets", "") == "(success)");
    CHECK(f.error_type("CreateDeploymentJob", "{}") == "InvalidParameterException");
    CHECK(f.error_type("NoSuchThing", "{}") == "UnknownOperationException");
}
