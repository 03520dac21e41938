#include "api/control/job_timeline.hpp"

#include "api/engine/engine.hpp"
#include "api/json_out.hpp"
#include "api/message_quote.hpp"
#include "store/transaction.hpp"

namespace rml::api::control {

result<std::string> job_timeline(state& st, const std::string& job_ref) {
    engine::catch_up(st);
    store::transaction snapshot(st.db, false);
    auto job = st.jobs.find_by_ref(job_ref);
    if (!job) return not_found("Deployment job '" + quote_for_message(job_ref) + "' does not exist.");
    json_out out;
    out.begin_object().field("job", job->arn).field("status", job->status).begin_array("events");
    for (const auto& e : st.jobs.events(job->id)) {
        out.begin_object();
        out.timestamp_ms("time", e.sim_ms).timestamp_ms("wallTime", e.wall_ms);
        out.field("resource", e.robot_arn ? "robot" : "job");
        out.field("arn", e.robot_arn.value_or(job->arn));
        out.field("oldStatus", e.old_status).field("newStatus", e.new_status).field("step", e.step);
        out.field("failureCode", e.failure_code).field("failureReason", e.failure_reason);
        out.end_object();
    }
    out.end_array().end_object();
    return out.take();
}

}  // namespace rml::api::control
