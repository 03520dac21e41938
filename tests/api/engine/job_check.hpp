#pragma once
// The checks of one deployment job against its Describe and its timeline: job_check_timeline.cpp
// reads the Describe and replays the timeline, job_check_outcomes.cpp judges the summary, the
// robots taken, the failure and every robot's end (SEMANTICS §6-§8; docs/engine.md).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine_invariants.hpp"

namespace rml::test::random_engine {

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

    // job_check_timeline.cpp
    void read_describe(const rapidjson::Document& d);
    void replay(const timeline& tl);
    void robot_event(const timeline_event& e, const std::string& at, const std::string& job_status,
                     std::vector<std::string>& deploying, int& started, int win);

    // job_check_outcomes.cpp
    void check_summary();
    void check_membership(const std::vector<std::string>& arns);
    std::set<std::string> injected_job_codes();
    void check_failure(int failed);
    void check_outcomes();
};

}  // namespace rml::test::random_engine
