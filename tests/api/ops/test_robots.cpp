#include <catch2/catch.hpp>

#include "tests/api/api_fixture.hpp"

using rml::test::api_fixture;

TEST_CASE("CreateRobot echoes its input and DescribeRobot shows status and tags") {
    api_fixture f;
    auto d = f.ok("CreateRobot", R"({"name":"r1","architecture":"ARMHF","greengrassGroupId":"gg","tags":{"k":"v"}})");
    std::string arn = d["arn"].GetString();
    CHECK(arn == "arn:aws:robomaker:us-east-1:123456789012:robot/r1/" + std::to_string(rml::test::start_ms));
    CHECK(std::string(d["architecture"].GetString()) == "ARMHF");
    CHECK(std::string(d["greengrassGroupId"].GetString()) == "gg");
    CHECK(std::string(d["tags"]["k"].GetString()) == "v");

    auto r = f.ok("DescribeRobot", R"({"robot":")" + arn + R"("})");
    CHECK(std::string(r["status"].GetString()) == "Available");
    CHECK(std::string(r["greengrassGroupId"].GetString()) == "gg");
    CHECK_FALSE(r.HasMember("fleetArn"));
    CHECK_FALSE(r.HasMember("lastDeploymentJob"));
    CHECK(std::string(r["tags"]["k"].GetString()) == "v");
}

TEST_CASE("robot names are unique within an account and region only") {
    api_fixture f;
    f.create_robot("dup");
    CHECK(f.error_type("CreateRobot", R"({"name":"dup","architecture":"X86_64","greengrassGroupId":"g"})") ==
          "ResourceAlreadyExistsException");
    CHECK(f.error_type("CreateRobot", R"({"name":"dup","architecture":"X86_64","greengrassGroupId":"g"})",
                       {"123456789012", "eu-west-1"}) == "(success)");
}

TEST_CASE("the robot quota gives LimitExceededException") {
    rml::api::settings cfg;
    cfg.limits.robots = 1;
    api_fixture f(cfg);
    f.create_robot("a");
    CHECK(f.error_type("CreateRobot", R"({"name":"b","architecture":"X86_64","greengrassGroupId":"g"})") ==
          "LimitExceededException");
}

TEST_CASE("DeleteRobot removes the robot and its tags, also from its fleet") {
    api_fixture f;
    auto fleet = f.create_fleet("f");
    auto r = f.ok("CreateRobot", R"({"name":"r","architecture":"X86_64","greengrassGroupId":"g","tags":{"a":"b"}})");
    std::string arn = r["arn"].GetString();
    f.ok("RegisterRobot", R"({"fleet":")" + fleet + R"(","robot":")" + arn + R"("})");
    f.ok("DeleteRobot", R"({"robot":")" + arn + R"("})");
    CHECK(f.error_type("DescribeRobot", R"({"robot":")" + arn + R"("})") == "ResourceNotFoundException");
    CHECK(f.error_type("DeleteRobot", R"({"robot":")" + arn + R"("})") == "ResourceNotFoundException");
    CHECK(f.ok("DescribeFleet", R"({"fleet":")" + fleet + R"("})")["robots"].Size() == 0);
    CHECK(f.st.tags.get(arn).empty());
}

TEST_CASE("ListRobots filters by status and fleetName and pages") {
    api_fixture f;
    auto fleet = f.create_fleet("prod");
    for (int i = 0; i < 6; ++i) {
        auto r = f.create_robot("r" + std::to_string(i));
        if (i % 2 == 0) f.ok("RegisterRobot", R"({"fleet":")" + fleet + R"(","robot":")" + r + R"("})");
    }
    auto reg = f.ok("ListRobots", R"({"filters":[{"name":"status","values":["Registered"]}]})");
    CHECK(reg["robots"].Size() == 3);
    auto by_fleet = f.ok("ListRobots", R"({"filters":[{"name":"fleetName","values":["prod"]}]})");
    REQUIRE(by_fleet["robots"].Size() == 3);
    CHECK(std::string(by_fleet["robots"][0]["fleetArn"].GetString()) == fleet);
    for (const auto& r : by_fleet["robots"].GetArray()) CHECK_FALSE(r.HasMember("greenGrassGroupId"));
    // Newest first, and a robot created between the pages does not move the second page (SEMANTICS §4).
    auto page = f.ok("ListRobots", R"({"maxResults":4})");
    REQUIRE(page["robots"].Size() == 4);
    for (int i = 0; i < 4; ++i) CHECK(std::string(page["robots"][i]["name"].GetString()) == "r" + std::to_string(5 - i));
    std::string tok = page["nextToken"].GetString();
    f.create_robot("late");
    auto rest = f.ok("ListRobots", R"({"maxResults":4,"nextToken":")" + tok + R"("})");
    REQUIRE(rest["robots"].Size() == 2);
    CHECK(std::string(rest["robots"][0]["name"].GetString()) == "r1");
    CHECK(std::string(rest["robots"][1]["name"].GetString()) == "r0");
    CHECK_FALSE(rest.HasMember("nextToken"));
    CHECK(std::string(f.ok("ListRobots", R"({"maxResults":1})")["robots"][0]["name"].GetString()) == "late");
    CHECK(f.error_type("ListRobots", R"({"filters":[{"name":"name","values":["r1"]}]})") == "InvalidParameterException");
}

TEST_CASE("another account or region cannot see a robot by its ARN") {
    api_fixture f;
    auto arn = f.create_robot("mine");
    CHECK(f.error_type("DescribeRobot", R"({"robot":")" + arn + R"("})", {"222222222222", "us-east-1"}) ==
          "ResourceNotFoundException");
    CHECK(f.error_type("DeleteRobot", R"({"robot":")" + arn + R"("})", {"123456789012", "us-west-2"}) ==
          "ResourceNotFoundException");
}
