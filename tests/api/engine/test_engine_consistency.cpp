// Engine rules found worth a small deterministic case while writing the randomized scenarios of
// test_engine_random.cpp (both were engine bugs, since fixed). A case that shows a new engine bug
// goes here tagged [!shouldfail] until the engine is fixed.
#include <catch2/catch.hpp>

#include "tests/api/deploy_fixture.hpp"

using namespace rml::test;

namespace {

std::string make_app(api_fixture& f) {
    std::string app = f.ok("CreateRobotApplication", R"({"name":"nav","sources":[{"s3Bucket":"rml-bucket",)"
                                                     R"("s3Key":"nav.tar","architecture":"X86_64"}],)"
                                                     R"("robotSoftwareSuite":{"name":"ROS","version":"Melodic"}})")["arn"]
                          .GetString();
    f.ok("CreateRobotApplicationVersion", R"({"application":)" + quoted(app) + "}");
    return app;
}

// A fleet of `n` X86_64 robots r0, r1, ...; returns (fleet, robots).
std::pair<std::string, std::vector<std::string>> make_fleet(api_fixture& f, int n) {
    auto fleet = f.create_fleet("yard");
    std::vector<std::string> robots;
    for (int i = 0; i < n; ++i) {
        robots.push_back(f.ok("CreateRobot", robot_body("r" + std::to_string(i), "X86_64"))["arn"].GetString());
        f.ok("RegisterRobot", R"({"fleet":)" + quoted(fleet) + R"(,"robot":)" + quoted(robots.back()) + "}");
    }
    return {fleet, robots};
}

std::string create_job(api_fixture& f, const std::string& fleet, const std::string& app, const std::string& config) {
    return f.ok("CreateDeploymentJob", R"({"fleet":)" + quoted(fleet) + R"(,"clientRequestToken":"t",)" + config +
                                           R"("deploymentApplicationConfigs":[{"application":)" + quoted(app) +
                                           R"(,"applicationVersion":"1","launchConfig":{"packageName":"nav",)"
                                           R"("launchFile":"nav.launch"}}]})")["arn"]
        .GetString();
}

}  // namespace

// SEMANTICS §8 and docs/engine.md: "two runs with the same seed and clock give the same
// timeline" (the jitter is keyed by the job's row number since 8945383, not its random ARN).
TEST_CASE("two runs with the same seed and clock give the same timeline", "[engine]") {
    auto run = [] {
        rml::api::settings cfg;
        cfg.seed = 42;
        api_fixture f(cfg);
        auto [fleet, robots] = make_fleet(f, 3);
        auto job = create_job(f, fleet, make_app(f), "");
        advance_clock(f, 60'000);
        std::vector<std::string> out;  // every robot transition with its simulated time
        for (const auto& e : job_timeline(f, job).events) {
            if (e.robot) out.push_back(std::to_string(e.time_ms) + " " + e.arn + " " + e.new_status + " " + e.step.value_or(""));
        }
        return out;
    };
    auto first = run();
    auto second = run();
    REQUIRE(first.size() == second.size());
    CHECK(first == second);
}

// docs/behaviour.md, "Robots leaving mid-job": a robot deregistered while its job runs stays in
// the summary and finishes there; "its own status is no longer changed by that job", even once it
// is back in the same fleet (found by the randomized scenarios; fixed in 070f52e).
TEST_CASE("a robot that left mid-job and came back to the fleet is not changed by that job", "[engine]") {
    api_fixture f;
    auto [fleet, robots] = make_fleet(f, 2);
    auto job = create_job(f, fleet, make_app(f), R"("deploymentConfig":{"concurrentDeploymentPercentage":50},)");
    advance_clock(f, 1000);  // InProgress: r0 deploying, r1 queued (a window of 1)
    auto d = f.ok("DescribeDeploymentJob", R"({"job":)" + quoted(job) + "}");
    REQUIRE(std::string(d["robotDeploymentSummary"][1]["status"].GetString()) == "PendingNewDeployment");
    auto membership = R"({"fleet":)" + quoted(fleet) + R"(,"robot":)" + quoted(robots[1]) + "}";
    f.ok("DeregisterRobot", membership);
    f.ok("RegisterRobot", membership);
    CHECK(std::string(f.ok("DescribeRobot", R"({"robot":)" + quoted(robots[1]) + "}")["status"].GetString()) == "Registered");

    advance_clock(f, 60'000);  // the job ends; r1 finished in its summary
    d = f.ok("DescribeDeploymentJob", R"({"job":)" + quoted(job) + "}");
    REQUIRE(std::string(d["status"].GetString()) == "Succeeded");
    auto robot = f.ok("DescribeRobot", R"({"robot":)" + quoted(robots[1]) + "}");
    CHECK(std::string(robot["status"].GetString()) == "Registered");
    CHECK_FALSE(robot.HasMember("lastDeploymentJob"));
}
