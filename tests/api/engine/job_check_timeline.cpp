// A job's Describe read into the check, and its timeline replayed: the job's and each robot's
// transitions, their order and times, and the sliding window instant by instant.
#include "job_check.hpp"

#include <algorithm>

#include "invariant_rules.hpp"

namespace rml::test::random_engine {

void job_check::read_describe(const rapidjson::Document& d) {
    status = d["status"].GetString();
    code = json_str(d, "failureCode");
    expect(json_str(d, "arn") == job.arn, "arn");
    expect(json_whole_ms(d, "createdAt") == whole_ms(job.created_ms), "createdAt " + opt(json_ms(d, "createdAt")));
    expect(job_rank(status) >= 0, "unknown status " + status);
    expect(job_rank(status) >= job_rank(job.status), "status went back from " + job.status + " to " + status);
    expect((status == "Failed") == code.has_value(), "status " + status + " with failureCode " + opt(code));
    expect(code.has_value() == json_str(d, "failureReason").has_value(), "failureReason iff failureCode");
    if (code) expect(job_level(*code), "job failureCode " + *code + " is not a job-level code of the enum");
    for (const auto& r : d["robotDeploymentSummary"].GetArray()) {
        summary_entry s;
        s.arn = r["arn"].GetString();
        s.status = r["status"].GetString();
        s.start = json_whole_ms(r, "deploymentStartTime");  // whole seconds (SEMANTICS §2)
        s.finish = json_whole_ms(r, "deploymentFinishTime");
        s.code = json_str(r, "failureCode");
        s.reason = json_str(r, "failureReason");
        const auto& p = r["progressDetail"];
        s.step = json_str(p, "currentProgress");
        s.target = json_str(p, "targetResource");
        if (p.HasMember("percentDone")) s.has_percent = true, s.percent = p["percentDone"].GetDouble();
        if (p.HasMember("estimatedTimeRemainingSeconds")) {
            s.has_eta = true;
            s.eta = p["estimatedTimeRemainingSeconds"].GetInt64();
        }
        summary.push_back(std::move(s));
    }
}

// Job and robot transitions in order; the sliding window replayed instant by instant.
void job_check::replay(const timeline& tl) {
    expect(tl.status == status, "timeline status " + tl.status + " but Describe says " + status);
    const auto& ev = tl.events;
    expect(!ev.empty() && !ev[0].robot && ev[0].new_status == "Pending" && !ev[0].old_status &&
               ev[0].time_ms == job.created_ms,
           "the timeline does not start with the job's Pending at createdAt");
    std::string job_status;
    std::int64_t last_t = job.created_ms;
    std::vector<std::string> deploying;  // in start order
    int started = 0;
    int win = 0;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        const auto& e = ev[i];
        std::string at = "event " + std::to_string(i) + " (" + e.arn.substr(e.arn.rfind('/') + 1) + " " +
                         opt(e.old_status) + "->" + e.new_status + " t=" + std::to_string(e.time_ms) + ")";
        expect(e.time_ms >= last_t, at + ": time went backwards from " + std::to_string(last_t));
        expect(e.time_ms <= now, at + ": in the future (now " + std::to_string(now) + ")");
        last_t = e.time_ms;
        if (!e.robot) {
            expect(e.arn == job.arn, at + ": job event for another ARN");
            if (i > 0) expect(e.old_status == job_status, at + ": oldStatus is not " + job_status);
            bool ok = (i == 0 && e.new_status == "Pending") ||
                      (job_status == "Pending" && (e.new_status == "Preparing" || e.new_status == "Failed" ||
                                                   e.new_status == "Canceled")) ||
                      (job_status == "Preparing" && (e.new_status == "InProgress" || e.new_status == "Failed" ||
                                                     e.new_status == "Canceled")) ||
                      (job_status == "InProgress" && is_terminal(e.new_status));
            expect(ok, at + ": job transition not allowed");
            job_status = e.new_status;
            if (e.new_status == "Preparing") job.preparing_ms = e.time_ms;
            if (e.new_status == "InProgress") {
                job.in_progress_ms = e.time_ms;
                win = window_of(static_cast<int>(prepared.size()), job.concurrency);
            }
            if (is_terminal(e.new_status)) {
                job.finished_ms = e.time_ms;
                expect(e.failure_code == code, at + ": failureCode " + opt(e.failure_code) + " vs " + opt(code));
            }
        } else {
            robot_event(e, at, job_status, deploying, started, win);
        }
        bool instant_over = i + 1 == ev.size() || ev[i + 1].time_ms != e.time_ms;
        if (instant_over && job_status == "InProgress") {
            bool queued = std::any_of(tracks.begin(), tracks.end(),
                                      [](const auto& t) { return t.second.status == "PendingNewDeployment"; });
            if (queued) {
                expect(static_cast<int>(deploying.size()) == win,
                       at + ": " + std::to_string(deploying.size()) + " deploying with robots queued and a window of " +
                           std::to_string(win));
            }
        }
    }
    if (!tl.events.empty()) expect(job_status == status, "the last job event says " + job_status);
    if (is_terminal(status) && job.preparing_ms) {
        for (const auto& [arn, t] : tracks) {
            expect(t.ends == 1, arn + " has " + std::to_string(t.ends) + " terminal transitions in a finished job");
        }
    }
}

