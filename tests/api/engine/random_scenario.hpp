#pragma once
// One seeded randomized scenario against the deployment engine (test_engine_random.cpp): the
// generator and the model it keeps. random_scenario.cpp drives it (actions, clock advances,
// checks), random_scenario_world.cpp changes fleets, robots, registrations, versions, objects
// and offline tags, random_scenario_jobs.cpp creates, syncs, cancels and expires jobs.
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine_invariants.hpp"

namespace rml::test::random_engine {

inline constexpr std::int64_t day_ms = 24LL * 3600 * 1000;
inline const std::vector<std::string> robot_steps = {"Validating",         "DownloadingExtracting", "ExecutingDownloadCondition",
                                                     "ExecutingPreLaunch", "Launching",             "ExecutingPostLaunch"};
inline const std::string bucket = "rml-bucket";
inline const std::string dc_key = "cond.sh";

// RobotDeploymentAborted is left out of the injected codes: a robot that fails with it could not
// be told apart from one the job aborted.
std::vector<std::string> codes(bool job_level);

// How often each kind of outcome came up over all scenarios (the generator must reach them).
struct coverage {
    std::map<std::string, int> outcomes;
    int scenarios = 0, jobs = 0, checks = 0;
};

class scenario {
public:
    scenario(std::uint64_t seed, coverage& cov) : rng_(seed), cov_(cov) {}

    void run();
    std::string log_tail() const;

private:
    int between(int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng_); }
    std::int64_t between64(std::int64_t a, std::int64_t b) { return std::uniform_int_distribution<std::int64_t>(a, b)(rng_); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
    template <typename T>
    const T& any_of(const std::vector<T>& v) { return v[static_cast<std::size_t>(between(0, static_cast<int>(v.size()) - 1))]; }

    std::int64_t now() const { return f_->clock.now_ms(); }
    void note(const std::string& s) { log_.push_back("t=" + std::to_string(now() - start_ms) + " " + s); }

    // random_scenario.cpp: calls, checks, clock advances, the choice of action.
    rapidjson::Document ok(const std::string& op, const std::string& body);
    rml::api::result<std::string> expect(const std::string& op, const std::string& body, const std::string& want);
    void check(bool final_check = false);
    void advance(std::int64_t ms, bool final_check = false);
    void random_advance();
    void act();

    // random_scenario_world.cpp: the resources.
    void setup();
    void new_version();
    void record_membership(int fleet);
    void add_fleet(int robots);
    void add_robot(int fleet);
    void register_robot(int robot, int fleet);
    void leave_fleet(int robot);
    std::vector<int> live_fleets();
    std::vector<int> live_robots();
    void change_object();
    void versions();
    void toggle_offline();
    void delete_robot();
    void delete_fleet();
    void membership();

    // random_scenario_jobs.cpp: the jobs.
    std::string describe_status(const job_model& j);
    bool active(const std::string& s) { return s == "Pending" || s == "Preparing" || s == "InProgress"; }
    bool fleet_busy(int fleet);
    std::string token() { return "tok-" + std::to_string(tokens_++); }
    void create_job();
    void retry_create();
    void sync_job();
    void cancel();
    void expire_all();

    std::mt19937_64 rng_;
    coverage& cov_;
    std::unique_ptr<api_fixture> f_;
    world w_;
    std::vector<std::string> log_;
    std::string app_arn_, sources_json_;
    bool app_deleted_ = false;
    std::vector<std::string> versions_, source_keys_;
    std::set<std::string> deleted_;  // object keys deleted now
    int tokens_ = 0, checks_ = 0;
    std::int64_t unit_ms_ = 1000;
    double fail_rate_ = 0, offline_rate_ = 0;
    std::string last_create_, last_create_arn_;
};

}  // namespace rml::test::random_engine
