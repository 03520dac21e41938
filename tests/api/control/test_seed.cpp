#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include "api/control/seed.hpp"
#include "tests/api/api_fixture.hpp"

using rml::test::api_fixture;
namespace ctl = rml::api::control;

namespace {

std::string message_of(api_fixture& f, const std::string& doc) {
    auto r = ctl::init_from_body(f.st, doc);
    REQUIRE_FALSE(r);
    CHECK(r.error().type == "InvalidParameterException");
    return r.error().message;
}

}  // namespace

TEST_CASE("a seed document creates its items through the operations") {
    api_fixture f;
    auto r = ctl::init_from_body(f.st, R"({"defaults":{"architecture":"ARM64","greengrassGroupId":"g"},
        "scopes":[{"fleets":[{"name":"f","robots":[{"name":"r1"},{"name":"r2","architecture":"X86_64"}]}],
                   "robots":[{"name":"loose"}],
                   "robotApplications":[{"name":"a","robotSoftwareSuite":{"name":"ROS2","version":"Foxy"},
                       "sources":[{"s3Bucket":"bkt","s3Key":"k","architecture":"ARM64"}],"versions":2}]},
                  {"account":"111111111111","fleets":[{"name":"other"}]}]})");
    REQUIRE(r);
    CHECK(r.value() == R"({"created":{"fleets":2,"robots":3,"robotApplications":1,"robotApplicationVersions":2}})");
    auto robots = f.ok("ListRobots", "{}");
    REQUIRE(robots["robots"].Size() == 3);
    for (const auto& robot : robots["robots"].GetArray()) {
        std::string name = robot["name"].GetString();
        CHECK(robot.HasMember("fleetArn") == (name != "loose"));
        CHECK(std::string(robot["architecture"].GetString()) == (name == "r2" ? "X86_64" : "ARM64"));
    }
    CHECK(f.ok("ListFleets", "{}", {"111111111111", "us-east-1"})["fleetDetails"].Size() == 1);
}

TEST_CASE("seed errors name the item by JSON pointer and apply nothing") {
    api_fixture f;
    CHECK_THAT(message_of(f, R"({"scopes":[{"fleets":[{"name":"a"},{"name":"b"},{"name":"c d"}]}]})"),
               Catch::StartsWith("Seed document, at /scopes/0/fleets/2/name: CreateFleet failed: "));
    CHECK(f.ok("ListFleets", "{}")["fleetDetails"].Size() == 0);
    CHECK_THAT(message_of(f, R"({"scopes":[{"robotApplications":[{"name":"a","sources":[{"s3Bucket":"bkt","s3Key":"k"}],
                                  "robotSoftwareSuite":{"name":"Nope"}}]}]})"),
               Catch::StartsWith("Seed document, at /scopes/0/robotApplications/0/robotSoftwareSuite/name:"));
    CHECK_THAT(message_of(f, R"({"scopes":[{"fleets":[{"name":"a","x/~":1}]}]})"),
               Catch::StartsWith("Seed document, at /scopes/0/fleets/0/x~1~0: unknown member"));
    CHECK_THAT(message_of(f, R"({"defaults":{"region":"mars"}})"), Catch::StartsWith("Seed document, at /defaults/region:"));
    CHECK_THAT(message_of(f, R"({"scopes":[{"fleets":[{"name":"a","robots":[7]}]}]})"),
               Catch::StartsWith("Seed document, at /scopes/0/fleets/0/robots/0: must be a JSON object"));
    CHECK_THAT(message_of(f, "[1]"), Catch::StartsWith("Seed document, at the top: "));
    CHECK_THAT(message_of(f, "{\"scopes\":"), Catch::StartsWith("Seed document, at the top: Invalid JSON body"));
    CHECK(f.ok("ListFleets", "{}")["fleetDetails"].Size() == 0);
}

TEST_CASE("at start-up a seed document is applied only to a database without resources") {
    api_fixture f;
    const char* doc = R"({"scopes":[{"fleets":[{"name":"f"}]}]})";
    auto first = ctl::init_at_startup(f.st, doc);
    REQUIRE(first);
    CHECK(first.value());
    auto second = ctl::init_at_startup(f.st, doc);
    REQUIRE(second);
    CHECK_FALSE(second.value());
    CHECK(f.ok("ListFleets", "{}")["fleetDetails"].Size() == 1);
    CHECK_FALSE(ctl::init_at_startup(f.st, R"({"scopes":3})"));  // a broken document is an error even then
}
