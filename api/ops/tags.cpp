#include "api/ops/tags.hpp"

#include <algorithm>

#include "api/engine/engine.hpp"
#include "api/engine/transitions.hpp"
#include "api/input.hpp"
#include "api/json_out.hpp"
#include "api/ops/tag_rules.hpp"
#include "api/message_quote.hpp"

namespace rml::api::ops {
namespace {

// The resource kind is the ARN's resource part up to the first '/':
// arn:aws:robomaker:REGION:ACCOUNT:KIND/...
std::string resource_kind(const std::string& arn) {
    auto colon = arn.find(':');
    for (int i = 0; i < 4 && colon != std::string::npos; ++i) colon = arn.find(':', colon + 1);
    if (colon == std::string::npos) return "";
    auto slash = arn.find('/', colon + 1);
    return slash == std::string::npos ? "" : arn.substr(colon + 1, slash - colon - 1);
}

// True when the ARN names an existing resource in the caller's account and region.
bool resource_exists(state& st, const call& c, const std::string& arn) {
    auto kind = resource_kind(arn);
    if (kind == "deployment-fleet") return st.fleets.find(c.scope, arn).has_value();
    if (kind == "robot") return st.robots.find(c.scope, arn).has_value();
    if (kind == "robot-application") return st.applications.find_by_arn(c.scope, arn).has_value();
    if (kind == "deployment-job") return st.jobs.find(c.scope, arn).has_value();
    return false;
}

// A robot whose emulator:offline tag was just removed or set to something else comes back.
void maybe_back_online(state& st, const std::string& arn, bool touched_offline) {
    if (touched_offline && resource_kind(arn) == "robot" && !engine::robot_offline(st, arn)) {
        engine::robot_back_online(st, arn, st.clock.now_ms());
    }
}

api_error resource_not_found(const std::string& arn) {
    return not_found("Resource '" + quote_for_message(arn) + "' does not exist.");
}

}  // namespace

result<std::string> tag_resource(state& st, const call& c) {
    auto arn = req_string(c.body, "resourceArn");
    if (!resource_exists(st, c, arn)) return resource_not_found(arn);
    auto tags = tags_of(c.body);
    if (auto err = check_new_tags(st, st.tags.get(arn), tags)) return *err;
    st.tags.put(arn, tags);
    maybe_back_online(st, arn, tags.count("emulator:offline") > 0);
    return std::string("{}");
}

result<std::string> untag_resource(state& st, const call& c) {
    auto arn = req_string(c.body, "resourceArn");
    if (!resource_exists(st, c, arn)) return resource_not_found(arn);
    std::vector<std::string> keys;
    auto list = c.body.FindMember("tagKeys");
    if (list != c.body.MemberEnd() && list->value.IsArray()) {
        for (const auto& k : list->value.GetArray()) keys.emplace_back(k.GetString(), k.GetStringLength());
    }
    st.tags.remove(arn, keys);
    maybe_back_online(st, arn, std::find(keys.begin(), keys.end(), "emulator:offline") != keys.end());
    return std::string("{}");
}

result<std::string> list_tags_for_resource(state& st, const call& c) {
    auto arn = req_string(c.body, "resourceArn");
    if (!resource_exists(st, c, arn)) return resource_not_found(arn);
    json_out out;
    out.begin_object().tags("tags", st.tags.get(arn)).end_object();
    return out.take();
}

}  // namespace rml::api::ops
