#include <catch2/catch.hpp>

#include <filesystem>

#include <rapidjson/document.h>

#include "api/control/emulator_control.hpp"
#include "tests/api/api_fixture.hpp"

using rml::test::api_fixture;

namespace {

rapidjson::Document parse(const std::string& s) {
    rapidjson::Document d;
    d.Parse(s.c_str());
    return d;
}

}  // namespace

TEST_CASE("reset deletes every resource, or only one account's") {
    api_fixture f;
    rml::store::scope other{"222222222222", "us-east-1"};
    auto fleet = f.create_fleet("mine");
    f.ok("CreateFleet", R"({"name":"theirs","tags":{"k":"v"}})", other);
    f.ok("CreateRobot", R"({"name":"r","architecture":"X86_64","greengrassGroupId":"g"})", other);

    auto scope = rml::api::control::parse_reset_scope(R"({"account":"222222222222"})");
    REQUIRE(scope);
    auto res = rml::api::control::reset_resources(f.st, scope.value());
    REQUIRE(res);
    auto d = parse(res.value());
    CHECK(d["deleted"]["fleets"].GetInt() == 1);
    CHECK(d["deleted"]["robots"].GetInt() == 1);
    CHECK(f.ok("ListFleets", "{}", other)["fleetDetails"].Size() == 0);
    CHECK(f.ok("ListFleets", "{}")["fleetDetails"].Size() == 1);
    CHECK(f.ok("CreateRobot", R"({"name":"r","architecture":"X86_64","greengrassGroupId":"g"})", other).IsObject());

    auto everything = rml::api::control::parse_reset_scope("");
    REQUIRE(everything);
    CHECK(everything.value().account.empty());
    CHECK(everything.value().region.empty());
    REQUIRE(rml::api::control::reset_resources(f.st, everything.value()));
    CHECK(f.ok("ListFleets", "{}")["fleetDetails"].Size() == 0);
    CHECK(f.st.tags.get(fleet).empty());
    CHECK_FALSE(rml::api::control::parse_reset_scope(R"({"account":5})"));
    CHECK_FALSE(rml::api::control::parse_reset_scope(std::string(200, '[')));
}

TEST_CASE("the clock can be read, switched and advanced in manual mode") {
    api_fixture f;  // manual clock at start_ms
    auto d = parse(rml::api::control::clock_state(f.st));
    CHECK(std::string(d["mode"].GetString()) == "manual");
    CHECK(d["nowMs"].GetInt64() == rml::test::start_ms);

    auto adv = rml::api::control::change_clock(f.st, R"({"advanceSeconds":90.5})");
    REQUIRE(adv);
    CHECK(parse(adv.value())["nowMs"].GetInt64() == rml::test::start_ms + 90500);
    CHECK(f.clock.now_ms() == rml::test::start_ms + 90500);

    CHECK_FALSE(rml::api::control::change_clock(f.st, R"({"advanceSeconds":-1})"));
    CHECK_FALSE(rml::api::control::change_clock(f.st, R"({"scale":0})"));
    CHECK_FALSE(rml::api::control::change_clock(f.st, R"({"mode":"sundial"})"));
    CHECK_FALSE(rml::api::control::change_clock(f.st, R"({"mode":"real","advanceSeconds":5})"));
    auto real = rml::api::control::change_clock(f.st, R"({"mode":"real","scale":60})");
    REQUIRE(real);
    CHECK(std::string(parse(real.value())["mode"].GetString()) == "real");
    CHECK(f.clock.scale() == 60.0);
}

TEST_CASE("the simulated present survives a restart on the same database") {
    auto path = std::filesystem::temp_directory_path() / "rml_api_clock_restart.db";
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    auto wall = [] { return rml::test::start_ms; };
    {
        rml::store::database db(path.string());
        rml::api::engine::clock clk(rml::api::engine::clock_mode::manual, 1.0, wall);
        rml::api::state st(db, clk, {});
        REQUIRE(rml::api::control::change_clock(st, R"({"advanceSeconds":86400})"));
    }
    {
        rml::store::database db(path.string());
        rml::api::engine::clock clk(rml::api::engine::clock_mode::manual, 1.0, wall);
        rml::api::state st(db, clk, {});
        rml::api::control::restore_clock(st);
        CHECK(clk.now_ms() == rml::test::start_ms + 86'400'000);
    }
    {
        rml::store::database db(path.string());
        rml::api::engine::clock clk(rml::api::engine::clock_mode::real, 1.0, wall);
        rml::api::state st(db, clk, {});
        rml::api::control::restore_clock(st);  // real mode does not go back to the wall clock either
        CHECK(clk.now_ms() == rml::test::start_ms + 86'400'000);
    }
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}
