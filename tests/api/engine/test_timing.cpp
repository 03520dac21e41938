#include <catch2/catch.hpp>

#include "api/engine/timing.hpp"

using namespace rml::api::engine;

TEST_CASE("step names round-trip") {
    for (int i = 0; i <= static_cast<int>(robot_step::finished); ++i) {
        auto step = static_cast<robot_step>(i);
        CHECK(step_from_name(step_name(step)) == step);
    }
    CHECK(step_name(robot_step::downloading_extracting) == "DownloadingExtracting");
    CHECK_FALSE(step_from_name("Sleeping"));
}

TEST_CASE("presets exist and realistic is slower than fast") {
    auto fast = preset_durations("fast");
    auto real = preset_durations("realistic");
    REQUIRE(fast);
    REQUIRE(real);
    CHECK_FALSE(preset_durations("glacial"));
    for (int i = 0; i < static_cast<int>(robot_step::finished); ++i) {
        auto step = static_cast<robot_step>(i);
        CHECK(real->base_ms(step) > fast->base_ms(step));
    }
    // A plain robot (no optional files) in the fast preset: job set-up plus its steps stay under 3 s.
    auto plain = fast->pending_ms + fast->preparing_ms + fast->validating_ms + fast->downloading_ms + fast->launching_ms;
    CHECK(plain * (1 + fast->jitter) < 3000);
}

TEST_CASE("jitter is seeded, bounded and varies across robots") {
    auto d = *preset_durations("fast");
    auto base = d.base_ms(robot_step::downloading_extracting);
    std::int64_t lo = base, hi = base;
    for (int robot = 0; robot < 200; ++robot) {
        auto ms = robot_step_ms(d, 42, "deployment-abc", robot, robot_step::downloading_extracting);
        CHECK(ms == robot_step_ms(d, 42, "deployment-abc", robot, robot_step::downloading_extracting));
        CHECK(ms >= static_cast<std::int64_t>(base * (1 - d.jitter)) - 1);
        CHECK(ms <= static_cast<std::int64_t>(base * (1 + d.jitter)) + 1);
        lo = std::min(lo, ms);
        hi = std::max(hi, ms);
    }
    CHECK(hi - lo > base / 4);  // the spread is real, not a constant
    CHECK(robot_step_ms(d, 1, "deployment-abc", 0, robot_step::launching) !=
          robot_step_ms(d, 2, "deployment-abc", 0, robot_step::launching));
    d.jitter = 0;
    CHECK(robot_step_ms(d, 7, "x", 3, robot_step::launching) == d.launching_ms);
}
