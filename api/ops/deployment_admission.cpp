#include "api/ops/deployment_admission.hpp"

#include "api/arn.hpp"
#include "api/engine/transitions.hpp"
#include "api/message_quote.hpp"

namespace rml::api::ops {

result<std::optional<store::job_row>> earlier_job(state& st, const call& c, const std::string& token,
                                                  const std::string& fingerprint) {
    auto job = st.jobs.find_by_token(c.scope, token);
    if (!job) return std::optional<store::job_row>();
    if (job->fingerprint != fingerprint) {
        return idempotent_mismatch("The clientRequestToken '" + quote_for_message(token) + "' was already used by job '" + job->arn +
                                   "' with different parameters.");
    }
    return job;
}

result<store::job_row> admit_job(state& st, const call& c, const new_job& j) {
    if (auto active = st.jobs.active_for_fleet(j.fleet_arn)) {
        return concurrent_deployment("Fleet '" + quote_for_message(j.fleet_arn) + "' already has an active deployment job '" +
                                     active->arn + "' (" + active->status + ").");
    }
    if (st.jobs.count_active(c.scope) >= st.config.limits.active_deployment_jobs) {
        return quota_reached(st.config.limits.active_deployment_jobs, "active deployment jobs");
    }
    store::job_row row;
    do {
        row.arn = "arn:aws:robomaker:" + c.scope.region + ":" + c.scope.account + ":deployment-job/deployment-" +
                  st.ids.base36(12);  // SEMANTICS §3
    } while (st.jobs.arn_exists(row.arn));
    row.fleet_arn = j.fleet_arn;
    row.fleet_name = j.fleet_name;
    row.status = "Pending";
    row.created_ms = st.clock.now_ms();
    row.due_ms = row.created_ms + st.config.durations.pending_ms;
    row.deployment_config = j.deployment_config;
    row.application_configs = j.application_configs;
    row.client_token = j.client_token;
    row.fingerprint = j.fingerprint;
    row.sync_of = j.sync_of;
    st.jobs.insert(c.scope, row);
    engine::job_event(st, row, "", row.created_ms);
    st.schedule.invalidate();
    return row;
}

}  // namespace rml::api::ops
