#pragma once
// The small rules the invariant checks share (engine_invariants.cpp, job_check_*.cpp): the steps,
// the job statuses, the sliding window and the failure threshold (SEMANTICS §6-§7).
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/engine/failure_codes.hpp"

namespace rml::test::random_engine {

inline constexpr std::int64_t fleet_timeout_ms = 30LL * 24 * 3600 * 1000;
inline const std::string aborted_code = "RobotDeploymentAborted";
inline const std::vector<std::string> step_names = {"Validating",         "DownloadingExtracting", "ExecutingDownloadCondition",
                                                    "ExecutingPreLaunch", "Launching",             "ExecutingPostLaunch",
                                                    "Finished"};

inline int step_index(const std::optional<std::string>& s) {
    if (!s) return -1;
    auto it = std::find(step_names.begin(), step_names.end(), *s);
    return it == step_names.end() ? -1 : static_cast<int>(it - step_names.begin());
}

inline bool is_terminal(const std::string& s) { return s == "Succeeded" || s == "Failed" || s == "Canceled"; }

inline int job_rank(const std::string& s) {
    if (s == "Pending") return 0;
    if (s == "Preparing") return 1;
    if (s == "InProgress") return 2;
    return is_terminal(s) ? 3 : -1;
}

// SEMANTICS §6: ceil(N x concurrency / 100) robots at a time.
inline int window_of(int robots, int pct) {
    if (robots <= 0) return 0;
    int w = (robots * pct + 99) / 100;
    return std::clamp(w, 1, robots);
}

inline bool breached(int failed, int robots, int threshold) { return failed > 0 && failed * 100 >= robots * threshold; }

inline bool job_level(const std::string& code) {
    const auto* info = api::engine::find_failure_code(code);
    return info && info->job_level;
}

inline std::string opt(const std::optional<std::string>& s) { return s ? *s : "(none)"; }
inline std::string opt(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "(none)"; }

}  // namespace rml::test::random_engine
