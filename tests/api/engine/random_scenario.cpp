// The scenario's driver: the run, its calls to the operations, the checks and clock advances,
// and the random choice of the next action.
#include "random_scenario.hpp"

#include <cstdlib>
#include <stdexcept>

#include "api/engine/failure_codes.hpp"

namespace rml::test::random_engine {

// The injected codes (random_scenario.hpp).
std::vector<std::string> codes(bool job_level) {
    std::vector<std::string> out;
    for (const auto& c : rml::api::engine::failure_codes) {
        if (c.job_level == job_level && c.code != "RobotDeploymentAborted") out.emplace_back(c.code);
    }
    return out;
}

void scenario::run() {
    setup();
    int actions = between(15, 50);
    for (int i = 0; i < actions; ++i) act();
    advance(between(0, 10) * unit_ms_);
    advance(31 * day_ms, true);  // every job ends within 30 days of InProgress
    if (chance(0.15)) expire_all();
    ++cov_.scenarios;
    cov_.jobs += static_cast<int>(w_.jobs.size());
    for (const auto& j : w_.jobs) {
        ++cov_.outcomes["job " + j.status];
        if (j.status == "Failed") {
            auto d = parse_json(j.terminal_describe);
            ++cov_.outcomes["job code " + std::string(d["failureCode"].GetString())];
        }
        for (const auto& [arn, r] : j.results) {
            ++cov_.outcomes["robot " + r.status];
            if (r.code) ++cov_.outcomes["robot code " + *r.code];
        }
    }
}

std::string scenario::log_tail() const {
    std::string out;
    std::size_t keep = std::getenv("RML_RANDOM_LOG") ? log_.size() : 40;  // RML_RANDOM_LOG=1: all of it
    std::size_t from = log_.size() > keep ? log_.size() - keep : 0;
    for (std::size_t i = from; i < log_.size(); ++i) out += "  " + log_[i] + "\n";
    return out;
}

rapidjson::Document scenario::ok(const std::string& op, const std::string& body) {
    auto r = f_->call(op, body);
    if (!r) throw std::runtime_error(op + " " + body + " failed: " + r.error().type + ": " + r.error().message);
    return parse_json(r.value());
}

// An operation whose outcome the model predicts: "" for success, else the error type.
rml::api::result<std::string> scenario::expect(const std::string& op, const std::string& body, const std::string& want) {
    auto r = f_->call(op, body);
    std::string got = r ? "" : r.error().type;
    note(op + " -> " + (got.empty() ? "200" : got));
    if (got != want) {
        throw std::runtime_error(op + " " + body + ": expected " + (want.empty() ? "success" : want) + ", got " +
                                 (got.empty() ? "success" : got + ": " + r.error().message));
    }
    return r;
}

void scenario::check(bool final_check) {
    report rep;
    check_world(*f_, w_, rep, final_check, final_check || ++checks_ % 3 == 0);
    ++cov_.checks;
    if (!rep.problems.empty()) {
        std::string msg = "invariant violated at t=" + std::to_string(now() - start_ms) + ":";
        for (const auto& p : rep.problems) msg += "\n  " + p;
        throw std::runtime_error(msg);
    }
}

void scenario::advance(std::int64_t ms, bool final_check) {
    note("advance " + std::to_string(ms) + " ms");
    advance_clock(*f_, ms);
    check(final_check);
}

void scenario::random_advance() {
    int a = between(0, 99);
    std::int64_t ms = a < 5    ? 0
                      : a < 20 ? between64(1, 50)
                      : a < 50 ? between64(unit_ms_ / 20, unit_ms_ / 2)
                      : a < 80 ? between64(unit_ms_ / 2, 3 * unit_ms_)
                      : a < 97 ? between64(3 * unit_ms_, 30 * unit_ms_)
                               : between64(30 * unit_ms_, 3000 * unit_ms_);
    advance(ms);
}

void scenario::act() {
    int a = between(0, 99);
    if (a < 45) return random_advance();
    if (a < 60) return create_job();
    if (a < 62) return sync_job();
    if (a < 66) return cancel();
    if (a < 70) return change_object();
    if (a < 72) return versions();
    if (a < 78) return toggle_offline();
    if (a < 80) return delete_robot();
    if (a < 81) return delete_fleet();
    if (a < 82) return add_fleet(between(1, 10));
    if (a < 87) return membership();
    if (a < 89) return retry_create();
    random_advance();
}

}  // namespace rml::test::random_engine
