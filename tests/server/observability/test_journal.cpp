#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include "server/observability/journal.hpp"

using namespace rml::server::observability;

namespace {

journal_record call(std::string_view op, std::string_view account, int status = 200, std::string_view body = "{}",
                    std::string_view region = "us-east-1") {
    journal_record r;
    r.wall_ms = 1'700'000'000'123;
    r.sim_ms = 1'700'000'100'456;
    r.request_id = "00000000-0000-4000-8000-000000000000";
    r.operation = op;
    r.account = account;
    r.region = region;
    r.body = body;
    r.http_status = status;
    if (status != 200) r.error_code = "InvalidParameterException";
    r.latency_ms = 1.5;
    return r;
}

rapidjson::Document read(const journal& j, const journal_filter& f = {}) {
    rapidjson::Document doc;
    doc.Parse(j.to_json(f).c_str());
    REQUIRE_FALSE(doc.HasParseError());
    REQUIRE(doc["requests"].IsArray());
    return doc;
}

// The "name" member of each entry's parameters, newest first.
std::vector<std::string> names(const journal& j, const journal_filter& f = {}) {
    auto doc = read(j, f);
    std::vector<std::string> out;
    for (const auto& e : doc["requests"].GetArray()) out.emplace_back(e["parameters"]["name"].GetString());
    return out;
}

std::string named(int i) { return R"({"name":"r)" + std::to_string(i) + R"("})"; }

}  // namespace

TEST_CASE("journal: newest first, bounded by its capacity") {
    journal j(3);
    for (int i = 1; i <= 5; ++i) {
        auto body = named(i);
        j.add(call("CreateFleet", "111111111111", 200, body));
    }
    CHECK(j.size() == 3);
    CHECK(names(j) == std::vector<std::string>{"r5", "r4", "r3"});
    journal_filter two;
    two.limit = 2;
    CHECK(names(j, two) == std::vector<std::string>{"r5", "r4"});
}

