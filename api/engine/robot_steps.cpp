// Robot-level transitions (SEMANTICS §6-§7): a robot leaves the queue, walks its steps, and ends
// InSync, Failed or NoResponse. An offline robot stalls at a step boundary until it comes back
// or its deployment timeout passes.
#include <algorithm>

#include "api/engine/failure_codes.hpp"
#include "api/engine/transitions.hpp"
#include "api/control/objects.hpp"
#include "api/state.hpp"

namespace rml::api::engine {
namespace {

void begin_step(state& st, const job_plan& plan, store::job_robot_row& r, robot_step step, std::int64_t t) {
    r.step = std::string(step_name(step));
    r.step_started_ms = t;
    if (robot_offline(st, r.robot_arn)) {
        r.stalled = true;
        r.due_ms = std::max(t, r.started_ms.value_or(t) + plan.timeout_ms);
    } else {
        r.stalled = false;
        r.due_ms = t + robot_step_ms(st.config.durations, st.config.seed, plan.job_key, r.position, step);
    }
}

// The natural or injected failure of a robot whose `step` just ended, if any.
std::optional<std::string> step_failure(state& st, const job_plan& plan, const store::job_robot_row& r,
                                        robot_step step) {
    // Includes MissingRobotApplicationArchitecture, decided as the job left Preparing.
    if (r.fail_code && r.fail_step == step_name(step)) return r.fail_code;
    if (step == robot_step::executing_download_condition && plan.download_condition) {
        const auto& d = *plan.download_condition;
        auto etag = control::object_etag(st, d.bucket, d.key);
        if (!etag || (d.etag && *d.etag != *etag)) return "DownloadConditionFailed";
    }
    return std::nullopt;
}

// Ends the robot's deployment with `status` (InSync, Failed or NoResponse).
void end_robot(state& st, store::job_row& job, const job_plan& plan, store::job_robot_row& r,
               const std::string& status, const std::optional<std::string>& code, std::int64_t t) {
    std::string old = r.status;
    r.status = status;
    if (!code) r.step = std::string(step_name(robot_step::finished));
    r.failure_code = code;
    if (code) r.failure_reason = std::string(failure_reason(*code));
    r.due_ms.reset();
    r.stalled = false;
    r.finished_ms = t;
    st.jobs.update_robot(r);
    st.robots.set_last_deployment(r.robot_arn, r.register_seq, status, job.arn, job.created_ms);
    robot_event(st, job.arn, r, old, t);
    robot_finished(st, job, plan, code.has_value(), t);
}

}  // namespace

void start_robot(state& st, store::job_row& job, const job_plan& plan, int position, std::int64_t t) {
    auto r = st.jobs.robot(job.id, position);
    job.next_position = position + 1;
    if (!r) return;
    job.deploying_count += 1;
    std::string old = r->status;
    r->status = "Deploying";
    r->started_ms = t;
    begin_step(st, plan, *r, robot_step::validating, t);
    st.jobs.update_robot(*r);
    st.robots.set_deployment_status(r->robot_arn, r->register_seq, r->status);
    robot_event(st, job.arn, *r, old, t);
}

void robot_due(state& st, store::job_row& job, int position, std::int64_t t) {
    auto r = st.jobs.robot(job.id, position);
    if (!r) return;
    if (r->status != "Deploying" || !r->step) {  // not deploying: nothing is due
        r->due_ms.reset();
        st.jobs.update_robot(*r);
        return;
    }
    const auto& plan = st.schedule.plan_for(job);
    auto step = step_from_name(*r->step).value_or(robot_step::validating);
    if (r->stalled) {
        if (robot_offline(st, r->robot_arn)) {
            end_robot(st, job, plan, *r, "NoResponse", std::string("RobotDeploymentNoResponse"), t);
            return;
        }
        begin_step(st, plan, *r, step, t);  // back online: the step starts now
        st.jobs.update_robot(*r);
        robot_event(st, job.arn, *r, r->status, t);
        return;
    }
    if (auto code = step_failure(st, plan, *r, step)) {
        end_robot(st, job, plan, *r, *code == "RobotDeploymentNoResponse" ? "NoResponse" : "Failed", code, t);
        return;
    }
    auto next = step_after(plan, step);
    if (next == robot_step::finished) {
        end_robot(st, job, plan, *r, "InSync", std::nullopt, t);
        return;
    }
    begin_step(st, plan, *r, next, t);
    st.jobs.update_robot(*r);
    robot_event(st, job.arn, *r, r->status, t);
}

bool robot_offline(state& st, const std::string& robot_arn) {
    return st.tags.value(robot_arn, "emulator:offline") == std::optional<std::string>("true");
}

}  // namespace rml::api::engine
