#pragma once
// Helpers for deployment tests on api_fixture: reading responses, building request bodies, and
// the control-API functions the server routes /_emulator/clock, /_emulator/objects and
// /_emulator/jobs/{id}/events to (so a test drives exactly the server's code paths).
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "api/control/emulator_control.hpp"
#include "api/control/job_timeline.hpp"
#include "api/control/objects.hpp"
#include "tests/api/api_fixture.hpp"

namespace rml::test {

inline rapidjson::Document parse_json(const std::string& text) {
    rapidjson::Document d;
    d.Parse(text.c_str(), text.size());
    if (d.HasParseError()) throw std::runtime_error("not JSON: " + text.substr(0, 200));
    return d;
}

inline std::optional<std::string> json_str(const rapidjson::Value& v, const char* key) {
    auto it = v.FindMember(key);
    if (it == v.MemberEnd() || !it->value.IsString()) return std::nullopt;
    return std::string(it->value.GetString(), it->value.GetStringLength());
}

// A timestamp member as epoch milliseconds. Control API timestamps keep the millisecond fraction;
// service timestamps are whole seconds (SEMANTICS §2): read those with json_whole_ms.
inline std::optional<std::int64_t> json_ms(const rapidjson::Value& v, const char* key) {
    auto it = v.FindMember(key);
    if (it == v.MemberEnd() || !it->value.IsNumber()) return std::nullopt;
    return std::llround(it->value.GetDouble() * 1000.0);
}

// An instant in milliseconds as a service timestamp shows it: whole seconds, rounded down.
inline std::int64_t whole_ms(std::int64_t ms) { return (ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000)) * 1000; }
inline std::optional<std::int64_t> whole_ms(const std::optional<std::int64_t>& ms) {
    return ms ? std::optional<std::int64_t>(whole_ms(*ms)) : std::nullopt;
}

// A service timestamp member as epoch milliseconds; throws when it is not whole seconds.
inline std::optional<std::int64_t> json_whole_ms(const rapidjson::Value& v, const char* key) {
    auto ms = json_ms(v, key);
    if (ms && *ms % 1000 != 0) throw std::runtime_error(std::string(key) + " is not whole seconds");
    return ms;
}

// `s` as a JSON string literal, quotes included.
inline std::string quoted(const std::string& s) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
    return buf.GetString();
}

// POST /_emulator/clock {"advanceSeconds": ms/1000}: applies every transition due in the span.
inline void advance_clock(api_fixture& f, std::int64_t ms) {
    char body[64];
    std::snprintf(body, sizeof body, R"({"advanceSeconds":%lld.%03lld})", static_cast<long long>(ms / 1000),
                  static_cast<long long>(ms % 1000));
    auto r = api::control::change_clock(f.st, body);
    if (!r) throw std::runtime_error(std::string("change_clock failed: ") + r.error().message);
}

// POST /_emulator/objects {"bucket","key","action"}.
inline void object_action(api_fixture& f, const std::string& bucket, const std::string& key, const std::string& action) {
    auto r = api::control::change_object(f.st, R"({"bucket":)" + quoted(bucket) + R"(,"key":)" + quoted(key) +
                                          R"(,"action":)" + quoted(action) + "}");
    if (!r) throw std::runtime_error(std::string("change_object failed: ") + r.error().message);
}

// One entry of GET /_emulator/jobs/{id}/events.
struct timeline_event {
    std::int64_t time_ms = 0;
    bool robot = false;
    std::string arn;
    std::optional<std::string> old_status;
    std::string new_status;
    std::optional<std::string> step;
    std::optional<std::string> failure_code;
};

struct timeline {
    std::string raw;     // the response body
    std::string status;  // the job's status
    std::vector<timeline_event> events;
};

inline timeline job_timeline(api_fixture& f, const std::string& job_arn) {
    auto r = api::control::job_timeline(f.st, job_arn);
    if (!r) throw std::runtime_error("job_timeline failed: " + r.error().message);
    timeline t;
    t.raw = r.value();
    auto d = parse_json(t.raw);
    t.status = d["status"].GetString();
    for (const auto& e : d["events"].GetArray()) {
        timeline_event ev;
        ev.time_ms = *json_ms(e, "time");
        ev.robot = std::string(e["resource"].GetString()) == "robot";
        ev.arn = e["arn"].GetString();
        ev.old_status = json_str(e, "oldStatus");
        ev.new_status = e["newStatus"].GetString();
        ev.step = json_str(e, "step");
        ev.failure_code = json_str(e, "failureCode");
        t.events.push_back(std::move(ev));
    }
    return t;
}

// TagResource / UntagResource / ListTagsForResource: the ARN travels in the path, the keys to
// remove in the query string (api_request.resource_arn, tag_keys), as the router passes them.
inline api::result<std::string> tag_call(api_fixture& f, const std::string& op, const std::string& arn,
                                         const std::string& body = "{}", std::vector<std::string> keys = {}) {
    api::api_request req;
    req.operation = op;
    req.scope = {"123456789012", "us-east-1"};
    req.body = body;
    req.resource_arn = arn;
    req.tag_keys = std::move(keys);
    return f.service.handle(req);
}

// CreateRobot with an architecture and optional tags (a JSON object's text).
inline std::string robot_body(const std::string& name, const std::string& architecture, const std::string& tags = "") {
    return R"({"name":)" + quoted(name) + R"(,"architecture":)" + quoted(architecture) +
           R"(,"greengrassGroupId":"gg-1")" + (tags.empty() ? "" : R"(,"tags":)" + tags) + "}";
}

}  // namespace rml::test
