#pragma once
// The arithmetic of a deployment (SEMANTICS §6): which steps a robot walks, how many robots
// deploy at once, and when failures break the job. Pure functions, shared by the engine and tests.
#include <cstdint>
#include <vector>

#include "api/engine/timing.hpp"

namespace rml::api::engine {

// Validating, DownloadingExtracting, [ExecutingDownloadCondition], [ExecutingPreLaunch],
// Launching, [ExecutingPostLaunch], Finished: optional steps only when their file is given.
inline std::vector<robot_step> steps_for(bool download_condition, bool pre_launch, bool post_launch) {
    std::vector<robot_step> out = {robot_step::validating, robot_step::downloading_extracting};
    if (download_condition) out.push_back(robot_step::executing_download_condition);
    if (pre_launch) out.push_back(robot_step::executing_pre_launch);
    out.push_back(robot_step::launching);
    if (post_launch) out.push_back(robot_step::executing_post_launch);
    out.push_back(robot_step::finished);
    return out;
}

// The sliding window: ceil(robots * concurrency / 100), at least 1 (choice).
inline int window_size(int robots, int concurrency_percent) {
    if (robots <= 0) return 0;
    std::int64_t w = (std::int64_t{robots} * concurrency_percent + 99) / 100;
    return static_cast<int>(w < 1 ? 1 : (w > robots ? robots : w));
}

// True once failed robots reach failure_threshold_percent of the job's robots.
inline bool threshold_breached(int failed, int robots, int failure_threshold_percent) {
    return failed > 0 && robots > 0 && std::int64_t{failed} * 100 >= std::int64_t{robots} * failure_threshold_percent;
}

}  // namespace rml::api::engine
