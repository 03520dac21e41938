#include "api/control/job_lookup.hpp"

#include <rapidjson/document.h>

#include "api/engine/engine.hpp"
#include "api/message_quote.hpp"
#include "api/ops/deployment_jobs.hpp"
#include "store/transaction.hpp"

namespace rml::api::control {
namespace {

// arn:aws:robomaker:REGION:ACCOUNT:deployment-job/... -> (ACCOUNT, REGION)
store::scope scope_of(const std::string& arn) {
    std::string parts[6];
    std::size_t start = 0;
    for (int i = 0; i < 5; ++i) {
        auto colon = arn.find(':', start);
        if (colon == std::string::npos) return {};
        parts[i] = arn.substr(start, colon - start);
        start = colon + 1;
    }
    return {parts[4], parts[3]};
}

}  // namespace

std::optional<job_brief> job_status(state& st, const std::string& job_ref) {
    engine::catch_up(st);
    store::transaction snapshot(st.db, false);
    auto job = st.jobs.find_by_ref(job_ref);
    if (!job) return std::nullopt;
    return job_brief{job->arn, job->status};
}

result<std::string> describe_job(state& st, const std::string& job_ref) {
    engine::catch_up(st);
    store::transaction snapshot(st.db, false);
    auto job = st.jobs.find_by_ref(job_ref);
    if (!job) return not_found("Deployment job '" + quote_for_message(job_ref) + "' does not exist.");
    rapidjson::Document body(rapidjson::kObjectType);
    body.AddMember("job", rapidjson::Value(job->arn.c_str(), body.GetAllocator()), body.GetAllocator());
    auto scope = scope_of(job->arn);
    return ops::describe_deployment_job(st, call{scope, body, "DescribeDeploymentJob"});
}

}  // namespace rml::api::control
