#include "api/ops/robots.hpp"

#include "api/arn.hpp"
#include "api/input.hpp"
#include "api/json_out.hpp"
#include "api/listing.hpp"
#include "api/ops/robot_json.hpp"
#include "api/ops/tag_rules.hpp"
#include "api/message_quote.hpp"

namespace rml::api::ops {
namespace {

constexpr int max_robot_page = 200;

api_error robot_not_found(const std::string& arn) { return not_found("Robot '" + quote_for_message(arn) + "' does not exist."); }

}  // namespace

result<std::string> create_robot(state& st, const call& c) {
    store::robot_row row;
    row.name = req_string(c.body, "name");
    row.architecture = req_string(c.body, "architecture");
    row.greengrass_group_id = req_string(c.body, "greengrassGroupId");
    row.status = "Available";
    auto tags = tags_of(c.body);
    if (auto err = check_new_tags(st, {}, tags)) return *err;
    if (st.robots.name_exists(c.scope, row.name)) {
        return already_exists("Robot with name '" + row.name + "' already exists.");
    }
    if (st.robots.count(c.scope) >= st.config.limits.robots) {
        return quota_reached(st.config.limits.robots, "robots");
    }
    assign_arn(row, c.scope, "robot", st.clock.now_ms(), [&](auto& a) { return st.robots.arn_exists(a); });
    st.robots.insert(c.scope, row);
    st.tags.put(row.arn, tags);

    json_out out;
    out.begin_object()
        .field("arn", row.arn)
        .field("name", row.name)
        .timestamp("createdAt", row.created_ms)
        .field("greengrassGroupId", row.greengrass_group_id)
        .field("architecture", row.architecture);
    if (!tags.empty()) out.tags("tags", tags);
    out.end_object();
    return out.take();
}

result<std::string> delete_robot(state& st, const call& c) {
    auto arn = req_string(c.body, "robot");
    if (!st.robots.remove(c.scope, arn)) return robot_not_found(arn);
    st.tags.remove_all(arn);
    return std::string("{}");
}

result<std::string> describe_robot(state& st, const call& c) {
    auto arn = req_string(c.body, "robot");
    auto r = st.robots.find(c.scope, arn);
    if (!r) return robot_not_found(arn);
    json_out out;
    out.begin_object()
        .field("arn", r->arn)
        .field("name", r->name)
        .field("fleetArn", r->fleet_arn)
        .field("status", r->status)
        .field("greengrassGroupId", r->greengrass_group_id)
        .timestamp("createdAt", r->created_ms)
        .field("architecture", r->architecture)
        .field("lastDeploymentJob", r->last_deployment_job)
        .timestamp("lastDeploymentTime", r->last_deployment_ms)
        .tags("tags", st.tags.get(r->arn))
        .end_object();
    return out.take();
}

result<std::string> list_robots(state& st, const call& c) {
    auto params = parse_list(st, c, max_robot_page, {"status", "fleetName"});
    if (!params) return params.error();
    const auto& p = params.value();
    store::filter_values none;
    auto page = st.robots.list(c.scope, p.last_id, p.limit, p.filter_name == "status" ? p.filter_values : none,
                               p.filter_name == "fleetName" ? p.filter_values : none);
    json_out out;
    out.begin_object().begin_array("robots");
    for (const auto& r : page.rows) write_robot_summary(out, r);
    out.end_array();
    if (page.more) out.field("nextToken", next_token(st, c, true, page.rows.back().id));
    out.end_object();
    return out.take();
}

}  // namespace rml::api::ops
