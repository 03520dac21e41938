#include "engine_invariants.hpp"

#include <algorithm>
#include <map>

#include "api/engine/failure_codes.hpp"

namespace rml::test::random_engine {
namespace {

constexpr std::int64_t fleet_timeout_ms = 30LL * 24 * 3600 * 1000;
const std::string aborted_code = "RobotDeploymentAborted";
const std::vector<std::string> step_names = {"Validating",         "DownloadingExtracting", "ExecutingDownloadCondition",
                                             "ExecutingPreLaunch", "Launching",             "ExecutingPostLaunch",
                                             "Finished"};

int step_index(const std::optional<std::string>& s) {
    if (!s) return -1;
    auto it = std::find(step_names.begin(), step_names.end(), *s);
    return it == step_names.end() ? -1 : static_cast<int>(it - step_names.begin());
}

bool is_terminal(const std::string& s) { return s == "Succeeded" || s == "Failed" || s == "Canceled"; }

int job_rank(const std::string& s) {
    if (s == "Pending") return 0;
    if (s == "Preparing") return 1;
    if (s == "InProgress") return 2;
    return is_terminal(s) ? 3 : -1;
}

// SEMANTICS §6: ceil(N x concurrency / 100) robots at a time.
int window_of(int robots, int pct) {
    if (robots <= 0) return 0;
    int w = (robots * pct + 99) / 100;
    return std::clamp(w, 1, robots);
}

bool breached(int failed, int robots, int threshold) { return failed > 0 && failed * 100 >= robots * threshold; }

bool job_level(const std::string& code) {
    const auto* info = api::engine::find_failure_code(code);
    return info && info->job_level;
}

std::string opt(const std::optional<std::string>& s) { return s ? *s : "(none)"; }
std::string opt(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "(none)"; }

// One robotDeploymentSummary entry.
struct summary_entry {
    std::string arn, status;
    std::optional<std::int64_t> start, finish;
    std::optional<std::string> step, code, reason, target;
    bool has_percent = false, has_eta = false;
    double percent = 0;
    std::int64_t eta = 0;
};

// What a job's timeline says about one of its robots.
struct robot_track {
    int position = 0;
    std::string prior;   // status before the job
    std::string status;  // after its latest event
    std::optional<std::string> step, code;
    std::optional<std::int64_t> started, ended;
    int ends = 0;
    bool aborted = false;
};

struct job_check {
    api_fixture& f;
    world& w;
    job_model& job;
    report& rep;
    std::int64_t now;
    std::string where;
    std::vector<summary_entry> summary;
    std::string status;
    std::optional<std::string> code;
    std::map<std::string, robot_track> tracks;
    std::vector<std::string> prepared;  // robots in the order the timeline took them

    void expect(bool ok, const std::string& what) {
        if (!ok) rep.fail(where, what);
    }

