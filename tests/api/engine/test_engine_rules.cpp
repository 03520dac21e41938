#include <catch2/catch.hpp>

#include "api/engine/rules.hpp"

using namespace rml::api::engine;

TEST_CASE("optional steps appear only with their file") {
    auto plain = steps_for(false, false, false);
    CHECK(plain == std::vector<robot_step>{robot_step::validating, robot_step::downloading_extracting,
                                           robot_step::launching, robot_step::finished});
    auto all = steps_for(true, true, true);
    CHECK(all.size() == 7);
    CHECK(all[2] == robot_step::executing_download_condition);
    CHECK(all[3] == robot_step::executing_pre_launch);
    CHECK(all[5] == robot_step::executing_post_launch);
    CHECK(steps_for(false, false, true)[3] == robot_step::executing_post_launch);
}

TEST_CASE("the window is ceil(N x concurrency / 100), at least one robot") {
    CHECK(window_size(10, 100) == 10);
    CHECK(window_size(10, 10) == 1);
    CHECK(window_size(10, 15) == 2);
    CHECK(window_size(1000, 10) == 100);
    CHECK(window_size(3, 1) == 1);
    CHECK(window_size(0, 50) == 0);
}

TEST_CASE("the failure threshold is reached exactly at the percentage") {
    CHECK_FALSE(threshold_breached(0, 10, 0));
    CHECK(threshold_breached(1, 10, 10));
    CHECK_FALSE(threshold_breached(1, 10, 11));
    CHECK(threshold_breached(2, 10, 11));
    CHECK_FALSE(threshold_breached(9, 10, 100));
    CHECK(threshold_breached(10, 10, 100));
}
