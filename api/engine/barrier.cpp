// Barriers (DESIGN §2, /_emulator/jobs/{jobId}/hold and /release): a held job keeps its state
// while simulated time passes. Holding moves the due times of the job and its robots aside as
// time left; releasing brings them back from the present, so the job continues as if the held
// span had not happened.
#include "api/engine/engine.hpp"
#include "api/engine/transitions.hpp"
#include "api/state.hpp"

namespace rml::api::engine {
namespace {

void hold_now(state& st, store::job_row& job, std::int64_t t) {
    job.held = true;
    job.held_at_ms = t;
    job.held_left_ms.reset();
    if (job.due_ms) job.held_left_ms = std::max<std::int64_t>(0, *job.due_ms - t);
    job.due_ms.reset();
    st.jobs.hold_robots(job.id, t);
    st.jobs.update(job);
}

}  // namespace

void hold_if_due(state& st, store::job_row& job, std::int64_t t) {
    if (!job.held && job.hold_status == job.status) hold_now(st, job, t);
}

void set_hold(state& st, store::job_row& job, const std::string& status, std::int64_t now_ms) {
    if (job.held) release_hold(st, job, now_ms);
    job.hold_status = status;
    st.jobs.update(job);
    hold_if_due(st, job, now_ms);
    st.schedule.invalidate();
}

void release_hold(state& st, store::job_row& job, std::int64_t now_ms) {
    if (job.held) {
        if (job.held_left_ms) job.due_ms = now_ms + *job.held_left_ms;
        st.jobs.release_robots(job.id, now_ms, now_ms - job.held_at_ms.value_or(now_ms));
    }
    job.held = false;
    job.held_at_ms.reset();
    job.held_left_ms.reset();
    job.hold_status.reset();
    st.jobs.update(job);
    st.schedule.invalidate();
}

}  // namespace rml::api::engine
