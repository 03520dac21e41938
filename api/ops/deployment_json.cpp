#include "api/ops/deployment_json.hpp"

#include <algorithm>
#include <cmath>

namespace rml::api::ops {
namespace {

void write_progress(json_out& out, const store::job_row& job, const store::job_robot_row& r, std::int64_t now_ms) {
    out.key("progressDetail").begin_object();
    out.field("currentProgress", r.step);
    bool downloading = r.status == "Deploying" && r.step == std::optional<std::string>("DownloadingExtracting");
    // A held job's robots stand still at the instant of the hold.
    if (job.held && job.held_at_ms) now_ms = *job.held_at_ms;
    auto due = r.due_ms;
    if (job.held && r.held_left_ms) due = now_ms + *r.held_left_ms;
    if (downloading && r.step_started_ms && due) {
        double span = static_cast<double>(*due - *r.step_started_ms);
        double done = r.stalled || span <= 0 ? 0.0 : static_cast<double>(now_ms - *r.step_started_ms) / span;
        done = std::clamp(done, 0.0, 1.0);
        out.key("percentDone").number(std::round(done * 1000.0) / 10.0);
        std::int64_t left_ms = std::max<std::int64_t>(0, *due - now_ms);
        out.field("estimatedTimeRemainingSeconds", (left_ms + 999) / 1000);
    }
    out.field("targetResource", job.arn);
    out.end_object();
}

}  // namespace

void write_job_fields(json_out& out, const store::job_row& job) {
    out.field("arn", job.arn).field("fleet", job.fleet_arn).field("status", job.status);
    if (job.deployment_config) out.raw("deploymentConfig", *job.deployment_config);
    out.raw("deploymentApplicationConfigs", job.application_configs);
    out.field("failureReason", job.failure_reason).field("failureCode", job.failure_code);
    out.timestamp("createdAt", job.created_ms);
}

void write_robot_summary(json_out& out, state& st, const store::job_row& job, std::int64_t now_ms) {
    out.begin_array("robotDeploymentSummary");
    for (const auto& r : st.jobs.robots(job.id)) {
        out.begin_object().field("arn", r.robot_arn);
        out.timestamp("deploymentStartTime", r.started_ms).timestamp("deploymentFinishTime", r.finished_ms);
        out.field("status", r.status);
        write_progress(out, job, r, now_ms);
        out.field("failureReason", r.failure_reason).field("failureCode", r.failure_code);
        out.end_object();
    }
    out.end_array();
}

}  // namespace rml::api::ops
