#include "api/control/seed.hpp"

#include "api/control/emulator_control.hpp"
#include "api/control/seed_document.hpp"
#include "api/engine/engine.hpp"
#include "api/json_body.hpp"
#include "api/json_out.hpp"
#include "api/service.hpp"
#include "store/reset.hpp"
#include "store/transaction.hpp"

namespace rml::api::control {
namespace {

const char* operation_of(seed_step::kind k) {
    switch (k) {
        case seed_step::kind::fleet: return "CreateFleet";
        case seed_step::kind::robot: return "CreateRobot";
        case seed_step::kind::register_robot: return "RegisterRobot";
        case seed_step::kind::application: return "CreateRobotApplication";
        case seed_step::kind::version: return "CreateRobotApplicationVersion";
    }
    return "";
}

// The pointer of the member a validation message names ("... at 'sources.1.member.s3Bucket' ...",
// AWS's path: 1-based indexes followed by "member"), below the item's pointer.
std::string member_pointer(const std::string& item, const std::string& message) {
    auto at = message.find(" at '");
    if (at == std::string::npos) return item;
    auto end = message.find('\'', at + 5);
    if (end == std::string::npos) return item;
    std::string path = message.substr(at + 5, end - at - 5), out = item;
    std::size_t pos = 0;
    while (pos <= path.size()) {
        auto dot = path.find('.', pos);
        std::string part = path.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
        pos = dot == std::string::npos ? path.size() + 1 : dot + 1;
        if (part == "member" || part.empty()) continue;
        bool index = part.find_first_not_of("0123456789") == std::string::npos;
        out += "/" + (index ? std::to_string(std::stoll(part.substr(0, 9)) - 1) : part);
    }
    return out;
}

api_error item_error(const seed_step& s, const api_error& e) {
    std::string at = s.pointer;
    bool own_body = s.what != seed_step::kind::register_robot && s.what != seed_step::kind::version;
    if (own_body && e.message.find("validation error") != std::string::npos) at = member_pointer(s.pointer, e.message);
    if (own_body && e.type == "ResourceAlreadyExistsException") at += "/name";
    return seed_error(at, std::string(operation_of(s.what)) + " failed: " + e.type + ": " + e.message);
}

std::string quoted(const std::string& s) {
    json_out out;
    out.str(s);
    return out.take();
}

}  // namespace

result<seed_counts> apply_seed(state& st, std::string_view document) {
    auto doc = parse_json_body(document, empty_body::is_object);
    if (!doc) return seed_error("", doc.error().message);
    auto steps = plan_seed(doc.value(), st.config);
    if (!steps) return steps.error();
    std::vector<std::string> arns(steps.value().size());
    seed_counts n;
    for (std::size_t i = 0; i < steps.value().size(); ++i) {
        const auto& s = steps.value()[i];
        std::string body = s.body;
        auto arn_of = [&arns](int step) { return quoted(arns[static_cast<std::size_t>(step)]); };
        if (s.what == seed_step::kind::register_robot) body = "{\"fleet\":" + arn_of(s.fleet) + ",\"robot\":" + arn_of(s.created) + "}";
        if (s.what == seed_step::kind::version) body = "{\"application\":" + arn_of(s.created) + "}";
        api_request req{operation_of(s.what), s.scope, body, {}, {}};
        auto res = run_in_transaction(st, req);
        if (!res) return item_error(s, res.error());
        auto answer = parse_json_body(res.value());
        if (answer && answer.value().IsObject() && answer.value().HasMember("arn") && answer.value()["arn"].IsString()) {
            arns[i] = answer.value()["arn"].GetString();
        }
        switch (s.what) {
            case seed_step::kind::fleet: ++n.fleets; break;
            case seed_step::kind::robot: ++n.robots; break;
            case seed_step::kind::application: ++n.robot_applications; break;
            case seed_step::kind::version: ++n.versions; break;
            case seed_step::kind::register_robot: break;
        }
    }
    return n;
}

result<std::string> init_from_body(state& st, std::string_view body) {
    engine::catch_up(st);
    store::transaction tx(st.db);
    auto n = apply_seed(st, body);
    if (!n) return n.error();  // rolled back: nothing applied
    save_clock(st);
    tx.commit();
    st.schedule.invalidate();
    json_out out;
    out.begin_object().key("created").begin_object();
    out.field("fleets", std::int64_t{n.value().fleets}).field("robots", std::int64_t{n.value().robots});
    out.field("robotApplications", std::int64_t{n.value().robot_applications});
    out.field("robotApplicationVersions", std::int64_t{n.value().versions});
    out.end_object().end_object();
    return out.take();
}

result<bool> init_at_startup(state& st, std::string_view document) {
    // A broken document stops start-up even when it would not be applied.
    auto doc = parse_json_body(document, empty_body::is_object);
    if (!doc) return seed_error("", doc.error().message);
    if (auto steps = plan_seed(doc.value(), st.config); !steps) return steps.error();
    store::transaction tx(st.db);
    if (store::holds_resources(st.db)) return false;
    auto n = apply_seed(st, document);
    if (!n) return n.error();
    save_clock(st);
    tx.commit();
    st.schedule.invalidate();
    return true;
}

}  // namespace rml::api::control
