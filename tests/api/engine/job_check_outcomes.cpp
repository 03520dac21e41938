// A job's summary judged against its timeline and the model: the robots it took, why it failed
// and how each of its robots ended.
#include "job_check.hpp"

#include <algorithm>

#include "api/engine/failure_codes.hpp"
#include "invariant_rules.hpp"

namespace rml::test::random_engine {

void job_check::check_summary() {
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
        expect(s.start == whole_ms(t.started) && s.finish == whole_ms(finish), at + ": start/finish " + opt(s.start) + "/" +
                                                               opt(s.finish) + " vs timeline " + opt(t.started) +
                                                               "/" + opt(t.ended));
        expect(s.target == job.arn, at + ": targetResource " + opt(s.target));
        expect(s.code.has_value() == s.reason.has_value(), at + ": failureReason iff failureCode");
        if (s.code) expect(api::engine::find_failure_code(*s.code), at + ": code " + *s.code + " not in the enum");
        if (s.start) {
            expect(job.in_progress_ms && *s.start >= whole_ms(*job.in_progress_ms), at + ": started before InProgress");
        }
        if (s.finish) {
            expect(*s.finish <= now && *s.finish >= s.start.value_or(whole_ms(job.created_ms)), at + ": finish out of order");
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
    // The finish to the millisecond, from the timeline (the summary shows whole seconds).
    for (const auto& s : summary) {
        const auto& t = tracks[s.arn];
        job.results[s.arn] = {s.status, s.code, s.finish ? t.ended : std::nullopt};
    }
}

// Non-sync jobs take exactly the robots registered to the fleet when they enter Preparing.
void job_check::check_membership(const std::vector<std::string>& arns) {
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

std::set<std::string> job_check::injected_job_codes() {
    std::set<std::string> out;
    for (const auto& s : summary) {
        int i = w.robot_index(s.arn);
        if (i < 0) continue;
        if (auto inj = injected_for(w.robots[i], job); inj && job_level(inj->code)) out.insert(inj->code);
    }
    return out;
}

void job_check::check_failure(int failed) {
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
void job_check::check_outcomes() {
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

}  // namespace rml::test::random_engine
