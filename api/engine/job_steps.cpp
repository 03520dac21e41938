// Job-level transitions (SEMANTICS §6): Pending -> Preparing (the job takes its robots) ->
// InProgress (after its checks) -> Succeeded | Failed, and the 30-day fleet deployment timeout.
#include <algorithm>

#include "api/engine/failure_codes.hpp"
#include "api/engine/rules.hpp"
#include "api/engine/transitions.hpp"
#include "api/control/objects.hpp"
#include "api/state.hpp"

namespace rml::api::engine {
namespace {

constexpr std::int64_t fleet_timeout_ms = 30LL * 24 * 3600 * 1000;

// Robots whose status is InSync with the same deployment as the job are skipped by a sync job.
bool in_sync_with(state& st, const store::robot_row& r, const store::job_row& job) {
    return r.status == "InSync" && r.last_deployment_job &&
           st.jobs.same_deployment(*r.last_deployment_job, job.application_configs);
}

void enter_preparing(state& st, store::job_row& job, std::int64_t t) {
    job.status = "Preparing";
    job.due_ms = t + st.config.durations.preparing_ms;
    job_event(st, job, "Pending", t);
    int position = 0;
    for (const auto& r : st.robots.in_fleet(job.fleet_arn, 1 << 30)) {
        if (job.sync_of && in_sync_with(st, r, job)) continue;
        store::job_robot_row jr;
        jr.job_id = job.id;
        jr.position = position++;
        jr.robot_arn = r.arn;
        jr.robot_name = r.name;
        jr.architecture = r.architecture;
        jr.prior_status = r.status;
        jr.status = "PendingNewDeployment";
        jr.register_seq = r.register_seq.value_or(0);
        st.jobs.insert_robot(jr);
        st.robots.set_deployment_status(r.arn, jr.register_seq, jr.status);
        robot_event(st, job.arn, jr, r.status, t);
    }
    job.robot_count = position;
    st.jobs.update(job);
    hold_if_due(st, job, t);
}

// The checks of a job leaving Preparing; the failure code, or nullopt when it may proceed.
std::optional<std::string> preparing_failure(state& st, const store::job_row& job,
                                             const std::optional<store::version_row>& version) {
    if (!st.fleets.arn_exists(job.fleet_arn)) return "DeploymentFleetDoesNotExist";
    if (!version) return "RobotApplicationDoesNotExist";
    for (const auto& src : version->sources) {
        auto etag = control::object_etag(st, src.bucket, src.key);
        if (!etag) return "ResourceNotFound";
        if (src.etag && *etag != *src.etag) return "EtagMismatch";
    }
    return std::nullopt;
}

// A version without sources (a container image) suits every architecture.
bool has_source_for(const store::version_row& version, const std::string& architecture) {
    return version.sources.empty() ||
           std::any_of(version.sources.begin(), version.sources.end(),
                       [&](const auto& s) { return s.architecture == architecture; });
}

void enter_in_progress(state& st, store::job_row& job, std::int64_t t) {
    const auto& plan = st.schedule.plan_for(job);
    auto version = st.applications.find_version(plan.application_arn, plan.version);
    auto code = preparing_failure(st, job, version);
    if (!code) {
        for (auto& r : st.jobs.robots(job.id)) {
            plan_injected_failure(st, job, plan, r);
            const auto* info = r.fail_code ? find_failure_code(*r.fail_code) : nullptr;
            bool job_level = info && info->job_level;
            if (!job_level && !has_source_for(*version, r.architecture)) {  // decided now: the version may go
                r.fail_code = "MissingRobotApplicationArchitecture";
                r.fail_step = std::string(step_name(robot_step::validating));
            }
            if (!r.fail_code) continue;
            st.jobs.update_robot(r);
            if (job_level && !code) code = *r.fail_code;
        }
    }
    if (code) {
        finish_job(st, job, "Failed", code, t);
        return;
    }
    job.status = "InProgress";
    job.started_ms = t;
    job.due_ms = t + fleet_timeout_ms;
    job_event(st, job, "Preparing", t);
    if (job.robot_count == 0) {
        finish_job(st, job, "Succeeded", std::nullopt, t);
        return;
    }
    int window = window_size(job.robot_count, plan.concurrency);
    for (int i = 0; i < window; ++i) start_robot(st, job, plan, job.next_position, t);
    st.jobs.update(job);
    hold_if_due(st, job, t);
}

}  // namespace

void job_due(state& st, std::int64_t job_id, std::int64_t t) {
    auto job = st.jobs.find_by_id(job_id);
    if (!job) return;
    if (job->status == "Pending") {
        enter_preparing(st, *job, t);
    } else if (job->status == "Preparing") {
        enter_in_progress(st, *job, t);
    } else if (job->status == "InProgress") {
        finish_job(st, *job, "Failed", std::string("FleetDeploymentTimeout"), t);
    } else {
        job->due_ms.reset();
        st.jobs.update(*job);
    }
}

void finish_job(state& st, store::job_row& job, const std::string& status, const std::optional<std::string>& code,
                std::int64_t t) {
    std::string old = job.status;
    job.status = status;
    job.failure_code = code;
    if (code) job.failure_reason = std::string(failure_reason(*code));
    job.finished_ms = t;
    job.due_ms.reset();
    job.hold_status.reset();  // a barrier ends with its job
    job.held = false;
    job.held_at_ms.reset();
    job.held_left_ms.reset();
    st.jobs.forget_held_robots(job.id);
    for (auto& r : st.jobs.unfinished_robots(job.id)) {
        std::string was = r.status;
        r.status = r.prior_status;
        r.failure_code = "RobotDeploymentAborted";
        r.failure_reason = std::string(failure_reason("RobotDeploymentAborted"));
        r.due_ms.reset();
        r.stalled = false;
        if (r.started_ms) r.finished_ms = t;  // a robot still queued never started nor finished
        st.jobs.update_robot(r);
        st.robots.set_deployment_status(r.robot_arn, r.register_seq, r.prior_status);
        robot_event(st, job.arn, r, was, t);
    }
    job.deploying_count = 0;
    st.jobs.update(job);
    job_event(st, job, old, t);
    st.schedule.plans.erase(job.arn);  // a terminal job has no transitions left; callers return now
}

void robot_finished(state& st, store::job_row& job, const job_plan& plan, bool failed, std::int64_t t) {
    job.deploying_count -= 1;
    if (failed) job.failed_count += 1;
    if (failed && threshold_breached(job.failed_count, job.robot_count, plan.threshold)) {
        finish_job(st, job, "Failed", std::string("FailureThresholdBreached"), t);
        return;
    }
    if (job.next_position < job.robot_count) {
        start_robot(st, job, plan, job.next_position, t);
    } else if (job.deploying_count == 0) {
        finish_job(st, job, "Succeeded", std::nullopt, t);
        return;
    }
    st.jobs.update(job);
}

}  // namespace rml::api::engine
