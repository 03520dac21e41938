// CancelDeploymentJob and SyncDeploymentJob (SEMANTICS §6).
#include "api/ops/deployment_admission.hpp"
#include "api/ops/deployment_jobs.hpp"
#include "api/ops/deployment_json.hpp"
#include "api/engine/engine.hpp"
#include "api/input.hpp"
#include "api/message_quote.hpp"

namespace rml::api::ops {

result<std::string> cancel_deployment_job(state& st, const call& c) {
    auto arn = req_string(c.body, "job");
    auto job = st.jobs.find(c.scope, arn);
    if (!job) return not_found("Deployment job '" + quote_for_message(arn) + "' does not exist.");
    if (job->status == "Canceled") return std::string("{}");
    if (job->status == "Succeeded" || job->status == "Failed") {
        return invalid_parameter("Deployment job '" + quote_for_message(arn) + "' already ended " + job->status + "; it cannot be canceled.");
    }
    engine::cancel_job(st, *job, st.clock.now_ms());
    return std::string("{}");
}

result<std::string> sync_deployment_job(state& st, const call& c) {
    new_job j;
    j.fleet_arn = req_string(c.body, "fleet");
    j.client_token = req_string(c.body, "clientRequestToken");
    j.fingerprint = "SyncDeploymentJob\n" + j.fleet_arn;
    auto earlier = earlier_job(st, c, j.client_token, j.fingerprint);
    if (!earlier) return earlier.error();

    std::optional<store::job_row> job = earlier.value();
    if (!job) {
        auto fleet = st.fleets.find(c.scope, j.fleet_arn);
        if (!fleet) return not_found("Fleet '" + quote_for_message(j.fleet_arn) + "' does not exist.");
        auto good = st.jobs.latest_succeeded_for_fleet(j.fleet_arn);
        if (!good) {
            return invalid_parameter("Fleet '" + quote_for_message(j.fleet_arn) + "' has no Succeeded deployment job to sync with.");
        }
        j.fleet_name = fleet->name;
        j.deployment_config = good->deployment_config;
        j.application_configs = good->application_configs;
        j.sync_of = good->arn;
        auto admitted = admit_job(st, c, j);
        if (!admitted) return admitted.error();
        job = admitted.value();
    }
    json_out out;
    out.begin_object();
    write_job_fields(out, *job);
    out.end_object();
    return out.take();
}

}  // namespace rml::api::ops
