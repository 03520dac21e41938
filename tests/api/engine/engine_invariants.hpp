#pragma once
// The randomized engine test's model of what it did (robots, fleets, jobs, objects) and the
// invariants it checks after every clock advance, through the real operations
// (DescribeDeploymentJob, DescribeRobot, ListDeploymentJobs, DescribeFleet) and the job timeline
// (SEMANTICS §4, §6-§8; docs/engine.md). The model records only what the test did; everything
// the engine decided is read back and judged against the rules.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tests/api/deploy_fixture.hpp"

namespace rml::test::random_engine {

// An injected failure: the emulator:fail tag (CODE or CODE:STEP) or EMULATOR_FAIL
// (CODE[@STEP][:ROBOTNAME]).
struct injected {
    std::string code;
    std::optional<std::string> step;
    std::optional<std::string> robot_name;  // EMULATOR_FAIL only
};

struct robot_model {
    std::string name, arn, arch;
    std::optional<injected> fail_tag;  // set once at creation, never changed
    bool offline = false;              // emulator:offline=true now
    bool offline_ever = false;
    std::optional<std::int64_t> back_online_ms;  // the offline tag was last cleared then
    bool deleted = false;
    int fleet = -1;                    // index into world::fleets, -1: none
    std::int64_t membership_ms = 0;    // simulated time it last joined or left a fleet
};

struct fleet_model {
    std::string name, arn;
    bool deleted = false;
    std::int64_t deleted_ms = 0;
    std::vector<int> robots;  // registration order
    // The membership after every change, with the simulated time of the change.
    std::vector<std::pair<std::int64_t, std::vector<int>>> history;
};

struct job_model {
    // What the test asked for.
    std::string arn;
    int fleet = 0;
    bool sync = false;
    std::int64_t created_ms = 0;
    int concurrency = 100, threshold = 100;
    bool pre = false, post = false;
    bool dc = false;          // downloadConditionFile given
    bool dc_wrong_etag = false;
    bool dc_ok_always = true;  // object present and its etag right since creation (recomputed)
    std::int64_t dc_deletes_at_create = 0, dc_touches_at_create = 0;
    bool dc_etag_given = false, dc_present_at_create = true;
    std::optional<injected> env;
    bool cancel_requested = false;  // CancelDeploymentJob answered 200 while it was active
    // What the engine showed.
    std::string status = "Pending";
    std::optional<std::vector<std::string>> robots;  // the summary's ARNs once past Pending
    std::optional<std::int64_t> preparing_ms, in_progress_ms, finished_ms;
    std::string terminal_describe, terminal_timeline;  // frozen once terminal
    struct robot_result {
        std::string status;
        std::optional<std::string> code;
        std::optional<std::int64_t> finish;
    };
    std::map<std::string, robot_result> results;  // the summary, by robot ARN, as last described

    std::vector<std::string> steps() const;  // the steps each robot walks, without Finished
};

struct world {
    std::vector<robot_model> robots;
    std::vector<fleet_model> fleets;
    std::vector<job_model> jobs;
    std::set<std::string> supported_arch;  // architectures with a source in every version
    bool source_deleted_ever = false, source_touched_ever = false;
    bool version_deleted_ever = false;
    std::int64_t dc_deletes = 0, dc_touches = 0;
    bool dc_present = true;
    std::int64_t dc_generation = 0;

    int robot_index(const std::string& arn) const;  // -1: unknown
};

// Collects violations; the scenario stops at the first check that found any.
struct report {
    std::vector<std::string> problems;
    void fail(const std::string& where, const std::string& what) {
        if (problems.size() < 25) problems.push_back(where + ": " + what);
    }
};

// Every invariant, as of the fixture's clock. `final_check`: every job must have ended. Without
// `full`, finished jobs (frozen: compared with their first terminal Describe and timeline) and
// DescribeFleet are left for the next full check, to keep the test fast.
void check_world(api_fixture& f, world& w, report& rep, bool final_check, bool full = true);

// The step at which an injected failure strikes in a job walking `steps` (docs/engine.md: the
// requested step or the code's default, else the next step the robot walks, else Launching).
std::string effective_step(const std::vector<std::string>& steps, const injected& spec);

// The robot-level failure injected into a robot of a job (its tag first, then EMULATOR_FAIL).
std::optional<injected> injected_for(const robot_model& r, const job_model& job);

}  // namespace rml::test::random_engine
