#include <chrono>

#include "api/control/emulator_control.hpp"
#include "api/engine/engine.hpp"
#include "api/engine/transitions.hpp"
#include "api/state.hpp"
#include "store/store_error.hpp"
#include "store/transaction.hpp"

namespace rml::api::engine {
namespace {

constexpr std::int64_t job_lifetime_ms = 90LL * 24 * 3600 * 1000;

std::int64_t wall_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool before(const store::due_event& a, const store::due_event& b) {
    if (a.due_ms != b.due_ms) return a.due_ms < b.due_ms;
    if (a.position < 0 || b.position < 0) return a.position < 0 && b.position >= 0;
    if (a.job_id != b.job_id) return a.job_id < b.job_id;
    return a.position < b.position;
}

}  // namespace

void advance_to(state& st, std::int64_t now_ms) {
    for (;;) {
        auto job_ev = st.jobs.next_job_due();
        auto robot_ev = st.jobs.next_robot_due();
        std::optional<store::due_event> ev = job_ev;
        if (robot_ev && (!ev || before(*robot_ev, *ev))) ev = robot_ev;
        if (!ev || ev->due_ms > now_ms) break;
        if (ev->position < 0) {
            job_due(st, ev->job_id, ev->due_ms);
        } else if (auto job = st.jobs.find_by_id(ev->job_id)) {
            robot_due(st, *job, ev->position, ev->due_ms);
        }
    }
    if (st.jobs.expire(now_ms - job_lifetime_ms) > 0 && st.schedule.job_changed) st.schedule.job_changed("");
    control::save_clock(st);
    st.schedule.invalidate();
}

void catch_up(state& st) {
    auto due = next_due(st);
    auto now = st.clock.now_ms();
    if (!due || *due > now) return;
    store::transaction tx(st.db);
    advance_to(st, now);
    tx.commit();
}

bool catch_up_for_read(state& st) {
    try {
        catch_up(st);
        return true;
    } catch (const store::store_error&) {
        st.schedule.invalidate();  // the rolled-back batch may have moved the cached due time
        return false;
    }
}

std::optional<std::int64_t> next_due(state& st) {
    auto& s = st.schedule;
    if (!s.due_known) {
        std::optional<std::int64_t> due;
        auto consider = [&](std::optional<std::int64_t> t) {
            if (t && (!due || *t < *due)) due = t;
        };
        if (auto e = st.jobs.next_job_due()) consider(e->due_ms);
        if (auto e = st.jobs.next_robot_due()) consider(e->due_ms);
        if (auto oldest = st.jobs.oldest_created_ms()) consider(*oldest + job_lifetime_ms);
        s.next_due_ms = due;
        s.due_known = true;
    }
    return s.next_due_ms;
}

void cancel_job(state& st, store::job_row& job, std::int64_t now_ms) {
    finish_job(st, job, "Canceled", std::nullopt, now_ms);
    st.schedule.invalidate();
}

void fleet_deleted(state& st, const std::string& fleet_arn, std::int64_t now_ms) {
    if (auto job = st.jobs.active_for_fleet(fleet_arn)) {
        finish_job(st, *job, "Failed", std::string("DeploymentFleetDoesNotExist"), now_ms);
        st.schedule.invalidate();
    }
}

void robot_back_online(state& st, const std::string& robot_arn, std::int64_t now_ms) {
    st.jobs.wake_stalled(robot_arn, now_ms);
    st.schedule.invalidate();
    auto robot = st.robots.find_any(robot_arn);
    if (!robot || robot->status != "NoResponse" || !robot->fleet_arn) return;
    auto good = st.jobs.latest_succeeded_for_fleet(*robot->fleet_arn);
    auto seq = robot->register_seq.value_or(0);
    if (good) {
        st.robots.set_last_deployment(robot_arn, seq, "InSync", good->arn, good->created_ms);
    } else {
        st.robots.set_deployment_status(robot_arn, seq, "Registered");
    }
}

void job_event(state& st, const store::job_row& job, const std::string& old_status, std::int64_t t) {
    store::job_event_row e;
    e.job_id = job.id;
    e.sim_ms = t;
    e.wall_ms = wall_now_ms();
    if (!old_status.empty()) e.old_status = old_status;  // empty: the job was just created
    e.new_status = job.status;
    e.failure_code = job.failure_code;
    e.failure_reason = job.failure_reason;
    st.jobs.add_event(e);
    if (st.schedule.transition) st.schedule.transition(job.arn, e);
    if (st.schedule.job_changed) st.schedule.job_changed(job.arn);
}

void robot_event(state& st, const std::string& job_arn, const store::job_robot_row& r, const std::string& old_status,
                 std::int64_t t) {
    store::job_event_row e;
    e.job_id = r.job_id;
    e.sim_ms = t;
    e.wall_ms = wall_now_ms();
    e.robot_arn = r.robot_arn;
    e.old_status = old_status;
    e.new_status = r.status;
    e.step = r.step;
    e.failure_code = r.failure_code;
    e.failure_reason = r.failure_reason;
    st.jobs.add_event(e);
    if (st.schedule.transition) st.schedule.transition(job_arn, e);
}

}  // namespace rml::api::engine
