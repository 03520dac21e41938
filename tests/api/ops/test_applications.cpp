#include <catch2/catch.hpp>

#include "api/control/objects.hpp"
#include "tests/api/api_fixture.hpp"

using rml::test::api_fixture;

namespace {

const std::string app_body =
    R"({"name":"nav","sources":[{"s3Bucket":"my-bucket","s3Key":"nav.tar","architecture":"X86_64"}],)"
    R"("robotSoftwareSuite":{"name":"ROS","version":"Melodic"}})";

std::string app_call(const std::string& ref, const std::string& extra = "") {
    return R"({"application":")" + ref + "\"" + extra + "}";
}

}  // namespace

TEST_CASE("CreateRobotApplication makes $LATEST with a revision and no etags") {
    api_fixture f;
    auto d = f.ok("CreateRobotApplication", app_body);
    CHECK(std::string(d["version"].GetString()) == "$LATEST");
    CHECK(std::string(d["arn"].GetString()) ==
          "arn:aws:robomaker:us-east-1:123456789012:robot-application/nav/" + std::to_string(rml::test::start_ms));
    CHECK(std::string(d["revisionId"].GetString()).size() == 36);
    CHECK_FALSE(d["sources"][0].HasMember("etag"));
    CHECK(std::string(d["robotSoftwareSuite"]["version"].GetString()) == "Melodic");
    CHECK(f.error_type("CreateRobotApplication", app_body) == "ResourceAlreadyExistsException");
    CHECK(f.error_type("CreateRobotApplication", R"({"name":"empty","robotSoftwareSuite":{"name":"ROS"}})") ==
          "InvalidParameterException");
}

TEST_CASE("versions snapshot $LATEST with the objects' etags and are numbered without reuse") {
    api_fixture f;
    auto arn = std::string(f.ok("CreateRobotApplication", app_body)["arn"].GetString());
    auto v1 = f.ok("CreateRobotApplicationVersion", app_call(arn));
    CHECK(std::string(v1["version"].GetString()) == "1");
    CHECK(std::string(v1["sources"][0]["etag"].GetString()) == rml::api::control::etag_for("my-bucket", "nav.tar", 0));
    CHECK(std::string(f.ok("CreateRobotApplicationVersion", app_call("nav"))["version"].GetString()) == "2");
    f.ok("DeleteRobotApplication", app_call(arn, R"(,"applicationVersion":"1")"));
    CHECK(std::string(f.ok("CreateRobotApplicationVersion", app_call(arn))["version"].GetString()) == "3");
    CHECK(f.error_type("DescribeRobotApplication", app_call(arn, R"(,"applicationVersion":"1")")) ==
          "ResourceNotFoundException");
    CHECK(f.error_type("DeleteRobotApplication", app_call(arn, R"(,"applicationVersion":"$LATEST")")) ==
          "InvalidParameterException");
}

TEST_CASE("revision and etag checks") {
    api_fixture f;
    auto created = f.ok("CreateRobotApplication", app_body);
    std::string arn = created["arn"].GetString();
    std::string rev = created["revisionId"].GetString();
    CHECK(f.error_type("CreateRobotApplicationVersion", app_call(arn, R"(,"currentRevisionId":"stale")")) ==
          "InvalidParameterException");
    auto etag = rml::api::control::etag_for("my-bucket", "nav.tar", 0);
    CHECK(f.error_type("CreateRobotApplicationVersion", app_call(arn, R"(,"s3Etags":["other"])")) ==
          "InvalidParameterException");
    CHECK(f.error_type("CreateRobotApplicationVersion",
                       app_call(arn, R"(,"currentRevisionId":")" + rev + R"(","s3Etags":[")" + etag + R"("])")) ==
          "(success)");

    auto upd = R"({"application":"nav","currentRevisionId":")" + rev +
               R"(","sources":[{"s3Bucket":"my-bucket","s3Key":"v2.tar","architecture":"ARM64"}],)"
               R"("robotSoftwareSuite":{"name":"ROS2","version":"Foxy"}})";
    auto updated = f.ok("UpdateRobotApplication", upd);
    CHECK(std::string(updated["revisionId"].GetString()) != rev);
    CHECK(f.error_type("UpdateRobotApplication", upd) == "InvalidParameterException");  // rev is stale now
    auto latest = f.ok("DescribeRobotApplication", app_call(arn));
    CHECK(std::string(latest["sources"][0]["s3Key"].GetString()) == "v2.tar");
    auto v1 = f.ok("DescribeRobotApplication", app_call(arn, R"(,"applicationVersion":"1")"));
    CHECK(std::string(v1["sources"][0]["s3Key"].GetString()) == "nav.tar");
}

