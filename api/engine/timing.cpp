#include "api/engine/timing.hpp"

#include <array>
#include <cmath>

namespace rml::api::engine {
namespace {

constexpr std::array<std::string_view, 7> names = {
    "Validating",        "DownloadingExtracting", "ExecutingDownloadCondition", "ExecutingPreLaunch",
    "Launching",         "ExecutingPostLaunch",   "Finished",
};

// splitmix64: a small, well-mixed, portable hash step; the same on every platform and build.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

}  // namespace

std::string_view step_name(robot_step step) { return names[static_cast<std::size_t>(step)]; }

std::optional<robot_step> step_from_name(std::string_view name) {
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) return static_cast<robot_step>(i);
    }
    return std::nullopt;
}

std::int64_t step_durations::base_ms(robot_step step) const {
    switch (step) {
        case robot_step::validating: return validating_ms;
        case robot_step::downloading_extracting: return downloading_ms;
        case robot_step::executing_download_condition: return download_condition_ms;
        case robot_step::executing_pre_launch: return pre_launch_ms;
        case robot_step::launching: return launching_ms;
        case robot_step::executing_post_launch: return post_launch_ms;
        case robot_step::finished: return 0;
    }
    return 0;
}

std::optional<step_durations> preset_durations(std::string_view name) {
    if (name == "fast") {
        // A robot without optional files needs ~1.6 s; with the job's ~0.6 s of set-up and a
        // window of 10 robots, a 10-robot job finishes in about 2.5-3 s of simulated time.
        return step_durations{200, 400, 150, 900, 150, 200, 400, 200, 0.2};
    }
    if (name == "realistic") {
        return step_durations{5'000, 30'000, 10'000, 180'000, 15'000, 30'000, 60'000, 30'000, 0.25};
    }
    return std::nullopt;
}

std::int64_t robot_step_ms(const step_durations& d, std::uint64_t seed, std::string_view job_id, int robot_index,
                           robot_step step) {
    std::uint64_t h = mix(seed);
    for (char c : job_id) h = mix(h ^ static_cast<unsigned char>(c));
    h = mix(h ^ static_cast<std::uint64_t>(robot_index));
    h = mix(h ^ static_cast<std::uint64_t>(step));
    double unit = static_cast<double>(h >> 11) / static_cast<double>(1ULL << 53);  // [0, 1)
    double factor = 1.0 + d.jitter * (2.0 * unit - 1.0);
    return std::llround(static_cast<double>(d.base_ms(step)) * factor);
}

}  // namespace rml::api::engine
