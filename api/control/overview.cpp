#include "api/control/overview.hpp"

#include <algorithm>
#include <cmath>

#include "api/engine/engine.hpp"
#include "api/json_out.hpp"
#include "store/overview_repo.hpp"
#include "store/transaction.hpp"

namespace rml::api::control {
namespace {

constexpr int max_jobs = 50;
constexpr int max_robots = 1000;  // per fleet, and robots in no fleet
constexpr int max_fleets = 1000;

double tenths(double percent) { return std::round(std::clamp(percent, 0.0, 100.0) * 10.0) / 10.0; }

// Fraction of the robot's current step that has passed (0 when stalled or not timed).
double step_fraction(const store::job_robot_row& r, std::int64_t now_ms) {
    if (r.stalled || !r.step_started_ms || !r.due_ms || *r.due_ms <= *r.step_started_ms) return 0.0;
    return std::clamp(static_cast<double>(now_ms - *r.step_started_ms) /
                          static_cast<double>(*r.due_ms - *r.step_started_ms),
                      0.0, 1.0);
}

// The robot's progress through the job's steps, 0..100: steps done plus the share of the current
// one. InSync is 100; a failed or aborted robot stays where it stopped; a queued one is 0.
double overall_percent(const engine::job_plan& plan, const store::job_robot_row& r, std::int64_t now_ms) {
    if (!r.failure_code && r.status == "InSync") return 100.0;
    if (!r.step) return 0.0;
    std::size_t n = 0, index = 0;
    bool found = false;
    for (auto s : plan.steps) {
        if (s == engine::robot_step::finished) break;
        if (engine::step_name(s) == *r.step) {
            index = n;
            found = true;
        }
        ++n;
    }
    if (n == 0) return 0.0;
    if (!found) return *r.step == engine::step_name(engine::robot_step::finished) ? 100.0 : 0.0;
    double frac = !r.failure_code && r.status == "Deploying" ? step_fraction(r, now_ms) : 0.0;
    return tenths((static_cast<double>(index) + frac) * 100.0 / static_cast<double>(n));
}

void write_job(json_out& out, state& st, const store::job_row& job, std::int64_t now_ms) {
    out.begin_object();
    out.field("arn", job.arn).field("fleet", job.fleet_arn).field("fleetName", job.fleet_name);
    out.field("status", job.status);
    out.field("failureCode", job.failure_code).field("failureReason", job.failure_reason);
    out.timestamp_ms("createdAt", job.created_ms);
    // The engine caches plans of running jobs only; an ended job's plan is parsed for this answer.
    bool running = job.status == "Pending" || job.status == "Preparing" || job.status == "InProgress";
    const auto plan = running ? st.schedule.plan_for(job) : engine::parse_plan(job);
    out.field("concurrency", std::int64_t{plan.concurrency});
    out.begin_array("robots");
    // A held job's robots stand still at the instant of the hold, as in DescribeDeploymentJob.
    if (job.held && job.held_at_ms) now_ms = *job.held_at_ms;
    for (auto r : st.jobs.robots(job.id)) {
        if (job.held && r.held_left_ms) r.due_ms = now_ms + *r.held_left_ms;
        out.begin_object().field("arn", r.robot_arn).field("name", r.robot_name).field("status", r.status);
        out.field("step", r.step);
        out.key("percentDone").number(overall_percent(plan, r, now_ms));
        if (r.status == "Deploying" && r.step == std::optional<std::string>("DownloadingExtracting")) {
            out.key("stepPercentDone").number(tenths(step_fraction(r, now_ms) * 100.0));
        }
        out.field("failureCode", r.failure_code).field("failureReason", r.failure_reason);
        out.end_object();
    }
    out.end_array();
    out.end_object();
}

void write_robot(json_out& out, const std::string& arn, const std::string& name, const std::string& status,
                 const std::string& architecture) {
    out.begin_object().field("arn", arn).field("name", name).field("status", status);
    out.field("architecture", architecture).end_object();
}

}  // namespace

result<std::string> overview(state& st, const std::string& account, const std::string& region) {
    store::scope s{account.empty() ? st.config.default_account : account,
                   region.empty() ? st.config.default_region : region};
    engine::catch_up(st);
    store::transaction snapshot(st.db, false);
    store::overview_repo repo(st.db);
    std::int64_t now_ms = st.clock.now_ms();

    auto scopes = repo.scopes();
    store::scope defaults{st.config.default_account, st.config.default_region};
    auto same = [](const store::scope& a, const store::scope& b) { return a.account == b.account && a.region == b.region; };
    auto less = [](const store::scope& a, const store::scope& b) {
        return a.account != b.account ? a.account < b.account : a.region < b.region;
    };
    for (const auto& extra : {defaults, s}) {
        if (std::none_of(scopes.begin(), scopes.end(), [&](const auto& x) { return same(x, extra); })) {
            scopes.insert(std::lower_bound(scopes.begin(), scopes.end(), extra, less), extra);
        }
    }

    json_out out;
    out.begin_object().begin_array("scopes");
    for (const auto& x : scopes) out.begin_object().field("account", x.account).field("region", x.region).end_object();
    out.end_array();
    out.field("account", s.account).field("region", s.region);
    out.timestamp_ms("now", now_ms);
    out.key("clock").begin_object();
    out.field("mode", st.clock.mode() == engine::clock_mode::manual ? "manual" : "real");
    out.key("scale").number(st.clock.scale());
    out.end_object();

    out.begin_array("fleets");
    for (const auto& f : st.fleets.list(s, 0, max_fleets, {}).rows) {
        out.begin_object().field("arn", f.arn).field("name", f.name);
        if (auto job = st.jobs.latest_for_fleet(f.arn)) {
            out.field("lastDeploymentStatus", job->status).field("lastDeploymentJob", job->arn);
        }
        out.begin_array("robots");
        for (const auto& r : st.robots.in_fleet(f.arn, max_robots)) write_robot(out, r.arn, r.name, r.status, r.architecture);
        out.end_array().end_object();
    }
    out.end_array();

    out.begin_array("unassignedRobots");
    for (const auto& r : repo.unassigned_robots(s, max_robots)) write_robot(out, r.arn, r.name, r.status, r.architecture);
    out.end_array();

    out.begin_array("jobs");
    for (auto id : repo.newest_job_ids(s, max_jobs)) {
        if (auto job = st.jobs.find_by_id(id)) write_job(out, st, *job, now_ms);
    }
    out.end_array();
    out.end_object();
    return out.take();
}

}  // namespace rml::api::control
