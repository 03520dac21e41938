#pragma once
// How long each part of a simulated deployment takes, in simulated milliseconds (SEMANTICS §8).
// Presets: `fast` makes a 10-robot job finish in about 3 s at time scale 1; `realistic` uses
// minutes. Every robot-step duration varies by a seeded jitter, so the same seed, job and robot
// always give the same duration, and two runs with the same seed and clock give the same timeline.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rml::api::engine {

enum class robot_step {
    validating,
    downloading_extracting,
    executing_download_condition,
    executing_pre_launch,
    launching,
    executing_post_launch,
    finished,
};

// The wire name of a step (progressDetail.currentProgress), e.g. "DownloadingExtracting".
std::string_view step_name(robot_step step);
std::optional<robot_step> step_from_name(std::string_view name);

struct step_durations {
    std::int64_t pending_ms = 0;    // Pending -> Preparing
    std::int64_t preparing_ms = 0;  // Preparing -> InProgress
    std::int64_t validating_ms = 0;
    std::int64_t downloading_ms = 0;
    std::int64_t download_condition_ms = 0;
    std::int64_t pre_launch_ms = 0;
    std::int64_t launching_ms = 0;
    std::int64_t post_launch_ms = 0;
    double jitter = 0.0;  // each robot step lasts base * (1 +/- jitter), uniformly

    std::int64_t base_ms(robot_step step) const;
};

// The named preset, or nullopt for an unknown name.
std::optional<step_durations> preset_durations(std::string_view name);

// The duration of one robot step of one job: base_ms(step) with the seeded jitter applied.
// Pure: depends only on its arguments.
std::int64_t robot_step_ms(const step_durations& d, std::uint64_t seed, std::string_view job_id, int robot_index,
                           robot_step step);

}  // namespace rml::api::engine
