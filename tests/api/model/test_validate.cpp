#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include "api/model/shapes.hpp"
#include "api/model/validate.hpp"

using namespace rml::api::model;

namespace {

std::vector<std::string> check(const std::string& op, const std::string& json) {
    rapidjson::Document d;
    d.Parse(json.c_str());
    const shape* s = input_shape(op);
    REQUIRE(s != nullptr);
    return violations(*s, d);
}

}  // namespace

TEST_CASE("a valid request has no violations; unknown members are ignored") {
    CHECK(check("CreateFleet", R"({"name":"ok-name_1","tags":{"a":"b"},"extra":5})").empty());
}

TEST_CASE("each kind of constraint is worded as AWS does and names the member") {
    auto v = check("CreateFleet", "{}");
    REQUIRE(v.size() == 1);
    CHECK(v[0] == "Value null at 'name' failed to satisfy constraint: Member must not be null");

    v = check("CreateFleet", R"({"name":"x y"})");
    REQUIRE(v.size() == 1);
    CHECK(v[0] == "Value 'x y' at 'name' failed to satisfy constraint: Member must satisfy regular expression "
                  "pattern: [a-zA-Z0-9_\\-]*");

    v = check("CreateFleet", R"({"name":""})");
    REQUIRE(v.size() == 1);
    CHECK(v[0] == "Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1");

    v = check("CreateFleet", "{\"name\":\"" + std::string(256, 'a') + "\"}");
    REQUIRE(v.size() == 1);
    CHECK(v[0].find("at 'name' failed to satisfy constraint: Member must have length less than or equal to 255") !=
          std::string::npos);

    v = check("CreateRobot", R"({"name":"r","architecture":"MIPS","greengrassGroupId":"g"})");
    REQUIRE(v.size() == 1);
    CHECK(v[0] == "Value 'MIPS' at 'architecture' failed to satisfy constraint: Member must satisfy enum value set: "
                  "[X86_64, ARM64, ARMHF]");

    v = check("ListFleets", R"({"maxResults":"ten"})");
    REQUIRE(v.size() == 1);
    CHECK(v[0] == "Value 'ten' at 'maxResults' failed to satisfy constraint: Member must be of type integer");
}

TEST_CASE("nested members are named by their path") {
    auto v = check("ListRobots", R"({"filters":[{"name":"status","values":["a","b"]}]})");
    REQUIRE(v.size() == 1);
    CHECK(v[0].find("at 'filters.1.member.values'") != std::string::npos);
    CHECK(v[0].find("less than or equal to 1") != std::string::npos);

    v = check("CreateFleet", R"({"name":"f","tags":{"bad key!":"v"}})");
    REQUIRE(v.size() == 1);
    CHECK(v[0].find("Map keys of 'tags'") != std::string::npos);

    v = check("CreateFleet", R"({"name":"f","tags":{"k":"bad value!"}})");
    REQUIRE(v.size() == 1);
    CHECK(v[0].find("at 'tags.k.value'") != std::string::npos);
}

TEST_CASE("'.' in a pattern does not match a line break") {
    auto v = check("CreateRobot", R"({"name":"r","architecture":"X86_64","greengrassGroupId":"a\nb"})");
    REQUIRE(v.size() == 1);
    CHECK(v[0].find("at 'greengrassGroupId'") != std::string::npos);
}

TEST_CASE("several violations are reported together") {
    auto v = check("CreateRobot", R"({"name":"bad name","architecture":"MIPS"})");
    CHECK(v.size() == 3);
    auto err = validation_error(v);
    CHECK(err.type == "InvalidParameterException");
    CHECK(err.http_status == 400);
    CHECK(err.message.rfind("3 validation errors detected: ", 0) == 0);
    CHECK(validation_error({v[0]}).message.rfind("1 validation error detected: ", 0) == 0);
}

TEST_CASE("literal-prefix patterns are checked like the regex would") {
    auto v = check("DescribeRobot", R"({"robot":"robot/r1"})");
    REQUIRE(v.size() == 1);
    CHECK(v[0] == "Value 'robot/r1' at 'robot' failed to satisfy constraint: Member must satisfy regular expression "
                  "pattern: arn:.*");
    CHECK(check("DescribeRobot", R"({"robot":"arn:x"})").empty());
    CHECK(check("DescribeRobot", R"({"robot":"arn:x\r"})").size() == 1);
    CHECK(check("DescribeRobot", R"({"robot":"ARN:x"})").size() == 1);
}
