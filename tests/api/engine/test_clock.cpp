#include <catch2/catch.hpp>

#include "api/engine/clock.hpp"

using namespace rml::api::engine;

TEST_CASE("a manual clock moves only when advanced") {
    std::int64_t wall = 1000;
    rml::api::engine::clock c(clock_mode::manual, 1.0, [&] { return wall; });
    CHECK(c.now_ms() == 1000);
    wall = 5000;
    CHECK(c.now_ms() == 1000);
    c.advance_ms(250);
    CHECK(c.now_ms() == 1250);
    c.advance_ms(-10);
    CHECK(c.now_ms() == 1250);
}

TEST_CASE("a real clock follows the wall clock times the scale") {
    std::int64_t wall = 1000;
    rml::api::engine::clock c(clock_mode::real, 10.0, [&] { return wall; });
    wall = 1100;
    CHECK(c.now_ms() == 2000);
    c.set_scale(1.0);  // keeps the present, changes the rate from here on
    wall = 1200;
    CHECK(c.now_ms() == 2100);
    c.set_mode(clock_mode::manual);
    wall = 9999;
    CHECK(c.now_ms() == 2100);
    c.set_mode(clock_mode::real);
    wall = 10099;
    CHECK(c.now_ms() == 2200);
}
