#include "api/fleets.hpp"

#include "api/arn.hpp"
#include "api/input.hpp"
#include "api/json_out.hpp"
#include "api/listing.hpp"
#include "api/robot_json.hpp"
#include "api/tag_rules.hpp"

namespace rml::api {
namespace {

constexpr int max_fleet_page = 200;
constexpr int max_robots_in_describe = 1000;

api_error fleet_not_found(const std::string& arn) { return not_found("Fleet '" + arn + "' does not exist."); }
api_error robot_not_found(const std::string& arn) { return not_found("Robot '" + arn + "' does not exist."); }

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
        return limit_exceeded("This account already has " + std::to_string(st.config.limits.fleets) +
                              " fleets in this region, the most allowed.");
    }
    store::fleet_row row;
    row.name = req_string(c.body, "name");
    // Fleet names may repeat; the creation millisecond is moved on until the ARN is unique.
    row.created_ms = st.clock.now_ms();
    row.arn = resource_arn(c.scope, "deployment-fleet", row.name, row.created_ms);
    while (st.fleets.arn_exists(row.arn)) {
        row.arn = resource_arn(c.scope, "deployment-fleet", row.name, ++row.created_ms);
    }
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
    for (const auto& r : st.robots.in_fleet(fleet->arn, max_robots_in_describe)) write_robot_summary(out, r);
    out.end_array();
    out.timestamp("createdAt", fleet->created_ms);
    out.tags("tags", st.tags.get(fleet->arn));
    out.end_object();
    return out.take();
}

result<std::string> list_fleets(state& st, const call& c) {
    auto params = parse_list(st, c, max_fleet_page, {"name"});
    if (!params) return params.error();
    const auto& p = params.value();
    auto page = st.fleets.list(c.scope, p.after_id, p.limit, p.filter_values);
    json_out out;
    out.begin_object().begin_array("fleetDetails");
    for (const auto& f : page.rows) {
        out.begin_object().field("name", f.name).field("arn", f.arn).timestamp("createdAt", f.created_ms).end_object();
    }
    out.end_array();
    if (page.more) out.field("nextToken", next_token(st, c, true, page.rows.back().id));
    out.end_object();
    return out.take();
}

result<std::string> register_robot(state& st, const call& c) {
    auto fleet_arn = req_string(c.body, "fleet");
    auto robot_arn = req_string(c.body, "robot");
    if (!st.fleets.find(c.scope, fleet_arn)) return fleet_not_found(fleet_arn);
    auto robot = st.robots.find(c.scope, robot_arn);
    if (!robot) return robot_not_found(robot_arn);
    if (robot->fleet_arn == fleet_arn) return fleet_and_robot(fleet_arn, robot_arn);  // already there: no change
    if (robot->fleet_arn) {
        return invalid_parameter("Robot '" + robot_arn + "' is already registered to fleet '" + *robot->fleet_arn +
                                 "'; deregister it first.");
    }
    if (st.robots.count_in_fleet(fleet_arn) >= st.config.limits.robots_per_fleet) {
        return limit_exceeded("Fleet '" + fleet_arn + "' already has " +
                              std::to_string(st.config.limits.robots_per_fleet) + " robots, the most allowed.");
    }
    st.robots.register_to(robot_arn, fleet_arn, "Registered");
    return fleet_and_robot(fleet_arn, robot_arn);
}

result<std::string> deregister_robot(state& st, const call& c) {
    auto fleet_arn = req_string(c.body, "fleet");
    auto robot_arn = req_string(c.body, "robot");
    if (!st.fleets.find(c.scope, fleet_arn)) return fleet_not_found(fleet_arn);
    auto robot = st.robots.find(c.scope, robot_arn);
    if (!robot) return robot_not_found(robot_arn);
    if (robot->fleet_arn != fleet_arn) {
        return invalid_parameter("Robot '" + robot_arn + "' is not registered to fleet '" + fleet_arn + "'.");
    }
    st.robots.deregister(robot_arn, "Available");
    return fleet_and_robot(fleet_arn, robot_arn);
}

}  // namespace rml::api
