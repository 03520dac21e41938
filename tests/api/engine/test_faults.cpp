// fault_rules (SEMANTICS §7, docs/faults.md): counting, firing, matching, persistence, sources.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "api/engine/faults.hpp"
#include "store/database.hpp"

using namespace rml;
using namespace rml::api::engine;

namespace {

const store::scope home{"123456789012", "us-east-1"};

std::int64_t add(fault_rules& rules, const std::string& rule) {
    auto r = rules.add(rule);
    INFO(rule);
    REQUIRE(r);
    rapidjson::Document doc;
    doc.Parse(r.value().c_str());
    return doc["id"].GetInt64();
}

// "E" for an injected error, "." for none, per call of `operation`.
std::string pattern(fault_rules& rules, const std::string& operation, int calls,
                    const store::scope& s = home) {
    std::string out;
    for (int i = 0; i < calls; ++i) out += rules.for_operation(operation, s).error ? 'E' : '.';
    return out;
}

rapidjson::Document listing(fault_rules& rules) {
    rapidjson::Document doc;
    doc.Parse(rules.list_json().c_str());
    return doc;
}

struct robot {
    std::string fleet = "fleet-a", name = "robot-1", application = "nav", launch_file = "main.launch";
    std::map<std::string, std::string> env = {{"MODE", "simulation"}};
    robot_context context() const { return {fleet, name, application, launch_file, env}; }
};

}  // namespace

TEST_CASE("skip and times: the 3rd call fails, then never again") {
    store::database db(":memory:");
    fault_rules rules(db, 0);
    add(rules, R"({"operation":"DescribeDeploymentJob","error":"ThrottlingException","skip":2,"times":1})");
    CHECK(pattern(rules, "DescribeDeploymentJob", 6) == "..E...");
    CHECK(pattern(rules, "DescribeFleet", 3) == "...");
    auto doc = listing(rules);
    CHECK(doc["rules"][0]["matches"].GetInt64() == 6);
    CHECK(doc["rules"][0]["fired"].GetInt64() == 1);
    CHECK(doc["rules"][0]["source"].GetString() == std::string("api"));
}

TEST_CASE("API rules: globs, account, latency and the first error") {
    store::database db(":memory:");
    fault_rules rules(db, 0);
    auto slow = add(rules, R"({"operation":"List*","latencyMs":40})");
    add(rules, R"({"operation":"ListFleets","latencyMs":2,"error":"InternalServerException","account":"111122223333"})");
    auto unavailable = add(rules, R"({"operation":"*","error":"ServiceUnavailableException","times":1})");

    auto f = rules.for_operation("ListRobots", home);
    CHECK(f.latency_ms == 40);
    REQUIRE(f.error);
    CHECK(f.error->type == "ServiceUnavailableException");
    CHECK(f.error->http_status == 503);
    CHECK(f.error->message.find("fault rule " + std::to_string(unavailable)) != std::string::npos);

    f = rules.for_operation("ListFleets", {"111122223333", "eu-west-1"});
    CHECK(f.latency_ms == 42);
    REQUIRE(f.error);
    CHECK(f.error->type == "InternalServerException");
    CHECK(f.error->http_status == 500);

    f = rules.for_operation("CreateFleet", home);
    CHECK(f.latency_ms == 0);
    CHECK_FALSE(f.error);
    CHECK(slow < unavailable);
}

TEST_CASE("a later error rule does not fire while an earlier one already answers") {
    store::database db(":memory:");
    fault_rules rules(db, 0);
    add(rules, R"({"operation":"ListFleets","error":"ThrottlingException","times":1})");
    add(rules, R"({"operation":"ListFleets","error":"InternalServerException","times":1})");
    CHECK(rules.for_operation("ListFleets", home).error->type == "ThrottlingException");
    CHECK(rules.for_operation("ListFleets", home).error->type == "InternalServerException");
    CHECK_FALSE(rules.for_operation("ListFleets", home).error);
    auto doc = listing(rules);
    CHECK(doc["rules"][1]["matches"].GetInt64() == 3);
    CHECK(doc["rules"][1]["fired"].GetInt64() == 1);
}

TEST_CASE("probability is seeded: two instances with the same seed agree") {
    auto run = [](std::uint64_t seed) {
        store::database db(":memory:");
        fault_rules rules(db, seed);
        add(rules, R"({"operation":"DescribeRobot","error":"ThrottlingException","probability":0.5})");
        return pattern(rules, "DescribeRobot", 64);
    };
    auto a = run(7);
    CHECK(a == run(7));
    CHECK(a != run(8));
    CHECK(a.find('E') != std::string::npos);
    CHECK(a.find('.') != std::string::npos);

    store::database db(":memory:");
    fault_rules rules(db, 7);
    add(rules, R"({"operation":"DescribeRobot","error":"ThrottlingException","probability":0})");
    CHECK(pattern(rules, "DescribeRobot", 20) == std::string(20, '.'));
}