void job_check::robot_event(const timeline_event& e, const std::string& at, const std::string& job_status,
                            std::vector<std::string>& deploying, int& started, int win) {
    auto it = tracks.find(e.arn);
    if (it == tracks.end()) {
        expect(e.new_status == "PendingNewDeployment", at + ": first robot event is not PendingNewDeployment");
        expect(job_status == "Preparing" && job.preparing_ms == e.time_ms, at + ": robot taken outside Preparing");
        expect(e.old_status && *e.old_status != "PendingNewDeployment" && *e.old_status != "Deploying",
               at + ": prior status " + opt(e.old_status));
        robot_track t;
        t.position = static_cast<int>(prepared.size());
        t.prior = e.old_status.value_or("");
        t.status = e.new_status;
        tracks.emplace(e.arn, t);
        prepared.push_back(e.arn);
        return;
    }
    auto& t = it->second;
    expect(t.ends == 0, at + ": event after the robot's deployment ended");
    expect(e.old_status == t.status, at + ": oldStatus is not " + t.status);
    expect(job_status == "InProgress" || e.new_status == t.prior,
           at + ": robot moved while the job is " + job_status);
    auto in_plan = [&](const std::optional<std::string>& s) {
        auto steps = job.steps();
        return s && std::find(steps.begin(), steps.end(), *s) != steps.end();
    };
    bool ended = false;
    if (e.new_status == "Deploying") {
        expect(in_plan(e.step), at + ": step " + opt(e.step) + " not in the job's plan");
        if (t.status == "PendingNewDeployment") {
            expect(e.step == std::optional<std::string>("Validating"), at + ": first step " + opt(e.step));
            expect(t.position == started, at + ": robot " + std::to_string(t.position) + " started as number " +
                                              std::to_string(started) + " (registration order)");
            ++started;
            t.started = e.time_ms;
            deploying.push_back(e.arn);
            expect(static_cast<int>(deploying.size()) <= win,
                   at + ": " + std::to_string(deploying.size()) + " robots deploying, window " + std::to_string(win));
        } else {
            expect(step_index(e.step) >= step_index(t.step), at + ": step went back from " + opt(t.step));
        }
        expect(!e.failure_code, at + ": failureCode while deploying");
    } else if (e.failure_code == aborted_code && e.new_status == t.prior) {
        ended = true;
        t.aborted = true;
        expect(e.step == t.step, at + ": the aborted robot's step changed");
    } else {
        ended = true;
        expect(t.status == "Deploying", at + ": ended without deploying");
        if (e.new_status == "InSync") {
            expect(!e.failure_code && e.step == std::optional<std::string>("Finished"), at + ": InSync not Finished");
        } else if (e.new_status == "NoResponse") {
            expect(e.failure_code == std::optional<std::string>("RobotDeploymentNoResponse"),
                   at + ": NoResponse with code " + opt(e.failure_code));
        } else if (e.new_status == "Failed") {
            expect(e.failure_code && !job_level(*e.failure_code) && *e.failure_code != aborted_code,
                   at + ": Failed with code " + opt(e.failure_code));
            expect(e.step == t.step, at + ": failed at another step than it was in (" + opt(t.step) + ")");
        } else {
            expect(false, at + ": robot transition not allowed");
        }
    }
    if (ended) {
        ++t.ends;
        t.ended = e.time_ms;
        std::erase(deploying, e.arn);
    }
    t.status = e.new_status;
    t.step = e.step;
    t.code = e.failure_code;
}

}  // namespace rml::test::random_engine