TEST_CASE("a changed or deleted object changes what a version can snapshot") {
    api_fixture f;
    std::string arn = f.ok("CreateRobotApplication", app_body)["arn"].GetString();
    REQUIRE(rml::api::control::change_object(f.st, R"({"bucket":"my-bucket","key":"nav.tar","action":"touch"})"));
    auto v1 = f.ok("CreateRobotApplicationVersion", app_call(arn));
    CHECK(std::string(v1["sources"][0]["etag"].GetString()) == rml::api::control::etag_for("my-bucket", "nav.tar", 1));
    REQUIRE(rml::api::control::change_object(f.st, R"({"bucket":"my-bucket","key":"nav.tar","action":"delete"})"));
    CHECK(f.error_type("CreateRobotApplicationVersion", app_call(arn)) == "InvalidParameterException");
    REQUIRE(rml::api::control::change_object(f.st, R"({"bucket":"my-bucket","key":"nav.tar","action":"restore"})"));
    CHECK(f.error_type("CreateRobotApplicationVersion", app_call(arn)) == "(success)");
    CHECK_FALSE(rml::api::control::change_object(f.st, R"({"bucket":"b","key":"k","action":"explode"})"));
    CHECK_FALSE(rml::api::control::change_object(f.st, R"({"key":"k","action":"delete"})"));
}

TEST_CASE("version quota and listing with versionQualifier") {
    rml::api::settings cfg;
    cfg.limits.versions_per_application = 2;
    api_fixture f(cfg);
    std::string arn = f.ok("CreateRobotApplication", app_body)["arn"].GetString();
    f.ok("CreateRobotApplicationVersion", app_call(arn));
    f.ok("CreateRobotApplicationVersion", app_call(arn));
    CHECK(f.error_type("CreateRobotApplicationVersion", app_call(arn)) == "LimitExceededException");
    CHECK(f.ok("ListRobotApplications", "{}")["robotApplicationSummaries"].Size() == 1);
    CHECK(f.ok("ListRobotApplications", R"({"versionQualifier":"ALL"})")["robotApplicationSummaries"].Size() == 3);
    CHECK(f.error_type("ListRobotApplications", R"({"versionQualifier":"SOME"})") == "InvalidParameterException");
    CHECK(f.error_type("ListRobotApplications", R"({"maxResults":101})") == "InvalidParameterException");
}

TEST_CASE("deleting an application removes its versions and tags") {
    api_fixture f;
    std::string arn = f.ok("CreateRobotApplication", R"({"name":"t","environment":{"uri":"repo/img:1"},)"
                                                     R"("robotSoftwareSuite":{"name":"General"},"tags":{"a":"b"}})")["arn"]
                          .GetString();
    f.ok("DeleteRobotApplication", app_call("t"));
    CHECK(f.error_type("DescribeRobotApplication", app_call(arn)) == "ResourceNotFoundException");
    CHECK(f.st.tags.get(arn).empty());
    CHECK(f.error_type("DeleteRobotApplication", app_call(arn)) == "ResourceNotFoundException");
}

TEST_CASE("CreateRobotApplication answers tags {} when none were given, and the given tags otherwise") {
    api_fixture f;
    auto d = f.ok("CreateRobotApplication", app_body);
    REQUIRE(d["tags"].IsObject());
    CHECK(d["tags"].MemberCount() == 0);
    auto t = f.ok("CreateRobotApplication",
                  R"({"name":"tagged","sources":[{"s3Bucket":"bkt","s3Key":"k","architecture":"ARM64"}],)"
                  R"("robotSoftwareSuite":{"name":"ROS"},"tags":{"team":"nav"}})");
    REQUIRE(t["tags"].MemberCount() == 1);
    CHECK(std::string(t["tags"]["team"].GetString()) == "nav");
}

TEST_CASE("a source without architecture is accepted and echoed as given (moto's own test)") {
    api_fixture f;
    auto d = f.ok("CreateRobotApplication",
                  R"({"name":"test_app","sources":[{"s3Bucket":"sth","s3Key":"else"}],)"
                  R"("robotSoftwareSuite":{"name":"ROS2","version":"Foxy"}})");
    REQUIRE(d["sources"].Size() == 1);
    const auto& src = d["sources"][0];
    CHECK(src.MemberCount() == 2);
    CHECK(std::string(src["s3Bucket"].GetString()) == "sth");
    CHECK(std::string(src["s3Key"].GetString()) == "else");
    auto desc = f.ok("DescribeRobotApplication", app_call("test_app"));
    CHECK(desc["sources"][0].MemberCount() == 2);
    CHECK_FALSE(desc["sources"][0].HasMember("architecture"));
    // s3Bucket and s3Key are still needed.
    auto missing = f.call("CreateRobotApplication",
                          R"({"name":"x","sources":[{"s3Key":"k"}],"robotSoftwareSuite":{"name":"ROS"}})");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message ==
          "1 validation error detected: Value null at 'sources.1.member.s3Bucket' failed to satisfy constraint: "
          "Member must not be null");
}
