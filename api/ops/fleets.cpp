#include "api/ops/fleets.hpp"

#include "api/arn.hpp"
#include "api/engine/engine.hpp"
#include "api/input.hpp"
#include "api/json_out.hpp"
#include "api/listing.hpp"
#include "api/ops/robot_json.hpp"
#include "api/ops/tag_rules.hpp"
#include "api/message_quote.hpp"

namespace rml::api::ops {
namespace {

constexpr int max_fleet_page = 200;
constexpr int max_robots_in_describe = 1000;

// The fleet's latest deployment job, mirrored on the fleet (SEMANTICS §4).
void write_last_deployment(json_out& out, state& st, const std::string& fleet_arn) {
    if (auto job = st.jobs.latest_for_fleet(fleet_arn)) {
        out.field("lastDeploymentStatus", job->status).field("lastDeploymentJob", job->arn);
        out.timestamp("lastDeploymentTime", job->created_ms);
    }
}

api_error fleet_not_found(const std::string& arn) { return not_found("Fleet '" + quote_for_message(arn) + "' does not exist."); }
api_error robot_not_found(const std::string& arn) { return not_found("Robot '" + quote_for_message(arn) + "' does not exist."); }

std::string fleet_and_robot(const std::string& fleet, const std::string& robot) {
    json_out out;
    out.begin_object().field("fleet", fleet).field("robot", robot).end_object();
    return out.take();
}

}  // namespace

result<std::string> create_fleet(state& st, const call& c) {
    auto tags = tags_of(c.body);
    if (auto err = check_new_tags(st, {}, tags)) return *err;
    if (st.fleets.count(c.scope) >= st.config.limits.fleets) {
        return quota_reached(st.config.limits.fleets, "fleets");
    }
    store::fleet_row row;
    row.name = req_string(c.body, "name");
    // Fleet names may repeat, so two fleets may want one ARN.
    assign_arn(row, c.scope, "deployment-fleet", st.clock.now_ms(), [&](auto& a) { return st.fleets.arn_exists(a); });
    st.fleets.insert(c.scope, row);
    st.tags.put(row.arn, tags);

    json_out out;
    out.begin_object().field("arn", row.arn).field("name", row.name).timestamp("createdAt", row.created_ms);
    if (!tags.empty()) out.tags("tags", tags);
    out.end_object();
    return out.take();
}

result<std::string> delete_fleet(state& st, const call& c) {
    auto arn = req_string(c.body, "fleet");
    if (!st.fleets.find(c.scope, arn)) return fleet_not_found(arn);
    engine::fleet_deleted(st, arn, st.clock.now_ms());
    st.robots.deregister_all(arn, "Available");
    st.tags.remove_all(arn);
    st.fleets.remove(c.scope, arn);
    return std::string("{}");
}

result<std::string> describe_fleet(state& st, const call& c) {
    auto arn = req_string(c.body, "fleet");
    auto fleet = st.fleets.find(c.scope, arn);
    if (!fleet) return fleet_not_found(arn);
    json_out out;
    out.begin_object().field("name", fleet->name).field("arn", fleet->arn);
    out.begin_array("robots");
    for (const auto& r : st.robots.newest_in_fleet(fleet->arn, max_robots_in_describe)) write_fleet_robot(out, r);
    out.end_array();
    out.timestamp("createdAt", fleet->created_ms);
    write_last_deployment(out, st, fleet->arn);
    out.tags("tags", st.tags.get(fleet->arn));
    out.end_object();
    return out.take();
}

result<std::string> list_fleets(state& st, const call& c) {
    auto params = parse_list(st, c, max_fleet_page, {"name"});
    if (!params) return params.error();
    const auto& p = params.value();
    auto page = st.fleets.list(c.scope, p.last_id, p.limit, p.filter_values);
    json_out out;
    out.begin_object().begin_array("fleetDetails");
    for (const auto& f : page.rows) {
        out.begin_object().field("name", f.name).field("arn", f.arn).timestamp("createdAt", f.created_ms);
        write_last_deployment(out, st, f.arn);
        out.end_object();
    }
    out.end_array();
    if (page.more) out.field("nextToken", next_token(st, c, true, page.rows.back().id));
    out.end_object();
    return out.take();
}

// The fleet and robot named by a Register/DeregisterRobot request, both of which must exist.
struct membership {
    std::string fleet_arn;
    std::string robot_arn;
    std::optional<std::string> current_fleet;  // the fleet the robot is in now
};

result<membership> find_membership(state& st, const call& c) {
    membership m{req_string(c.body, "fleet"), req_string(c.body, "robot"), std::nullopt};
    if (!st.fleets.find(c.scope, m.fleet_arn)) return fleet_not_found(m.fleet_arn);
    auto robot = st.robots.find(c.scope, m.robot_arn);
    if (!robot) return robot_not_found(m.robot_arn);
    m.current_fleet = robot->fleet_arn;
    return m;
}

result<std::string> register_robot(state& st, const call& c) {
    auto found = find_membership(st, c);
    if (!found) return found.error();
    const auto& [fleet_arn, robot_arn, current_fleet] = found.value();
    if (current_fleet == fleet_arn) return fleet_and_robot(fleet_arn, robot_arn);  // already there: no change
    if (current_fleet) {
        return invalid_parameter("Robot '" + quote_for_message(robot_arn) + "' is already registered to fleet '" + *current_fleet +
                                 "'; deregister it first.");
    }
    if (st.robots.count_in_fleet(fleet_arn) >= st.config.limits.robots_per_fleet) {
        return limit_exceeded("Fleet '" + quote_for_message(fleet_arn) + "' already has " +
                              std::to_string(st.config.limits.robots_per_fleet) + " robots, the most allowed.");
    }
    st.robots.register_to(robot_arn, fleet_arn, "Registered");
    return fleet_and_robot(fleet_arn, robot_arn);
}

result<std::string> deregister_robot(state& st, const call& c) {
    auto found = find_membership(st, c);
    if (!found) return found.error();
    const auto& [fleet_arn, robot_arn, current_fleet] = found.value();
    if (current_fleet != fleet_arn) {
        return invalid_parameter("Robot '" + quote_for_message(robot_arn) + "' is not registered to fleet '" + quote_for_message(fleet_arn) + "'.");
    }
    st.robots.deregister(robot_arn, "Available");
    return fleet_and_robot(fleet_arn, robot_arn);
}

}  // namespace rml::api::ops
