#include "api/ops/deployment_jobs.hpp"

#include "api/ops/deployment_admission.hpp"
#include "api/ops/deployment_json.hpp"
#include "api/engine/fail_spec.hpp"
#include "api/input.hpp"
#include "api/listing.hpp"
#include "api/model/projection.hpp"
#include "api/model/shapes.hpp"
#include "api/ops/tag_rules.hpp"
#include "api/message_quote.hpp"

namespace rml::api::ops {
namespace {

constexpr int max_job_page = 200;
constexpr std::int64_t min_robot_timeout_s = 60;
constexpr std::int64_t max_robot_timeout_s = 604800;

std::string projected(const call& c, const char* member) {
    const auto* shape = model::member_shape(*model::input_shape(c.operation), member);
    return model::project_json(*shape, c.body[member]);
}

// Checks beyond the model: the robot timeout's range and the EMULATOR_FAIL variable's syntax.
std::optional<api_error> check_job_request(const rapidjson::Value& body) {
    if (auto cfg = body.FindMember("deploymentConfig"); cfg != body.MemberEnd()) {
        if (auto t = opt_int(cfg->value, "robotDeploymentTimeoutInSeconds");
            t && (*t < min_robot_timeout_s || *t > max_robot_timeout_s)) {
            return invalid_parameter("Value '" + std::to_string(*t) +
                                     "' at 'deploymentConfig.robotDeploymentTimeoutInSeconds' failed to satisfy "
                                     "constraint: Member must lie between 60 and 604800 seconds");
        }
    }
    const auto& launch = body["deploymentApplicationConfigs"][0]["launchConfig"];
    if (auto env = launch.FindMember("environmentVariables"); env != launch.MemberEnd()) {
        if (auto fail = opt_string(env->value, "EMULATOR_FAIL")) {
            auto parsed = engine::parse_fail_spec(*fail, false);
            if (auto* why = std::get_if<std::string>(&parsed)) {
                return invalid_parameter("EMULATOR_FAIL '" + quote_for_message(*fail) + "': " + quote_for_message(*why) + "; expected CODE[@STEP][:ROBOTNAME]");
            }
        }
    }
    return std::nullopt;
}

std::string create_response(state& st, const store::job_row& job) {
    json_out out;
    out.begin_object();
    write_job_fields(out, job);
    auto tags = st.tags.get(job.arn);
    if (!tags.empty()) out.tags("tags", tags);
    out.end_object();
    return out.take();
}

}  // namespace

result<std::string> create_deployment_job(state& st, const call& c) {
    new_job j;
    j.fleet_arn = req_string(c.body, "fleet");
    j.client_token = req_string(c.body, "clientRequestToken");
    if (c.body.HasMember("deploymentConfig")) j.deployment_config = projected(c, "deploymentConfig");
    j.application_configs = projected(c, "deploymentApplicationConfigs");
    auto tags = tags_of(c.body);
    j.fingerprint = "CreateDeploymentJob\n" + j.fleet_arn + "\n" + j.deployment_config.value_or("") + "\n" +
                    j.application_configs + "\n" + (c.body.HasMember("tags") ? projected(c, "tags") : "");
    if (auto err = check_job_request(c.body)) return *err;
    auto earlier = earlier_job(st, c, j.client_token, j.fingerprint);
    if (!earlier) return earlier.error();
    if (earlier.value()) return create_response(st, *earlier.value());
    if (auto err = check_new_tags(st, {}, tags)) return *err;

    auto fleet = st.fleets.find(c.scope, j.fleet_arn);
    if (!fleet) return not_found("Fleet '" + quote_for_message(j.fleet_arn) + "' does not exist.");
    j.fleet_name = fleet->name;
    const auto& app_config = c.body["deploymentApplicationConfigs"][0];
    auto app_arn = req_string(app_config, "application");
    auto version = req_string(app_config, "applicationVersion");
    if (!st.applications.find_by_arn(c.scope, app_arn)) {
        return not_found("Robot application '" + quote_for_message(app_arn) + "' does not exist.");
    }
    if (!st.applications.find_version(app_arn, version)) {
        return not_found("Version '" + quote_for_message(version) + "' of robot application '" + quote_for_message(app_arn) + "' does not exist.");
    }
    if (st.robots.count_in_fleet(j.fleet_arn) == 0) {
        return invalid_parameter("Fleet '" + quote_for_message(j.fleet_arn) + "' has no robots to deploy to.");
    }
    auto job = admit_job(st, c, j);
    if (!job) return job.error();
    st.tags.put(job.value().arn, tags);
    return create_response(st, job.value());
}

result<std::string> describe_deployment_job(state& st, const call& c) {
    auto arn = req_string(c.body, "job");
    auto job = st.jobs.find(c.scope, arn);
    if (!job) return not_found("Deployment job '" + quote_for_message(arn) + "' does not exist.");
    json_out out;
    out.begin_object();
    write_job_fields(out, *job);
    write_robot_summary(out, st, *job, st.clock.now_ms());
    out.tags("tags", st.tags.get(job->arn));
    out.end_object();
    return out.take();
}

result<std::string> list_deployment_jobs(state& st, const call& c) {
    auto params = parse_list(st, c, max_job_page, {"status", "fleetName"});
    if (!params) return params.error();
    const auto& p = params.value();
    store::filter_values none;
    auto page = st.jobs.list(c.scope, p.last_id, p.limit, p.filter_name == "status" ? p.filter_values : none,
                             p.filter_name == "fleetName" ? p.filter_values : none);
    json_out out;
    out.begin_object().begin_array("deploymentJobs");
    for (const auto& job : page.rows) {
        out.begin_object();
        write_job_fields(out, job);
        out.end_object();
    }
    out.end_array();
    if (page.more) out.field("nextToken", next_token(st, c, true, page.rows.back().id));
    out.end_object();
    return out.take();
}

}  // namespace rml::api::ops
