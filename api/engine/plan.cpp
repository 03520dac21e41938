#include "api/engine/plan.hpp"

#include <rapidjson/document.h>

#include "api/engine/rules.hpp"
#include "api/input.hpp"

namespace rml::api::engine {
namespace {

// arn:aws:robomaker:REGION:ACCOUNT:robot-application/NAME/EPOCHMS -> NAME
std::string application_name_of(const std::string& arn) {
    auto slash = arn.find('/');
    if (slash == std::string::npos) return arn;
    auto end = arn.find('/', slash + 1);
    return arn.substr(slash + 1, end == std::string::npos ? std::string::npos : end - slash - 1);
}

}  // namespace

job_plan parse_plan(const store::job_row& job) {
    job_plan p;
    p.job_key = std::to_string(job.id);

    rapidjson::Document apps;
    apps.Parse(job.application_configs.c_str());
    bool pre = false, post = false;
    if (apps.IsArray() && !apps.Empty()) {
        const auto& a = apps[0];
        p.application_arn = req_string(a, "application");
        p.application_name = application_name_of(p.application_arn);
        p.version = req_string(a, "applicationVersion");
        if (auto lc = a.FindMember("launchConfig"); lc != a.MemberEnd() && lc->value.IsObject()) {
            p.launch_file = req_string(lc->value, "launchFile");
            pre = lc->value.HasMember("preLaunchFile");
            post = lc->value.HasMember("postLaunchFile");
            p.environment = tags_of(lc->value, "environmentVariables");
        }
    }
    if (job.deployment_config) {
        rapidjson::Document cfg;
        cfg.Parse(job.deployment_config->c_str());
        if (cfg.IsObject()) {
            if (auto v = opt_int(cfg, "concurrentDeploymentPercentage")) p.concurrency = static_cast<int>(*v);
            if (auto v = opt_int(cfg, "failureThresholdPercentage")) p.threshold = static_cast<int>(*v);
            if (auto v = opt_int(cfg, "robotDeploymentTimeoutInSeconds")) p.timeout_ms = *v * 1000;
            if (auto d = cfg.FindMember("downloadConditionFile"); d != cfg.MemberEnd() && d->value.IsObject()) {
                p.download_condition = s3_object_ref{req_string(d->value, "bucket"), req_string(d->value, "key"),
                                                     opt_string(d->value, "etag")};
            }
        }
    }
    p.steps = steps_for(p.download_condition.has_value(), pre, post);
    return p;
}

robot_step step_after(const job_plan& plan, robot_step step) {
    for (std::size_t i = 0; i + 1 < plan.steps.size(); ++i) {
        if (plan.steps[i] == step) return plan.steps[i + 1];
    }
    return robot_step::finished;
}

const job_plan& schedule::plan_for(const store::job_row& job) {
    auto it = plans.find(job.arn);
    if (it == plans.end()) it = plans.emplace(job.arn, parse_plan(job)).first;
    return it->second;
}

}  // namespace rml::api::engine
