// SEMANTICS §9 through the service's one entry point: which operations each phase refuses, with
// which error, and that robot applications and cleanup keep working.
#include <catch2/catch.hpp>

#include "api/service_phase.hpp"
#include "tests/api/deploy_fixture.hpp"

using rml::api::service_phase;
using rml::test::api_fixture;

namespace {

const std::string app_body =
    R"({"name":"nav","sources":[{"s3Bucket":"bkt","s3Key":"nav.tar","architecture":"X86_64"}],)"
    R"("robotSoftwareSuite":{"name":"ROS","version":"Melodic"}})";

std::string fleet_robot(const std::string& fleet, const std::string& robot) {
    return R"({"fleet":")" + fleet + R"(","robot":")" + robot + R"("})";
}

}  // namespace

TEST_CASE("phase names parse and print; anything else is refused") {
    CHECK(rml::api::parse_service_phase("active") == service_phase::active);
    CHECK(rml::api::parse_service_phase("deprecated") == service_phase::deprecated);
    CHECK(rml::api::parse_service_phase("ended") == service_phase::ended);
    CHECK_FALSE(rml::api::parse_service_phase("Ended").has_value());
    CHECK_FALSE(rml::api::parse_service_phase("").has_value());
    CHECK(rml::api::to_string(service_phase::deprecated) == "deprecated");
}

TEST_CASE("the control body: {\"phase\": ...} only, with clear messages") {
    CHECK(rml::api::parse_phase_body(R"({"phase":"ended"})").value() == service_phase::ended);
    CHECK(rml::api::parse_phase_body(R"({"phase":"over"})").error().message ==
          "'phase' must be one of active, deprecated, ended; got 'over'.");
    CHECK(rml::api::parse_phase_body(R"({"phase":3})").error().message ==
          "'phase' must be a string: one of active, deprecated, ended.");
    CHECK(rml::api::parse_phase_body("{}").error().message ==
          "The body needs \"phase\": one of active, deprecated, ended.");
    CHECK(rml::api::parse_phase_body("[1]").error().type == "InvalidParameterException");
    CHECK(rml::api::parse_phase_body(R"({"phase":"ended"} x)").error().type == "InvalidParameterException");
    CHECK(rml::api::phase_json(service_phase::ended) == R"({"phase":"ended"})");
}

TEST_CASE("deprecated: create, register and deploy fail; reads and cleanup work") {
    api_fixture f;
    auto fleet = f.create_fleet("f");
    auto robot = f.create_robot("r");
    std::string app = f.ok("CreateRobotApplication", app_body)["arn"].GetString();
    f.st.phase = service_phase::deprecated;
    for (const auto& [op, body] : std::vector<std::pair<std::string, std::string>>{
             {"CreateFleet", R"({"name":"g"})"},
             {"CreateRobot", R"({"name":"s","architecture":"X86_64","greengrassGroupId":"g"})"},
             {"RegisterRobot", fleet_robot(fleet, robot)},
             {"SyncDeploymentJob", R"({"fleet":")" + fleet + R"(","clientRequestToken":"t1"})"},
             {"CreateDeploymentJob", R"({"fleet":")" + fleet + R"(","clientRequestToken":"t2",)"
                                     R"("deploymentApplicationConfigs":[{"application":")" + app +
                                         R"(","applicationVersion":"1","launchConfig":{"packageName":"p","launchFile":"l"}}]})"}}) {
        auto r = f.call(op, body);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().type == "InvalidParameterException");
        CHECK(r.error().http_status == 400);
        CHECK(r.error().message.rfind(op + " is no longer supported and throws an error if used", 0) == 0);
    }
    CHECK(f.ok("DescribeFleet", R"({"fleet":")" + fleet + R"("})")["robots"].Size() == 0);
    CHECK(f.ok("ListRobots", "{}")["robots"].Size() == 1);
    CHECK(f.ok("ListDeploymentJobs", "{}")["deploymentJobs"].Size() == 0);
    CHECK(f.error_type("CreateRobotApplicationVersion", R"({"application":"nav"})") == "(success)");
    CHECK(rml::test::tag_call(f, "TagResource", robot, R"({"tags":{"a":"b"}})").ok());
    f.ok("DeleteRobot", R"({"robot":")" + robot + R"("})");
    f.ok("DeleteFleet", R"({"fleet":")" + fleet + R"("})");
    CHECK(f.ok("ListFleets", "{}")["fleetDetails"].Size() == 0);
}

TEST_CASE("ended: every fleet, robot and job operation answers AWS's ThrottlingException; applications work") {
    api_fixture f;
    auto fleet = f.create_fleet("f");
    auto robot = f.create_robot("r");
    std::string app = f.ok("CreateRobotApplication", app_body)["arn"].GetString();
    f.st.phase = service_phase::ended;
    const std::string message =
        "AWS RoboMaker is Unable to process this request as the support for the AWS RoboMaker application deployment "
        "feature has ended. Please see https://docs.aws.amazon.com/robomaker/latest/dg/fleets.html for additional "
        "information.";
    for (const char* op : {"CreateFleet", "DeleteFleet", "DescribeFleet", "ListFleets", "RegisterRobot",
                           "DeregisterRobot", "CreateRobot", "DeleteRobot", "DescribeRobot", "ListRobots",
                           "CreateDeploymentJob", "DescribeDeploymentJob", "ListDeploymentJobs",
                           "CancelDeploymentJob", "SyncDeploymentJob"}) {
        auto r = f.call(op, "{}");  // refused before the body is even validated
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().type == "ThrottlingException");
        CHECK(r.error().http_status == 400);
        CHECK(r.error().message == message);
    }
    for (const auto& arn : {fleet, robot, std::string("arn:aws:robomaker:us-east-1:123456789012:deployment-job/deployment-abc")}) {
        auto r = rml::test::tag_call(f, "ListTagsForResource", arn);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().type == "ThrottlingException");
    }
    CHECK(rml::test::tag_call(f, "TagResource", app, R"({"tags":{"a":"b"}})").ok());
    CHECK(rml::test::tag_call(f, "ListTagsForResource", app).ok());
    CHECK(f.error_type("CreateRobotApplicationVersion", R"({"application":"nav"})") == "(success)");
    CHECK(f.ok("ListRobotApplications", "{}")["robotApplicationSummaries"].Size() == 1);

    // Back to active: everything was kept.
    f.st.phase = service_phase::active;
    CHECK(f.ok("ListRobots", "{}")["robots"].Size() == 1);
    CHECK(f.ok("ListFleets", "{}")["fleetDetails"].Size() == 1);
}