TEST_CASE("journal: an entry carries the call as recorded") {
    journal j(10);
    auto r = call("CreateFleet", "111111111111", 400, R"({"name":"x","tags":{"k":"v"}})", "eu-west-1");
    j.add(r);
    auto doc = read(j);
    const auto& e = doc["requests"][0];
    CHECK(e["time"].GetDouble() == Approx(1'700'000'000.123));
    CHECK(e["simulatedTime"].GetDouble() == Approx(1'700'000'100.456));
    CHECK(std::string(e["requestId"].GetString()) == "00000000-0000-4000-8000-000000000000");
    CHECK(std::string(e["operation"].GetString()) == "CreateFleet");
    CHECK(std::string(e["account"].GetString()) == "111111111111");
    CHECK(std::string(e["region"].GetString()) == "eu-west-1");
    CHECK(std::string(e["parameters"]["tags"]["k"].GetString()) == "v");
    CHECK(e["httpStatus"].GetInt() == 400);
    CHECK(std::string(e["errorCode"].GetString()) == "InvalidParameterException");
    CHECK(e["latencyMs"].GetDouble() == Approx(1.5));
    CHECK_FALSE(e.HasMember("rawBody"));
}

TEST_CASE("journal: filters by operation, account, region and status") {
    journal j(100);
    j.add(call("CreateFleet", "111111111111", 200, named(1)));
    j.add(call("ListFleets", "111111111111", 200, named(2)));
    j.add(call("CreateFleet", "222222222222", 400, named(3)));
    j.add(call("CreateFleet", "111111111111", 200, named(4), "eu-west-1"));
    journal_filter f;
    f.operation = "CreateFleet";
    CHECK(names(j, f) == std::vector<std::string>{"r4", "r3", "r1"});
    f.account = "111111111111";
    CHECK(names(j, f) == std::vector<std::string>{"r4", "r1"});
    f.region = "us-east-1";
    CHECK(names(j, f) == std::vector<std::string>{"r1"});
    journal_filter bad;
    bad.status = 400;
    CHECK(names(j, bad) == std::vector<std::string>{"r3"});
    journal_filter limited;
    limited.operation = "CreateFleet";
    limited.limit = 1;
    CHECK(names(j, limited) == std::vector<std::string>{"r4"});
}

TEST_CASE("journal: a scoped clear drops only that scope and keeps the order of the rest") {
    journal j(4);
    for (int i = 1; i <= 6; ++i) {  // wraps around the ring first
        auto body = named(i);
        j.add(call("CreateFleet", i % 2 ? "111111111111" : "222222222222", 200, body));
    }
    CHECK(names(j) == std::vector<std::string>{"r6", "r5", "r4", "r3"});
    j.clear("111111111111", "");
    CHECK(names(j) == std::vector<std::string>{"r6", "r4"});
    for (int i = 7; i <= 10; ++i) {
        auto body = named(i);
        j.add(call("CreateFleet", "333333333333", 200, body));
    }
    CHECK(names(j) == std::vector<std::string>{"r10", "r9", "r8", "r7"});
    j.clear("", "eu-west-1");
    CHECK(j.size() == 4);
    j.clear("", "");
    CHECK(j.size() == 0);
    CHECK(names(j).empty());
}

TEST_CASE("journal: size 0 records nothing") {
    journal j(0);
    CHECK_FALSE(j.enabled());
    j.add(call("CreateFleet", "111111111111"));
    CHECK(j.size() == 0);
    CHECK(j.to_json({}) == R"({"requests":[]})");
}

TEST_CASE("journal: parameters of tag operations, empty bodies and bodies that are not JSON") {
    journal j(10);
    std::vector<std::pair<std::string, std::string>> query = {{"tagKeys", "a"}, {"other", "x"}, {"tagKeys", "b"}};
    auto untag = call("UntagResource", "111111111111", 200, "");
    untag.resource_arn = "arn:aws:robomaker:us-east-1:111111111111:robot/r/1";
    untag.query = query;
    j.add(untag);
    auto tag = call("TagResource", "111111111111", 200, R"({"tags":{"k":"v"}})");
    tag.resource_arn = "arn:aws:robomaker:us-east-1:111111111111:robot/r/1";
    j.add(tag);
    j.add(call("ListFleets", "111111111111", 200, ""));
    j.add(call("CreateFleet", "111111111111", 400, "{\"name\": \xff"));

    auto doc = read(j);
    const auto& bad = doc["requests"][0];
    CHECK(bad["parameters"].IsNull());
    CHECK(std::string(bad["rawBody"].GetString()) == "{\"name\": \xEF\xBF\xBD");
    CHECK(bad["bodyBytes"].GetInt() == 10);
    CHECK(doc["requests"][1]["parameters"].ObjectEmpty());
    const auto& t = doc["requests"][2]["parameters"];
    CHECK(std::string(t["resourceArn"].GetString()) == "arn:aws:robomaker:us-east-1:111111111111:robot/r/1");
    CHECK(std::string(t["tags"]["k"].GetString()) == "v");
    CHECK_FALSE(t.HasMember("tagKeys"));
    const auto& u = doc["requests"][3]["parameters"];
    REQUIRE(u["tagKeys"].Size() == 2);
    CHECK(std::string(u["tagKeys"][0].GetString()) == "a");
    CHECK(std::string(u["tagKeys"][1].GetString()) == "b");
}

TEST_CASE("journal: a body over the stored limit keeps its first 4 KiB as rawBody") {
    journal j(10);
    std::string big = R"({"name":")" + std::string(journal::max_stored_body, 'x') + R"("})";
    j.add(call("CreateFleet", "111111111111", 400, big));
    auto doc = read(j);
    const auto& e = doc["requests"][0];
    CHECK(e["parameters"].IsNull());
    CHECK(e["rawBody"].GetStringLength() == journal::raw_body_limit);
    CHECK(e["bodyBytes"].GetUint64() == big.size());
}

TEST_CASE("journal: the bodies held stay under the byte budget, oldest dropped first") {
    journal j(100, 100);
    std::string body40 = R"({"name":")" + std::string(30, 'x') + R"("})";  // 40 bytes
    for (int i = 0; i < 5; ++i) j.add(call("CreateFleet", "111111111111", 200, body40));
    CHECK(j.size() == 2);
}

TEST_CASE("journal: bodies exactly at the byte budget are kept; one byte more drops the oldest") {
    std::string body40 = R"({"name":")" + std::string(29, 'x') + R"("})";
    REQUIRE(body40.size() == 40);
    journal j(100, 120);
    for (int i = 0; i < 3; ++i) j.add(call("CreateFleet", "111111111111", 200, body40));
    CHECK(j.size() == 3);
    CHECK(j.body_bytes() == 120);
    j.add(call("CreateFleet", "111111111111", 200, "{}"));  // 2 bytes over: the oldest goes
    CHECK(j.size() == 3);
    CHECK(j.body_bytes() == 82);
    // Many bodies of the largest stored size: the total never passes the budget.
    journal big(10'000, 1024 * 1024);
    std::string body = R"({"name":")" + std::string(journal::max_stored_body - 11, 'y') + R"("})";
    REQUIRE(body.size() == journal::max_stored_body);
    for (int i = 0; i < 100; ++i) {
        big.add(call("CreateFleet", "111111111111", 200, body));
        REQUIRE(big.body_bytes() <= 1024 * 1024);
    }
    CHECK(big.size() == 16);
    CHECK(big.body_bytes() == 16 * journal::max_stored_body);
}

TEST_CASE("journal: an answer stays within its byte budget, newest first, then \"truncated\"") {
    journal j(1000, journal::default_body_budget, 10'000);
    std::string body = R"({"name":")" + std::string(1000, 'z') + R"("})";
    for (int i = 0; i < 50; ++i) j.add(call("CreateFleet", "111111111111", 200, body));
    journal_filter all;
    all.limit = 1000;
    std::string text = j.to_json(all);
    CHECK(text.size() <= 10'000);
    auto doc = read(j, all);
    auto n = doc["requests"].Size();
    CHECK(n >= 8);  // each entry is about 1.2 KB
    CHECK(n < 50);
    CHECK(doc["truncated"].GetBool());
    // Within the budget: no "truncated" member.
    journal_filter few;
    few.limit = 3;
    auto small = read(j, few);
    CHECK(small["requests"].Size() == 3);
    CHECK_FALSE(small.HasMember("truncated"));
}

TEST_CASE("journal: query parameters") {
    using q = std::vector<std::pair<std::string, std::string>>;
    auto f = parse_journal_query(q{{"operation", "ListFleets"}, {"account", "111111111111"}, {"status", "400"},
                                   {"limit", "7"}, {"region", "eu-west-1"}},
                                 100);
    REQUIRE(f.ok());
    CHECK(*f.value().operation == "ListFleets");
    CHECK(*f.value().account == "111111111111");
    CHECK(*f.value().region == "eu-west-1");
    CHECK(*f.value().status == 400);
    CHECK(f.value().limit == 7);
    CHECK(parse_journal_query(q{}, 100).value().limit == 100);
    CHECK(parse_journal_query(q{}, 3).value().limit == 3);
    CHECK(parse_journal_query(q{{"limit", "5000"}}, 10).value().limit == 10);
    for (const auto& bad : {q{{"limit", "0"}}, q{{"limit", "-1"}}, q{{"limit", "x"}}, q{{"limit", "1.5"}},
                            q{{"limit", ""}}, q{{"status", "abc"}}, q{{"status", "4000"}}, q{{"staus", "400"}}}) {
        auto r = parse_journal_query(bad, 100);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().type == "InvalidParameterException");
        CHECK(r.error().http_status == 400);
    }
}

TEST_CASE("sanitize_utf8 keeps valid text and replaces bad bytes") {
    CHECK(sanitize_utf8("plain") == "plain");
    CHECK(sanitize_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") == "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
    CHECK(sanitize_utf8("a\xC3") == "a\xEF\xBF\xBD");
    CHECK(sanitize_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
    CHECK(sanitize_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong
}
