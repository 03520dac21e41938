#include "engine_invariants.hpp"

#include <algorithm>
#include <map>

#include "api/engine/failure_codes.hpp"
#include "invariant_rules.hpp"
#include "job_check.hpp"

namespace rml::test::random_engine {
namespace {

void check_robots(api_fixture& f, world& w, report& rep) {
    for (const auto& r : w.robots) {
        if (r.deleted) continue;
        std::string where = "robot " + r.name;
        auto res = f.call("DescribeRobot", R"({"robot":)" + quoted(r.arn) + "}");
        if (!res) {
            rep.fail(where, "DescribeRobot failed: " + res.error().type);
            continue;
        }
        auto d = parse_json(res.value());
        std::string status = d["status"].GetString();
        auto fleet_arn = json_str(d, "fleetArn");
        if (r.fleet < 0) {
            if (status != "Available" || fleet_arn) rep.fail(where, "outside a fleet but " + status);
            continue;
        }
        if (fleet_arn != w.fleets[r.fleet].arn) rep.fail(where, "fleetArn " + opt(fleet_arn));
        // The latest job that took this robot since it last joined its fleet. A job that took it
        // before it left and came back no longer changes it (docs/behaviour.md, "Robots leaving
        // mid-job"), so without one it is Registered.
        const job_model* latest = nullptr;
        for (auto it = w.jobs.rbegin(); it != w.jobs.rend() && !latest; ++it) {
            if (it->fleet == r.fleet && it->robots && it->preparing_ms && *it->preparing_ms > r.membership_ms &&
                std::find(it->robots->begin(), it->robots->end(), r.arn) != it->robots->end()) {
                latest = &*it;
            }
        }
        if (!latest) {
            if (status != "Registered") rep.fail(where, "no deployment since it joined its fleet, yet " + status);
            continue;
        }
        auto found = latest->results.find(r.arn);
        if (found == latest->results.end()) {
            rep.fail(where, "missing from the summary of its latest job");
            continue;
        }
        const auto& want = found->second;
        // NoResponse (its own, or its earlier one restored by an abort) ends when the offline tag
        // goes: InSync or Registered (docs/behaviour.md, "Offline robots").
        auto ended_ms = want.finish ? want.finish : latest->finished_ms;
        bool came_back = want.status == "NoResponse" && r.back_online_ms && ended_ms && *r.back_online_ms >= *ended_ms &&
                         (status == "InSync" || status == "Registered");
        if (status != want.status && !came_back) {
            rep.fail(where, "status " + status + " but job " + latest->arn.substr(latest->arn.rfind('/') + 1) +
                                " says " + want.status);
        }
        bool ended = (want.status == "InSync" || want.status == "Failed" || want.status == "NoResponse") &&
                     want.code != aborted_code;
        if (ended && !came_back &&
            (json_str(d, "lastDeploymentJob") != latest->arn || json_whole_ms(d, "lastDeploymentTime") != whole_ms(latest->created_ms))) {
            rep.fail(where, "lastDeploymentJob " + opt(json_str(d, "lastDeploymentJob")) + " is not its latest job");
        }
    }
}

void check_fleets(api_fixture& f, world& w, report& rep) {
    for (int i = 0; i < static_cast<int>(w.fleets.size()); ++i) {
        const auto& fl = w.fleets[i];
        if (fl.deleted) continue;
        auto d = parse_json(f.call("DescribeFleet", R"({"fleet":)" + quoted(fl.arn) + "}").value());
        std::vector<std::string> arns, want;
        for (const auto& r : d["robots"].GetArray()) arns.emplace_back(r["arn"].GetString());
        // DescribeFleet lists the fleet's robots newest first, by creation (SEMANTICS §4).
        for (int k : fl.robots) want.push_back(w.robots[k].arn);
        std::sort(want.begin(), want.end(), [&](const std::string& a, const std::string& b) {
            return w.robot_index(a) > w.robot_index(b);
        });
        if (arns != want) rep.fail("fleet " + fl.name, "robots differ from the registrations, or are not newest first");
        const job_model* latest = nullptr;
        for (const auto& j : w.jobs) {
            if (j.fleet == i) latest = &j;
        }
        if (latest) {
            if (json_str(d, "lastDeploymentJob") != latest->arn || json_str(d, "lastDeploymentStatus") != latest->status) {
                rep.fail("fleet " + fl.name, "lastDeployment " + opt(json_str(d, "lastDeploymentJob")) + " " +
                                                 opt(json_str(d, "lastDeploymentStatus")) + " is not its latest job");
            }
        } else if (d.HasMember("lastDeploymentJob")) {
            rep.fail("fleet " + fl.name, "lastDeploymentJob without a job");
        }
    }
}

}  // namespace

std::vector<std::string> job_model::steps() const {
    std::vector<std::string> out = {"Validating", "DownloadingExtracting"};
    if (dc) out.emplace_back("ExecutingDownloadCondition");
    if (pre) out.emplace_back("ExecutingPreLaunch");
    out.emplace_back("Launching");
    if (post) out.emplace_back("ExecutingPostLaunch");
    return out;
}

int world::robot_index(const std::string& arn) const {
    for (std::size_t i = 0; i < robots.size(); ++i) {
        if (robots[i].arn == arn) return static_cast<int>(i);
    }
    return -1;
}

std::string effective_step(const std::vector<std::string>& steps, const injected& spec) {
    const auto* info = api::engine::find_failure_code(spec.code);
    int wanted = spec.step ? step_index(spec.step)
                           : step_index(std::string(api::engine::step_name(info->default_step)));
    for (const auto& s : steps) {
        if (step_index(s) >= wanted) return s;
    }
    return "Launching";
}

std::optional<injected> injected_for(const robot_model& r, const job_model& job) {
    if (r.fail_tag) return r.fail_tag;
    if (job.env && (!job.env->robot_name || *job.env->robot_name == r.name)) return job.env;
    return std::nullopt;
}

void check_world(api_fixture& f, world& w, report& rep, bool final_check, bool full) {
    std::int64_t now = f.clock.now_ms();
    for (auto& job : w.jobs) {
        std::string where = "job " + job.arn.substr(job.arn.rfind('/') + 1);
        if (!full && !job.terminal_describe.empty()) continue;
        auto res = f.call("DescribeDeploymentJob", R"({"job":)" + quoted(job.arn) + "}");
        if (!res) {
            rep.fail(where, "DescribeDeploymentJob failed: " + res.error().type);
            continue;
        }
        auto tl = job_timeline(f, job.arn);
        if (!job.terminal_describe.empty()) {  // terminal: nothing may change any more
            if (res.value() != job.terminal_describe) rep.fail(where, "a " + job.status + " job's Describe changed");
            if (tl.raw != job.terminal_timeline) rep.fail(where, "a " + job.status + " job's timeline changed");
            continue;
        }
        job.dc_ok_always = job.dc && !job.dc_wrong_etag && job.dc_present_at_create &&
                           w.dc_deletes == job.dc_deletes_at_create &&
                           (!job.dc_etag_given || w.dc_touches == job.dc_touches_at_create);
        job_check c{f, w, job, rep, now, where, {}, {}, {}, {}, {}};
        c.read_describe(parse_json(res.value()));
        c.replay(tl);
        c.check_summary();
        job.status = c.status;
        if (is_terminal(job.status)) {
            job.terminal_describe = res.value();
            job.terminal_timeline = tl.raw;
        }
        if (final_check) c.expect(is_terminal(job.status), "still " + job.status + " after the final advance");
    }
    auto list = parse_json(f.call("ListDeploymentJobs", R"({"maxResults":200})").value());
    std::vector<std::string> listed;
    for (const auto& j : list["deploymentJobs"].GetArray()) {
        listed.emplace_back(j["arn"].GetString());
        for (const auto& job : w.jobs) {
            if (job.arn == listed.back() && job.status != j["status"].GetString()) {
                rep.fail("ListDeploymentJobs", job.arn + " listed " + j["status"].GetString() + ", described " + job.status);
            }
        }
    }
    std::vector<std::string> want;  // newest first (SEMANTICS §4)
    for (auto it = w.jobs.rbegin(); it != w.jobs.rend(); ++it) want.push_back(it->arn);
    if (listed != want) rep.fail("ListDeploymentJobs", "jobs or their order (newest first) differ from those created");
    check_robots(f, w, rep);
    if (full) check_fleets(f, w, rep);
}

}  // namespace rml::test::random_engine