    void read_describe(const rapidjson::Document& d) {
        status = d["status"].GetString();
        code = json_str(d, "failureCode");
        expect(json_str(d, "arn") == job.arn, "arn");
        expect(json_ms(d, "createdAt") == job.created_ms, "createdAt " + opt(json_ms(d, "createdAt")));
        expect(job_rank(status) >= 0, "unknown status " + status);
        expect(job_rank(status) >= job_rank(job.status), "status went back from " + job.status + " to " + status);
        expect((status == "Failed") == code.has_value(), "status " + status + " with failureCode " + opt(code));
        expect(code.has_value() == json_str(d, "failureReason").has_value(), "failureReason iff failureCode");
        if (code) expect(job_level(*code), "job failureCode " + *code + " is not a job-level code of the enum");
        for (const auto& r : d["robotDeploymentSummary"].GetArray()) {
            summary_entry s;
            s.arn = r["arn"].GetString();
            s.status = r["status"].GetString();
            s.start = json_ms(r, "deploymentStartTime");
            s.finish = json_ms(r, "deploymentFinishTime");
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
    void replay(const timeline& tl) {
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

    void robot_event(const timeline_event& e, const std::string& at, const std::string& job_status,
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

    void check_summary() {
        if (status == "Pending") expect(summary.empty(), "robots in the summary of a Pending job");
        std::vector<std::string> arns;
        for (const auto& s : summary) arns.push_back(s.arn);
        if (job.preparing_ms) expect(arns == prepared, "summary robots differ from those the timeline took");
        if (status != "Pending") {
            if (!job.robots) job.robots = arns;
            expect(*job.robots == arns, "the summary's robots changed after Preparing");
        }
        if (job.preparing_ms) check_membership(arns);
        int failed = 0;
        for (const auto& s : summary) {
            int ri = w.robot_index(s.arn);
            std::string at = "robot " + (ri < 0 ? s.arn : w.robots[ri].name) + " (" + s.status + ")";
            auto& t = tracks[s.arn];
            expect(s.status == t.status && s.code == t.code && s.step == t.step,
                   at + ": summary " + opt(s.code) + "/" + opt(s.step) + " differs from its timeline " + t.status + "/" +
                       opt(t.code) + "/" + opt(t.step));
            // A robot aborted while still queued never started, nor finished.
            std::optional<std::int64_t> finish;
            if (t.started) finish = t.ended;
            expect(s.start == t.started && s.finish == finish, at + ": start/finish " + opt(s.start) + "/" +
                                                                   opt(s.finish) + " vs timeline " + opt(t.started) +
                                                                   "/" + opt(t.ended));
            expect(s.target == job.arn, at + ": targetResource " + opt(s.target));
            expect(s.code.has_value() == s.reason.has_value(), at + ": failureReason iff failureCode");
            if (s.code) expect(api::engine::find_failure_code(*s.code), at + ": code " + *s.code + " not in the enum");
            if (s.start) expect(job.in_progress_ms && *s.start >= *job.in_progress_ms, at + ": started before InProgress");
            if (s.finish) {
                expect(*s.finish <= now && *s.finish >= s.start.value_or(job.created_ms), at + ": finish out of order");
            }
            bool downloading = s.status == "Deploying" && s.step == std::optional<std::string>("DownloadingExtracting");
            expect(s.has_percent == downloading && s.has_eta == downloading, at + ": percentDone outside downloading");
            if (s.has_percent) expect(s.percent >= 0 && s.percent <= 100 && s.eta >= 0, at + ": percentDone range");
            if (s.status == "PendingNewDeployment" || s.status == "Deploying") {
                expect(!is_terminal(status), at + ": still " + s.status + " in a " + status + " job");
                expect(!s.code && !s.finish, at + ": code or finish while " + s.status);
            } else if (t.aborted) {
                expect(s.code == aborted_code && s.status == t.prior, at + ": aborted robot not back to " + t.prior);
                expect(t.ended == job.finished_ms, at + ": aborted at another time than the job ended");
            } else {
                expect(s.finish.has_value(), at + ": ended without deploymentFinishTime");
                if (s.status == "InSync") expect(!s.code, at + ": InSync with a code");
                if (s.status == "Failed" || s.status == "NoResponse") ++failed;
            }
        }
        if (status == "Succeeded") {
            expect(job.in_progress_ms.has_value(), "Succeeded without InProgress");
            for (const auto& s : summary) expect(!tracks[s.arn].aborted, "aborted robot in a Succeeded job");
            expect(!breached(failed, static_cast<int>(summary.size()), job.threshold),
                   "Succeeded with " + std::to_string(failed) + " of " + std::to_string(summary.size()) +
                       " failed, threshold " + std::to_string(job.threshold));
        }
        if (status == "Canceled") expect(job.cancel_requested, "Canceled though nobody canceled it");
        if (status == "Failed") check_failure(failed);
        if (is_terminal(status)) check_outcomes();
        job.results.clear();
        for (const auto& s : summary) job.results[s.arn] = {s.status, s.code, s.finish};
    }

    // Non-sync jobs take exactly the robots registered to the fleet when they enter Preparing.
    void check_membership(const std::vector<std::string>& arns) {
        const auto& fleet = w.fleets[job.fleet];
        const std::vector<int>* members = nullptr;
        for (const auto& [t, list] : fleet.history) {
            if (t < *job.preparing_ms) members = &list;
        }
        std::vector<std::string> expected;
        if (members) {
            for (int i : *members) expected.push_back(w.robots[i].arn);
        }
        if (!job.sync) {
            expect(arns == expected, "the job took " + std::to_string(arns.size()) + " robots, the fleet had " +
                                         std::to_string(expected.size()) + " when it entered Preparing");
        } else {
            std::size_t k = 0;
            for (const auto& a : expected) {
                if (k < arns.size() && arns[k] == a) ++k;
            }
            expect(k == arns.size(), "a sync job took robots that were not in the fleet, or out of order");
        }
    }

    std::set<std::string> injected_job_codes() {
        std::set<std::string> out;
        for (const auto& s : summary) {
            int i = w.robot_index(s.arn);
            if (i < 0) continue;
            if (auto inj = injected_for(w.robots[i], job); inj && job_level(inj->code)) out.insert(inj->code);
        }
        return out;
    }

    void check_failure(int failed) {
        if (!code) return;
        auto injected = injected_job_codes();
        bool inj = injected.count(*code) > 0;
        std::string c = *code;
        if (c == "FailureThresholdBreached" && !inj) {
            int n = static_cast<int>(summary.size());
            expect(breached(failed, n, job.threshold) && !breached(failed - 1, n, job.threshold),
                   "FailureThresholdBreached with " + std::to_string(failed) + " of " + std::to_string(n) +
                       " failed, threshold " + std::to_string(job.threshold));
        } else if (c == "DeploymentFleetDoesNotExist") {
            expect(inj || (w.fleets[job.fleet].deleted && w.fleets[job.fleet].deleted_ms == job.finished_ms),
                   "DeploymentFleetDoesNotExist, but the fleet was not deleted when the job ended");
        } else if (c == "RobotApplicationDoesNotExist") {
            expect(inj || w.version_deleted_ever, "RobotApplicationDoesNotExist without a deleted version");
        } else if (c == "ResourceNotFound") {
            expect(inj || w.source_deleted_ever, "ResourceNotFound without a deleted source object");
        } else if (c == "EtagMismatch") {
            expect(inj || w.source_touched_ever, "EtagMismatch without a changed source object");
        } else if (c == "FleetDeploymentTimeout") {
            expect(inj || (job.in_progress_ms && job.finished_ms && *job.finished_ms - *job.in_progress_ms >= fleet_timeout_ms),
                   "FleetDeploymentTimeout before 30 days");
        } else {
            expect(inj, "job failed with " + c + ", which nothing injected");
        }
        if (!job.in_progress_ms) {
            for (const auto& s : summary) expect(tracks[s.arn].aborted, s.arn + " not aborted by a failed Preparing");
        }
    }

    // Each robot's end follows from what was injected and what the test did (SEMANTICS §7).
    void check_outcomes() {
        auto steps = job.steps();
        for (const auto& s : summary) {
            const auto& t = tracks[s.arn];
            int i = w.robot_index(s.arn);
            if (t.aborted || i < 0 || w.robots[i].deleted) continue;  // a deleted robot lost its tags
            const auto& r = w.robots[i];
            std::string at = "robot " + r.name + " (" + r.arch + ", " + s.status + " " + opt(s.code) + " at " +
                             opt(s.step) + ")";
            auto inj = injected_for(r, job);
            if (inj && job_level(inj->code)) continue;  // the job failed at Preparing
            // Decided as the job leaves Preparing, ahead of any injected robot failure.
            bool arch_ok = w.supported_arch.count(r.arch) > 0;
            if (s.status == "InSync") {
                expect(!inj, at + ": InSync though " + (inj ? inj->code : "") + " was injected");
                expect(arch_ok, at + ": InSync without a source for its architecture");
                expect(!job.dc_wrong_etag, at + ": InSync past a download condition with a wrong etag");
            } else if (s.status == "NoResponse") {
                expect(r.offline_ever || (inj && inj->code == "RobotDeploymentNoResponse"),
                       at + ": NoResponse but never offline");
            } else if (s.status == "Failed") {
                bool ok = false;
                if (inj && inj->code == s.code && effective_step(steps, *inj) == s.step) ok = true;
                if (!arch_ok && s.code == std::optional<std::string>("MissingRobotApplicationArchitecture") &&
                    s.step == std::optional<std::string>("Validating")) {
                    ok = true;
                }
                if (job.dc && !job.dc_ok_always && s.code == std::optional<std::string>("DownloadConditionFailed") &&
                    s.step == std::optional<std::string>("ExecutingDownloadCondition")) {
                    ok = true;
                }
                expect(ok, at + ": a failure nothing explains (injected " + (inj ? inj->code : "none") + " at " +
                               (inj ? effective_step(steps, *inj) : "-") + ")");
            }
            if (!arch_ok && s.status != "NoResponse") {
                expect(s.status == "Failed" && s.code == std::optional<std::string>("MissingRobotApplicationArchitecture") &&
                           s.step == std::optional<std::string>("Validating"),
                       at + ": no source for its architecture, yet not MissingRobotApplicationArchitecture at Validating");
            }
        }
    }
};

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
            (json_str(d, "lastDeploymentJob") != latest->arn || json_ms(d, "lastDeploymentTime") != latest->created_ms)) {
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
        for (int k : fl.robots) want.push_back(w.robots[k].arn);
        if (arns != want) rep.fail("fleet " + fl.name, "robots differ from the registrations");
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
    std::vector<std::string> want;
    for (const auto& job : w.jobs) want.push_back(job.arn);
    if (listed != want) rep.fail("ListDeploymentJobs", "jobs or their order differ from those created");
    check_robots(f, w, rep);
    if (full) check_fleets(f, w, rep);
}

}  // namespace rml::test::random_engine