TEST_CASE("robot_failure matches on every key and returns the first rule that fires") {
    store::database db(":memory:");
    fault_rules rules(db, 0);
    robot r;
    CHECK_FALSE(rules.robot_failure(r.context()));
    rules.load_config(R"([
        {"code":"LambdaDeleted","match":{"fleet":"other-*"}},
        {"code":"BadPermissionError","match":{"robot":"robot-?","fleet":"fleet-*"},"skip":1},
        {"code":"PreLaunchFileFailure","match":{"application":"na?","launchFile":"*.launch"}},
        {"code":"EnvironmentSetupError","step":"Launching","match":{"environmentVariable":"MODE=sim*"}}
    ])");
    auto first = rules.robot_failure(r.context());  // rule 2 skips its first match
    REQUIRE(first);
    CHECK(first->code == "PreLaunchFileFailure");
    CHECK_FALSE(first->step);
    auto second = rules.robot_failure(r.context());
    REQUIRE(second);
    CHECK(second->code == "BadPermissionError");

    r.name = "robot-10";  // rule 2 no longer matches
    CHECK(rules.robot_failure(r.context())->code == "PreLaunchFileFailure");
    r.application = "arm";
    auto env = rules.robot_failure(r.context());
    REQUIRE(env);
    CHECK(env->code == "EnvironmentSetupError");
    CHECK(env->step == robot_step::launching);
    r.env["MODE"] = "hardware";
    CHECK_FALSE(rules.robot_failure(r.context()));
    r.env.clear();
    CHECK_FALSE(rules.robot_failure(r.context()));
    r.fleet = "other-1";
    CHECK(rules.robot_failure(r.context())->code == "LambdaDeleted");

    // API rules never answer robot_failure, deployment rules never answer for_operation.
    CHECK_FALSE(rules.for_operation("ListFleets", home).error);
}

TEST_CASE("counters survive a new fault_rules on the same database") {
    store::database db(":memory:");
    {
        fault_rules rules(db, 0);
        add(rules, R"({"operation":"DescribeFleet","error":"ThrottlingException","skip":2,"times":1})");
        CHECK(pattern(rules, "DescribeFleet", 2) == "..");
    }
    fault_rules again(db, 0);
    CHECK(pattern(again, "DescribeFleet", 3) == "E..");
    auto doc = listing(again);
    CHECK(doc["rules"][0]["matches"].GetInt64() == 5);
    CHECK(doc["rules"][0]["fired"].GetInt64() == 1);
}

TEST_CASE("load_config replaces config rules and keeps API rules") {
    store::database db(":memory:");
    fault_rules rules(db, 0);
    rules.load_config(R"([{"code":"LambdaDeleted"},{"operation":"ListRobots","latencyMs":5}])");
    auto api_id = add(rules, R"({"operation":"ListFleets","latencyMs":1,"description":"kept"})");
    rules.load_config(R"([{"code":"BadLambdaAssociated","description":"new"}])");
    auto doc = listing(rules);
    REQUIRE(doc["rules"].Size() == 2);
    CHECK(doc["rules"][0]["id"].GetInt64() == api_id);
    CHECK(doc["rules"][0]["rule"]["description"].GetString() == std::string("kept"));
    CHECK(doc["rules"][1]["source"].GetString() == std::string("config"));
    CHECK(doc["rules"][1]["rule"]["code"].GetString() == std::string("BadLambdaAssociated"));
    CHECK(doc["rules"][1]["id"].GetInt64() > api_id);
    CHECK(rules.for_operation("ListRobots", home).latency_ms == 0);
    CHECK_THROWS(rules.load_config(R"([{"code":"Nope"}])"));
}

TEST_CASE("remove: one rule by id, or every API rule; ids are never reused") {
    store::database db(":memory:");
    fault_rules rules(db, 0);
    rules.load_config(R"([{"operation":"ListFleets","latencyMs":1}])");
    auto a = add(rules, R"({"operation":"ListRobots","latencyMs":1})");
    auto b = add(rules, R"({"operation":"DescribeRobot","latencyMs":1})");
    auto missing = rules.remove(b + 100);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().type == "ResourceNotFoundException");
    REQUIRE(rules.remove(b));
    CHECK(add(rules, R"({"operation":"DescribeRobot","latencyMs":1})") == b + 1);
    auto all = rules.remove(std::nullopt);
    REQUIRE(all);
    CHECK(all.value() == R"({"deleted":2})");
    auto doc = listing(rules);
    REQUIRE(doc["rules"].Size() == 1);
    CHECK(doc["rules"][0]["source"].GetString() == std::string("config"));
    CHECK(a > 0);
}

TEST_CASE("add rejects a bad rule with InvalidParameterException naming the member") {
    store::database db(":memory:");
    fault_rules rules(db, 0);
    auto r = rules.add(R"({"operation":"ListFleets","latncyMs":5})");
    REQUIRE_FALSE(r);
    CHECK(r.error().type == "InvalidParameterException");
    CHECK(r.error().message.find("'latncyMs'") != std::string::npos);
    CHECK_FALSE(rules.add("{"));
    CHECK(listing(rules)["rules"].Size() == 0);
}

TEST_CASE("without API rules for_operation does not touch the database") {
    store::database db(":memory:");
    fault_rules rules(db, 0);
    rules.load_config(R"([{"code":"LambdaDeleted"}])");
    db.exec("DROP TABLE fault_rules");  // any SQL on it would now throw
    CHECK_NOTHROW(rules.for_operation("ListFleets", home));
}
