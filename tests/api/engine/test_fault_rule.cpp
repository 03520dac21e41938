// The fault rule format (docs/faults.md): validation messages, globs and the seeded draw.
#include <catch2/catch.hpp>

#include <string>

#include "api/engine/fault_rule.hpp"
#include "api/engine/faults.hpp"

using namespace rml::api::engine;

namespace {

// validate_rules' message for a one-rule array, or "" when the rule is valid.
std::string problem(const std::string& rule) { return validate_rules("[" + rule + "]").value_or(""); }

bool mentions(const std::string& rule, const std::string& text) {
    auto p = problem(rule);
    INFO(rule << " -> " << p);
    return p.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("valid rules of both kinds pass") {
    CHECK(problem(R"({"code":"PreLaunchFileFailure"})").empty());
    CHECK(problem(R"({"code":"PreLaunchFileFailure","step":"Launching","probability":0.5,"skip":1,"times":2,
        "description":"x","match":{"fleet":"f*","robot":"r?","application":"app","launchFile":"*.launch",
        "environmentVariable":"MODE=sim*"}})").empty());
    CHECK(problem(R"({"operation":"Describe*","error":"ThrottlingException"})").empty());
    CHECK(problem(R"({"operation":"ListFleets","latencyMs":250,"account":"111122223333","probability":1})").empty());
    CHECK(problem(R"({"operation":"*","error":"ServiceUnavailableException","latencyMs":0,"times":0})").empty());
    CHECK(validate_rules("[]") == std::nullopt);
}

TEST_CASE("bad rules are named by index and member") {
    CHECK(validate_rules(R"({"code":"LambdaDeleted"})") == "faults must be a JSON array of rules");
    CHECK(validate_rules("[not json") == "faults: Invalid JSON body: invalid value at byte 2.");
    CHECK(validate_rules(std::string(100000, '[')) ==
          "faults: Invalid JSON body: arrays and objects nested deeper than 64 levels at byte 64.");
    auto second = validate_rules(R"([{"code":"LambdaDeleted"},{"code":"Nope"}])");
    REQUIRE(second);
    CHECK(second->rfind("faults[1]: member 'code'", 0) == 0);

    CHECK(mentions("42", "must be a JSON object"));
    CHECK(mentions("{}", "needs 'code'"));
    CHECK(mentions(R"({"code":"LambdaDeleted","operation":"ListFleets"})", "not both"));
    CHECK(mentions(R"({"code":"LambdaDeleted","probabilty":0.5})", "unknown member 'probabilty'"));
    CHECK(mentions(R"({"code":"LambdaDeleted","match":{"robots":"a"}})", "unknown member 'match.robots'"));
    CHECK(mentions(R"({"code":"LambdaDeleted","match":{"robot":""}})", "'match.robot' must be a non-empty string"));
    CHECK(mentions(R"({"code":"LambdaDeleted","match":[]})", "'match' must be an object"));
    CHECK(mentions(R"({"code":"LambdaDeleted","match":{"environmentVariable":"=x"}})", "NAME=GLOB"));
    CHECK(mentions(R"({"code":"LambdaDeleted","match":{"environmentVariable":"MODE"}})", "NAME=GLOB"));
    CHECK(mentions(R"({"code":"LambdaDeleted","step":"Sleeping"})", "member 'step'"));
    CHECK(mentions(R"({"code":"LambdaDeleted","step":"Finished"})", "Validating .. ExecutingPostLaunch"));
    CHECK(mentions(R"({"code":"EtagMismatch","step":"Launching"})", "fails the whole job"));
    CHECK(mentions(R"({"code":"LambdaDeleted","probability":1.5})", "'probability' must be a number from 0 to 1"));
    CHECK(mentions(R"({"code":"LambdaDeleted","probability":"1"})", "'probability'"));
    CHECK(mentions(R"({"code":"LambdaDeleted","skip":-1})", "'skip' must be an integer >= 0"));
    CHECK(mentions(R"({"code":"LambdaDeleted","times":1.5})", "'times' must be an integer >= 0"));
    CHECK(mentions(R"({"code":"LambdaDeleted","description":3})", "'description' must be a string"));
    CHECK(mentions(R"({"code":"LambdaDeleted","error":"ThrottlingException"})", "'error' belongs to API rules"));
    CHECK(mentions(R"({"operation":"ListFleets","code2":1,"error":"ThrottlingException"})", "unknown member 'code2'"));
    CHECK(mentions(R"({"operation":"ListFleets","match":{},"error":"ThrottlingException"})",
                   "'match' belongs to deployment rules"));
    CHECK(mentions(R"({"operation":"ListFleets"})", "needs 'error' or 'latencyMs'"));
    CHECK(mentions(R"({"operation":"ListFleet","error":"ThrottlingException"})", "matches an operation name"));
    CHECK(mentions(R"({"operation":"ListFleets","error":"Throttled"})", "'error' must be ThrottlingException"));
    CHECK(mentions(R"({"operation":"ListFleets","latencyMs":60001})", "from 0 to 60000"));
    CHECK(mentions(R"({"operation":"ListFleets","latencyMs":1,"account":"12"})", "12-digit account"));
}

TEST_CASE("injected errors carry their HTTP status and name the rule") {
    rapidjson::Document doc;
    auto status_of = [&](const char* error) {
        doc.Parse((std::string(R"({"operation":"ListFleets","error":")") + error + "\"}").c_str());
        auto r = parse_fault_rule(doc);
        REQUIRE(r);
        REQUIRE(r.value().error);
        auto err = injected_error(*r.value().error, 7);
        CHECK(err.type == error);
        CHECK(err.message.find("fault rule 7") != std::string::npos);
        return err.http_status;
    };
    CHECK(status_of("ThrottlingException") == 400);
    CHECK(status_of("InternalServerException") == 500);
    CHECK(status_of("ServiceUnavailableException") == 503);
}

TEST_CASE("globs know * and ? only") {
    CHECK(glob_match("Describe*", "DescribeFleet"));
    CHECK(glob_match("*", ""));
    CHECK(glob_match("*Fleet", "DescribeFleet"));
    CHECK_FALSE(glob_match("*Fleet", "DescribeFleets"));
    CHECK(glob_match("robot-?", "robot-7"));
    CHECK_FALSE(glob_match("robot-?", "robot-17"));
    CHECK(glob_match("a*b*c", "a-b-b-c"));
    CHECK_FALSE(glob_match("a*b*c", "a-b-b-d"));
    CHECK(glob_match("exact", "exact"));
    CHECK_FALSE(glob_match("exact", "Exact"));
    CHECK_FALSE(glob_match("[ab]", "a"));
    CHECK(glob_match("[ab]", "[ab]"));
    CHECK(glob_match("**x", "yyx"));
}

TEST_CASE("the seeded draw is pure, uniform-ish and seed dependent") {
    CHECK(fault_draw(1, 2, 3) == fault_draw(1, 2, 3));
    CHECK(fault_draw(1, 2, 3) != fault_draw(2, 2, 3));
    CHECK(fault_draw(1, 2, 3) != fault_draw(1, 3, 3));
    int below_half = 0;
    for (int i = 1; i <= 1000; ++i) {
        double d = fault_draw(42, 1, i);
        REQUIRE(d >= 0.0);
        REQUIRE(d < 1.0);
        if (d < 0.5) ++below_half;
    }
    CHECK(below_half > 430);
    CHECK(below_half < 570);
}
