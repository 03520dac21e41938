// libFuzzer target: the emulated service's entry point, rml::api::service::handle, as the server
// calls it after routing (server/transport/dispatch.cpp).
//
// Input: "Operation [ARN [tagKey ...]]\n" then the request body. The ARN and tag keys are what the
// router passes for the tag operations (the decoded path ARN, the tagKeys query values);
// "$fleet", "$robot", "$app" and "$job" in the first line or the body become the seeded
// resources' ARNs (tests/fuzz/fuzz_world.hpp). Each input also moves the manual clock a little,
// so the engine's catch-up runs between calls.
//
// Checked: nothing throws (a store exception would be a 500 from the server) or crashes; a success
// is one valid JSON value; an error message is valid UTF-8. A response with a nextToken is
// followed once with that token, and the token is also offered to another operation and to
// another account (SEMANTICS §10: tokens belong to one operation, account and region).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "api/json_body.hpp"
#include "api/message_quote.hpp"
#include "tests/fuzz/fuzz_checks.hpp"
#include "tests/fuzz/fuzz_world.hpp"

namespace {

using namespace rml;

api::result<std::string> checked(api::service& svc, const api::api_request& req) {
    auto r = svc.handle(req);
    if (r) {
        if (!api::parse_json_body(r.value(), api::empty_body::is_error)) std::abort();  // not one JSON value
    } else if (!api::is_valid_utf8(r.error().message) || fuzz::has_control(r.error().message) ||
               r.error().type.empty()) {
        std::abort();
    }
    return r;
}

// body with its nextToken member set to token, or empty when body is not a JSON object.
std::string with_token(std::string_view body, const std::string& token) {
    auto parsed = api::parse_json_object(body);
    if (!parsed) return "";
    auto& d = parsed.value();
    rapidjson::Value v(token.c_str(), static_cast<rapidjson::SizeType>(token.size()), d.GetAllocator());
    if (auto it = d.FindMember("nextToken"); it != d.MemberEnd()) {
        it->value = v;
    } else {
        d.AddMember("nextToken", v, d.GetAllocator());
    }
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    d.Accept(w);
    return std::string(b.GetString(), b.GetSize());
}

std::string next_token_of(const std::string& response) {
    rapidjson::Document d;
    d.Parse(response.c_str(), response.size());
    if (!d.IsObject()) return "";
    auto it = d.FindMember("nextToken");
    return (it != d.MemberEnd() && it->value.IsString()) ? it->value.GetString() : "";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz::world w;
    std::string_view in(reinterpret_cast<const char*>(data), size);
    w.next_input(static_cast<unsigned char>(size % 251));

    auto nl = in.find('\n');
    std::string head = w.expand(std::string(in.substr(0, nl)));
    std::string body = nl == std::string_view::npos ? "" : w.expand(std::string(in.substr(nl + 1)));

    std::vector<std::string> words;
    for (std::size_t p = 0; p <= head.size();) {
        auto sp = head.find(' ', p);
        if (sp == std::string::npos) sp = head.size();
        words.push_back(head.substr(p, sp - p));
        p = sp + 1;
    }

    api::api_request req;
    req.operation = words[0];
    req.scope = {"123456789012", "us-east-1"};
    req.body = body;
    if (words.size() > 1) req.resource_arn = words[1];
    for (std::size_t i = 2; i < words.size(); ++i) req.tag_keys.push_back(words[i]);

    auto r = checked(w.f.service, req);
    if (!r) return 0;
    std::string token = next_token_of(r.value());
    if (token.empty()) return 0;

    std::string next = with_token(body, token);
    if (next.empty()) std::abort();  // the call succeeded, so its body was an object
    req.body = next;
    (void)checked(w.f.service, req);

    api::api_request other = req;
    other.operation = req.operation == "ListFleets" ? "ListRobots" : "ListFleets";
    if (checked(w.f.service, other)) std::abort();  // another operation's token
    other = req;
    other.scope = {"210987654321", "us-east-1"};
    if (checked(w.f.service, other)) std::abort();  // another account's token
    return 0;
}
