// Control-API messages quote what the client sent (SEMANTICS §10): a job reference, an object
// action, control bytes or bytes that are not UTF-8 come back escaped, never raw. Found by
// fuzz_control (the job references of hold, release, describe and timeline were echoed as sent).
#include <catch2/catch.hpp>

#include <string>

#include "api/control/job_barrier.hpp"
#include "api/control/job_lookup.hpp"
#include "api/control/job_timeline.hpp"
#include "api/control/objects.hpp"
#include "api/message_quote.hpp"
#include "tests/api/api_fixture.hpp"

using rml::test::api_fixture;

namespace {

// A reference with a control byte, a quote, DEL, and a lone continuation byte (not UTF-8).
const std::string hostile_ref = std::string("job-\x01\"x\x7f") + '\x80' + "\n";
const std::string quoted_ref = "job-\\x01\"x\\x7f\\x80\\x0a";

void check_not_found(const rml::api::result<std::string>& r) {
    REQUIRE_FALSE(r);
    CHECK(r.error().type == "ResourceNotFoundException");
    CHECK(r.error().message == "Deployment job '" + quoted_ref + "' does not exist.");
    CHECK(rml::api::is_valid_utf8(r.error().message));
}

}  // namespace

TEST_CASE("the quoting of the hostile job reference is the one every message uses") {
    CHECK(rml::api::quote_for_message(hostile_ref) == quoted_ref);
}

TEST_CASE("hold and release quote an unknown job reference") {
    api_fixture f;
    check_not_found(rml::api::control::hold_job(f.st, hostile_ref, R"({"status":"InProgress"})"));
    check_not_found(rml::api::control::release_job(f.st, hostile_ref));
}

TEST_CASE("describe and timeline quote an unknown job reference") {
    api_fixture f;
    check_not_found(rml::api::control::describe_job(f.st, hostile_ref));
    check_not_found(rml::api::control::job_timeline(f.st, hostile_ref));
    CHECK_FALSE(rml::api::control::job_status(f.st, hostile_ref));
}

TEST_CASE("an unknown object action is quoted") {
    api_fixture f;
    auto r = rml::api::control::change_object(
        f.st, "{\"bucket\":\"b\",\"key\":\"k\",\"action\":\"\\u0001drop\\u007f\"}");
    REQUIRE_FALSE(r);
    CHECK(r.error().type == "InvalidParameterException");
    CHECK(r.error().message == "'action' must be one of delete, restore, touch; got '\\x01drop\\x7f'.");
}

TEST_CASE("ordinary job references read as they were sent") {
    api_fixture f;
    auto r = rml::api::control::release_job(f.st, "arn:aws:robomaker:us-east-1:123456789012:deployment-job/nope");
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          "Deployment job 'arn:aws:robomaker:us-east-1:123456789012:deployment-job/nope' does not exist.");
}

TEST_CASE("an unknown operation name is quoted") {
    // fuzz_service: "Deregist3" followed by NUL bytes came back raw in the message.
    api_fixture f;
    auto r = f.call(std::string("Deregist3\0\0", 11), "{}");
    REQUIRE_FALSE(r);
    CHECK(r.error().type == "UnknownOperationException");
    CHECK(r.error().message == "Operation 'Deregist3\\x00\\x00' is not emulated.");
}

TEST_CASE("an unknown resource ARN is quoted") {
    // fuzz_service: UntagResource on "$robot" followed by 0xff bytes echoed them raw (invalid UTF-8).
    api_fixture f;
    rml::api::api_request req;
    req.operation = "ListTagsForResource";
    req.scope = {"123456789012", "us-east-1"};
    req.resource_arn = "arn:aws:robomaker:us-east-1:123456789012:robot/x\x01\xff";
    auto r = f.service.handle(req);
    REQUIRE_FALSE(r);
    CHECK(rml::api::is_valid_utf8(r.error().message));
    CHECK(r.error().message.find("robot/x\\x01\\xff'") != std::string::npos);
}

TEST_CASE("an unknown fault rule member is quoted") {
    // fuzz_control (long run): "prob\x7fability" came back raw in the message.
    api_fixture f;
    auto r = f.st.faults.add("{\"operation\":\"List*\",\"error\":\"ThrottlingException\",\"prob\\u007fability\":0.5}");
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("unknown member 'prob\\x7fability'") != std::string::npos);
    auto m = f.st.faults.add("{\"code\":\"LambdaDeleted\",\"match\":{\"fle\\u0001et\":\"a\"}}");
    REQUIRE_FALSE(m);
    CHECK(m.error().message.find("unknown member 'match.fle\\x01et'") != std::string::npos);
}
